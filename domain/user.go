package domain

import "time"

// Roles a user account holds.
const (
	RoleJobSeeker = "job_seeker"
	RoleRecruiter = "recruiter"
	RoleAdmin     = "admin"
)

// ValidRole reports whether r is one of the roles above.
func ValidRole(r string) bool {
	return r == RoleJobSeeker || r == RoleRecruiter || r == RoleAdmin
}

// MaxDisplayNameLength bounds a user's display name, in characters.
const MaxDisplayNameLength = 100

// User is an account. Recruiters belong to one organisation; job seekers and
// admins to none. PasswordHash is an encoded argon2id hash, empty while an
// invited member has not chosen a password yet.
type User struct {
	ID             string
	Email          string
	DisplayName    string
	Role           string
	OrganisationID string
	PasswordHash   string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Organisation is an employer: its recruiters and API keys belong to it.
type Organisation struct {
	ID        string
	Name      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// MaxOrganisationNameLength bounds an organisation's name, in characters.
const MaxOrganisationNameLength = 200
