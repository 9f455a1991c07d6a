package domain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// resolved holds the input's slugs as indexes, grouped for scoring, in one allocation.
type resolved struct {
	expBg    []int32 // background index per experience
	selfOf   []int32 // per competency: self-rating index + 1, 0 when none
	revStart []int32 // competency c's reviews are revOrder[revStart[c]:revStart[c+1]]
	revOrder []int32 // review indexes grouped by competency, then by reviewer
}

// resolve validates every input field the scorer reads and turns slugs into indexes.
// It reports every problem at once.
func (s *Scorer) resolve(in ScoreInput) (resolved, error) {
	nc, ne, nr := len(s.f.Competencies), len(in.Experiences), len(in.Reviews)
	buf := make([]int32, ne+nc+(nc+1)+2*nr)
	r := resolved{expBg: buf[:ne], selfOf: buf[ne : ne+nc], revStart: buf[ne+nc : ne+2*nc+1], revOrder: buf[ne+2*nc+1 : ne+2*nc+1+nr]}
	revComp := buf[ne+2*nc+1+nr:]

	var verr *ValidationError
	add := func(field, rule, msg, value string) {
		if verr == nil {
			verr = &ValidationError{}
		}
		verr.AddValue(field, rule, msg, value)
	}
	for i, e := range in.Experiences {
		bi, ok := s.bgIndex[e.Background]
		if !ok {
			add(fmt.Sprintf("experiences[%d].background", i), "unknown", "unknown background", e.Background)
		}
		r.expBg[i] = int32(bi)
		if !(e.Years >= 0 && e.Years <= MaxExperienceYears) {
			add(fmt.Sprintf("experiences[%d].years", i), "range", "must be between 0 and 60", fmtNum(e.Years))
		}
		if !(e.MatchScore >= 0 && e.MatchScore <= 1) {
			add(fmt.Sprintf("experiences[%d].match_score", i), "range", "must be between 0 and 1", fmtNum(e.MatchScore))
		}
		if e.Seniority != "" && !slices.Contains(Seniorities, e.Seniority) {
			add(fmt.Sprintf("experiences[%d].seniority", i), "oneof", "must be one of "+strings.Join(Seniorities, ", "), e.Seniority)
		}
		if e.PeopleLed < 0 || e.PeopleLed > MaxPeopleLed {
			add(fmt.Sprintf("experiences[%d].people_led", i), "range", fmt.Sprintf("must be between 0 and %d", MaxPeopleLed), strconv.Itoa(e.PeopleLed))
		}
	}
	for i, sr := range in.SelfRatings {
		ci, ok := s.compIndex[sr.Competency]
		switch {
		case !ok:
			add(fmt.Sprintf("self_ratings[%d].competency", i), "unknown", "unknown competency", sr.Competency)
		case r.selfOf[ci] != 0:
			add(fmt.Sprintf("self_ratings[%d].competency", i), "duplicate", "competency already self-rated", sr.Competency)
		default:
			r.selfOf[ci] = int32(i + 1)
		}
		if sr.Proficiency < 0 || sr.Proficiency > MaxProficiency {
			add(fmt.Sprintf("self_ratings[%d].proficiency", i), "range", "must be between 0 and 4", strconv.Itoa(sr.Proficiency))
		}
	}
	for i, rv := range in.Reviews {
		if strings.TrimSpace(rv.Reviewer) == "" {
			add(fmt.Sprintf("reviews[%d].reviewer", i), "required", "reviewer is required", "")
		}
		ci, ok := s.compIndex[rv.Competency]
		if !ok {
			add(fmt.Sprintf("reviews[%d].competency", i), "unknown", "unknown competency", rv.Competency)
		}
		revComp[i] = int32(ci)
		if rv.Proficiency < 0 || rv.Proficiency > MaxProficiency {
			add(fmt.Sprintf("reviews[%d].proficiency", i), "range", "must be between 0 and 4", strconv.Itoa(rv.Proficiency))
		}
	}
	if verr != nil {
		return resolved{}, verr
	}
	r.groupReviews(revComp, in.Reviews)
	return r, nil
}

// groupReviews orders review indexes by competency (a counting sort) and, within one
// competency, by reviewer (an insertion sort: groups are small), keeping input order otherwise.
func (r *resolved) groupReviews(revComp []int32, reviews []ReviewerRating) {
	for _, ci := range revComp {
		r.revStart[ci+1]++
	}
	for c := 1; c < len(r.revStart); c++ {
		r.revStart[c] += r.revStart[c-1]
	}
	for i := range reviews {
		ci := revComp[i]
		// revStart[ci] moves forward as slots fill; it is restored afterwards.
		r.revOrder[r.revStart[ci]] = int32(i)
		r.revStart[ci]++
	}
	// Each start now holds the next competency's start: shift back by one.
	copy(r.revStart[1:], r.revStart[:len(r.revStart)-1])
	r.revStart[0] = 0
	for c := 0; c+1 < len(r.revStart); c++ {
		g := r.revOrder[r.revStart[c]:r.revStart[c+1]]
		for i := 1; i < len(g); i++ {
			for j := i; j > 0 && reviews[g[j]].Reviewer < reviews[g[j-1]].Reviewer; j-- {
				g[j], g[j-1] = g[j-1], g[j]
			}
		}
	}
}
