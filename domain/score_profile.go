package domain

import "strconv"

// Dimension indexes in Scorer.dimOf.
const (
	dimPeople    = 0
	dimInfluence = 1
)

// dimensionScores is the competency-weight-weighted mean of each dimension's scores, on 0..100.
func (s *Scorer) dimensionScores(comps []CompetencyScore) DimensionScores {
	var num, den [3]float64
	for i, c := range comps {
		d := s.dimOf[i]
		if d < 0 {
			continue
		}
		w := s.f.Competencies[i].Weight
		num[d] += w * c.Score
		den[d] += w
	}
	var out [3]float64
	for d := range out {
		if den[d] > 0 {
			out[d] = round1(num[d] / den[d] / MaxProficiency * 100)
		}
	}
	return DimensionScores{People: out[0], Influence: out[1], Craft: out[2]}
}

// profile places the person on the people/influence grid and names, for each dimension below
// its threshold, the skill to build first.
func (s *Scorer) profile(d DimensionScores, comps []CompetencyScore) ProfileFit {
	th := ProfileThresholds{People: s.p.PeopleThreshold, Influence: s.p.InfluenceThreshold}
	people, influence := d.People >= th.People, d.Influence >= th.Influence
	// One string build: the summary is on every result.
	var buf [400]byte
	b := buf[:0]
	var kind string
	switch {
	case people && influence:
		kind = ProfileBridge
		b = appendBothSides(b, d, th, " both reach their thresholds (")
		b = append(b, "): an expert who can influence, able to bridge a community and the leaders who fund it."...)
	case people:
		kind = ProfilePractitioner
		b = appendOneSided(b, "People ", d.People, th.People, ") but influence ", d.Influence, th.Influence)
		b = append(b, ": a hands-on practitioner who can grow into influence with leaders."...)
		b = s.appendFirstSkill(b, comps, dimInfluence, " The influence skill to build first: ")
	case influence:
		kind = ProfileInfluencer
		b = appendOneSided(b, "Influence ", d.Influence, th.Influence, ") but people ", d.People, th.People)
		b = append(b, ": an influencer who can grow closer to members day to day."...)
		b = s.appendFirstSkill(b, comps, dimPeople, " The people skill to build first: ")
	default:
		kind = ProfileEmerging
		b = appendBothSides(b, d, th, " are both below their thresholds (")
		b = append(b, "): an emerging profile; practice with a real community and feedback will move both."...)
		if wp, wi := s.weakest(comps, dimPeople), s.weakest(comps, dimInfluence); wp >= 0 && wi >= 0 {
			b = append(b, " Skills to build first: "...)
			b = s.appendSkill(b, comps, wp)
			b = append(b, " and "...)
			b = append(s.appendSkill(b, comps, wi), '.')
		}
	}
	return ProfileFit{Kind: kind, Summary: string(b), Thresholds: th}
}

// appendBothSides appends "People p and influence i<verdict>pt and it".
func appendBothSides(b []byte, d DimensionScores, th ProfileThresholds, verdict string) []byte {
	b = append(b, "People "...)
	b = appendNum1(b, d.People)
	b = append(b, " and influence "...)
	b = appendNum1(b, d.Influence)
	b = append(b, verdict...)
	b = appendNum1(b, th.People)
	b = append(b, " and "...)
	return appendNum1(b, th.Influence)
}

// appendOneSided appends "<High> h reaches its threshold (ht<mid>l is below lt".
func appendOneSided(b []byte, high string, h, ht float64, mid string, l, lt float64) []byte {
	b = append(b, high...)
	b = appendNum1(b, h)
	b = append(b, " reaches its threshold ("...)
	b = appendNum1(b, ht)
	b = append(b, mid...)
	b = appendNum1(b, l)
	b = append(b, " is below "...)
	return appendNum1(b, lt)
}

// appendFirstSkill names the dimension's skill to build first, after lead.
func (s *Scorer) appendFirstSkill(b []byte, comps []CompetencyScore, dim int, lead string) []byte {
	if w := s.weakest(comps, dim); w >= 0 {
		b = append(b, lead...)
		b = append(s.appendSkill(b, comps, w), '.')
	}
	return b
}

// weakest is the dimension's competency to build first: the lowest score, then the heaviest
// weight (it moves the dimension most), then framework order; -1 without scores.
func (s *Scorer) weakest(comps []CompetencyScore, dim int) int {
	best := -1
	for i := range comps {
		if s.dimOf[i] != dim {
			continue
		}
		if best < 0 || comps[i].Score < comps[best].Score ||
			(comps[i].Score == comps[best].Score && s.f.Competencies[i].Weight > s.f.Competencies[best].Weight) {
			best = i
		}
	}
	return best
}

// appendSkill appends "Name (score)".
func (s *Scorer) appendSkill(b []byte, comps []CompetencyScore, i int) []byte {
	b = append(b, s.f.Competencies[i].Name...)
	b = append(b, " ("...)
	b = appendNum1(b, comps[i].Score)
	return append(b, ')')
}

func appendNum1(b []byte, x float64) []byte { return strconv.AppendFloat(b, x, 'f', 1, 64) }
