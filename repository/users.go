package repository

import (
	"context"
	"time"

	"github.com/rungs/rungs/domain"
)

type userRow struct {
	ID             string `gorm:"primaryKey"`
	Email          string
	DisplayName    string
	Role           string
	OrganisationID *string
	PasswordHash   string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (userRow) TableName() string { return "users" }

func toUserRow(u domain.User) userRow {
	return userRow{
		ID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Role: u.Role,
		OrganisationID: nullText(u.OrganisationID), PasswordHash: u.PasswordHash,
		CreatedAt: u.CreatedAt.UTC(), UpdatedAt: u.UpdatedAt.UTC(),
	}
}

func (r userRow) domain() domain.User {
	return domain.User{
		ID: r.ID, Email: r.Email, DisplayName: r.DisplayName, Role: r.Role,
		OrganisationID: textOf(r.OrganisationID), PasswordHash: r.PasswordHash,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

// Users stores accounts.
type Users struct{ db *DB }

// NewUsers returns the account store.
func NewUsers(db *DB) *Users { return &Users{db: db} }

// Create inserts u; a taken email is ErrConflict.
func (s *Users) Create(ctx context.Context, u domain.User) error {
	row := toUserRow(u)
	return translate(s.db.conn(ctx).Create(&row).Error, "account")
}

// ByID returns the user with id.
func (s *Users) ByID(ctx context.Context, id string) (domain.User, error) {
	if !wellFormedID(id) {
		return domain.User{}, domain.Errorf(domain.ErrNotFound, "user not found")
	}
	var row userRow
	if err := s.db.conn(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return domain.User{}, translate(err, "user")
	}
	return row.domain(), nil
}

// ByEmail returns the user with a normalised email.
func (s *Users) ByEmail(ctx context.Context, email string) (domain.User, error) {
	var row userRow
	if err := s.db.conn(ctx).Where("email = ?", email).Take(&row).Error; err != nil {
		return domain.User{}, translate(err, "user")
	}
	return row.domain(), nil
}

// SetDisplayName writes the user's display name and updated_at.
func (s *Users) SetDisplayName(ctx context.Context, id, name string, at time.Time) error {
	return s.set(ctx, id, map[string]any{"display_name": name, "updated_at": at.UTC()})
}

// SetPasswordHash writes the user's password hash and updated_at.
func (s *Users) SetPasswordHash(ctx context.Context, id, hash string, at time.Time) error {
	return s.set(ctx, id, map[string]any{"password_hash": hash, "updated_at": at.UTC()})
}

// Delete removes the user; sessions, refresh tokens and password tokens go
// with it (ON DELETE CASCADE), keys they created keep working unowned.
func (s *Users) Delete(ctx context.Context, id string) error {
	if !wellFormedID(id) {
		return domain.Errorf(domain.ErrNotFound, "user not found")
	}
	res := s.db.conn(ctx).Where("id = ?", id).Delete(&userRow{})
	if res.Error != nil {
		return translate(res.Error, "user")
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ErrNotFound, "user not found")
	}
	return nil
}

// set writes only the given columns, never a whole row read earlier, so
// that a rename cannot put back a password hash changed meanwhile.
func (s *Users) set(ctx context.Context, id string, cols map[string]any) error {
	if !wellFormedID(id) {
		return domain.Errorf(domain.ErrNotFound, "user not found")
	}
	res := s.db.conn(ctx).Model(&userRow{}).Where("id = ?", id).Updates(cols)
	if res.Error != nil {
		return translate(res.Error, "user")
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ErrNotFound, "user not found")
	}
	return nil
}
