package domain

import "testing"

// scoreTestFramework is a small framework whose numbers are easy to follow by hand:
// ramp 0.4 at 0 years to 1 at 5 years; weights experience 1, self 0.3/0.6, reviewers 1.5.
func scoreTestFramework() *Framework {
	comp := func(slug, dim string, w float64) Competency {
		return Competency{Slug: slug, Name: "Name of " + slug, Dimension: dim, Weight: w}
	}
	ev := func(c string, p int) Evidence { return Evidence{Competency: c, Proficiency: p, Rationale: "why " + c} }
	exp := func(c string, min int, kind string, imp float64) Expectation {
		return Expectation{Competency: c, MinProficiency: min, Kind: kind, Importance: imp}
	}
	req, des := ExpectationRequired, ExpectationDesirable
	f := &Framework{
		Slug: "test-framework", Version: "1.0", Status: StatusPublished,
		Competencies: []Competency{
			comp("communication", DimensionPeople, 1),
			comp("listening", DimensionPeople, 1),
			comp("stakeholder-influence", DimensionInfluence, 2),
			comp("enabling-others", DimensionInfluence, 1),
			comp("social-media", DimensionCraft, 1),
			comp("measurement", DimensionCraft, 1),
		},
		Levels: []Level{
			// Deliberately out of rank order: the scorer sorts by rank.
			{Slug: "manager", Rank: 2, Title: "Manager", Expectations: []Expectation{
				exp("communication", 3, req, 3), exp("listening", 2, req, 2),
				exp("stakeholder-influence", 2, des, 1), exp("social-media", 3, req, 2),
			}},
			{Slug: "coordinator", Rank: 1, Title: "Coordinator", Expectations: []Expectation{
				exp("communication", 2, req, 3), exp("social-media", 2, req, 2), exp("measurement", 1, des, 1),
				exp("enabling-others", 0, des, 1),
			}},
			{Slug: "director", Rank: 3, Title: "Director", Expectations: []Expectation{
				exp("stakeholder-influence", 3, req, 3), exp("enabling-others", 3, req, 2), exp("communication", 3, req, 1),
			}},
		},
		Backgrounds: []Background{
			{Slug: "sales", Title: "Sales", CommunityServed: "customers and prospects", Evidence: []Evidence{
				ev("communication", 3), ev("listening", 2), ev("stakeholder-influence", 3), ev("measurement", 1),
			}},
			{Slug: "teaching", Title: "Teaching", CommunityServed: "students", Evidence: []Evidence{
				ev("communication", 3), ev("listening", 3), ev("enabling-others", 2),
			}},
			{Slug: "social-media-specialist", Title: "Social media specialist", CommunityServed: "followers", Evidence: []Evidence{
				ev("social-media", 4), ev("communication", 2), ev("measurement", 2),
			}},
			{Slug: "bartending", Title: "Bartending", CommunityServed: "patrons", Evidence: []Evidence{
				ev("listening", 2), ev("communication", 2),
			}},
		},
		Scoring: ScoringParams{
			ExperienceWeight: 1, SelfWeight: 0.3, SelfSupportedWeight: 0.6, ReviewerWeight: 1.5,
			FullYears: 5, MinRamp: 0.4, BreadthBonus: 0.25, BreadthBonusMax: 0.5,
			ConfidenceFullWeight: 3, PeopleThreshold: 60, InfluenceThreshold: 50, MetTolerance: 0.25,
			PlanMaxSteps: 3, PlanActionsPerStep: 2, MatchMinScore: 0.5,
		},
	}
	for _, c := range f.Competencies {
		for _, kind := range []string{ActionTraining, ActionPractice, ActionStretch} {
			f.Actions = append(f.Actions, DevelopmentAction{Competency: c.Slug, Kind: kind, Title: kind + " for " + c.Slug})
		}
	}
	return f
}

func newTestScorer(t testing.TB) *Scorer {
	t.Helper()
	s, err := NewScorer(scoreTestFramework())
	if err != nil {
		t.Fatalf("NewScorer: %v", err)
	}
	return s
}

func mustScore(t testing.TB, s *Scorer, in ScoreInput) Result {
	t.Helper()
	res, err := s.Score(in)
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	return res
}

func scoreComp(t testing.TB, res Result, slug string) CompetencyScore {
	t.Helper()
	for _, c := range res.Competencies {
		if c.Slug == slug {
			return c
		}
	}
	t.Fatalf("competency %q not in result", slug)
	return CompetencyScore{}
}

func scoreExp(bg string, years float64) ExperienceInput {
	return ExperienceInput{Background: bg, MatchScore: 1, Years: years}
}
