package service

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/rungs/rungs/domain"
)

// Audit records who did what. Callers record inside the transaction of the
// write they audit, so that the entry and the write commit together; reads
// of a candidate by anyone but its owner are recorded too.
type Audit struct {
	store AuditStore
	now   func() time.Time
}

// NewAudit returns the audit log service; now may be nil.
func NewAudit(store AuditStore, now func() time.Time) *Audit {
	if now == nil {
		now = time.Now
	}
	return &Audit{store: store, now: now}
}

// Entry describes one audited action by pr on obj.
func Entry(pr Principal, action Action, objectType, objectID string) domain.AuditEntry {
	kind := pr.Kind
	if kind == "" {
		kind = PrincipalAnonymous
	}
	return domain.AuditEntry{PrincipalKind: kind, PrincipalID: pr.ID(), OrganisationID: pr.OrgID, Action: string(action), ObjectType: objectType, ObjectID: objectID}
}

// Record appends e, filling its id, time and, when empty, the request id
// carried by ctx.
func (a *Audit) Record(ctx context.Context, e domain.AuditEntry) error {
	return a.store.Append(ctx, a.Complete(ctx, e))
}

// RecordMany appends entries with one multi-row write.
func (a *Audit) RecordMany(ctx context.Context, es []domain.AuditEntry) error {
	for i := range es {
		es[i] = a.Complete(ctx, es[i])
	}
	return a.store.AppendMany(ctx, es)
}

// Complete fills e's id, time and, when empty, the request id carried by
// ctx, for a store that writes the entry together with the change it records.
func (a *Audit) Complete(ctx context.Context, e domain.AuditEntry) domain.AuditEntry {
	e.ID = newID()
	e.CreatedAt = a.now().UTC()
	if e.RequestID == "" {
		e.RequestID = RequestIDFrom(ctx)
	}
	return e
}

// newID returns a time-ordered UUID (version 7), so that keyset pagination
// by id lists objects in creation order.
func newID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// Anonymise turns every entry naming id into a tombstone.
func (a *Audit) Anonymise(ctx context.Context, id string) error { return a.store.Anonymise(ctx, id) }
