package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeEmail(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"Ada@Example.ORG", "ada@example.org", true},
		{"  ada.lovelace+rungs@example.co.uk ", "ada.lovelace+rungs@example.co.uk", true},
		{"", "", false},
		{"ada", "", false},
		{"ada@", "", false},
		{"@example.org", "", false},
		{"ada@example", "", false},
		{"ada@@example.org", "", false},
		{"Ada <ada@example.org>", "", false},
		{"ada lovelace@example.org", "", false},
		{"ada@.example.org", "", false},
		{"ada@example.org.", "", false},
		{strings.Repeat("a", 65) + "@example.org", "", false},
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".org", strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".org", true},
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 186) + ".org", "", false},
	}
	for _, tc := range cases {
		got, err := NormalizeEmail(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("NormalizeEmail(%.40q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("error %v is not ErrInvalid", err)
		}
	}
}

func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"ada@example.org", "A@B.C", "x@y", "\"a b\"@example.org", "ä@ö.de"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizeEmail(s)
		if err != nil {
			return
		}
		if len(got) > MaxEmailLength || got != strings.ToLower(got) || strings.Count(got, "@") != 1 {
			t.Fatalf("accepted %q as %q", s, got)
		}
		again, err := NormalizeEmail(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q (%v)", got, again, err)
		}
	})
}
