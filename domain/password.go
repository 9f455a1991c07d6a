package domain

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

// Password length bounds, in characters. The maximum is checked before any
// hashing so that no request can make the server hash megabytes.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 128
)

//go:embed common_passwords.txt
var commonPasswordList string

// CheckPassword enforces the password rules: 12 to 128 characters and not a
// well-known password. It never echoes the password.
func CheckPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLength:
		return Errorf(ErrInvalid, "password must have at least %d characters", MinPasswordLength)
	case n > MaxPasswordLength:
		return Errorf(ErrInvalid, "password must have at most %d characters", MaxPasswordLength)
	case strings.TrimSpace(pw) == "":
		return Errorf(ErrInvalid, "password must not be blank")
	case IsCommonPassword(pw):
		return Errorf(ErrInvalid, "password is too common; choose another")
	}
	return nil
}

// IsCommonPassword reports whether pw, ignoring case and surrounding spaces,
// is on the embedded list of passwords attackers try first.
func IsCommonPassword(pw string) bool {
	want := strings.ToLower(strings.TrimSpace(pw))
	for line := range strings.Lines(commonPasswordList) {
		if strings.TrimSpace(line) == want {
			return true
		}
	}
	return false
}
