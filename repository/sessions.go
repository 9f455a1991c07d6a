package repository

import (
	"context"
	"time"

	"github.com/rungs/rungs/domain"
)

type sessionRow struct {
	ID         string `gorm:"primaryKey"`
	UserID     string
	Device     string
	CreatedAt  time.Time
	LastUsedAt time.Time
	EndedAt    *time.Time
}

func (sessionRow) TableName() string { return "sessions" }

func (r sessionRow) domain() domain.Session {
	return domain.Session{ID: r.ID, UserID: r.UserID, Device: r.Device, CreatedAt: r.CreatedAt.UTC(),
		LastUsedAt: r.LastUsedAt.UTC(), EndedAt: utcOrNil(r.EndedAt)}
}

// Sessions stores sign-ins (refresh-token families).
type Sessions struct{ db *DB }

// NewSessions returns the session store.
func NewSessions(db *DB) *Sessions { return &Sessions{db: db} }

// Create inserts s.
func (st *Sessions) Create(ctx context.Context, s domain.Session) error {
	row := sessionRow{ID: s.ID, UserID: s.UserID, Device: s.Device, CreatedAt: s.CreatedAt.UTC(),
		LastUsedAt: s.LastUsedAt.UTC(), EndedAt: utcOrNil(s.EndedAt)}
	return translate(st.db.conn(ctx).Create(&row).Error, "session")
}

// ByID returns one session.
func (st *Sessions) ByID(ctx context.Context, id string) (domain.Session, error) {
	var row sessionRow
	if err := st.db.conn(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return domain.Session{}, translate(err, "session")
	}
	return row.domain(), nil
}

// State returns the session with its user's current role and organisation,
// in one indexed read; ErrNotFound when either is gone.
func (st *Sessions) State(ctx context.Context, id string) (domain.SessionState, error) {
	var row struct {
		UserID         string
		Role           string
		OrganisationID *string
		EndedAt        *time.Time
		LastUsedAt     time.Time
	}
	err := st.db.conn(ctx).Raw(`SELECT s.user_id, u.role, u.organisation_id, s.ended_at, s.last_used_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`, id).Scan(&row).Error
	if err != nil {
		return domain.SessionState{}, translate(err, "session")
	}
	if row.UserID == "" {
		return domain.SessionState{}, domain.Errorf(domain.ErrNotFound, "session not found")
	}
	return domain.SessionState{UserID: row.UserID, Role: row.Role, OrgID: textOf(row.OrganisationID),
		EndedAt: utcOrNil(row.EndedAt), LastUsedAt: row.LastUsedAt.UTC()}, nil
}

// ListByUser returns the user's live sessions, newest first.
func (st *Sessions) ListByUser(ctx context.Context, userID string) ([]domain.Session, error) {
	var rows []sessionRow
	err := st.db.conn(ctx).Where("user_id = ? AND ended_at IS NULL", userID).
		Order("created_at DESC, id DESC").Limit(1000).Find(&rows).Error
	if err != nil {
		return nil, translate(err, "session")
	}
	out := make([]domain.Session, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// Touch moves last_used_at to at when it is older than before, so a busy
// session writes at most once per interval.
func (st *Sessions) Touch(ctx context.Context, id string, at, before time.Time) error {
	return translate(st.db.conn(ctx).Model(&sessionRow{}).
		Where("id = ? AND ended_at IS NULL AND last_used_at < ?", id, before.UTC()).
		Update("last_used_at", at.UTC()).Error, "session")
}

// End ends one session.
func (st *Sessions) End(ctx context.Context, id string, at time.Time) error {
	return translate(st.db.conn(ctx).Model(&sessionRow{}).
		Where("id = ? AND ended_at IS NULL", id).Update("ended_at", at.UTC()).Error, "session")
}

// EndUser ends every session of the user and returns their ids.
func (st *Sessions) EndUser(ctx context.Context, userID string, at time.Time) ([]string, error) {
	var ids []string
	conn := st.db.conn(ctx)
	if err := conn.Model(&sessionRow{}).Where("user_id = ? AND ended_at IS NULL", userID).Pluck("id", &ids).Error; err != nil {
		return nil, translate(err, "session")
	}
	err := conn.Model(&sessionRow{}).Where("user_id = ? AND ended_at IS NULL", userID).Update("ended_at", at.UTC()).Error
	return ids, translate(err, "session")
}

// Prune deletes sessions that ended before cutoff.
func (st *Sessions) Prune(ctx context.Context, cutoff time.Time) error {
	return translate(st.db.conn(ctx).Where("ended_at < ?", cutoff.UTC()).Delete(&sessionRow{}).Error, "session")
}
