package domain

import (
	"cmp"
	"reflect"
	"testing"
)

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
						if gating(g.Kind) {
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
	if gating(a.Kind) != gating(b.Kind) {
		if gating(a.Kind) {
			return -1
		}
		return 1
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
		{Background: "teaching", Years: 2, MatchScore: 1, CommunityServed: "My Saturday chess club"},
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
		{Index: 2, Background: BackgroundRef{Slug: "teaching", Title: "Teaching"}, MatchScore: 1,
			CommunityServed: "My Saturday chess club", Message: "You already have a community: your Saturday chess club.",
			Evidence: []TransferEvidence{ev("communication", 3), ev("listening", 3), ev("enabling-others", 2)}},
	}
	if !reflect.DeepEqual(res.TransferMap, want) {
		t.Errorf("transfer map = %+v\nwant %+v", res.TransferMap, want)
	}
}

// gating reports whether a missed expectation of kind stops its rung.
func gating(kind string) bool { return kind == ExpectationRequired || kind == ExpectationGate }
