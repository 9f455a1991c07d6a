// Package service holds Rungs' use cases. Each declares the small storage
// interfaces it consumes; the repository package implements them.
package service

// Principal kinds.
const (
	PrincipalAnonymous = "anonymous"
	PrincipalUser      = "user"
	PrincipalAPIKey    = "api_key"
)

// Roles.
const (
	RoleJobSeeker = "job_seeker"
	RoleRecruiter = "recruiter"
	RoleAdmin     = "admin"
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
