package domain

import (
	"slices"
	"time"
)

// API key scopes: what an HR tool's key may do on its organisation's data.
const (
	ScopeCandidatesRead   = "candidates:read"
	ScopeCandidatesWrite  = "candidates:write"
	ScopeAssessmentsRead  = "assessments:read"
	ScopeAssessmentsWrite = "assessments:write"
	ScopeSearch           = "search"
	// ScopeScorecardsWrite lets a key post interview scorecards.
	ScopeScorecardsWrite = "scorecards:write"
	// ScopeWebhooks lets a key manage the organisation's webhooks.
	ScopeWebhooks = "webhooks"
)

// Scopes lists every scope in display order.
var Scopes = []string{ScopeCandidatesRead, ScopeCandidatesWrite, ScopeAssessmentsRead, ScopeAssessmentsWrite, ScopeScorecardsWrite, ScopeSearch, ScopeWebhooks}

// ValidScope reports whether s is a known scope.
func ValidScope(s string) bool { return slices.Contains(Scopes, s) }

// API key limits.
const (
	// MaxAPIKeysPerOrganisation caps live keys so that a compromised
	// recruiter account cannot mint keys without bound.
	MaxAPIKeysPerOrganisation = 100
	MaxAPIKeyNameLength       = 100
	APIKeySecretPrefix        = "rk_"
)

// APIKey lets an HR tool call the API for one organisation. Only a SHA-256
// hash of its secret is kept, and a short prefix that identifies it in lists.
type APIKey struct {
	ID             string
	OrganisationID string
	Name           string
	Prefix         string
	SecretHash     string
	Scopes         []string
	CreatedBy      string
	CreatedAt      time.Time
	LastUsedAt     *time.Time
	RevokedAt      *time.Time
}
