// Package service holds Rungs' use cases. Each declares the small storage
// interfaces it consumes; the repository package implements them.
package service

import "github.com/rungs/rungs/domain"

// Principal kinds.
const (
	PrincipalAnonymous = "anonymous"
	PrincipalUser      = "user"
	PrincipalAPIKey    = "api_key"
	// PrincipalSystem is the operator at the command line (rungs admin create).
	PrincipalSystem = "system"
)

// Roles.
const (
	RoleJobSeeker = domain.RoleJobSeeker
	RoleRecruiter = domain.RoleRecruiter
	RoleAdmin     = domain.RoleAdmin
)

// Principal is who is calling: a user (with a role) or an organisation's API
// key (with scopes), or nobody.
type Principal struct {
	Kind   string
	UserID string
	Role   string
	OrgID  string
	KeyID  string
	Scopes []string
	// SessionID is the sign-in a user's access token belongs to.
	SessionID string
}

// Anonymous is the principal of a request without credentials.
var Anonymous = Principal{Kind: PrincipalAnonymous}

// HasScope reports whether an API key principal carries scope.
func (p Principal) HasScope(scope string) bool {
	for _, s := range p.Scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// Authenticated reports whether the caller proved who they are.
func (p Principal) Authenticated() bool {
	return p.Kind == PrincipalUser || p.Kind == PrincipalAPIKey || p.Kind == PrincipalSystem
}

// ID is the user's or the key's id: what the audit log records.
func (p Principal) ID() string {
	if p.Kind == PrincipalAPIKey {
		return p.KeyID
	}
	return p.UserID
}
