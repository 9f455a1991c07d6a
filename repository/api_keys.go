package repository

import (
	"context"
	"strings"
	"time"

	"github.com/rungs/rungs/domain"
)

type apiKeyRow struct {
	ID             string `gorm:"primaryKey"`
	OrganisationID string
	Name           string
	Prefix         string
	SecretHash     string
	Scopes         string
	CreatedBy      *string
	CreatedAt      time.Time
	LastUsedAt     *time.Time
	RevokedAt      *time.Time
}

func (apiKeyRow) TableName() string { return "api_keys" }

func (r apiKeyRow) domain() domain.APIKey {
	return domain.APIKey{
		ID: r.ID, OrganisationID: r.OrganisationID, Name: r.Name, Prefix: r.Prefix, SecretHash: r.SecretHash,
		Scopes: strings.Fields(r.Scopes), CreatedBy: textOf(r.CreatedBy), CreatedAt: r.CreatedAt.UTC(),
		LastUsedAt: utcOrNil(r.LastUsedAt), RevokedAt: utcOrNil(r.RevokedAt),
	}
}

// APIKeys stores hashed API keys.
type APIKeys struct{ db *DB }

// NewAPIKeys returns the API key store.
func NewAPIKeys(db *DB) *APIKeys { return &APIKeys{db: db} }

// Create inserts k.
func (s *APIKeys) Create(ctx context.Context, k domain.APIKey) error {
	row := apiKeyRow{
		ID: k.ID, OrganisationID: k.OrganisationID, Name: k.Name, Prefix: k.Prefix, SecretHash: k.SecretHash,
		Scopes: strings.Join(k.Scopes, " "), CreatedBy: nullText(k.CreatedBy), CreatedAt: k.CreatedAt.UTC(),
		LastUsedAt: utcOrNil(k.LastUsedAt), RevokedAt: utcOrNil(k.RevokedAt),
	}
	return translate(s.db.conn(ctx).Create(&row).Error, "API key")
}

// CountLive counts the organisation's keys not revoked.
func (s *APIKeys) CountLive(ctx context.Context, orgID string) (int, error) {
	var n int64
	err := s.db.conn(ctx).Model(&apiKeyRow{}).Where("organisation_id = ? AND revoked_at IS NULL", orgID).Count(&n).Error
	return int(n), translate(err, "API key")
}

// List returns up to limit live keys of the organisation with ids after
// after, oldest first (ids are time-ordered).
func (s *APIKeys) List(ctx context.Context, orgID, after string, limit int) ([]domain.APIKey, error) {
	if !wellFormedID(orgID) || (after != "" && !wellFormedID(after)) {
		return nil, nil
	}
	q := s.db.conn(ctx).Where("organisation_id = ? AND revoked_at IS NULL", orgID)
	if after != "" {
		q = q.Where("id > ?", after)
	}
	var rows []apiKeyRow
	if err := q.Order("id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, translate(err, "API key")
	}
	out := make([]domain.APIKey, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// ByHash returns the key whose secret's SHA-256 is hash.
func (s *APIKeys) ByHash(ctx context.Context, hash string) (domain.APIKey, error) {
	var row apiKeyRow
	if err := s.db.conn(ctx).Where("secret_hash = ?", hash).Take(&row).Error; err != nil {
		return domain.APIKey{}, translate(err, "API key")
	}
	return row.domain(), nil
}

// Revoke sets revoked_at on a live key of the organisation and reports whether there was one.
func (s *APIKeys) Revoke(ctx context.Context, orgID, id string, at time.Time) (bool, error) {
	if !wellFormedID(orgID) || !wellFormedID(id) {
		return false, nil
	}
	res := s.db.conn(ctx).Model(&apiKeyRow{}).
		Where("id = ? AND organisation_id = ? AND revoked_at IS NULL", id, orgID).
		Update("revoked_at", at.UTC())
	return res.RowsAffected == 1, translate(res.Error, "API key")
}

// Touch records that the key was used at at.
func (s *APIKeys) Touch(ctx context.Context, id string, at time.Time) error {
	return translate(s.db.conn(ctx).Model(&apiKeyRow{}).Where("id = ?", id).Update("last_used_at", at.UTC()).Error, "API key")
}
