package domain

import (
	"cmp"
	"slices"
)

// hiringView is built when the framework names role kinds or interview
// questions (2026.2 on); nil otherwise.
func (s *Scorer) hiringView(in ScoreInput, bgOf []int32, comps []CompetencyScore, recIdx int) *HiringView {
	k := s.p.Calibration
	if len(k.RoleKinds) == 0 && len(k.InterviewQuestions) == 0 {
		return nil
	}
	v := &HiringView{RoleKinds: s.roleKinds(in.Experiences, bgOf), InterviewQuestions: []InterviewQuestion{}}
	// The strongest claims: the three highest scores of 2 or more (by score
	// times confidence, then framework order), one question each.
	order := make([]int, 0, len(comps))
	for i, c := range comps {
		if c.Score >= 2 && len(k.InterviewQuestions[c.Slug]) > 0 {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(comps[b].Score*comps[b].Confidence, comps[a].Score*comps[a].Confidence)
	})
	for _, i := range order[:min(3, len(order))] {
		v.InterviewQuestions = append(v.InterviewQuestions, InterviewQuestion{Competency: comps[i].Slug, Question: k.InterviewQuestions[comps[i].Slug][0]})
	}
	if recIdx >= 0 {
		sum, n := 0.0, 0
		for _, e := range s.levels[recIdx].exps {
			if e.required {
				sum += comps[e.comp].Confidence
				n++
			}
		}
		if n > 0 {
			v.RungConfidence = round2(sum / float64(n))
		}
	}
	return v
}

// roleKinds ranks the kinds of role the experiences lead to: each
// background's kinds count its years, the first in full, the next at 0.6
// and 0.3; the two strongest are kept.
func (s *Scorer) roleKinds(exps []ExperienceInput, bgOf []int32) []string {
	weight := map[string]float64{}
	for i, e := range exps {
		for j, kind := range s.p.RoleKinds[s.f.Backgrounds[bgOf[i]].Slug] {
			weight[kind] += max(e.Years, 0.5) * [3]float64{1, 0.6, 0.3}[min(j, 2)]
		}
	}
	kinds := make([]string, 0, len(weight))
	for kind := range weight {
		kinds = append(kinds, kind)
	}
	slices.SortFunc(kinds, func(a, b string) int {
		if c := cmp.Compare(weight[b], weight[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return kinds[:min(2, len(kinds))]
}
