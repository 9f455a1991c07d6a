package domain

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TextKind names the characters a text field may hold. Every text a person
// or a client sends goes through CleanText with one of these kinds.
type TextKind int

const (
	// SingleLine is for names, titles, labels, slugs and emails: no control
	// characters at all (C0, DEL, C1) and no line or paragraph separators.
	SingleLine TextKind = iota
	// MultiLine is for highlights, evidence, notes and descriptions: newline
	// and tab are allowed; a CRLF pair is read as a newline.
	MultiLine
)

// CleanText applies the text rules of kind to s: valid UTF-8, no control
// characters beyond those the kind allows, and Unicode NFC normalisation, so
// that "é" typed as one or as two code points is stored, compared and
// counted the same way. The error wraps ErrInvalid and says what was found,
// without echoing the text.
func CleanText(kind TextKind, s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", Errorf(ErrInvalid, "must be valid UTF-8")
	}
	if kind == MultiLine && strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	for i, r := range s {
		if forbidden(kind, r) {
			return "", Errorf(ErrInvalid, "must not contain control characters%s (found %U at character %d)",
				allowedNote(kind), r, utf8.RuneCountInString(s[:i])+1)
		}
	}
	if isASCII(s) {
		// ASCII is always in NFC; skipping the normaliser keeps the hot path cheap.
		return s, nil
	}
	return norm.NFC.String(s), nil
}

// TextLength is a text's length as a person counts it: in characters, not bytes.
func TextLength(s string) int { return utf8.RuneCountInString(s) }

func forbidden(kind TextKind, r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return kind == SingleLine
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == '\u2028' || r == '\u2029':
		return kind == SingleLine
	}
	return false
}

func allowedNote(kind TextKind) string {
	if kind == MultiLine {
		return " other than newline and tab"
	}
	return ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
