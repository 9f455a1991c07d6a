package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckPassword(t *testing.T) {
	cases := []struct {
		name, pw string
		ok       bool
	}{
		{"long enough", "correct horse battery", true},
		{"exactly twelve", "abcdefghijk!", true},
		{"eleven characters", "abcdefghij!", false},
		{"twelve characters counted as runes, not bytes", "ääääääääääää", true},
		{"eleven runes in 22 bytes", "äääääääääää", false},
		{"at the cap", strings.Repeat("x", MaxPasswordLength-1) + "y", true},
		{"over the cap", strings.Repeat("xy", MaxPasswordLength), false},
		{"blank", strings.Repeat(" ", 20), false},
		{"common", "password1234", false},
		{"common, in another case with spaces", "  Password1234 ", false},
		{"common, long", "correcthorsebatterystaple", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckPassword(tc.pw)
			if (err == nil) != tc.ok {
				t.Fatalf("CheckPassword = %v, want ok=%v", err, tc.ok)
			}
			if err != nil {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("%v is not ErrInvalid", err)
				}
				if w := strings.TrimSpace(tc.pw); w != "" && strings.Contains(err.Error(), w) {
					t.Fatal("error echoes the password")
				}
			}
		})
	}
}

func TestCommonPasswordListIsUsable(t *testing.T) {
	n := 0
	for line := range strings.Lines(commonPasswordList) {
		w := strings.TrimSpace(line)
		if w == "" {
			t.Fatal("blank line in the list")
		}
		if w != strings.ToLower(w) {
			t.Fatalf("%q is not lower case: it would never match", w)
		}
		if len([]rune(w)) < MinPasswordLength {
			t.Fatalf("%q is shorter than the minimum: the length rule already refuses it", w)
		}
		n++
	}
	if n < 50 {
		t.Fatalf("only %d common passwords", n)
	}
}

func TestScopesAndRoles(t *testing.T) {
	for _, s := range Scopes {
		if !ValidScope(s) {
			t.Fatalf("%s invalid", s)
		}
	}
	for _, s := range []string{"", "admin", "candidates", "Search"} {
		if ValidScope(s) {
			t.Fatalf("%q valid", s)
		}
	}
	if !ValidRole(RoleAdmin) || ValidRole("owner") {
		t.Fatal("roles")
	}
}
