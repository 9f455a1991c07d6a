package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	cases := []struct {
		name string
		kind TextKind
		in   string
		want string
		err  string
	}{
		{"keeps plain text", SingleLine, "Major Gifts Officer", "Major Gifts Officer", ""},
		{"normalises to NFC", SingleLine, "Rene\u0301e", "Ren\u00e9e", ""},
		{"refuses NUL", SingleLine, "a\x00b", "", "U+0000 at character 2"},
		{"refuses a newline in one line", SingleLine, "a\nb", "", "U+000A"},
		{"refuses a tab in one line", SingleLine, "a\tb", "", "U+0009"},
		{"refuses DEL", SingleLine, "a\x7f", "", "U+007F"},
		{"refuses C1 controls", SingleLine, "a\u0085b", "", "U+0085"},
		{"refuses a line separator in one line", SingleLine, "a\u2028b", "", "U+2028"},
		{"refuses invalid UTF-8", SingleLine, "a\xffb", "", "valid UTF-8"},
		{"refuses an encoded surrogate", SingleLine, "a\xed\xa0\x80", "", "valid UTF-8"},
		{"counts characters, not bytes, in positions", SingleLine, "ééé\x01", "", "at character 4"},
		{"allows newline and tab in many lines", MultiLine, "one\n\ttwo", "one\n\ttwo", ""},
		{"reads CRLF as a newline", MultiLine, "one\r\ntwo", "one\ntwo", ""},
		{"refuses a lone CR in many lines", MultiLine, "one\rtwo", "", "other than newline and tab"},
		{"refuses NUL in many lines", MultiLine, "a\x00", "", "U+0000"},
		{"refuses escape in many lines", MultiLine, "\x1b[31m", "", "U+001B"},
		{"allows emoji and scripts", SingleLine, "Zoë 👩🏽‍💻 القاهرة", "Zoë 👩🏽‍💻 القاهرة", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CleanText(tc.kind, tc.in)
			if tc.err == "" {
				if err != nil || got != tc.want {
					t.Fatalf("CleanText(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("CleanText(%q) error %v; want one containing %q", tc.in, err, tc.err)
			}
		})
	}
}

func TestTextLengthCountsCharacters(t *testing.T) {
	if n := TextLength("Zoë"); n != 3 {
		t.Fatalf("TextLength = %d, want 3", n)
	}
}

func FuzzCleanText(f *testing.F) {
	f.Add("Major Gifts Officer", true)
	f.Add("a\x00\r\n\u2028", false)
	f.Fuzz(func(t *testing.T, s string, multi bool) {
		kind := SingleLine
		if multi {
			kind = MultiLine
		}
		out, err := CleanText(kind, s)
		if err != nil {
			return
		}
		again, err := CleanText(kind, out)
		if err != nil || again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", s, out, again, err)
		}
		for _, r := range out {
			if forbidden(kind, r) {
				t.Fatalf("kept %U", r)
			}
		}
	})
}
