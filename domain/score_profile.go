package domain

import "strconv"

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

// profile places the person on the people/influence grid.
func (s *Scorer) profile(d DimensionScores) ProfileFit {
	th := ProfileThresholds{People: s.p.PeopleThreshold, Influence: s.p.InfluenceThreshold}
	people, influence := d.People >= th.People, d.Influence >= th.Influence
	// One string build: the summary is on every result.
	var buf [320]byte
	b := buf[:0]
	var kind string
	switch {
	case people && influence:
		kind = ProfileBridge
		b = append(b, "People "...)
		b = appendNum1(b, d.People)
		b = append(b, " and influence "...)
		b = appendNum1(b, d.Influence)
		b = append(b, " both reach their thresholds ("...)
		b = appendNum1(b, th.People)
		b = append(b, " and "...)
		b = appendNum1(b, th.Influence)
		b = append(b, "): an expert who can influence, able to bridge a community and the leaders who fund it."...)
	case people:
		kind = ProfilePractitioner
		b = append(b, "People "...)
		b = appendNum1(b, d.People)
		b = append(b, " reaches its threshold ("...)
		b = appendNum1(b, th.People)
		b = append(b, ") but influence "...)
		b = appendNum1(b, d.Influence)
		b = append(b, " is below "...)
		b = appendNum1(b, th.Influence)
		b = append(b, ": a hands-on practitioner; showing leaders what is in it for them is the next skill to build."...)
	case influence:
		kind = ProfileInfluencer
		b = append(b, "Influence "...)
		b = appendNum1(b, d.Influence)
		b = append(b, " reaches its threshold ("...)
		b = appendNum1(b, th.Influence)
		b = append(b, ") but people "...)
		b = appendNum1(b, d.People)
		b = append(b, " is below "...)
		b = appendNum1(b, th.People)
		b = append(b, ": an influencer; day-to-day listening and facilitation with members is the next skill to build."...)
	default:
		kind = ProfileEmerging
		b = append(b, "People "...)
		b = appendNum1(b, d.People)
		b = append(b, " and influence "...)
		b = appendNum1(b, d.Influence)
		b = append(b, " are both below their thresholds ("...)
		b = appendNum1(b, th.People)
		b = append(b, " and "...)
		b = appendNum1(b, th.Influence)
		b = append(b, "): an emerging profile; practice with a real community and feedback will move both."...)
	}
	summary := string(b)
	return ProfileFit{Kind: kind, Summary: summary, Thresholds: th}
}

func appendNum1(b []byte, x float64) []byte { return strconv.AppendFloat(b, x, 'f', 1, 64) }
