package api

import (
	"math"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// User is an account as its owner (or the admin who invited it) sees it.
type User struct {
	ID          string `json:"id" format:"uuid" example:"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b7a"`
	Email       string `json:"email" example:"ada@example.org"`
	DisplayName string `json:"display_name" example:"Ada Lovelace"`
	Role        string `json:"role" enums:"job_seeker,recruiter,admin" example:"job_seeker"`
	// The recruiter's organisation; absent for job seekers and admins.
	OrganisationID string    `json:"organisation_id,omitempty" format:"uuid" example:"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b70"`
	CreatedAt      time.Time `json:"created_at" example:"2026-03-01T09:30:00Z"`
	UpdatedAt      time.Time `json:"updated_at" example:"2026-03-01T09:30:00Z"`
}

func toUser(u domain.User) User {
	return User{
		ID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Role: u.Role, OrganisationID: u.OrganisationID,
		CreatedAt: apiTime(u.CreatedAt), UpdatedAt: apiTime(u.UpdatedAt),
	}
}

// TokenPair is a short-lived access token and the refresh token that renews it.
type TokenPair struct {
	// Send as "Authorization: Bearer <access_token>".
	AccessToken string `json:"access_token" example:"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl"`
	TokenType   string `json:"token_type" enums:"Bearer" example:"Bearer"`
	// Seconds until the access token expires.
	ExpiresIn int `json:"expires_in" example:"900"`
	// Opaque; single use: each refresh returns a new one, and presenting a used one ends the session.
	RefreshToken string `json:"refresh_token" example:"q3Jt0Zx8b0mFh2m3bqk1cD8xw5vY9sL4nR7tU2pE6aQ"`
	// Seconds until the refresh token expires.
	RefreshExpiresIn int `json:"refresh_expires_in" example:"2592000"`
}

func toTokenPair(t service.Tokens, now time.Time) TokenPair {
	return TokenPair{
		AccessToken: t.AccessToken, TokenType: "Bearer", ExpiresIn: secondsUntil(t.AccessExpiresAt, now),
		RefreshToken: t.RefreshToken, RefreshExpiresIn: secondsUntil(t.RefreshExpiresAt, now),
	}
}

func secondsUntil(t, now time.Time) int { return max(0, int(math.Ceil(t.Sub(now).Seconds()))) }

// Organisation is an employer whose recruiters and API keys act for it.
type Organisation struct {
	ID        string    `json:"id" format:"uuid" example:"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b70"`
	Name      string    `json:"name" example:"Acme Community"`
	CreatedAt time.Time `json:"created_at" example:"2026-03-01T09:30:00Z"`
}

func toOrganisation(o domain.Organisation) Organisation {
	return Organisation{ID: o.ID, Name: o.Name, CreatedAt: apiTime(o.CreatedAt)}
}

// Invitation is a new recruiter and the one-time token with which they
// choose a password at POST /v1/auth/set-password. The token is shown once.
type Invitation struct {
	User             User      `json:"user"`
	SetPasswordToken string    `json:"set_password_token" example:"Jm1uY2hZb0xq3Jt0Zx8b0mFh2m3bqk1cD8xw5vY9sL4"`
	ExpiresAt        time.Time `json:"expires_at" example:"2026-03-04T09:30:00Z"`
}

// APIKey is an organisation's key as lists show it: never its secret.
type APIKey struct {
	ID   string `json:"id" format:"uuid" example:"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b71"`
	Name string `json:"name" example:"Applicant tracking system"`
	// The secret's first characters, to tell keys apart.
	Prefix     string     `json:"prefix" example:"rk_3Jt0Zx8b"`
	Scopes     []string   `json:"scopes" enums:"candidates:read,candidates:write,assessments:read,assessments:write,scorecards:write,search,webhooks" example:"candidates:read,search"`
	CreatedAt  time.Time  `json:"created_at" example:"2026-03-01T09:30:00Z"`
	LastUsedAt *time.Time `json:"last_used_at" example:"2026-03-02T14:05:00Z"`
}

func toAPIKey(k domain.APIKey) APIKey {
	out := APIKey{ID: k.ID, Name: k.Name, Prefix: k.Prefix, Scopes: k.Scopes, CreatedAt: apiTime(k.CreatedAt)}
	if out.Scopes == nil {
		out.Scopes = []string{}
	}
	if k.LastUsedAt != nil {
		t := apiTime(*k.LastUsedAt)
		out.LastUsedAt = &t
	}
	return out
}

// NewAPIKey is a key just created, with its secret: the only time the
// secret is shown. Send it as "Authorization: Bearer rk_...".
type NewAPIKey struct {
	ID         string     `json:"id" format:"uuid" example:"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b71"`
	Name       string     `json:"name" example:"Applicant tracking system"`
	Prefix     string     `json:"prefix" example:"rk_3Jt0Zx8b"`
	Scopes     []string   `json:"scopes" enums:"candidates:read,candidates:write,assessments:read,assessments:write,scorecards:write,search,webhooks" example:"candidates:read,search"`
	CreatedAt  time.Time  `json:"created_at" example:"2026-03-01T09:30:00Z"`
	LastUsedAt *time.Time `json:"last_used_at"`
	Secret     string     `json:"secret" example:"rk_3Jt0Zx8b0mFh2m3bqk1cD8xw5vY9sL4nR7tU2pE6aQ"`
}

// APIKeyList is one page of an organisation's live keys, oldest first.
type APIKeyList struct {
	Items []APIKey `json:"items"`
	// Pass as cursor for the next page; absent on the last page.
	NextCursor string `json:"next_cursor,omitempty" example:"MDE5NWYzYzItN2E0ZS03YjFhLTljM2QtMmYxZTRkNWM2Yjcx"`
}

// apiTime is t in UTC at the precision both databases keep.
func apiTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
