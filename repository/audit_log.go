package repository

import (
	"context"
	"time"

	"github.com/rungs/rungs/domain"
)

type auditRow struct {
	ID             string `gorm:"primaryKey"`
	PrincipalKind  string
	PrincipalID    string
	OrganisationID string
	Action         string
	ObjectType     string
	ObjectID       string
	RequestID      string
	CreatedAt      time.Time
}

func (auditRow) TableName() string { return "audit_log" }

// AuditLog appends audit entries; nothing updates or deletes them.
type AuditLog struct{ db *DB }

// NewAuditLog returns the audit log store.
func NewAuditLog(db *DB) *AuditLog { return &AuditLog{db: db} }

// Append inserts e.
func (s *AuditLog) Append(ctx context.Context, e domain.AuditEntry) error {
	row := auditRow{
		ID: e.ID, PrincipalKind: e.PrincipalKind, PrincipalID: e.PrincipalID, OrganisationID: e.OrganisationID, Action: e.Action,
		ObjectType: e.ObjectType, ObjectID: e.ObjectID, RequestID: e.RequestID, CreatedAt: e.CreatedAt.UTC(),
	}
	return translate(s.db.conn(ctx).Create(&row).Error, "audit entry")
}

// Anonymise blanks id as principal and as object in every entry.
func (s *AuditLog) Anonymise(ctx context.Context, id string) error {
	if id == "" {
		return nil
	}
	conn := s.db.conn(ctx)
	if err := conn.Model(&auditRow{}).Where("principal_id = ?", id).Update("principal_id", "").Error; err != nil {
		return translate(err, "audit entry")
	}
	return translate(conn.Model(&auditRow{}).Where("object_id = ?", id).Update("object_id", "").Error, "audit entry")
}

// ByObject returns the entries about one object, oldest first.
func (s *AuditLog) ByObject(ctx context.Context, objectType, objectID string) ([]domain.AuditEntry, error) {
	var rows []auditRow
	if err := s.db.conn(ctx).Where("object_type = ? AND object_id = ?", objectType, objectID).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, "audit entry")
	}
	out := make([]domain.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = domain.AuditEntry{
			ID: r.ID, PrincipalKind: r.PrincipalKind, PrincipalID: r.PrincipalID, OrganisationID: r.OrganisationID, Action: r.Action,
			ObjectType: r.ObjectType, ObjectID: r.ObjectID, RequestID: r.RequestID, CreatedAt: r.CreatedAt.UTC(),
		}
	}
	return out, nil
}

// AppendMany inserts entries with multi-row statements.
func (s *AuditLog) AppendMany(ctx context.Context, es []domain.AuditEntry) error {
	rows := make([]auditRow, len(es))
	for i, e := range es {
		rows[i] = auditRow{ID: e.ID, PrincipalKind: e.PrincipalKind, PrincipalID: e.PrincipalID, OrganisationID: e.OrganisationID,
			Action: e.Action, ObjectType: e.ObjectType, ObjectID: e.ObjectID, RequestID: e.RequestID, CreatedAt: e.CreatedAt.UTC()}
	}
	if len(rows) == 0 {
		return nil
	}
	return translate(s.db.conn(ctx).CreateInBatches(rows, 200).Error, "audit entry")
}
