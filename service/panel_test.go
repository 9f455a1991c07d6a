package service

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rungs/rungs/domain"
)

// The persona panel: careers a community hiring manager knows, with the
// calls they would stake their name on (service/testdata/panel). It was
// written before the model changed, without seeing it.
type panel struct {
	Personas []struct {
		ID          string `json:"id"`
		Experiences []struct {
			Title           string   `json:"title"`
			Years           float64  `json:"years"`
			Seniority       string   `json:"seniority"`
			PeopleLed       int      `json:"people_led"`
			CommunityServed string   `json:"community_served"`
			Highlights      []string `json:"highlights"`
		} `json:"experiences"`
		SelfRatings []domain.SelfRating `json:"self_ratings"`
	} `json:"personas"`
	Assertions []panelAssertion `json:"assertions"`
}

type panelAssertion struct {
	Kind, Persona, Higher, Lower, On, Level, Profile, Background, Competency, Reason string
	Experience                                                                       int
}

// panelHolds is how many assertions hold on each version: 2026.1 is frozen,
// and 2026.2 may only gain. The acceptance is all of them on 2026.2.
var panelHolds = map[string]int{"2026.1": 80, "2026.2": 150}

func loadPanel(t *testing.T) panel {
	t.Helper()
	raw, err := os.ReadFile("testdata/panel/personas.json")
	if err != nil {
		t.Fatal(err)
	}
	var p panel
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// scorePanel scores every persona on f; a persona whose titles do not all
// resolve has no result.
func scorePanel(t *testing.T, p panel, f *domain.Framework) map[string]*domain.Result {
	t.Helper()
	v := NewFrameworkView(f)
	scorer, err := scorerOf(v)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*domain.Result{}
	for _, pe := range p.Personas {
		reqs := make([]ExperienceRequest, len(pe.Experiences))
		for i, e := range pe.Experiences {
			reqs[i] = ExperienceRequest{Title: e.Title, Years: e.Years, Seniority: e.Seniority, PeopleLed: e.PeopleLed,
				CommunityServed: e.CommunityServed, Highlights: e.Highlights}
		}
		exps, err := resolveExperiences(v, reqs)
		if err != nil {
			continue
		}
		res, err := scorer.Score(domain.ScoreInput{Experiences: exps, SelfRatings: pe.SelfRatings})
		if err != nil {
			t.Fatalf("%s: %v", pe.ID, err)
		}
		out[pe.ID] = &res
	}
	return out
}

func (a panelAssertion) holds(res map[string]*domain.Result) bool {
	rank := func(r *domain.Result) int {
		if r.RecommendedLevel == nil {
			return 0
		}
		return r.RecommendedLevel.Rank
	}
	levelRank := map[string]int{"community-coordinator": 1, "community-manager": 2, "senior-community-manager": 3,
		"community-director": 4, "chief-community-officer": 5}
	if a.Kind == "order" {
		hi, lo := res[a.Higher], res[a.Lower]
		return hi != nil && lo != nil && measure(hi, a.On) > measure(lo, a.On)
	}
	r := res[a.Persona]
	if r == nil {
		return false
	}
	switch a.Kind {
	case "rung_at_least":
		return rank(r) >= levelRank[a.Level]
	case "rung_at_most":
		return rank(r) <= levelRank[a.Level]
	case "no_rung":
		return r.RecommendedLevel == nil
	case "profile":
		return r.Profile.Kind == a.Profile
	case "background":
		return a.Experience < len(r.TransferMap) && r.TransferMap[a.Experience].Background.Slug == a.Background
	case "blocked_by":
		return r.BlockedBy != nil && slices.Contains(r.BlockedBy.Competencies, a.Competency)
	}
	return false
}

func measure(r *domain.Result, on string) float64 {
	switch on {
	case "dimension:people":
		return r.Dimensions.People
	case "dimension:influence":
		return r.Dimensions.Influence
	case "dimension:craft":
		return r.Dimensions.Craft
	}
	for _, c := range r.Competencies {
		if c.Slug == on {
			return c.Score
		}
	}
	return -1
}

// TestPersonaPanel runs the panel on both versions and records how many of
// its calls hold; it fails when 2026.1 changes or 2026.2 loses one.
func TestPersonaPanel(t *testing.T) {
	p := loadPanel(t)
	if len(p.Personas) < 60 || len(p.Assertions) < 120 {
		t.Fatalf("panel has %d personas and %d assertions", len(p.Personas), len(p.Assertions))
	}
	for _, version := range []string{"2026.1", "2026.2"} {
		f, err := domain.DefaultFrameworkVersion(version)
		if err != nil {
			t.Fatal(err)
		}
		res := scorePanel(t, p, f)
		held := 0
		var failed []string
		for _, a := range p.Assertions {
			if a.holds(res) {
				held++
			} else {
				failed = append(failed, fmt.Sprintf("%s %s%s%s %s%s%s", a.Kind, a.Persona, a.Higher, suffix(a.Lower), a.On, a.Level+a.Profile+a.Background, a.Competency))
			}
		}
		t.Logf("%s: %d of %d panel calls hold; %d of %d personas resolve", version, held, len(p.Assertions), len(res), len(p.Personas))
		if testing.Verbose() {
			t.Logf("%s fails:\n%s", version, strings.Join(failed, "\n"))
		}
		want := panelHolds[version]
		if version == "2026.1" && held != want || held < want {
			t.Errorf("%s: %d calls hold, recorded %d", version, held, want)
		}
	}
}

func suffix(s string) string {
	if s == "" {
		return ""
	}
	return " > " + s
}
