package domain

import (
	"fmt"
	"math"
	"strings"
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

// senioritySlug is the experience's rank: the one given, or the highest
// whose words the title holds ("" when neither). inferred says which.
func (s *Scorer) senioritySlug(e ExperienceInput) (slug string, inferred bool) {
	if e.Seniority != "" {
		return e.Seniority, false
	}
	if len(s.p.Seniority) == 0 || e.Title == "" {
		return "", false
	}
	title := " " + strings.ToLower(e.Title) + " "
	for i := len(s.p.Seniority) - 1; i >= 0; i-- {
		for _, w := range s.p.Seniority[i].Words {
			if containsWords(title, w) {
				return s.p.Seniority[i].Slug, true
			}
		}
	}
	return "", false
}

// containsWords reports whether padded (a lower-case title with a space at
// each end) holds the words w as whole words.
func containsWords(padded, w string) bool {
	for i := 0; ; {
		j := strings.Index(padded[i:], w)
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

// seniorityLift is one experience's lift: its rank's and its scope's,
// earned in part below FullYears like any evidence.
func (s *Scorer) seniorityLift(e ExperienceInput) (float64, string) {
	slug, _ := s.senioritySlug(e)
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
	lift = (lift + scope) * s.ramp(e.Years)
	if lift <= 0 {
		return 0, ""
	}
	reason := slug
	if reason == "" {
		reason = "leading people"
	}
	if e.PeopleLed > 0 {
		reason += fmt.Sprintf(", %d people led", e.PeopleLed)
	}
	return lift, reason
}

// bestLift is the largest seniority lift over the experiences, with its
// reason; order-free (ties keep the reason first in text order).
func (s *Scorer) bestLift(exps []ExperienceInput) (float64, string) {
	if s.liftComp == nil {
		return 0, ""
	}
	best, why := 0.0, ""
	for _, e := range exps {
		l, r := s.seniorityLift(e)
		if l > best || (l == best && l > 0 && r < why) {
			best, why = l, r
		}
	}
	return min(best, MaxProficiency), why
}
