package domain

import (
	"cmp"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestScoreExperience(t *testing.T) {
	tests := []struct {
		name       string
		exps       []ExperienceInput
		comp       string
		score      float64
		confidence float64
		sources    []ScoreSource
	}{
		{"zero years is no evidence", []ExperienceInput{scoreExp("sales", 0)}, "communication", 0, 0, []ScoreSource{}},
		{"one year ramps to 0.52", []ExperienceInput{scoreExp("sales", 1)}, "communication", 1.6, 0.33,
			[]ScoreSource{{Kind: SourceExperience, Ref: "sales", Proficiency: 1.56, Weight: 1, Years: 1}}},
		{"two and a half years ramps to 0.7", []ExperienceInput{scoreExp("sales", 2.5)}, "communication", 2.1, 0.33, nil},
		{"full years give the full evidence", []ExperienceInput{scoreExp("sales", 5)}, "communication", 3, 0.33, nil},
		{"more than full years is capped", []ExperienceInput{scoreExp("sales", 20)}, "communication", 3, 0.33, nil},
		{"best experience wins plus breadth", []ExperienceInput{scoreExp("bartending", 5), scoreExp("sales", 5)}, "communication", 3.3, 0.33,
			[]ScoreSource{
				{Kind: SourceExperience, Ref: "sales", Proficiency: 3.25, Weight: 1, Years: 5, Bonus: 0.25},
				{Kind: SourceExperience, Ref: "bartending", Proficiency: 2, Weight: 0, Years: 5},
			}},
		{"ties go to the first slug", []ExperienceInput{scoreExp("sales", 5), scoreExp("bartending", 5)}, "listening", 2.3, 0.33,
			[]ScoreSource{
				{Kind: SourceExperience, Ref: "bartending", Proficiency: 2.25, Weight: 1, Years: 5, Bonus: 0.25},
				{Kind: SourceExperience, Ref: "sales", Proficiency: 2, Weight: 0, Years: 5},
			}},
		{"breadth bonus is capped", []ExperienceInput{scoreExp("sales", 5), scoreExp("teaching", 5), scoreExp("social-media-specialist", 5), scoreExp("bartending", 5)},
			"communication", 3.5, 0.33, nil},
		{"breadth needs proficiency 2", []ExperienceInput{scoreExp("sales", 5), scoreExp("social-media-specialist", 5)}, "measurement", 2, 0.33,
			[]ScoreSource{{Kind: SourceExperience, Ref: "social-media-specialist", Proficiency: 2, Weight: 1, Years: 5}}},
		{"breadth needs years", []ExperienceInput{scoreExp("sales", 5), scoreExp("teaching", 0)}, "communication", 3, 0.33, nil},
		{"years in one background add up", []ExperienceInput{scoreExp("sales", 2), scoreExp("sales", 3)}, "communication", 3, 0.33,
			[]ScoreSource{{Kind: SourceExperience, Ref: "sales", Proficiency: 3, Weight: 1, Years: 5}}},
		{"a background that evidences nothing gives nothing", []ExperienceInput{scoreExp("teaching", 10)}, "social-media", 0, 0, []ScoreSource{}},
	}
	s := newTestScorer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := scoreComp(t, mustScore(t, s, ScoreInput{Experiences: tt.exps}), tt.comp)
			if c.Score != tt.score || c.Confidence != tt.confidence {
				t.Errorf("score, confidence = %v, %v; want %v, %v", c.Score, c.Confidence, tt.score, tt.confidence)
			}
			if tt.sources != nil && !reflect.DeepEqual(c.Sources, tt.sources) {
				t.Errorf("sources = %+v\nwant %+v", c.Sources, tt.sources)
			}
		})
	}
}

func TestScoreExperienceCappedAtFour(t *testing.T) {
	f := scoreTestFramework()
	f.Backgrounds[1].Evidence = append(f.Backgrounds[1].Evidence, Evidence{Competency: "social-media", Proficiency: 2})
	s, err := NewScorer(f)
	if err != nil {
		t.Fatal(err)
	}
	c := scoreComp(t, mustScore(t, s, ScoreInput{Experiences: []ExperienceInput{scoreExp("teaching", 5), scoreExp("social-media-specialist", 5)}}), "social-media")
	if c.Score != 4 || c.Sources[0].Bonus != 0 {
		t.Errorf("score %v bonus %v; want 4 and 0 (the bonus cannot pass the top of the scale)", c.Score, c.Sources[0].Bonus)
	}
}

func TestScoreSelfAndReviewers(t *testing.T) {
	expSrc := func(ref string, p, years float64) ScoreSource {
		return ScoreSource{Kind: SourceExperience, Ref: ref, Proficiency: p, Weight: 1, Years: years}
	}
	tests := []struct {
		name       string
		in         ScoreInput
		comp       string
		score      float64
		confidence float64
		sources    []ScoreSource
	}{
		{"lone unsupported self-rating is discounted", ScoreInput{SelfRatings: []SelfRating{{Competency: "communication", Proficiency: 4}}},
			"communication", 0.9, 0.22, []ScoreSource{expSrc("", 0, 0), {Kind: SourceSelf, Ref: "self", Proficiency: 4, Weight: 0.3}}},
		{"blank evidence is unsupported", ScoreInput{SelfRatings: []SelfRating{{Competency: "communication", Proficiency: 4, Evidence: " \n\t"}}},
			"communication", 0.9, 0.22, nil},
		{"evidence text weighs more", ScoreInput{SelfRatings: []SelfRating{{Competency: "communication", Proficiency: 4, Evidence: "Ran a 400-member forum"}}},
			"communication", 1.5, 0.27, []ScoreSource{expSrc("", 0, 0), {Kind: SourceSelf, Ref: "self", Proficiency: 4, Weight: 0.6}}},
		{"self-rating blends with experience", ScoreInput{
			Experiences: []ExperienceInput{scoreExp("sales", 5)},
			SelfRatings: []SelfRating{{Competency: "communication", Proficiency: 2, Evidence: "yes"}},
		}, "communication", 2.6, 0.47, nil},
		{"reviewers are averaged", ScoreInput{Reviews: []ReviewerRating{
			{Reviewer: "b", Competency: "stakeholder-influence", Proficiency: 2}, {Reviewer: "a", Competency: "stakeholder-influence", Proficiency: 4},
		}}, "stakeholder-influence", 1.8, 0.42, []ScoreSource{
			expSrc("", 0, 0),
			{Kind: SourceReviewer, Ref: "a", Proficiency: 4, Weight: 0.75},
			{Kind: SourceReviewer, Ref: "b", Proficiency: 2, Weight: 0.75},
		}},
		{"a reviewer rating twice counts once", ScoreInput{Reviews: []ReviewerRating{
			{Reviewer: "a", Competency: "listening", Proficiency: 4}, {Reviewer: "b", Competency: "listening", Proficiency: 3},
			{Reviewer: "a", Competency: "listening", Proficiency: 2},
		}}, "listening", 1.8, 0.52, []ScoreSource{
			expSrc("", 0, 0),
			{Kind: SourceReviewer, Ref: "a", Proficiency: 3, Weight: 0.75},
			{Kind: SourceReviewer, Ref: "b", Proficiency: 3, Weight: 0.75},
		}},
		{"all three sources", ScoreInput{
			Experiences: []ExperienceInput{scoreExp("sales", 5)},
			SelfRatings: []SelfRating{{Competency: "stakeholder-influence", Proficiency: 2, Evidence: "yes"}},
			Reviews:     []ReviewerRating{{Reviewer: "r", Competency: "stakeholder-influence", Proficiency: 4}},
		}, "stakeholder-influence", 3.3, 0.75, []ScoreSource{
			expSrc("sales", 3, 5),
			{Kind: SourceSelf, Ref: "self", Proficiency: 2, Weight: 0.6},
			{Kind: SourceReviewer, Ref: "r", Proficiency: 4, Weight: 1.5},
		}},
	}
	s := newTestScorer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := scoreComp(t, mustScore(t, s, tt.in), tt.comp)
			if c.Score != tt.score || c.Confidence != tt.confidence {
				t.Errorf("score, confidence = %v, %v; want %v, %v", c.Score, c.Confidence, tt.score, tt.confidence)
			}
			if tt.sources != nil && !reflect.DeepEqual(c.Sources, tt.sources) {
				t.Errorf("sources = %+v\nwant %+v", c.Sources, tt.sources)
			}
		})
	}
}

func TestScoreSourcesExplainTheScore(t *testing.T) {
	s := newTestScorer(t)
	res := mustScore(t, s, ScoreInput{
		Experiences: []ExperienceInput{scoreExp("sales", 3), scoreExp("bartending", 7), scoreExp("teaching", 1.5)},
		SelfRatings: []SelfRating{{Competency: "listening", Proficiency: 3, Evidence: "x"}, {Competency: "measurement", Proficiency: 1}},
		Reviews: []ReviewerRating{
			{Reviewer: "r1", Competency: "listening", Proficiency: 2}, {Reviewer: "r2", Competency: "listening", Proficiency: 4},
			{Reviewer: "r3", Competency: "stakeholder-influence", Proficiency: 1},
		},
	})
	for _, c := range res.Competencies {
		var num, den float64
		for _, src := range c.Sources {
			num += src.Weight * src.Proficiency
			den += src.Weight
		}
		want := 0.0
		if den > 0 {
			want = num / den
		}
		// Sources are shown to two decimals, so their weighted mean is within rounding of the score.
		if math.Abs(want-c.Score) > 0.06 {
			t.Errorf("%s: score %v but sources give %v (%+v)", c.Slug, c.Score, want, c.Sources)
		}
	}
}

func TestScoreDimensionsAndProfile(t *testing.T) {
	s := newTestScorer(t)
	res := mustScore(t, s, ScoreInput{Experiences: []ExperienceInput{scoreExp("sales", 5)}})
	want := DimensionScores{People: 62.5, Influence: 50, Craft: 12.5}
	if res.Dimensions != want {
		t.Errorf("dimensions = %+v; want %+v", res.Dimensions, want)
	}
	if res.Profile.Kind != ProfileBridge || res.Profile.Thresholds != (ProfileThresholds{People: 60, Influence: 50}) {
		t.Errorf("profile = %+v", res.Profile)
	}

	tests := []struct {
		people, influence float64
		kind              string
	}{
		{70, 60, ProfileBridge},
		{60, 50, ProfileBridge},
		{70, 49.9, ProfilePractitioner},
		{59.9, 80, ProfileInfluencer},
		{10, 10, ProfileEmerging},
		{0, 0, ProfileEmerging},
	}
	for _, tt := range tests {
		p := s.profile(DimensionScores{People: tt.people, Influence: tt.influence})
		if p.Kind != tt.kind {
			t.Errorf("people %v influence %v: kind %q; want %q", tt.people, tt.influence, p.Kind, tt.kind)
		}
		if !strings.Contains(p.Summary, num1(tt.people)) || !strings.Contains(p.Summary, num1(tt.influence)) {
			t.Errorf("summary %q does not state the scores", p.Summary)
		}
	}
}

// scoresFor builds competency scores for levelFits from slug -> score.
func scoresFor(s *Scorer, scores map[string]float64) []CompetencyScore {
	out := make([]CompetencyScore, len(s.f.Competencies))
	for i, c := range s.f.Competencies {
		out[i] = CompetencyScore{Slug: c.Slug, Score: scores[c.Slug]}
	}
	return out
}

func TestScoreLevels(t *testing.T) {
	s := newTestScorer(t)
	tests := []struct {
		name   string
		scores map[string]float64
		fits   []float64
		met    []bool
		rec    int // index in rank order, -1 for none
	}{
		{"nothing", nil, []float64{14.3, 0, 0}, []bool{false, false, false}, -1},
		{"coordinator", map[string]float64{"communication": 2, "social-media": 2}, []float64{85.7, 41.7, 11.1}, []bool{true, false, false}, 0},
		{"within tolerance", map[string]float64{"communication": 1.8, "social-media": 1.75}, []float64{77.9, 37.1, 10}, []bool{true, false, false}, 0},
		{"just outside tolerance", map[string]float64{"communication": 1.7, "social-media": 2}, []float64{79.3, 37.9, 9.4}, []bool{false, false, false}, -1},
		{"a higher rung without the lower ones is not recommended", map[string]float64{"communication": 3, "stakeholder-influence": 3, "enabling-others": 3},
			[]float64{57.1, 50, 100}, []bool{false, false, true}, -1},
		{"top", map[string]float64{"communication": 4, "listening": 4, "stakeholder-influence": 4, "enabling-others": 4, "social-media": 4, "measurement": 4},
			[]float64{100, 100, 100}, []bool{true, true, true}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			levels, rec := s.levelFits(scoresFor(s, tt.scores))
			for i, l := range levels {
				if l.Rank != i+1 {
					t.Fatalf("levels not in rank order: %+v", levels)
				}
				if l.Fit != tt.fits[i] || l.Met != tt.met[i] {
					t.Errorf("%s: fit %v met %v; want %v %v", l.Slug, l.Fit, l.Met, tt.fits[i], tt.met[i])
				}
				if l.Met {
					for _, g := range l.Gaps {
						if g.Kind == ExpectationRequired {
							t.Errorf("%s is met but lists required gap %+v", l.Slug, g)
						}
					}
				}
			}
			if rec != tt.rec {
				t.Errorf("recommended index %d; want %d", rec, tt.rec)
			}
		})
	}
}

func TestScoreGapOrder(t *testing.T) {
	f := scoreTestFramework()
	e := func(c string, min int, kind string, imp float64) Expectation {
		return Expectation{Competency: c, MinProficiency: min, Kind: kind, Importance: imp}
	}
	f.Levels = []Level{{Slug: "only", Rank: 1, Expectations: []Expectation{
		e("measurement", 4, ExpectationDesirable, 9),
		e("enabling-others", 3, ExpectationRequired, 1),
		e("communication", 3, ExpectationRequired, 1),
		e("listening", 3, ExpectationRequired, 1),
		e("social-media", 1, ExpectationRequired, 2),
	}}}
	s, err := NewScorer(f)
	if err != nil {
		t.Fatal(err)
	}
	levels, _ := s.levelFits(scoresFor(s, map[string]float64{"communication": 2.5, "enabling-others": 2.5, "listening": 1}))
	var got []string
	for _, g := range levels[0].Gaps {
		got = append(got, g.Competency)
	}
	if want := []string{"social-media", "listening", "communication", "enabling-others", "measurement"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order %v; want %v (required, importance, size of gap, slug)", got, want)
	}
}

// compareGaps is the order of LevelFit.Gaps, for checking it from outside.
func compareGaps(a, b LevelGap) int {
	if a.Kind != b.Kind {
		if a.Kind == ExpectationRequired {
			return -1
		}
		if b.Kind == ExpectationRequired {
			return 1
		}
	}
	if c := cmp.Compare(b.Importance, a.Importance); c != 0 {
		return c
	}
	if c := cmp.Compare(float64(b.Required)-b.Current, float64(a.Required)-a.Current); c != 0 {
		return c
	}
	return cmp.Compare(a.Competency, b.Competency)
}

func TestScoreRecommendedNextAndPlan(t *testing.T) {
	s := newTestScorer(t)
	ref := func(slug string, rank int, title string) *LevelRef {
		return &LevelRef{Slug: slug, Rank: rank, Title: title}
	}
	tests := []struct {
		name      string
		exps      []ExperienceInput
		rec, next *LevelRef
		plan      []string
	}{
		{"empty profile aims at the first rung", nil, nil, ref("coordinator", 1, "Coordinator"), []string{"communication", "social-media", "measurement"}},
		{"sales lacks social media for the first rung", []ExperienceInput{scoreExp("sales", 5)}, nil, ref("coordinator", 1, "Coordinator"), []string{"social-media"}},
		{"teacher with social media reaches manager", []ExperienceInput{scoreExp("teaching", 5), scoreExp("social-media-specialist", 5)},
			ref("manager", 2, "Manager"), ref("director", 3, "Director"), []string{"stakeholder-influence", "enabling-others"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustScore(t, s, ScoreInput{Experiences: tt.exps})
			if !reflect.DeepEqual(res.RecommendedLevel, tt.rec) || !reflect.DeepEqual(res.NextLevel, tt.next) {
				t.Errorf("recommended %+v next %+v; want %+v %+v", res.RecommendedLevel, res.NextLevel, tt.rec, tt.next)
			}
			var got []string
			for _, st := range res.DevelopmentPlan {
				got = append(got, st.Competency)
				if len(st.Actions) != 2 || st.Actions[0].Kind != ActionTraining || st.Actions[0].Competency != st.Competency {
					t.Errorf("step %s actions %+v; want the first two for the competency", st.Competency, st.Actions)
				}
				if float64(st.Target) <= st.Current {
					t.Errorf("step %s target %d not above current %v", st.Competency, st.Target, st.Current)
				}
			}
			if !reflect.DeepEqual(got, tt.plan) {
				t.Errorf("plan %v; want %v", got, tt.plan)
			}
		})
	}

	top := mustScore(t, s, ScoreInput{
		Experiences: []ExperienceInput{scoreExp("teaching", 5), scoreExp("social-media-specialist", 5), scoreExp("sales", 5)},
		Reviews:     allFours(s, "r1", "r2"),
	})
	if top.RecommendedLevel == nil || top.RecommendedLevel.Slug != "director" || top.NextLevel != nil || len(top.DevelopmentPlan) != 0 {
		t.Errorf("at the top: recommended %+v next %+v plan %+v", top.RecommendedLevel, top.NextLevel, top.DevelopmentPlan)
	}

	f := scoreTestFramework()
	f.Scoring.PlanMaxSteps, f.Scoring.PlanActionsPerStep = 2, 1
	small, err := NewScorer(f)
	if err != nil {
		t.Fatal(err)
	}
	plan := mustScore(t, small, ScoreInput{}).DevelopmentPlan
	if len(plan) != 2 || len(plan[0].Actions) != 1 || len(plan[1].Actions) != 1 {
		t.Errorf("plan %+v; want 2 steps of 1 action", plan)
	}
}

// allFours has every reviewer rate every competency 4.
func allFours(s *Scorer, reviewers ...string) []ReviewerRating {
	var out []ReviewerRating
	for _, r := range reviewers {
		for _, c := range s.f.Competencies {
			out = append(out, ReviewerRating{Reviewer: r, Competency: c.Slug, Proficiency: 4})
		}
	}
	return out
}

func TestScoreTransferMap(t *testing.T) {
	s := newTestScorer(t)
	res := mustScore(t, s, ScoreInput{Experiences: []ExperienceInput{
		{Background: "sales", Title: "Account Executive", MatchScore: 0.8, Years: 5},
		{Background: "bartending", Years: 0, MatchScore: 1, CommunityServed: " regulars "},
	}})
	ev := func(c string, p int) TransferEvidence {
		return TransferEvidence{Competency: c, Proficiency: p, Rationale: "why " + c}
	}
	want := []TransferEntry{
		{Index: 0, InputTitle: "Account Executive", Background: BackgroundRef{Slug: "sales", Title: "Sales"}, MatchScore: 0.8,
			CommunityServed: "customers and prospects", Message: "You already have a community: your customers and prospects.",
			Evidence: []TransferEvidence{ev("communication", 3), ev("stakeholder-influence", 3), ev("listening", 2)}},
		{Index: 1, Background: BackgroundRef{Slug: "bartending", Title: "Bartending"}, MatchScore: 1,
			CommunityServed: "regulars", Message: "You already have a community: your regulars.",
			Evidence: []TransferEvidence{ev("communication", 2), ev("listening", 2)}},
	}
	if !reflect.DeepEqual(res.TransferMap, want) {
		t.Errorf("transfer map = %+v\nwant %+v", res.TransferMap, want)
	}
}

func TestScoreRejectsInvalidInput(t *testing.T) {
	tests := []struct {
		name  string
		in    ScoreInput
		field string
		value string
	}{
		{"unknown background", ScoreInput{Experiences: []ExperienceInput{scoreExp("astronaut", 1)}}, "experiences[0].background", "astronaut"},
		{"negative years", ScoreInput{Experiences: []ExperienceInput{scoreExp("sales", -1)}}, "experiences[0].years", "-1"},
		{"too many years", ScoreInput{Experiences: []ExperienceInput{scoreExp("sales", 1), scoreExp("sales", 61)}}, "experiences[1].years", "61"},
		{"NaN years", ScoreInput{Experiences: []ExperienceInput{scoreExp("sales", math.NaN())}}, "experiences[0].years", "NaN"},
		{"match score above 1", ScoreInput{Experiences: []ExperienceInput{{Background: "sales", Years: 1, MatchScore: 1.5}}}, "experiences[0].match_score", "1.5"},
		{"unknown self-rated competency", ScoreInput{SelfRatings: []SelfRating{{Competency: "juggling", Proficiency: 1}}}, "self_ratings[0].competency", "juggling"},
		{"self proficiency above 4", ScoreInput{SelfRatings: []SelfRating{{Competency: "listening", Proficiency: 5}}}, "self_ratings[0].proficiency", "5"},
		{"self-rating twice", ScoreInput{SelfRatings: []SelfRating{{Competency: "listening", Proficiency: 1}, {Competency: "listening", Proficiency: 2}}}, "self_ratings[1].competency", "listening"},
		{"unknown reviewed competency", ScoreInput{Reviews: []ReviewerRating{{Reviewer: "r", Competency: "juggling", Proficiency: 1}}}, "reviews[0].competency", "juggling"},
		{"negative reviewer proficiency", ScoreInput{Reviews: []ReviewerRating{{Reviewer: "r", Competency: "listening", Proficiency: -1}}}, "reviews[0].proficiency", "-1"},
		{"blank reviewer", ScoreInput{Reviews: []ReviewerRating{{Reviewer: " ", Competency: "listening", Proficiency: 1}}}, "reviews[0].reviewer", ""},
	}
	s := newTestScorer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Score(tt.in)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v; want ErrInvalid", err)
			}
			var verr *ValidationError
			if !errors.As(err, &verr) || len(verr.Fields) != 1 {
				t.Fatalf("err = %#v; want one field error", err)
			}
			if f := verr.Fields[0]; f.Field != tt.field || f.Value != tt.value {
				t.Errorf("field %q value %q; want %q %q", f.Field, f.Value, tt.field, tt.value)
			}
		})
	}
}

func TestNewScorerRejectsBrokenFrameworks(t *testing.T) {
	if _, err := NewScorer(nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("nil framework: err = %v", err)
	}
	f := scoreTestFramework()
	f.Levels[0].Expectations[0].Competency = "juggling"
	f.Backgrounds[0].Evidence[0].Proficiency = 7
	_, err := NewScorer(f)
	var verr *ValidationError
	if !errors.As(err, &verr) || len(verr.Fields) != 2 {
		t.Fatalf("err = %v; want two field errors", err)
	}
	for _, fe := range verr.Fields {
		if fe.Field != "backgrounds[0].evidence[0].proficiency" && fe.Field != "levels[0].expectations[0].competency" {
			t.Errorf("unexpected field %q", fe.Field)
		}
	}
}

func TestScoreJSONContract(t *testing.T) {
	s := newTestScorer(t)
	res := mustScore(t, s, ScoreInput{})
	raw, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"framework", "competencies", "dimensions", "profile", "levels", "recommended_level", "next_level", "development_plan", "transfer_map"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("missing key %q", key)
		}
	}
	if doc["recommended_level"] != nil {
		t.Errorf("recommended_level = %v; want null", doc["recommended_level"])
	}
	// Only recommended_level may be null; every list is [] when empty.
	if n := strings.Count(string(raw), "null"); n != 1 {
		t.Errorf("found %d nulls in %s", n, raw)
	}
	for _, want := range []string{`"transfer_map":[]`, `"sources":[]`, `"framework":{"slug":"test-framework","version":"1.0"}`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("missing %s in %s", want, raw)
		}
	}
	for _, c := range res.Competencies {
		if c.Score != 0 || c.Confidence != 0 {
			t.Errorf("%s: %v/%v with no evidence", c.Slug, c.Score, c.Confidence)
		}
	}
}

func num1(x float64) string { return string(appendNum1(nil, x)) }
