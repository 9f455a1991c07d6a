package service

import (
	"context"
	"errors"
	"strings"

	"github.com/rungs/rungs/domain"
)

// Framework parts an author replaces as a whole.
const (
	PartCompetencies = "competencies"
	PartLevels       = "levels"
	PartBackgrounds  = "backgrounds"
	PartActions      = "actions"
)

// Audited framework writes; the policy checks ActionFrameworkAuthor for each.
const (
	ActionFrameworkImport  Action = "framework:import"
	ActionFrameworkDraft   Action = "framework:draft"
	ActionFrameworkEdit    Action = "framework:edit"
	ActionFrameworkPublish Action = "framework:publish"
	ActionFrameworkRetire  Action = "framework:retire"
)

// Draft is a draft after an edit, with what publishing it would still refuse.
type Draft struct {
	Framework *domain.Framework
	// Pending lists problems outside the edited part, such as levels that
	// expect a competency the edit removed; Publish refuses until none is left.
	Pending []domain.FieldError
}

// Import validates f and stores it as a new published version (setting its
// status, and its publication time when it has none); an existing version is
// ErrConflict and stays as it was.
func (s *Frameworks) Import(ctx context.Context, pr Principal, f *domain.Framework) error {
	f.Status = domain.StatusPublished
	if f.PublishedAt == nil {
		at := s.now().UTC()
		f.PublishedAt = &at
	}
	if err := f.Validate(); err != nil {
		return err
	}
	return s.write(ctx, pr, ActionFrameworkImport, func(ctx context.Context) (string, error) {
		return f.Ref(), s.store.Create(ctx, f)
	})
}

// CreateDraft copies the latest published version of slug into a new draft
// whose version is one above the highest existing (2026.1 -> 2026.2). One
// draft per framework at a time: while one is open, this is ErrConflict.
func (s *Frameworks) CreateDraft(ctx context.Context, pr Principal, slug string) (*domain.Framework, error) {
	var draft *domain.Framework
	err := s.write(ctx, pr, ActionFrameworkDraft, func(ctx context.Context) (string, error) {
		base, err := s.store.Latest(ctx, slug)
		if err != nil {
			return "", err
		}
		headers, err := s.store.List(ctx)
		if err != nil {
			return "", err
		}
		highest := base.Version
		for _, h := range headers {
			if h.Slug != slug {
				continue
			}
			if h.Status == domain.StatusDraft {
				return "", domain.Errorf(domain.ErrConflict, "draft %s is open; publish it or keep editing it", h.Ref())
			}
			highest = h.Version // ascending order: the last one is the highest
		}
		next, err := nextVersion(highest)
		if err != nil {
			return "", err
		}
		base.Version, base.Status, base.PublishedAt = next, domain.StatusDraft, nil
		if err := s.store.Create(ctx, base); err != nil {
			return "", err
		}
		draft = base
		return base.Ref(), nil
	})
	return draft, err
}

// ReplaceCompetencies replaces a draft's competencies.
func (s *Frameworks) ReplaceCompetencies(ctx context.Context, pr Principal, slug, version string, comps []domain.Competency) (*Draft, error) {
	return s.replace(ctx, pr, slug, version, PartCompetencies, func(f *domain.Framework) { f.Competencies = comps })
}

// ReplaceLevels replaces a draft's levels and their expectations.
func (s *Frameworks) ReplaceLevels(ctx context.Context, pr Principal, slug, version string, levels []domain.Level) (*Draft, error) {
	return s.replace(ctx, pr, slug, version, PartLevels, func(f *domain.Framework) { f.Levels = levels })
}

// ReplaceBackgrounds replaces a draft's backgrounds and their evidence.
func (s *Frameworks) ReplaceBackgrounds(ctx context.Context, pr Principal, slug, version string, bgs []domain.Background) (*Draft, error) {
	return s.replace(ctx, pr, slug, version, PartBackgrounds, func(f *domain.Framework) { f.Backgrounds = bgs })
}

// ReplaceActions replaces a draft's development actions.
func (s *Frameworks) ReplaceActions(ctx context.Context, pr Principal, slug, version string, actions []domain.DevelopmentAction) (*Draft, error) {
	return s.replace(ctx, pr, slug, version, PartActions, func(f *domain.Framework) { f.Actions = actions })
}

// replace validates the whole draft with the new part, inside the store's
// transaction so that it judges exactly what will be stored. Problems in the
// part refuse the edit; problems elsewhere are returned as pending, because
// some edits (adding a competency, say) must span several requests.
func (s *Frameworks) replace(ctx context.Context, pr Principal, slug, version, part string, apply func(*domain.Framework)) (*Draft, error) {
	var out Draft
	err := s.write(ctx, pr, ActionFrameworkEdit, func(ctx context.Context) (string, error) {
		f, err := s.store.UpdateDraft(ctx, slug, version, func(f *domain.Framework) error {
			apply(f)
			own, others := splitProblems(f.Validate(), part)
			if len(own) > 0 {
				return &domain.ValidationError{Fields: own}
			}
			out.Pending = others
			return nil
		})
		out.Framework = f
		return slug + "@" + version, err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// splitProblems separates the problems located in part from the others.
func splitProblems(err error, part string) (own, others []domain.FieldError) {
	var verr *domain.ValidationError
	if !errors.As(err, &verr) {
		return nil, nil
	}
	for _, fe := range verr.Fields {
		if fe.Field == part || strings.HasPrefix(fe.Field, part+"[") || strings.HasPrefix(fe.Field, part+".") {
			own = append(own, fe)
		} else {
			others = append(others, fe)
		}
	}
	return own, others
}

// Pending lists what publishing a draft would refuse (nothing for other versions).
func (s *Frameworks) Pending(f *domain.Framework) []domain.FieldError {
	var verr *domain.ValidationError
	if f.Status != domain.StatusDraft || !errors.As(f.Validate(), &verr) {
		return nil
	}
	return verr.Fields
}

// Publish validates a draft in full and publishes it; it becomes the latest
// if its version is the highest. Every problem is listed at once.
func (s *Frameworks) Publish(ctx context.Context, pr Principal, slug, version string) (*domain.Framework, error) {
	var f *domain.Framework
	err := s.write(ctx, pr, ActionFrameworkPublish, func(ctx context.Context) (ref string, err error) {
		f, err = s.store.Publish(ctx, slug, version, s.now())
		return slug + "@" + version, err
	})
	return f, err
}

// Retire withdraws a published version from being the latest; it stays
// readable by version so that scores given with it can still be explained.
func (s *Frameworks) Retire(ctx context.Context, pr Principal, slug, version string) (*domain.Framework, error) {
	var f *domain.Framework
	err := s.write(ctx, pr, ActionFrameworkRetire, func(ctx context.Context) (ref string, err error) {
		f, err = s.store.Retire(ctx, slug, version, s.now())
		return slug + "@" + version, err
	})
	return f, err
}

// write runs fn and records it in the audit log, naming the version fn
// returns, in one transaction; then it drops the cached version list so that
// this process sees the change at once.
func (s *Frameworks) write(ctx context.Context, pr Principal, action Action, fn func(ctx context.Context) (string, error)) error {
	var err error
	if s.tx == nil || s.audit == nil {
		_, err = fn(ctx)
	} else {
		err = s.tx.InTx(ctx, func(ctx context.Context) error {
			ref, err := fn(ctx)
			if err != nil {
				return err
			}
			return s.audit.Record(ctx, Entry(pr, action, ObjectFramework, ref))
		})
	}
	if err == nil {
		s.invalidate()
	}
	return err
}
