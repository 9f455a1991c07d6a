package domain

import (
	"bytes"
	"math"
	"strconv"
)

// tenureLift is what years past FullYears add to evidence p (2 or more):
// up to one step, never past 4, growing with the square root of the share
// of the way from FullYears to ExpertYears. Monotone in years.
func (s *Scorer) tenureLift(p int, years float64) float64 {
	full, expert := s.p.FullYears, s.p.ExpertYears
	if expert <= full || p < 2 || years <= full {
		return 0
	}
	step := float64(min(MaxProficiency, p+1) - p)
	return step * math.Sqrt(min(1, (years-full)/(expert-full)))
}

// seniorityOf is an experience's rank: the one given, or the highest whose
// words its title holds ("" when neither); inferred says which. It does
// not allocate: the title is lower-cased into a stack buffer.
func (s *Scorer) seniorityOf(e ExperienceInput) (slug string, inferred bool) {
	if e.Seniority != "" {
		return e.Seniority, false
	}
	if len(s.senWords) == 0 || e.Title == "" {
		return "", false
	}
	var buf [258]byte
	n := min(len(e.Title), len(buf)-2)
	buf[0] = ' '
	for i := 0; i < n; i++ {
		c := e.Title[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i+1] = c
	}
	buf[n+1] = ' '
	padded := buf[:n+2]
	for i := len(s.senWords) - 1; i >= 0; i-- {
		for _, w := range s.senWords[i] {
			if containsWords(padded, w) {
				return s.p.Seniority[i].Slug, true
			}
		}
	}
	return "", false
}

// containsWords reports whether padded (a lower-case title with a space at
// each end) holds the words w as whole words.
func containsWords(padded, w []byte) bool {
	if len(w) == 0 {
		return false
	}
	for i := 0; ; {
		j := bytes.Index(padded[i:], w)
		if j < 0 {
			return false
		}
		at := i + j
		end := at + len(w)
		if at > 0 && !wordByte(padded[at-1]) && end < len(padded) && !wordByte(padded[end]) {
			return true
		}
		i = at + 1
	}
}

func wordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// expSeniority is an experience's rank and whether it was inferred.
type expSeniority struct {
	slug     string
	inferred bool
}

// seniorities finds every experience's rank once per scoring.
func (s *Scorer) seniorities(exps []ExperienceInput, buf []expSeniority) []expSeniority {
	for _, e := range exps {
		slug, inferred := s.seniorityOf(e)
		buf = append(buf, expSeniority{slug: slug, inferred: inferred})
	}
	return buf
}

// seniorityLift is one experience's lift, its rank's and its scope's,
// earned in part below FullYears like any evidence.
func (s *Scorer) seniorityLift(e ExperienceInput, slug string) float64 {
	lift := 0.0
	for _, r := range s.p.Seniority {
		if r.Slug == slug {
			lift = r.Lift
		}
	}
	scope := 0.0
	for _, st := range s.p.PeopleLed {
		if e.PeopleLed >= st.Min {
			scope = max(scope, st.Lift)
		}
	}
	return (lift + scope) * s.ramp(e.Years)
}

// bestLift is the largest seniority lift over the experiences, with its
// reason; order-free (ties keep the experience whose reason sorts first).
func (s *Scorer) bestLift(exps []ExperienceInput, sen []expSeniority) (float64, string) {
	if s.liftComp == nil {
		return 0, ""
	}
	best, at := 0.0, -1
	for i, e := range exps {
		l := s.seniorityLift(e, sen[i].slug)
		if l > best || (l == best && l > 0 && at >= 0 && liftReason(e, sen[i].slug) < liftReason(exps[at], sen[at].slug)) {
			best, at = l, i
		}
	}
	if at < 0 {
		return 0, ""
	}
	return min(best, MaxProficiency), liftReason(exps[at], sen[at].slug)
}

// liftReason says why a lift applies: "director, 12 people led".
func liftReason(e ExperienceInput, slug string) string {
	if slug == "" {
		slug = "leading people"
	}
	if e.PeopleLed > 0 {
		return slug + ", " + strconv.Itoa(e.PeopleLed) + " people led"
	}
	return slug
}
