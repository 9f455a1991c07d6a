package repository

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/rungs/rungs/domain"
)

// Frameworks stores competency framework versions. A published or retired
// version is immutable: every change goes through a transaction that locks
// the version's row and rechecks that it is still a draft.
type Frameworks struct{ db *DB }

// NewFrameworks returns the framework store.
func NewFrameworks(db *DB) *Frameworks { return &Frameworks{db: db} }

// Create stores f as a new version with its parts. A version that exists
// already is refused with ErrConflict and left as it was. Published and
// retired versions must pass full validation; drafts need a slug and version.
func (s *Frameworks) Create(ctx context.Context, f *domain.Framework) error {
	if err := checkStorable(f); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		tx := s.db.conn(ctx)
		row := headerRow(f)
		now := time.Now().UTC()
		row.CreatedAt, row.UpdatedAt = now, now
		if err := tx.Create(&row).Error; err != nil {
			return translate(err, "framework "+f.Ref())
		}
		return insertParts(tx, partRows(row.ID, f))
	})
}

func checkStorable(f *domain.Framework) error {
	if f == nil {
		return domain.Errorf(domain.ErrInvalid, "framework is required")
	}
	if f.Status != domain.StatusDraft {
		return f.Validate()
	}
	verr := &domain.ValidationError{}
	if f.Slug == "" {
		verr.Add("slug", "required", "is required")
	}
	if _, ok := versionKey(f.Version); !ok {
		verr.Add("version", "format", "must be dotted numbers such as 2026.1")
	}
	return verr.OrNil()
}

// Get returns one version with every part.
func (s *Frameworks) Get(ctx context.Context, slug, version string) (*domain.Framework, error) {
	conn := s.db.conn(ctx)
	// Parts are read in several statements; a draft edited meanwhile would mix
	// two revisions, so the read is retried until the header did not move.
	for attempt := 0; ; attempt++ {
		row, err := findRow(conn, slug, version, false)
		if err != nil {
			return nil, err
		}
		parts, err := loadParts(conn, row.ID)
		if err != nil {
			return nil, err
		}
		if row.Status != domain.StatusDraft || attempt == 2 {
			return toFramework(row, parts)
		}
		again, err := findRow(conn, slug, version, false)
		if err != nil {
			return nil, err
		}
		if again.UpdatedAt.Equal(row.UpdatedAt) && again.Status == row.Status {
			return toFramework(row, parts)
		}
	}
}

// LatestVersion returns the highest published version of slug.
func (s *Frameworks) LatestVersion(ctx context.Context, slug string) (string, error) {
	var versions []string
	err := s.db.conn(ctx).Model(&frameworkRow{}).
		Where("slug = ? AND status = ?", slug, domain.StatusPublished).
		Order("version_key DESC").Limit(1).Pluck("version", &versions).Error
	if err != nil {
		return "", translate(err, "framework")
	}
	if len(versions) == 0 {
		return "", domain.Errorf(domain.ErrNotFound, "framework %s has no published version", slug)
	}
	return versions[0], nil
}

// Latest returns the highest published version of slug with every part.
func (s *Frameworks) Latest(ctx context.Context, slug string) (*domain.Framework, error) {
	v, err := s.LatestVersion(ctx, slug)
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, slug, v)
}

// List returns every version's header (no dimensions, scoring or parts),
// by slug and then version, oldest first.
func (s *Frameworks) List(ctx context.Context) ([]domain.Framework, error) {
	var rows []frameworkRow
	err := s.db.conn(ctx).Select("slug", "version", "status", "title", "description", "published_at").
		Order("slug, version_key").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "framework")
	}
	out := make([]domain.Framework, 0, len(rows))
	for _, r := range rows {
		out = append(out, domain.Framework{
			Slug: r.Slug, Version: r.Version, Status: r.Status, Title: r.Title,
			Description: r.Description, PublishedAt: utcPtr(r.PublishedAt),
		})
	}
	return out, nil
}

func findRow(conn *gorm.DB, slug, version string, lock bool) (frameworkRow, error) {
	var row frameworkRow
	q := conn.Where("slug = ? AND version = ?", slug, version)
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Take(&row).Error; err != nil {
		return row, translate(err, "framework "+slug+"@"+version)
	}
	return row, nil
}

func loadParts(conn *gorm.DB, id int64) (frameworkParts, error) {
	var p frameworkParts
	for _, dst := range []any{&p.competencies, &p.levels, &p.expectations, &p.backgrounds, &p.evidence, &p.actions} {
		if err := conn.Where("framework_id = ?", id).Order("position").Find(dst).Error; err != nil {
			return p, translate(err, "framework part")
		}
	}
	return p, nil
}

func insertParts(tx *gorm.DB, p frameworkParts) error {
	for _, insert := range []func() error{
		func() error { return createBatches(tx, p.competencies) },
		func() error { return createBatches(tx, p.levels) },
		func() error { return createBatches(tx, p.expectations) },
		func() error { return createBatches(tx, p.backgrounds) },
		func() error { return createBatches(tx, p.evidence) },
		func() error { return createBatches(tx, p.actions) },
	} {
		if err := insert(); err != nil {
			return translate(err, "framework part")
		}
	}
	return nil
}

// createBatches inserts rows a few hundred at a time, well under SQLite's
// and PostgreSQL's bound-parameter limits.
func createBatches[T any](tx *gorm.DB, rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	return tx.CreateInBatches(rows, 200).Error
}
