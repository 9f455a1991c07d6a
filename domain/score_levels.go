package domain

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// reachEpsilon absorbs float error when comparing one-decimal scores to minimum - tolerance.
const reachEpsilon = 1e-9

// stackGaps covers a level's expectations without a heap allocation.
const stackGaps = 64

// levelFits scores every rung in rank order and returns the index of the recommended one:
// the highest rung met with every lower rung met too (-1 when the first is not met).
func (s *Scorer) levelFits(comps []CompetencyScore) ([]LevelFit, int) {
	total := 0
	for _, l := range s.levels {
		for _, e := range l.exps {
			if !s.reached(comps[e.comp].Score, e.min) {
				total++
			}
		}
	}
	gapBuf := make([]LevelGap, 0, total)
	out := make([]LevelFit, len(s.levels))
	var orderBuf [stackGaps]int
	rec, chain := -1, true
	for li, l := range s.levels {
		order := orderBuf[:0]
		var num, den float64
		met := true
		for ei, e := range l.exps {
			score := comps[e.comp].Score
			cover := 1.0
			if e.min > 0 {
				cover = min(1, score/float64(e.min))
			}
			w := max(0, e.importance)
			num += w * cover
			den += w
			if s.reached(score, e.min) {
				continue
			}
			met = met && !e.required
			order = append(order, ei)
		}
		s.orderGaps(l.exps, comps, order)
		start := len(gapBuf)
		for _, ei := range order {
			e := l.exps[ei]
			gapBuf = append(gapBuf, LevelGap{
				Competency: s.f.Competencies[e.comp].Slug, Required: e.min, Current: comps[e.comp].Score, Kind: e.kind, Importance: e.importance,
			})
		}
		fit := 100.0
		if den > 0 {
			fit = round1(num / den * 100)
		}
		out[li] = LevelFit{Slug: l.lv.Slug, Rank: l.lv.Rank, Title: l.lv.Title, Fit: fit, Met: met, Gaps: gapBuf[start:len(gapBuf):len(gapBuf)]}
		// From 2026.2 a rung also needs its fit to reach RecommendFit:
		// missing only development expectations is no bar, but a thin
		// profile is not recommended either.
		if s.p.RecommendFit > 0 && fit+reachEpsilon < s.p.RecommendFit {
			met = false
		}
		if chain && met {
			rec = li
		} else {
			chain = false
		}
	}
	return out, rec
}

// reached says whether a score meets a minimum within the tolerance.
func (s *Scorer) reached(score float64, minimum int) bool {
	return score+reachEpsilon >= float64(minimum)-s.p.MetTolerance
}

// orderGaps sorts expectation indexes required first, then most important, then largest gap,
// then by slug. Expectations arrive pre-sorted on all but the gap size, so an insertion sort
// on indexes does little work.
func (s *Scorer) orderGaps(exps []scorerExpectation, comps []CompetencyScore, order []int) {
	less := func(a, b int) bool {
		ea, eb := exps[a], exps[b]
		if ea.required != eb.required {
			return ea.required
		}
		if ea.importance != eb.importance {
			return ea.importance > eb.importance
		}
		ga, gb := float64(ea.min)-comps[ea.comp].Score, float64(eb.min)-comps[eb.comp].Score
		if ga != gb {
			return ga > gb
		}
		return s.f.Competencies[ea.comp].Slug < s.f.Competencies[eb.comp].Slug
	}
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && less(order[j], order[j-1]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
}

// sortExpectations puts a level's expectations in gap order for a zero score.
func (s *Scorer) sortExpectations(exps []scorerExpectation) {
	slices.SortStableFunc(exps, func(a, b scorerExpectation) int {
		if a.required != b.required {
			if a.required {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.importance, a.importance); c != 0 {
			return c
		}
		return cmp.Compare(s.f.Competencies[a.comp].Slug, s.f.Competencies[b.comp].Slug)
	})
}

// blockedBy names the gates the next rung misses, and says it in one
// sentence: "You meet 95 % of Community Manager; only stakeholder influence
// holds it back."
func (s *Scorer) blockedBy(next LevelFit) *BlockedBy {
	b := &BlockedBy{Level: LevelRef{Slug: next.Slug, Rank: next.Rank, Title: next.Title}, Fit: next.Fit, Competencies: []string{}}
	var names []string
	for _, g := range next.Gaps {
		if g.Kind == ExpectationGate || g.Kind == ExpectationRequired {
			b.Competencies = append(b.Competencies, g.Competency)
			names = append(names, s.lowerNames[s.compIndex[g.Competency]])
		}
	}
	lead := "You meet " + strconv.FormatFloat(next.Fit, 'f', -1, 64) + " % of " + next.Title
	switch len(names) {
	case 0:
		b.Summary = lead + "; build on the development steps to reach the " + strconv.FormatFloat(s.p.RecommendFit, 'f', -1, 64) + " % it takes."
	case 1:
		b.Summary = lead + "; only " + names[0] + " holds it back."
	default:
		b.Summary = lead + "; " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " hold it back."
	}
	return b
}
