package repository

import (
	"context"
	"time"

	"github.com/rungs/rungs/domain"
)

type organisationRow struct {
	ID        string `gorm:"primaryKey"`
	Name      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (organisationRow) TableName() string { return "organisations" }

func (r organisationRow) domain() domain.Organisation {
	return domain.Organisation{ID: r.ID, Name: r.Name, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

// Organisations stores organisations.
type Organisations struct{ db *DB }

// NewOrganisations returns the organisation store.
func NewOrganisations(db *DB) *Organisations { return &Organisations{db: db} }

// Create inserts o.
func (s *Organisations) Create(ctx context.Context, o domain.Organisation) error {
	row := organisationRow{ID: o.ID, Name: o.Name, CreatedAt: o.CreatedAt.UTC(), UpdatedAt: o.UpdatedAt.UTC()}
	return translate(s.db.conn(ctx).Create(&row).Error, "organisation")
}

// ByID returns the organisation with id.
func (s *Organisations) ByID(ctx context.Context, id string) (domain.Organisation, error) {
	if !wellFormedID(id) {
		return domain.Organisation{}, domain.Errorf(domain.ErrNotFound, "organisation not found")
	}
	var row organisationRow
	if err := s.db.conn(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return domain.Organisation{}, translate(err, "organisation")
	}
	return row.domain(), nil
}

// Lock takes the organisation's row lock until the transaction ends (a
// no-op write: PostgreSQL locks the row, SQLite's writer lock covers it).
func (s *Organisations) Lock(ctx context.Context, id string) error {
	if !wellFormedID(id) {
		return domain.Errorf(domain.ErrNotFound, "organisation not found")
	}
	res := s.db.conn(ctx).Exec("UPDATE organisations SET updated_at = updated_at WHERE id = ?", id)
	if res.Error != nil {
		return translate(res.Error, "organisation")
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ErrNotFound, "organisation not found")
	}
	return nil
}
