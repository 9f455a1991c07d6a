package repository

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/rungs/rungs/domain"
)

// partTables are deleted child first so that no foreign key is ever dangling.
var partTables = []any{&expectationRow{}, &evidenceRow{}, &actionRow{}, &levelRow{}, &backgroundRow{}, &competencyRow{}}

// UpdateDraft applies change to a draft and stores the result in one
// transaction. A published or retired version is refused with ErrConflict.
// change may edit the title, description, dimensions, scoring and parts;
// slug, version, status and publication time are kept.
func (s *Frameworks) UpdateDraft(ctx context.Context, slug, version string, change func(f *domain.Framework) error) (*domain.Framework, error) {
	return s.changeDraft(ctx, slug, version, func(tx *gorm.DB, row frameworkRow, f *domain.Framework) error {
		if err := change(f); err != nil {
			return err
		}
		f.Slug, f.Version, f.Status, f.PublishedAt = row.Slug, row.Version, row.Status, nil
		for _, table := range partTables {
			if err := tx.Where("framework_id = ?", row.ID).Delete(table).Error; err != nil {
				return translate(err, "framework part")
			}
		}
		if err := insertParts(tx, partRows(row.ID, f)); err != nil {
			return err
		}
		h := headerRow(f)
		return updateDraftRow(tx, row, map[string]any{
			"title": h.Title, "description": h.Description, "dimensions": h.Dimensions, "scoring": h.Scoring,
		})
	})
}

// Publish validates a draft and makes it published at at; from then on it is
// immutable. A draft that breaks any rule is refused with a
// *domain.ValidationError listing every problem.
func (s *Frameworks) Publish(ctx context.Context, slug, version string, at time.Time) (*domain.Framework, error) {
	return s.changeDraft(ctx, slug, version, func(tx *gorm.DB, row frameworkRow, f *domain.Framework) error {
		f.Status, f.PublishedAt = domain.StatusPublished, utcPtr(&at)
		if err := f.Validate(); err != nil {
			return err
		}
		return updateDraftRow(tx, row, map[string]any{"status": domain.StatusPublished, "published_at": *f.PublishedAt})
	})
}

// Retire marks a published version retired: no longer the latest, still
// readable by its version so that scores given with it can be explained.
func (s *Frameworks) Retire(ctx context.Context, slug, version string, at time.Time) (*domain.Framework, error) {
	var out *domain.Framework
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		tx := s.db.conn(ctx)
		row, err := findRow(tx, slug, version, s.db.dialect == DialectPostgres)
		if err != nil {
			return err
		}
		if row.Status != domain.StatusPublished {
			return domain.Errorf(domain.ErrConflict, "framework %s@%s is %s; only a published version can be retired", slug, version, row.Status)
		}
		res := tx.Model(&frameworkRow{}).Where("id = ? AND status = ?", row.ID, domain.StatusPublished).
			Updates(map[string]any{"status": domain.StatusRetired, "updated_at": at.UTC()})
		if err := res.Error; err != nil {
			return translate(err, "framework")
		}
		parts, err := loadParts(tx, row.ID)
		if err != nil {
			return err
		}
		row.Status = domain.StatusRetired
		out, err = toFramework(row, parts)
		return err
	})
	return out, err
}

// changeDraft runs fn on a draft in one transaction and returns the draft
// as fn left it. The version's row is locked first (SQLite holds the write
// lock from BEGIN IMMEDIATE) and anything but a draft is refused.
func (s *Frameworks) changeDraft(ctx context.Context, slug, version string, fn func(tx *gorm.DB, row frameworkRow, f *domain.Framework) error) (*domain.Framework, error) {
	var out *domain.Framework
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		tx := s.db.conn(ctx)
		row, err := findRow(tx, slug, version, s.db.dialect == DialectPostgres)
		if err != nil {
			return err
		}
		if row.Status != domain.StatusDraft {
			return domain.Errorf(domain.ErrConflict, "framework %s@%s is %s; only a draft can change", slug, version, row.Status)
		}
		parts, err := loadParts(tx, row.ID)
		if err != nil {
			return err
		}
		f, err := toFramework(row, parts)
		if err != nil {
			return err
		}
		if err := fn(tx, row, f); err != nil {
			return err
		}
		out = f
		return nil
	})
	return out, err
}

// updateDraftRow writes columns of a row that must still be a draft: the
// status condition makes a lost race fail instead of changing a published version.
func updateDraftRow(tx *gorm.DB, row frameworkRow, cols map[string]any) error {
	cols["updated_at"] = time.Now().UTC()
	res := tx.Model(&frameworkRow{}).Where("id = ? AND status = ?", row.ID, domain.StatusDraft).Updates(cols)
	if err := res.Error; err != nil {
		return translate(err, "framework")
	}
	if res.RowsAffected != 1 {
		return domain.Errorf(domain.ErrConflict, "framework %s@%s is no longer a draft", row.Slug, row.Version)
	}
	return nil
}
