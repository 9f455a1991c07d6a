package domain

import (
	"encoding/json"
	"testing"
)

func TestCompareResultsReportsChangesAndClosedGaps(t *testing.T) {
	prev := Result{
		Competencies: []CompetencyScore{{Slug: "communication", Score: 1.5}, {Slug: "content", Score: 3}},
		Dimensions:   DimensionScores{People: 40, Influence: 20, Craft: 60},
		Levels: []LevelFit{
			{Slug: "community-coordinator", Fit: 70, Gaps: []LevelGap{{Competency: "communication"}}},
			{Slug: "community-manager", Fit: 40, Gaps: []LevelGap{{Competency: "communication"}, {Competency: "content"}}},
		},
	}
	cur := Result{
		Competencies: []CompetencyScore{{Slug: "communication", Score: 2.5}, {Slug: "content", Score: 2.9}, {Slug: "new-skill", Score: 1}},
		Dimensions:   DimensionScores{People: 55, Influence: 20, Craft: 58.5},
		Levels: []LevelFit{
			{Slug: "community-coordinator", Fit: 100, Met: true},
			{Slug: "community-manager", Fit: 62.5, Gaps: []LevelGap{{Competency: "content"}, {Competency: "strategic-alignment"}}},
			{Slug: "new-rung", Fit: 10, Gaps: []LevelGap{{Competency: "content"}}},
		},
	}
	// The summary survives JSON, as it is stored.
	b, err := json.Marshal(Summarise(prev))
	if err != nil {
		t.Fatal(err)
	}
	var stored ResultSummary
	if err := json.Unmarshal(b, &stored); err != nil {
		t.Fatal(err)
	}
	p := CompareResults("a1", stored, Summarise(cur))
	if p.PreviousAssessmentID != "a1" {
		t.Fatalf("previous %q", p.PreviousAssessmentID)
	}
	want := map[string]float64{"communication": 1, "content": -0.1, "new-skill": 1}
	for _, c := range p.Competencies {
		if c.Change != want[c.Competency] {
			t.Errorf("%s changed %v, want %v", c.Competency, c.Change, want[c.Competency])
		}
	}
	if p.Dimensions.People.Change != 15 || p.Dimensions.Craft.Change != -1.5 || p.Dimensions.Influence.Change != 0 {
		t.Errorf("dimensions %+v", p.Dimensions)
	}
	if p.Levels[0].Change != 30 || !p.Levels[0].MetAfter || p.Levels[0].MetBefore {
		t.Errorf("coordinator %+v", p.Levels[0])
	}
	closed := map[ClosedGap]bool{}
	for _, g := range p.GapsClosed {
		closed[g] = true
	}
	if len(p.GapsClosed) != 2 || !closed[ClosedGap{"community-coordinator", "communication"}] || !closed[ClosedGap{"community-manager", "communication"}] {
		t.Errorf("closed %+v", p.GapsClosed)
	}
	// A gap of a rung the previous version did not have is not "opened".
	if len(p.GapsOpened) != 1 || p.GapsOpened[0] != (ClosedGap{"community-manager", "strategic-alignment"}) {
		t.Errorf("opened %+v", p.GapsOpened)
	}
}
