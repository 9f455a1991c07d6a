package service

import "testing"

func TestExplanationWords(t *testing.T) {
	for in, want := range map[float64]string{0.5: "less than a year", 1: "one year", 8: "eight years", 2.5: "2.5 years", 25: "25 years"} {
		if got := yearsPhrase(in); got != want {
			t.Errorf("yearsPhrase(%v) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"major gifts officer": "a major gifts officer", "account executive": "an account executive"} {
		if got := article(in); got != want {
			t.Errorf("article(%q) = %q", in, got)
		}
	}
	if got := lowerFirst("CRM hygiene"); got != "CRM hygiene" {
		t.Errorf("an acronym was lowered: %q", got)
	}
	if got := lowerFirst("Donors are a community"); got != "donors are a community" {
		t.Errorf("lowerFirst: %q", got)
	}
	if got := plural(1, "skill", "skills"); got != "one skill" {
		t.Errorf("plural: %q", got)
	}
}
