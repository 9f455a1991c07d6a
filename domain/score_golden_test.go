package domain

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// updateGolden rewrites testdata/golden: go test ./domain -run Golden -update
var updateGolden = func() *bool {
	if f := flag.Lookup("update"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if b, ok := g.Get().(bool); ok {
				return &b
			}
		}
	}
	return flag.Bool("update", false, "rewrite golden files under testdata/golden")
}()

// goldenProfiles are people a community hiring manager meets; their results are read by hand.
// Match scores are what the title matcher gives these titles; "Ran the product forum" matches
// nothing well, so that person picked the background from the suggestions (match score 1).
var goldenProfiles = []struct {
	name string
	in   ScoreInput
}{
	{"fundraiser-major-gifts-8y", ScoreInput{Experiences: []ExperienceInput{
		{Background: "fundraising", Title: "Major Gifts Officer", MatchScore: 1, Years: 8},
	}}},
	{"secondary-teacher-10y", ScoreInput{Experiences: []ExperienceInput{
		{Background: "teaching", Title: "Secondary School Teacher", MatchScore: 1, Years: 10},
	}}},
	{"bartender-3y", ScoreInput{Experiences: []ExperienceInput{
		{Background: "hospitality", Title: "Bartender", MatchScore: 1, Years: 3},
	}}},
	{"account-executive-then-social-media", ScoreInput{Experiences: []ExperienceInput{
		{Background: "sales", Title: "Account Executive", MatchScore: 1, Years: 5},
		{Background: "social-media-specialist", Title: "Social Media Specialist", MatchScore: 1, Years: 2},
	}}},
	{"web-editor-ran-a-forum", ScoreInput{Experiences: []ExperienceInput{
		{Background: "web-content-editing", Title: "Web Content Editor", MatchScore: 1, Years: 6},
		{Background: "online-community-moderation", Title: "Ran the product forum", MatchScore: 1, Years: 4},
	}}},
	{"developer-relations-6y", ScoreInput{Experiences: []ExperienceInput{
		{Background: "developer-relations", Title: "Developer Relations Engineer", MatchScore: 1, Years: 6},
	}}},
	{"graduate-volunteer-only", ScoreInput{Experiences: []ExperienceInput{
		{Background: "volunteer-coordination", Title: "Volunteer coordinator (student union)", MatchScore: 0.62, Years: 1.5},
	}}},
	{"empty", ScoreInput{}},
}

func defaultScorer(t testing.TB) *Scorer {
	t.Helper()
	s, err := NewScorer(mustDefault(t))
	if err != nil {
		t.Fatalf("NewScorer(default): %v", err)
	}
	return s
}

func latestScorer(t testing.TB) *Scorer {
	t.Helper()
	s, err := NewScorer(mustLatest(t))
	if err != nil {
		t.Fatalf("NewScorer(latest): %v", err)
	}
	return s
}

// TestScoreGolden pins every published default version's results: 2026.1
// under testdata/golden, 2026.2 under testdata/golden/2026.2.
func TestScoreGolden(t *testing.T) {
	for _, v := range []struct {
		dir    string
		scorer *Scorer
	}{{"", defaultScorer(t)}, {"2026.2", latestScorer(t)}} {
		for _, g := range goldenProfiles {
			t.Run(v.dir+"/"+g.name, func(t *testing.T) {
				checkGolden(t, filepath.Join("testdata", "golden", v.dir, g.name+".json"), v.scorer, g.in)
			})
		}
	}
}

func checkGolden(t *testing.T, path string, s *Scorer, in ScoreInput) {
	t.Helper()
	res := mustScore(t, s, in)
	got, err := json.MarshalIndent(struct {
		Input  ScoreInput `json:"input"`
		Result Result     `json:"result"`
	}{in, res}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (rerun with -update and review the diff): %s", path, firstDiff(got, want))
	}
}

// TestScoreDefaultParamsOrderSources pins the weights the product promises on the default
// framework: reviewers count most, then experience, then a supported self-rating, then an
// unsupported one.
func TestScoreDefaultParamsOrderSources(t *testing.T) {
	p := defaultScorer(t).p
	if !(p.ReviewerWeight >= p.ExperienceWeight && p.ExperienceWeight > p.SelfSupportedWeight &&
		p.SelfSupportedWeight > p.SelfWeight && p.SelfWeight > 0) {
		t.Errorf("weights out of order: %+v", p)
	}
}

// firstDiff names the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, strings.TrimSpace(g[i]), strings.TrimSpace(w[i]))
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(g), len(w))
}

// TestScoreWorkedExample keeps the example in SCORING.md true.
func TestScoreWorkedExample(t *testing.T) {
	s := defaultScorer(t)
	in := goldenProfiles[0].in
	res := mustScore(t, s, in)
	if want := (DimensionScores{People: 71.4, Influence: 57.4, Craft: 43.8}); res.Dimensions != want {
		t.Errorf("dimensions %+v; want %+v", res.Dimensions, want)
	}
	if c := scoreComp(t, res, "relationship-building"); c.Score != 4 || c.Confidence != 0.24 {
		t.Errorf("relationship building %v / %v; want 4 / 0.24", c.Score, c.Confidence)
	}
	if res.Profile.Kind != ProfileBridge || res.RecommendedLevel == nil || res.RecommendedLevel.Rank != 1 ||
		res.Levels[1].Fit != 95.3 || len(res.DevelopmentPlan) != 1 || res.DevelopmentPlan[0].Competency != "social-media" {
		t.Errorf("profile %s recommended %+v manager fit %v plan %+v", res.Profile.Kind, res.RecommendedLevel, res.Levels[1].Fit, res.DevelopmentPlan)
	}
	in.Reviews = []ReviewerRating{
		{Reviewer: "r1", Competency: "stakeholder-influence", Proficiency: 4},
		{Reviewer: "r2", Competency: "stakeholder-influence", Proficiency: 4},
	}
	c := scoreComp(t, mustScore(t, s, in), "stakeholder-influence")
	if c.Score != 3.7 || c.Confidence != 0.8 {
		t.Errorf("with two reviewers: %v / %v; want 3.7 / 0.8", c.Score, c.Confidence)
	}
}
