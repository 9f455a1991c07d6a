package repository

import (
	"context"
	"time"

	"github.com/rungs/rungs/domain"
)

type refreshTokenRow struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	FamilyID  string
	TokenHash string
	ExpiresAt time.Time
	CreatedAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
}

func (refreshTokenRow) TableName() string { return "refresh_tokens" }

func (r refreshTokenRow) domain() domain.RefreshToken {
	return domain.RefreshToken{
		ID: r.ID, UserID: r.UserID, FamilyID: r.FamilyID, TokenHash: r.TokenHash,
		ExpiresAt: r.ExpiresAt.UTC(), CreatedAt: r.CreatedAt.UTC(), UsedAt: utcOrNil(r.UsedAt), RevokedAt: utcOrNil(r.RevokedAt),
	}
}

// RefreshTokens stores hashed refresh tokens.
type RefreshTokens struct{ db *DB }

// NewRefreshTokens returns the refresh token store.
func NewRefreshTokens(db *DB) *RefreshTokens { return &RefreshTokens{db: db} }

// Create inserts t.
func (s *RefreshTokens) Create(ctx context.Context, t domain.RefreshToken) error {
	row := refreshTokenRow{
		ID: t.ID, UserID: t.UserID, FamilyID: t.FamilyID, TokenHash: t.TokenHash,
		ExpiresAt: t.ExpiresAt.UTC(), CreatedAt: t.CreatedAt.UTC(), UsedAt: utcOrNil(t.UsedAt), RevokedAt: utcOrNil(t.RevokedAt),
	}
	return translate(s.db.conn(ctx).Create(&row).Error, "refresh token")
}

// ByHash returns the token whose SHA-256 is hash.
func (s *RefreshTokens) ByHash(ctx context.Context, hash string) (domain.RefreshToken, error) {
	var row refreshTokenRow
	if err := s.db.conn(ctx).Where("token_hash = ?", hash).Take(&row).Error; err != nil {
		return domain.RefreshToken{}, translate(err, "refresh token")
	}
	return row.domain(), nil
}

// MarkUsed sets used_at on a token neither used nor revoked and reports whether it did.
func (s *RefreshTokens) MarkUsed(ctx context.Context, id string, at time.Time) (bool, error) {
	res := s.db.conn(ctx).Model(&refreshTokenRow{}).
		Where("id = ? AND used_at IS NULL AND revoked_at IS NULL", id).
		Update("used_at", at.UTC())
	return res.RowsAffected == 1, translate(res.Error, "refresh token")
}

// RevokeFamily revokes every token of the family not revoked yet.
func (s *RefreshTokens) RevokeFamily(ctx context.Context, familyID string, at time.Time) error {
	return translate(s.db.conn(ctx).Model(&refreshTokenRow{}).
		Where("family_id = ? AND revoked_at IS NULL", familyID).
		Update("revoked_at", at.UTC()).Error, "refresh token")
}

// RevokeUser revokes every token of the user not revoked yet.
func (s *RefreshTokens) RevokeUser(ctx context.Context, userID string, at time.Time) error {
	return translate(s.db.conn(ctx).Model(&refreshTokenRow{}).
		Where("user_id = ? AND revoked_at IS NULL", userID).
		Update("revoked_at", at.UTC()).Error, "refresh token")
}
