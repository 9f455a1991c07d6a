package domain

import (
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
		{"one year ramps to 0.52", []ExperienceInput{scoreExp("sales", 1)}, "communication", 1.6, 0.06,
			[]ScoreSource{{Kind: SourceExperience, Ref: "sales", Proficiency: 1.56, Weight: 1, Years: 1}}},
		{"two and a half years ramps to 0.7", []ExperienceInput{scoreExp("sales", 2.5)}, "communication", 2.1, 0.11, nil},
		{"full years give the full evidence and half its confidence", []ExperienceInput{scoreExp("sales", 5)}, "communication", 3, 0.17, nil},
		{"more than full years is capped but adds confidence", []ExperienceInput{scoreExp("sales", 20)}, "communication", 3, 0.27, nil},
		{"best experience wins plus breadth", []ExperienceInput{scoreExp("bartending", 5), scoreExp("sales", 5)}, "communication", 3.3, 0.17,
			[]ScoreSource{
				{Kind: SourceExperience, Ref: "sales", Proficiency: 3.25, Weight: 1, Years: 5, Bonus: 0.25},
				{Kind: SourceExperience, Ref: "bartending", Proficiency: 2, Weight: 0, Years: 5},
			}},
		{"ties go to the first slug", []ExperienceInput{scoreExp("sales", 5), scoreExp("bartending", 5)}, "listening", 2.3, 0.17,
			[]ScoreSource{
				{Kind: SourceExperience, Ref: "bartending", Proficiency: 2.25, Weight: 1, Years: 5, Bonus: 0.25},
				{Kind: SourceExperience, Ref: "sales", Proficiency: 2, Weight: 0, Years: 5},
			}},
		{"breadth bonus is capped", []ExperienceInput{scoreExp("sales", 5), scoreExp("teaching", 5), scoreExp("social-media-specialist", 5), scoreExp("bartending", 5)},
			"communication", 3.5, 0.17, nil},
		{"breadth needs proficiency 2", []ExperienceInput{scoreExp("sales", 5), scoreExp("social-media-specialist", 5)}, "measurement", 2, 0.17,
			[]ScoreSource{{Kind: SourceExperience, Ref: "social-media-specialist", Proficiency: 2, Weight: 1, Years: 5}}},
		{"breadth needs years", []ExperienceInput{scoreExp("sales", 5), scoreExp("teaching", 0)}, "communication", 3, 0.17, nil},
		{"years in one background add up", []ExperienceInput{scoreExp("sales", 2), scoreExp("sales", 3)}, "communication", 3, 0.17,
			[]ScoreSource{{Kind: SourceExperience, Ref: "sales", Proficiency: 3, Weight: 1, Years: 5}}},
		{"a background that evidences nothing gives nothing", []ExperienceInput{scoreExp("teaching", 10)}, "social-media", 0, 0, []ScoreSource{}},
	}
	s := newTestScorer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := scoreComp(t, mustScore(t, s, ScoreInput{Experiences: tt.exps}), tt.comp)
			checkCompetency(t, c, tt.score, tt.confidence, tt.sources)
		})
	}
}

// checkCompetency checks a competency's score and confidence, and its sources unless want is nil.
func checkCompetency(t *testing.T, c CompetencyScore, score, confidence float64, want []ScoreSource) {
	t.Helper()
	if c.Score != score || c.Confidence != confidence {
		t.Errorf("score, confidence = %v, %v; want %v, %v", c.Score, c.Confidence, score, confidence)
	}
	if want != nil && !reflect.DeepEqual(c.Sources, want) {
		t.Errorf("sources = %+v\nwant %+v", c.Sources, want)
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
			"communication", 0.9, 0.05, []ScoreSource{expSrc("", 0, 0), {Kind: SourceSelf, Ref: "self", Proficiency: 4, Weight: 0.3}}},
		{"blank evidence is unsupported", ScoreInput{SelfRatings: []SelfRating{{Competency: "communication", Proficiency: 4, Evidence: " \n\t"}}},
			"communication", 0.9, 0.05, nil},
		{"evidence text weighs more", ScoreInput{SelfRatings: []SelfRating{{Competency: "communication", Proficiency: 4, Evidence: "Ran a 400-member forum"}}},
			"communication", 1.5, 0.1, []ScoreSource{expSrc("", 0, 0), {Kind: SourceSelf, Ref: "self", Proficiency: 4, Weight: 0.6}}},
		{"self-rating blends with experience", ScoreInput{
			Experiences: []ExperienceInput{scoreExp("sales", 5)},
			SelfRatings: []SelfRating{{Competency: "communication", Proficiency: 2, Evidence: "yes"}},
		}, "communication", 2.6, 0.32, nil},
		{"reviewers are averaged", ScoreInput{Reviews: []ReviewerRating{
			{Reviewer: "b", Competency: "stakeholder-influence", Proficiency: 2}, {Reviewer: "a", Competency: "stakeholder-influence", Proficiency: 4},
		}}, "stakeholder-influence", 1.8, 0.25, []ScoreSource{
			expSrc("", 0, 0),
			{Kind: SourceReviewer, Ref: "a", Proficiency: 4, Weight: 0.75},
			{Kind: SourceReviewer, Ref: "b", Proficiency: 2, Weight: 0.75},
		}},
		{"a reviewer rating twice counts once", ScoreInput{Reviews: []ReviewerRating{
			{Reviewer: "a", Competency: "listening", Proficiency: 4}, {Reviewer: "b", Competency: "listening", Proficiency: 3},
			{Reviewer: "a", Competency: "listening", Proficiency: 2},
		}}, "listening", 1.8, 0.31, []ScoreSource{
			expSrc("", 0, 0),
			{Kind: SourceReviewer, Ref: "a", Proficiency: 3, Weight: 0.75},
			{Kind: SourceReviewer, Ref: "b", Proficiency: 3, Weight: 0.75},
		}},
		{"all three sources", ScoreInput{
			Experiences: []ExperienceInput{scoreExp("sales", 5)},
			SelfRatings: []SelfRating{{Competency: "stakeholder-influence", Proficiency: 2, Evidence: "yes"}},
			Reviews:     []ReviewerRating{{Reviewer: "r", Competency: "stakeholder-influence", Proficiency: 4}},
		}, "stakeholder-influence", 3.3, 0.65, []ScoreSource{
			expSrc("sales", 3, 5),
			{Kind: SourceSelf, Ref: "self", Proficiency: 2, Weight: 0.6},
			{Kind: SourceReviewer, Ref: "r", Proficiency: 4, Weight: 1.5},
		}},
	}
	s := newTestScorer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := scoreComp(t, mustScore(t, s, tt.in), tt.comp)
			checkCompetency(t, c, tt.score, tt.confidence, tt.sources)
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
		p := s.profile(DimensionScores{People: tt.people, Influence: tt.influence}, nil)
		if p.Kind != tt.kind {
			t.Errorf("people %v influence %v: kind %q; want %q", tt.people, tt.influence, p.Kind, tt.kind)
		}
		if !strings.Contains(p.Summary, num1(tt.people)) || !strings.Contains(p.Summary, num1(tt.influence)) {
			t.Errorf("summary %q does not state the scores", p.Summary)
		}
	}
}

func TestScoreProfileNamesTheSkillToBuildFirst(t *testing.T) {
	s := newTestScorer(t)
	tests := []struct {
		name string
		in   ScoreInput
		kind string
		want string
	}{
		{"a teacher grows influence", ScoreInput{Experiences: []ExperienceInput{scoreExp("teaching", 5)}}, ProfilePractitioner,
			"The influence skill to build first: Name of stakeholder-influence (0.0)."},
		{"reviewers who see influence but little listening", ScoreInput{Reviews: []ReviewerRating{
			{Reviewer: "r", Competency: "stakeholder-influence", Proficiency: 4}, {Reviewer: "r", Competency: "enabling-others", Proficiency: 4},
			{Reviewer: "r", Competency: "communication", Proficiency: 1},
		}}, ProfileInfluencer, "The people skill to build first: Name of listening (0.0)."},
		// All tie at 0: the heavier weight leads (stakeholder influence), then framework order.
		{"nothing yet", ScoreInput{}, ProfileEmerging,
			"Skills to build first: Name of communication (0.0) and Name of stakeholder-influence (0.0)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustScore(t, s, tt.in).Profile
			if p.Kind != tt.kind || !strings.HasSuffix(p.Summary, tt.want) {
				t.Errorf("profile %s %q; want %s ending %q", p.Kind, p.Summary, tt.kind, tt.want)
			}
		})
	}
}

func num1(x float64) string { return string(appendNum1(nil, x)) }
