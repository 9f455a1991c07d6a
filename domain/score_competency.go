package domain

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// maxSpread is the largest possible gap between two proficiencies (0 and 4), doubled so that
// total disagreement halves confidence rather than erasing it.
const maxSpread = 2 * MaxProficiency

// bgYears is one background the person practised, with its years summed across experiences.
type bgYears struct {
	bg    int32
	years float64
	ramp  float64
}

// expEval is the experience source for one competency.
type expEval struct {
	value   float64 // best ramped evidence plus breadth bonus, capped at 4
	bonus   float64 // the breadth bonus actually added
	best    int     // index into the aggregated backgrounds, -1 when none evidences the competency
	breadth int     // backgrounds listed beside the best one for the bonus
	lift    float64 // the seniority lift actually added (in value)
}

// Stack buffers cover typical inputs; larger ones fall back to the heap.
const (
	stackBackgrounds  = 8
	stackCompetencies = 32
)

// scoreCompetencies combines experience, self-rating and reviewers per competency.
// Experience counts as a source (possibly at 0) whenever a competency has any evidence at all:
// that keeps more experience from ever lowering a score and discounts a lone self-rating.
func (s *Scorer) scoreCompetencies(in ScoreInput, r resolved, sen []expSeniority) []CompetencyScore {
	nc := len(s.f.Competencies)
	var aggBuf [stackBackgrounds]bgYears
	agg := s.aggregateExperiences(in.Experiences, r.expBg, aggBuf[:0])
	lift, liftWhy := s.bestLift(in.Experiences, sen)
	hits := s.lexiconHits(in)
	var evalBuf [stackCompetencies]expEval
	evals := evalBuf[:0]
	if nc > len(evalBuf) {
		evals = make([]expEval, 0, nc)
	}
	total := 0
	for ci := range nc {
		ev := s.experienceFor(ci, agg)
		if lift > 0 && s.liftComp[ci] {
			ev.lift = min(MaxProficiency, ev.value+lift) - ev.value
			ev.value += ev.lift
			total++
		}
		evals = append(evals, ev)
		group := r.revOrder[r.revStart[ci]:r.revStart[ci+1]]
		if ev.value > 0 || r.selfOf[ci] > 0 || len(group) > 0 {
			total += 1 + ev.breadth + min(1, int(r.selfOf[ci])) + countReviewers(in.Reviews, group)
			if hits != nil && hits[ci].proficiency > 0 {
				total++ // room for a highlight source
			}
		}
	}
	buf := make([]ScoreSource, 0, total)
	out := make([]CompetencyScore, nc)
	p := s.p
	for ci := range nc {
		c := &s.f.Competencies[ci]
		exp := evals[ci]
		self := r.selfOf[ci]
		group := r.revOrder[r.revStart[ci]:r.revStart[ci+1]]
		start := len(buf)
		cs := CompetencyScore{Slug: c.Slug, Name: c.Name, Dimension: c.Dimension}
		if exp.value > 0 || self > 0 || len(group) > 0 {
			num, den := p.ExperienceWeight*exp.value, p.ExperienceWeight
			lo, hi := exp.value, exp.value
			buf = s.appendExperienceSources(buf, ci, agg, exp)
			if exp.lift > 0 {
				buf = append(buf, ScoreSource{Kind: SourceSeniority, Ref: SourceSeniority, Proficiency: round2(exp.lift), Reason: liftWhy})
			}
			if self > 0 {
				sr := &in.SelfRatings[self-1]
				w := p.SelfWeight
				if strings.TrimSpace(sr.Evidence) != "" {
					w = p.SelfSupportedWeight
				}
				v := float64(sr.Proficiency)
				num, den = num+w*v, den+w
				lo, hi = min(lo, v), max(hi, v)
				buf = append(buf, ScoreSource{Kind: SourceSelf, Ref: SourceSelf, Proficiency: v, Weight: round2(w)})
			}
			if len(group) > 0 {
				share := p.ReviewerWeight / float64(countReviewers(in.Reviews, group))
				for g := group; len(g) > 0; {
					who := in.Reviews[g[0]].Reviewer
					k, sum := 1, float64(in.Reviews[g[0]].Proficiency)
					for k < len(g) && in.Reviews[g[k]].Reviewer == who {
						sum += float64(in.Reviews[g[k]].Proficiency)
						k++
					}
					v := sum / float64(k)
					num, den = num+share*v, den+share
					lo, hi = min(lo, v), max(hi, v)
					buf = append(buf, ScoreSource{Kind: SourceReviewer, Ref: who, Proficiency: round2(v), Weight: round2(share)})
					g = g[k:]
				}
			}
			// A behaviour in the person's own words counts when it shows more
			// than the other sources together: it only ever raises a score.
			if hits != nil && hits[ci].proficiency > 0 && den > 0 && float64(hits[ci].proficiency) > num/den {
				h := hits[ci]
				v, w := float64(h.proficiency), p.HighlightWeight
				num, den = num+w*v, den+w
				lo, hi = min(lo, v), max(hi, v)
				buf = append(buf, ScoreSource{Kind: SourceHighlight, Ref: h.ref, Proficiency: v, Weight: round2(w), Quote: h.quote})
			}
			if den > 0 {
				cs.Score = round1(min(MaxProficiency, max(0, num/den)))
			}
			years := 0.0
			if exp.best >= 0 {
				years = agg[exp.best].years
			}
			// Experience is a title's typical evidence, not an observation of this person:
			// in confidence it counts by the years behind it.
			evidenceWeight := den - p.ExperienceWeight + p.ExperienceWeight*s.yearsShare(years)
			cs.Confidence = s.confidence(evidenceWeight, hi-lo)
		}
		cs.Sources = buf[start:len(buf):len(buf)]
		out[ci] = cs
	}
	return out
}

// appendExperienceSources lists the best experience (weighted) and the other backgrounds that
// earned the breadth bonus (weight 0).
func (s *Scorer) appendExperienceSources(buf []ScoreSource, ci int, agg []bgYears, exp expEval) []ScoreSource {
	src := ScoreSource{Kind: SourceExperience, Proficiency: round2(exp.value), Weight: round2(s.p.ExperienceWeight), Bonus: round2(exp.bonus)}
	if exp.best >= 0 {
		src.Ref = s.f.Backgrounds[agg[exp.best].bg].Slug
		src.Years = agg[exp.best].years
	}
	buf = append(buf, src)
	if exp.breadth == 0 {
		return buf
	}
	nc := len(s.f.Competencies)
	for i, a := range agg {
		p := s.evidence[int(a.bg)*nc+ci]
		if i == exp.best || p < 2 {
			continue
		}
		buf = append(buf, ScoreSource{
			Kind: SourceExperience, Ref: s.f.Backgrounds[a.bg].Slug, Proficiency: round2(float64(p) * a.ramp), Years: a.years,
		})
	}
	return buf
}

// experienceFor takes the best ramped evidence for competency ci and adds the breadth bonus
// for every distinct background beyond the first that evidences it at 2 or more. Counting
// distinct backgrounds (rather than those other than the best) keeps the bonus monotone.
func (s *Scorer) experienceFor(ci int, agg []bgYears) expEval {
	nc := len(s.f.Competencies)
	ev := expEval{best: -1}
	best, distinct := 0.0, 0
	for i, a := range agg {
		p := s.evidence[int(a.bg)*nc+ci]
		if p >= 2 {
			distinct++
		}
		// agg is in slug order, so strictly greater keeps the first slug on ties.
		if v := float64(p)*a.ramp + s.tenureLift(int(p), a.years); v > best {
			best, ev.best = v, i
		}
	}
	bonus := 0.0
	if distinct > 1 {
		bonus = max(0, min(s.p.BreadthBonusMax, s.p.BreadthBonus*float64(distinct-1)))
	}
	ev.value = min(MaxProficiency, best+bonus)
	ev.bonus = ev.value - best
	if ev.bonus > 0 {
		ev.breadth = distinct
		if ev.best >= 0 && s.evidence[int(agg[ev.best].bg)*nc+ci] >= 2 {
			ev.breadth--
		}
	}
	return ev
}

// ramp is the share of a background's evidence that the years earn.
func (s *Scorer) ramp(years float64) float64 {
	if years <= 0 {
		return 0
	}
	if s.p.FullYears <= 0 {
		return 1
	}
	return min(1, s.p.MinRamp+(1-s.p.MinRamp)*years/s.p.FullYears)
}

// yearsShare is the part of the experience weight that counts towards confidence:
// half at FullYears, two thirds at twice that, never all of it.
func (s *Scorer) yearsShare(years float64) float64 {
	if years <= 0 {
		return 0
	}
	if s.p.FullYears <= 0 {
		return 1
	}
	return years / (years + s.p.FullYears)
}

// aggregateExperiences sums years per background, in slug order and summed in ascending
// order, so that the result never depends on the order of the input.
func (s *Scorer) aggregateExperiences(exps []ExperienceInput, bgOf []int32, agg []bgYears) []bgYears {
	for i, e := range exps {
		if e.Years > 0 {
			agg = append(agg, bgYears{bg: bgOf[i], years: e.Years})
		}
	}
	slices.SortFunc(agg, func(a, b bgYears) int {
		if c := cmp.Compare(s.bgRank[a.bg], s.bgRank[b.bg]); c != 0 {
			return c
		}
		return cmp.Compare(a.years, b.years)
	})
	merged := agg[:0]
	for _, a := range agg {
		if n := len(merged); n > 0 && merged[n-1].bg == a.bg {
			merged[n-1].years += a.years
			continue
		}
		merged = append(merged, a)
	}
	for i := range merged {
		merged[i].ramp = s.ramp(merged[i].years)
	}
	return merged
}

// countReviewers counts distinct reviewers in a group of review indexes sorted by reviewer.
func countReviewers(reviews []ReviewerRating, group []int32) int {
	n := 0
	for i := range group {
		if i == 0 || reviews[group[i]].Reviewer != reviews[group[i-1]].Reviewer {
			n++
		}
	}
	return n
}

// confidence grows with total source weight and shrinks with disagreement between sources.
func (s *Scorer) confidence(weight, spread float64) float64 {
	if weight <= 0 {
		return 0
	}
	c := 1.0
	if s.p.ConfidenceFullWeight > 0 {
		c = min(1, weight/s.p.ConfidenceFullWeight)
	}
	return round2(c * max(0, 1-spread/maxSpread))
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
func round2(x float64) float64 { return math.Round(x*100) / 100 }
