package domain

import (
	"net/mail"
	"strings"
)

// MaxEmailLength is the longest address SMTP carries (RFC 5321 path limit).
const MaxEmailLength = 254

// NormalizeEmail trims and lower-cases an address so that one person has one
// account whatever case they type, and checks its shape: one @, a local part
// of at most 64 bytes, a dotted domain, no display name or spaces.
func NormalizeEmail(s string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(s))
	if e == "" {
		return "", Errorf(ErrInvalid, "email is required")
	}
	if len(e) > MaxEmailLength {
		return "", Errorf(ErrInvalid, "email must have at most %d characters", MaxEmailLength)
	}
	local, host, ok := strings.Cut(e, "@")
	if !ok || local == "" || len(local) > 64 || strings.Contains(host, "@") ||
		!strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") ||
		strings.ContainsAny(e, " \t\r\n<>,;\"") {
		return "", Errorf(ErrInvalid, "email must be an address such as name@example.org")
	}
	if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
		return "", Errorf(ErrInvalid, "email must be an address such as name@example.org")
	}
	return e, nil
}
