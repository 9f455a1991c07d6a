package domain

import (
	"testing"
)

func lexiconScorer(t *testing.T) *Scorer {
	t.Helper()
	f := mustLatest(t)
	f.Scoring.Lexicon = []LexiconEntry{
		{Competency: "enabling-others", Phrases: []string{"trained", "recruited and trained"}, Proficiency: 2,
			NumberSteps: []NumberStep{{Min: 20, Proficiency: 3}, {Min: 200, Proficiency: 4}}},
		{Competency: "stakeholder-influence", Phrases: []string{"persuaded the board"}, Proficiency: 3},
	}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	s, err := NewScorer(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func scoreOf(t *testing.T, s *Scorer, in ScoreInput, slug string) CompetencyScore {
	t.Helper()
	r, err := s.Score(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Competencies {
		if c.Slug == slug {
			return c
		}
	}
	t.Fatalf("no %s", slug)
	return CompetencyScore{}
}

// A behaviour in a highlight is a source quoting its words; a number after
// it sets the step; it only ever raises a score; matching is by whole
// words, whatever the case.
func TestHighlightsAsEvidence(t *testing.T) {
	s := lexiconScorer(t)
	base := ScoreInput{Experiences: []ExperienceInput{{Background: "hospitality", Years: 4}}}
	with := func(h ...string) ScoreInput {
		in := base
		in.Experiences = []ExperienceInput{{Background: "hospitality", Years: 4, Highlights: h}}
		return in
	}
	plain := scoreOf(t, s, base, "enabling-others")
	got := scoreOf(t, s, with("Recruited and TRAINED 40 volunteers for the spring fair"), "enabling-others")
	var hl *ScoreSource
	for i := range got.Sources {
		if got.Sources[i].Kind == SourceHighlight {
			hl = &got.Sources[i]
		}
	}
	if hl == nil || hl.Proficiency != 3 || hl.Quote != "recruited and trained 40 volunteers" || hl.Weight != s.p.HighlightWeight {
		t.Fatalf("highlight source %+v in %+v", hl, got.Sources)
	}
	if !(got.Score > plain.Score) {
		t.Fatalf("score %v with the highlight, %v without", got.Score, plain.Score)
	}
	if big := scoreOf(t, s, with("Trained 1,200 new members"), "enabling-others"); !(big.Score > got.Score) {
		t.Fatalf("1,200 trained: %v, 40 trained: %v", big.Score, got.Score)
	}
	if un := scoreOf(t, s, with("Untrained staff were a problem"), "enabling-others"); un.Score != plain.Score {
		t.Fatalf("'untrained' matched: %v vs %v", un.Score, plain.Score)
	}
	// A behaviour below what the other sources show adds nothing.
	strong := ScoreInput{Experiences: []ExperienceInput{{Background: "community-organizing", Years: 10, Highlights: []string{"Trained a new volunteer"}}}}
	noHL := strong
	noHL.Experiences = []ExperienceInput{{Background: "community-organizing", Years: 10}}
	if a, b := scoreOf(t, s, strong, "enabling-others"), scoreOf(t, s, noHL, "enabling-others"); a.Score != b.Score || len(a.Sources) != len(b.Sources) {
		t.Fatalf("a weaker behaviour changed the score: %+v vs %+v", a, b)
	}
	// Self-rating evidence counts too.
	in := base
	in.SelfRatings = []SelfRating{{Competency: "stakeholder-influence", Proficiency: 2, Evidence: "I persuaded the board to fund a mentoring programme"}}
	if c := scoreOf(t, s, in, "stakeholder-influence"); c.Sources[len(c.Sources)-1].Kind != SourceHighlight {
		t.Fatalf("evidence not read: %+v", c.Sources)
	}
}
