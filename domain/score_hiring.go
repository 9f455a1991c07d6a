package domain

import (
	"math"
	"slices"
)

// indexHiring precomputes, for the hiring view, each background's role
// kinds as indexes into RoleKinds and each competency's first question.
func (s *Scorer) indexHiring() {
	k := s.p.Calibration
	if len(k.RoleKinds) == 0 && len(k.InterviewQuestions) == 0 {
		return
	}
	s.hiring = true
	s.bgKinds = make([][]int8, len(s.f.Backgrounds))
	for bi, b := range s.f.Backgrounds {
		for _, kind := range k.RoleKinds[b.Slug] {
			if i := slices.Index(RoleKinds, kind); i >= 0 {
				s.bgKinds[bi] = append(s.bgKinds[bi], int8(i))
			}
		}
	}
	s.questions = make([]string, len(s.f.Competencies))
	for ci, c := range s.f.Competencies {
		if qs := k.InterviewQuestions[c.Slug]; len(qs) > 0 {
			s.questions[ci] = qs[0]
		}
	}
}

// hiringView is built when the framework names role kinds or interview
// questions (2026.2 on); nil otherwise.
func (s *Scorer) hiringView(in ScoreInput, bgOf []int32, comps []CompetencyScore, recIdx int) *HiringView {
	if !s.hiring {
		return nil
	}
	v := &HiringView{RoleKinds: s.roleKinds(in.Experiences, bgOf), InterviewQuestions: make([]InterviewQuestion, 0, 3)}
	// The strongest claims: the three highest scores of 2 or more (by score
	// times confidence, then framework order), one question each.
	var top [3]int
	n := 0
	for i, c := range comps {
		if c.Score < 2 || s.questions[i] == "" {
			continue
		}
		w := c.Score * c.Confidence
		j := n
		for j > 0 && comps[top[j-1]].Score*comps[top[j-1]].Confidence < w {
			j--
		}
		if j >= len(top) {
			continue
		}
		copy(top[j+1:], top[j:min(n, len(top)-1)])
		top[j] = i
		n = min(n+1, len(top))
	}
	for _, i := range top[:n] {
		v.InterviewQuestions = append(v.InterviewQuestions, InterviewQuestion{Competency: comps[i].Slug, Question: s.questions[i]})
	}
	if recIdx >= 0 {
		sum, cnt := 0.0, 0
		for _, e := range s.levels[recIdx].exps {
			if e.required {
				sum += comps[e.comp].Confidence
				cnt++
			}
		}
		if cnt > 0 {
			v.RungConfidence = round2(sum / float64(cnt))
		}
	}
	return v
}

// roleKinds ranks the kinds of role the experiences lead to: each
// background's kinds count its years, the first in full, the next at 0.6
// and 0.3; the two strongest are kept (RoleKinds order on ties).
func (s *Scorer) roleKinds(exps []ExperienceInput, bgOf []int32) []string {
	// Whole numbers (hundredths of a year, times 10, 6 or 3), so that the
	// sum, and a tie, never depend on the order of the experiences.
	var weight [8]int64
	for i, e := range exps {
		years := int64(math.Round(max(e.Years, 0.5) * 100))
		for j, kind := range s.bgKinds[bgOf[i]] {
			weight[kind] += years * [3]int64{10, 6, 3}[min(j, 2)]
		}
	}
	out := make([]string, 0, 2)
	var taken [8]bool
	for range 2 {
		best := -1
		for k := range RoleKinds {
			if !taken[k] && weight[k] > 0 && (best < 0 || weight[k] > weight[best]) {
				best = k
			}
		}
		if best < 0 {
			break
		}
		taken[best] = true
		out = append(out, RoleKinds[best])
	}
	return out
}
