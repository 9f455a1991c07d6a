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

// Session is one sign-in: the refresh-token family and every access token
// issued from it. Ending it signs that device out.
type Session struct {
	ID         string
	UserID     string
	Device     string
	CreatedAt  time.Time
	LastUsedAt time.Time
	EndedAt    *time.Time
}

// SessionState is what a request's access token is checked against: its
// session and the user as they are now.
type SessionState struct {
	UserID  string
	Role    string
	OrgID   string
	EndedAt *time.Time
	// LastUsedAt lets the checker refresh the "last used" figure sparingly.
	LastUsedAt time.Time
}
