package domain

import "time"

// AuditEntry records who did what to which object, and in which request.
// It never carries the object's content.
type AuditEntry struct {
	ID            string
	PrincipalKind string
	PrincipalID   string
	// OrganisationID is the organisation the principal acted for, if any.
	OrganisationID string
	Action         string
	ObjectType     string
	ObjectID       string
	RequestID      string
	CreatedAt      time.Time
}
