package domain

import (
	"slices"
	"testing"
)

// Role kinds are counted in whole numbers: a tie never depends on the
// order of the experiences (0.5·1 + 0.5·0.6 + 0.5·0.3 in floating point
// differs with the order of the terms).
func TestRoleKindsIgnoreExperienceOrder(t *testing.T) {
	s := latestScorer(t)
	// Backgrounds 0..3: kind 1 first, second and third in 0..2; kind 0 first in 3.
	s.bgKinds = [][]int8{{1}, {2, 1}, {3, 4, 1}, {0}}
	exps := []ExperienceInput{{Years: 0.5}, {Years: 0.5}, {Years: 0.5}, {Years: 0.95}}
	bg := []int32{0, 1, 2, 3}
	want := s.roleKinds(exps, bg)
	for _, perm := range [][]int{{3, 2, 1, 0}, {2, 0, 3, 1}, {1, 3, 0, 2}} {
		e, b := make([]ExperienceInput, 4), make([]int32, 4)
		for i, p := range perm {
			e[i], b[i] = exps[p], bg[p]
		}
		if got := s.roleKinds(e, b); !slices.Equal(got, want) {
			t.Fatalf("order %v: %v, in input order %v", perm, got, want)
		}
	}
}

// A framework that skipped Validate with an empty seniority word still
// scores without a panic.
func TestEmptySeniorityWordDoesNotPanic(t *testing.T) {
	f := mustLatest(t)
	f.Scoring.Seniority[1].Words = append(f.Scoring.Seniority[1].Words, "")
	s, err := NewScorer(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Score(ScoreInput{Experiences: []ExperienceInput{{Background: "teaching", Title: "abc", Years: 2}}}); err != nil {
		t.Fatal(err)
	}
	if f.Validate() == nil {
		t.Fatal("an empty seniority word validated")
	}
}

// Seniority ranks are listed once each, lowest first: a higher rank can
// never lift less than a lower one.
func TestSeniorityRanksValidateInOrder(t *testing.T) {
	f := mustLatest(t)
	f.Scoring.Seniority[0], f.Scoring.Seniority[4] = f.Scoring.Seniority[4], f.Scoring.Seniority[0]
	if err := f.Validate(); err == nil {
		t.Fatal("ranks out of order validated")
	}
	g := mustLatest(t)
	g.Scoring.Seniority = g.Scoring.Seniority[:3]
	if err := g.Validate(); err == nil {
		t.Fatal("a list missing ranks validated")
	}
}
