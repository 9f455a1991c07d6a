package repository

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/rungs/rungs/domain"
)

type idempotencyRow struct {
	Scope       string `gorm:"primaryKey"`
	IdemKey     string `gorm:"primaryKey"`
	RequestHash string
	Status      int
	Headers     string
	Body        string
	CreatedAt   time.Time
	ExpiresAt   time.Time
}

func (idempotencyRow) TableName() string { return "idempotency_keys" }

// IdempotencyKeys stores the first answers to requests sent with an
// Idempotency-Key.
type IdempotencyKeys struct{ db *DB }

// NewIdempotencyKeys returns the store.
func NewIdempotencyKeys(db *DB) *IdempotencyKeys { return &IdempotencyKeys{db: db} }

// Lock claims (scope, key) until the transaction in ctx ends and reports
// whether it could: on PostgreSQL an advisory lock that a concurrent
// request fails to take at once; SQLite's write transactions are already
// one at a time, so there it always succeeds.
func (s *IdempotencyKeys) Lock(ctx context.Context, scope, key string) (bool, error) {
	if s.db.Dialect() != DialectPostgres {
		return true, nil
	}
	var ok bool
	err := s.db.conn(ctx).Raw(`SELECT pg_try_advisory_xact_lock(hashtextextended(? || chr(10) || ?, 7))`, scope, key).Scan(&ok).Error
	return ok, translate(err, "idempotency key")
}

// Get returns the stored answer for (scope, key) unless it expired by now.
func (s *IdempotencyKeys) Get(ctx context.Context, scope, key string, now time.Time) (domain.StoredAnswer, error) {
	var row idempotencyRow
	err := s.db.conn(ctx).Where("scope = ? AND idem_key = ? AND expires_at > ?", scope, key, now.UTC()).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return domain.StoredAnswer{}, domain.Errorf(domain.ErrNotFound, "no stored answer")
	}
	if err != nil {
		return domain.StoredAnswer{}, translate(err, "idempotency key")
	}
	a := domain.StoredAnswer{RequestHash: row.RequestHash, Status: row.Status, Body: []byte(row.Body)}
	if err := json.Unmarshal([]byte(row.Headers), &a.Headers); err != nil {
		return domain.StoredAnswer{}, err
	}
	return a, nil
}

// Put stores the answer for (scope, key), replacing an expired one.
func (s *IdempotencyKeys) Put(ctx context.Context, scope, key string, a domain.StoredAnswer, now, expires time.Time) error {
	h, err := json.Marshal(a.Headers)
	if err != nil {
		return err
	}
	conn := s.db.conn(ctx)
	if err := conn.Where("scope = ? AND idem_key = ?", scope, key).Delete(&idempotencyRow{}).Error; err != nil {
		return translate(err, "idempotency key")
	}
	row := idempotencyRow{Scope: scope, IdemKey: key, RequestHash: a.RequestHash, Status: a.Status, Headers: string(h),
		Body: string(a.Body), CreatedAt: now.UTC(), ExpiresAt: expires.UTC()}
	return translate(conn.Create(&row).Error, "idempotency key")
}

// Prune deletes the answers expired by now.
func (s *IdempotencyKeys) Prune(ctx context.Context, now time.Time) error {
	return translate(s.db.conn(ctx).Where("expires_at <= ?", now.UTC()).Delete(&idempotencyRow{}).Error, "idempotency key")
}

// Forget deletes every stored answer of scope (an erased account's).
func (s *IdempotencyKeys) Forget(ctx context.Context, scope string) error {
	return translate(s.db.conn(ctx).Where("scope = ?", scope).Delete(&idempotencyRow{}).Error, "idempotency key")
}

// Redact replaces every stored answer whose body names id, outside scope
// keep, with answer: the key stays taken (a retry must not run again and
// make duplicates), but what it said about id is gone. It reads every
// stored body (kept 24 hours), so it is for deletions and withdrawals,
// not the hot path.
func (s *IdempotencyKeys) Redact(ctx context.Context, id, keep string, answer domain.StoredAnswer) error {
	h, err := json.Marshal(answer.Headers)
	if err != nil {
		return err
	}
	q := s.db.conn(ctx).Model(&idempotencyRow{}).Where("body LIKE ?", "%"+id+"%")
	if keep != "" {
		q = q.Where("scope <> ?", keep)
	}
	err = q.Updates(map[string]any{"status": answer.Status, "headers": string(h), "body": string(answer.Body)}).Error
	return translate(err, "idempotency key")
}
