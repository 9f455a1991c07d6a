package domain

import "time"

// RefreshToken is one link of a rotation chain. Every refresh marks the
// presented token used and issues the next one in the same family; a used
// token presented again means it was stolen, and the whole family is revoked.
type RefreshToken struct {
	ID        string
	UserID    string
	FamilyID  string
	TokenHash string
	ExpiresAt time.Time
	CreatedAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
}

// PasswordToken is a one-time token with which an invited member chooses a
// password.
type PasswordToken struct {
	ID        string
	UserID    string
	TokenHash string
	ExpiresAt time.Time
	CreatedAt time.Time
	UsedAt    *time.Time
}
