package domain

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
)

// resultShape lists the JSON names of every object in a result: the contract's names, plus
// the optional explanations marked with "?" (a source's breadth bonus, a gap's importance).
var resultShape = map[string][]string{
	"":                  {"framework", "competencies", "dimensions", "profile", "levels", "recommended_level", "next_level", "development_plan", "transfer_map"},
	"framework":         {"slug", "version"},
	"competencies":      {"slug", "name", "dimension", "score", "confidence", "sources"},
	"sources":           {"kind", "ref", "proficiency", "weight", "years", "bonus?"},
	"dimensions":        {"people", "influence", "craft"},
	"profile":           {"kind", "summary", "thresholds"},
	"thresholds":        {"people", "influence"},
	"levels":            {"slug", "rank", "title", "fit", "met", "gaps"},
	"gaps":              {"competency", "required", "current", "kind", "importance?"},
	"recommended_level": {"slug", "rank", "title"},
	"next_level":        {"slug", "rank", "title"},
	"development_plan":  {"competency", "current", "target", "actions"},
	"actions":           {"competency", "kind", "title", "detail"},
	"transfer_map":      {"index", "input_title", "background", "match_score", "community_served", "message", "evidence"},
	"background":        {"slug", "title"},
	"evidence":          {"competency", "proficiency", "rationale"},
}

func TestScoreJSONNames(t *testing.T) {
	s := defaultScorer(t)
	res := mustScore(t, s, ScoreInput{
		Experiences: []ExperienceInput{
			{Background: "sales", Title: "Account Executive", MatchScore: 1, Years: 5},
			{Background: "social-media-specialist", MatchScore: 1, Years: 2, CommunityServed: "our followers"},
		},
		SelfRatings: []SelfRating{{Competency: "enabling-others", Proficiency: 2, Evidence: "Onboarded four new reps"}},
		Reviews:     []ReviewerRating{{Reviewer: "r1", Competency: "stakeholder-influence", Proficiency: 4, Note: "Won a VP over"}},
	})
	_, doc := encodeResult(t, res)
	seen := map[string]bool{}
	checkShape(t, "", doc, seen)
	for name := range resultShape {
		if !seen[name] {
			t.Errorf("no %q object in the result checked: extend the input", name)
		}
	}
	kinds := map[string]bool{}
	for _, c := range res.Competencies {
		for _, src := range c.Sources {
			kinds[src.Kind] = true
		}
	}
	if !kinds[SourceExperience] || !kinds[SourceSelf] || !kinds[SourceReviewer] {
		t.Errorf("source kinds %v; want experience, self and reviewer", slices.Sorted(maps.Keys(kinds)))
	}
	for _, st := range res.DevelopmentPlan {
		if n := len(st.Actions); n < 1 || n > 3 {
			t.Errorf("plan step %s has %d actions; want 1 to 3", st.Competency, n)
		}
	}
}

func TestScoreJSONContract(t *testing.T) {
	s := newTestScorer(t)
	res := mustScore(t, s, ScoreInput{})
	raw, doc := encodeResult(t, res)
	for _, key := range resultShape[""] {
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

// encodeResult returns res as JSON and decoded into generic values.
func encodeResult(t *testing.T, res Result) ([]byte, map[string]any) {
	t.Helper()
	raw, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return raw, doc
}

// checkShape compares every object's keys with resultShape under the name it is held by.
func checkShape(t *testing.T, name string, v any, seen map[string]bool) {
	t.Helper()
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			checkShape(t, name, x, seen)
		}
	case map[string]any:
		want, ok := resultShape[name]
		if !ok {
			t.Errorf("unexpected object %q", name)
			return
		}
		seen[name] = true
		for _, key := range want {
			if _, ok := v[strings.TrimSuffix(key, "?")]; !ok && !strings.HasSuffix(key, "?") {
				t.Errorf("%q lacks %q", name, key)
			}
		}
		for key, x := range v {
			if !slices.Contains(want, key) && !slices.Contains(want, key+"?") {
				t.Errorf("%q has %q, which the contract does not name", name, key)
			}
			checkShape(t, key, x, seen)
		}
	}
}
