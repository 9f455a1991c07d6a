package service

import (
	"math/bits"
	"testing"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		k    int
		want int
	}{
		{"bartender", "bartender", 2, 0},
		{"bartendr", "bartender", 2, 1},   // deletion
		{"bartennder", "bartender", 2, 1}, // insertion
		{"bartendar", "bartender", 2, 1},  // substitution
		{"batrender", "bartender", 2, 1},  // transposition
		{"abrtendr", "bartender", 2, 2},   // transposition and deletion
		{"brtaendr", "bartender", 2, 3},   // beyond the bound: k+1
		{"nurse", "nurse", 1, 0},
		{"nrse", "nurse", 1, 1},
		{"nrsx", "nurse", 1, 2},
		{"coach", "coaching", 2, 3}, // lengths too far apart
		{"", "abc", 3, 3},
	}
	for _, tt := range tests {
		if got := editDistance([]byte(tt.a), tt.b, tt.k); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.k, got, tt.want)
		}
	}
}

func TestTypoBudget(t *testing.T) {
	for n, want := range map[int]int{1: 0, 3: 0, 4: 1, 7: 1, 8: 2, 15: 2} {
		if got := typoBudget(n); got != want {
			t.Errorf("typoBudget(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestLetterMaskNeverRulesOutAWordWithinBudget(t *testing.T) {
	pairs := [][2]string{{"bartendr", "bartender"}, {"batrender", "bartender"}, {"bartendar", "bartender"}, {"éclair", "eclair"}}
	for _, p := range pairs {
		d := editDistance([]byte(p[0]), p[1], 2)
		if diff := bits.OnesCount64(letterMask([]byte(p[0])) ^ letterMask([]byte(p[1]))); d <= 2 && diff > 2*d {
			t.Errorf("%q vs %q: %d edits but masks differ by %d bits", p[0], p[1], d, diff)
		}
	}
}

func TestFamilyRoot(t *testing.T) {
	same := [][2]string{
		{"fundraiser", "fundraising"},
		{"teacher", "teaching"},
		{"manager", "management"},
		{"nurse", "nursing"},
		{"marketer", "marketing"},
		{"volunteer", "volunteering"},
		{"moderator", "moderation"},
		{"journalist", "journalism"},
	}
	for _, p := range same {
		a, b := familyRoot([]byte(p[0])), familyRoot([]byte(p[1]))
		if a == nil || string(a) != string(b) {
			t.Errorf("familyRoot(%q) = %q, familyRoot(%q) = %q, want one root", p[0], a, p[1], b)
		}
	}
	// Words that mean different roles in titles have no family.
	for _, w := range []string{"developer", "development", "officer", "office"} {
		if r := familyRoot([]byte(w)); r != nil {
			t.Errorf("familyRoot(%q) = %q, want none", w, r)
		}
	}
}
