package repository

import (
	"context"
	"time"

	"github.com/rungs/rungs/domain"
)

type passwordTokenRow struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	TokenHash string
	ExpiresAt time.Time
	CreatedAt time.Time
	UsedAt    *time.Time
}

func (passwordTokenRow) TableName() string { return "password_tokens" }

// PasswordTokens stores hashed one-time set-password tokens.
type PasswordTokens struct{ db *DB }

// NewPasswordTokens returns the set-password token store.
func NewPasswordTokens(db *DB) *PasswordTokens { return &PasswordTokens{db: db} }

// Create inserts t.
func (s *PasswordTokens) Create(ctx context.Context, t domain.PasswordToken) error {
	row := passwordTokenRow{ID: t.ID, UserID: t.UserID, TokenHash: t.TokenHash, ExpiresAt: t.ExpiresAt.UTC(), CreatedAt: t.CreatedAt.UTC(), UsedAt: utcOrNil(t.UsedAt)}
	return translate(s.db.conn(ctx).Create(&row).Error, "set-password token")
}

// ByHash returns the token whose SHA-256 is hash.
func (s *PasswordTokens) ByHash(ctx context.Context, hash string) (domain.PasswordToken, error) {
	var row passwordTokenRow
	if err := s.db.conn(ctx).Where("token_hash = ?", hash).Take(&row).Error; err != nil {
		return domain.PasswordToken{}, translate(err, "set-password token")
	}
	return domain.PasswordToken{
		ID: row.ID, UserID: row.UserID, TokenHash: row.TokenHash,
		ExpiresAt: row.ExpiresAt.UTC(), CreatedAt: row.CreatedAt.UTC(), UsedAt: utcOrNil(row.UsedAt),
	}, nil
}

// Use marks an unused token used and reports whether it did.
func (s *PasswordTokens) Use(ctx context.Context, id string, at time.Time) (bool, error) {
	res := s.db.conn(ctx).Model(&passwordTokenRow{}).Where("id = ? AND used_at IS NULL", id).Update("used_at", at.UTC())
	return res.RowsAffected == 1, translate(res.Error, "set-password token")
}
