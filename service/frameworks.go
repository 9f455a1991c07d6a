package service

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"time"

	"github.com/rungs/rungs/domain"
)

// FrameworkStore keeps framework versions; published ones are immutable.
type FrameworkStore interface {
	// Create stores a new version; an existing (slug, version) is ErrConflict.
	Create(ctx context.Context, f *domain.Framework) error
	Get(ctx context.Context, slug, version string) (*domain.Framework, error)
	// Latest is the highest published version of slug.
	Latest(ctx context.Context, slug string) (*domain.Framework, error)
	// List returns every version's header (no parts), by slug, then version ascending.
	List(ctx context.Context) ([]domain.Framework, error)
	// UpdateDraft applies change to a draft in one transaction; anything else is ErrConflict.
	UpdateDraft(ctx context.Context, slug, version string, change func(*domain.Framework) error) (*domain.Framework, error)
	Publish(ctx context.Context, slug, version string, at time.Time) (*domain.Framework, error)
	Retire(ctx context.Context, slug, version string, at time.Time) (*domain.Framework, error)
}

// FrameworksOptions tunes the read caches.
type FrameworksOptions struct {
	// IndexTTL bounds how long this process may serve an old "latest" or an
	// old status after another process published or retired a version. Default 5s.
	IndexTTL time.Duration
	Now      func() time.Time
	// Tx and Audit, when both set, record every authoring write in the audit
	// log inside the write's transaction.
	Tx    Transactor
	Audit *Audit
	// Defaults are the versions EnsureDefault stores, oldest first; nil
	// means every embedded default (domain.DefaultFrameworks).
	Defaults []*domain.Framework
}

// Frameworks reads and authors competency frameworks. Published versions
// never change, so their content is cached for the life of the process; the
// list of versions (which one is latest, which are retired) is cached for
// IndexTTL and dropped at once when this process changes it.
type Frameworks struct {
	store FrameworkStore
	now   func() time.Time
	ttl   time.Duration
	tx    Transactor
	audit *Audit
	// defaults are what EnsureDefault stores (nil: every embedded one).
	defaults []*domain.Framework

	refresh sync.Mutex // one index refresh at a time
	mu      sync.RWMutex
	idx     *frameworkIndex
	views   map[string]*FrameworkView // ref -> published or retired version
}

// frameworkIndex is the version list at one moment.
type frameworkIndex struct {
	headers []domain.Framework
	byRef   map[string]*domain.Framework
	latest  map[string]string // slug -> highest published version
	expires time.Time
}

// NewFrameworks returns the use case over store.
func NewFrameworks(store FrameworkStore, opts FrameworksOptions) *Frameworks {
	if opts.IndexTTL <= 0 {
		opts.IndexTTL = 5 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Frameworks{
		store: store, now: opts.Now, ttl: opts.IndexTTL, tx: opts.Tx, audit: opts.Audit, defaults: opts.Defaults,
		views: map[string]*FrameworkView{},
	}
}

// DefaultStatus says what EnsureDefault found.
type DefaultStatus struct {
	Ref     string
	Created bool
	// Differs is true when the stored version's content is not the embedded
	// one: the stored version is kept, as published versions never change.
	Differs bool
}

// EnsureDefault stores every embedded default framework version as
// published unless it exists, oldest first, and reports on the latest.
// Concurrent calls, from this or other processes, store each once.
func (s *Frameworks) EnsureDefault(ctx context.Context) (DefaultStatus, error) {
	fs := s.defaults
	if fs == nil {
		var err error
		if fs, err = domain.DefaultFrameworks(); err != nil {
			return DefaultStatus{}, err
		}
	}
	var err error
	var st DefaultStatus
	for _, f := range fs {
		if st, err = s.ensure(ctx, f); err != nil {
			return st, err
		}
	}
	return st, nil
}

func (s *Frameworks) ensure(ctx context.Context, f *domain.Framework) (DefaultStatus, error) {
	st := DefaultStatus{Ref: f.Ref()}
	stored, err := s.store.Get(ctx, f.Slug, f.Version)
	if err == nil {
		st.Differs = !sameContent(stored, f)
		return st, nil
	}
	if !errors.Is(err, domain.ErrNotFound) {
		return st, err
	}
	at := s.now().UTC()
	f.Status, f.PublishedAt = domain.StatusPublished, &at
	switch err := s.store.Create(ctx, f); {
	case errors.Is(err, domain.ErrConflict):
		return st, nil // another process stored it first
	case err != nil:
		return st, err
	}
	s.invalidate()
	st.Created = true
	return st, nil
}

// sameContent compares two versions, ignoring status and publication time.
func sameContent(a, b *domain.Framework) bool {
	x, y := *a, *b
	x.Status, x.PublishedAt = y.Status, y.PublishedAt
	return reflect.DeepEqual(&x, &y)
}

// List returns every version's header, by slug and version, drafts included.
func (s *Frameworks) List(ctx context.Context) ([]domain.Framework, error) {
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	return idx.headers, nil
}

// Resolve returns a published or retired version for ref ("slug@version",
// "slug@latest", "slug" or "" for the latest default); drafts are not found.
// The view is shared: callers must not modify it.
func (s *Frameworks) Resolve(ctx context.Context, ref string) (*FrameworkView, error) {
	v, err := s.View(ctx, ref)
	if err != nil {
		return nil, err
	}
	if v.Draft() {
		return nil, domain.Errorf(domain.ErrNotFound, "framework %s not found", v.Ref())
	}
	return v, nil
}

// View returns the version ref names, drafts included: callers decide who may see a draft.
func (s *Frameworks) View(ctx context.Context, ref string) (*FrameworkView, error) {
	slug, version, err := ParseFrameworkRef(ref)
	if err != nil {
		return nil, err
	}
	return s.Version(ctx, slug, version)
}

// Version is View with the reference already split; version may be "latest".
func (s *Frameworks) Version(ctx context.Context, slug, version string) (*FrameworkView, error) {
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	if version == LatestVersion {
		v, ok := idx.latest[slug]
		if !ok {
			return nil, domain.Errorf(domain.ErrNotFound, "framework %s has no published version", slug)
		}
		version = v
	}
	ref := slug + "@" + version
	h, known := idx.byRef[ref]
	if known && h.Status != domain.StatusDraft {
		s.mu.RLock()
		v := s.views[ref]
		s.mu.RUnlock()
		if v != nil && v.fw.Status == h.Status {
			return v, nil
		}
	}
	f, err := s.store.Get(ctx, slug, version)
	if err != nil {
		return nil, err
	}
	v := NewFrameworkView(f)
	if f.Status != domain.StatusDraft {
		s.mu.Lock()
		s.views[ref] = v
		s.mu.Unlock()
	}
	if !known || h.Status != f.Status {
		s.invalidate() // another process changed the versions since the last refresh
	}
	return v, nil
}

// index returns the version list, refreshing it when it is older than the
// TTL. When the database fails, a stale list keeps published data served.
func (s *Frameworks) index(ctx context.Context) (*frameworkIndex, error) {
	s.mu.RLock()
	idx := s.idx
	s.mu.RUnlock()
	if idx != nil && s.now().Before(idx.expires) {
		return idx, nil
	}
	s.refresh.Lock()
	defer s.refresh.Unlock()
	s.mu.RLock()
	idx = s.idx
	s.mu.RUnlock()
	if idx != nil && s.now().Before(idx.expires) {
		return idx, nil
	}
	headers, err := s.store.List(ctx)
	if err != nil {
		if idx == nil || ctx.Err() != nil {
			return nil, err
		}
		// Keep serving what we know for another TTL rather than hammer a failing database.
		stale := *idx
		stale.expires = s.now().Add(s.ttl)
		idx = &stale
	} else {
		idx = newFrameworkIndex(headers, s.now().Add(s.ttl))
	}
	s.mu.Lock()
	s.idx = idx
	s.mu.Unlock()
	return idx, nil
}

func newFrameworkIndex(headers []domain.Framework, expires time.Time) *frameworkIndex {
	idx := &frameworkIndex{headers: headers, byRef: map[string]*domain.Framework{}, latest: map[string]string{}, expires: expires}
	for i := range headers {
		h := &headers[i]
		idx.byRef[h.Ref()] = h
		if h.Status == domain.StatusPublished {
			idx.latest[h.Slug] = h.Version // headers come in ascending version order
		}
	}
	return idx
}

// invalidate makes the next read refresh the version list.
func (s *Frameworks) invalidate() {
	s.mu.Lock()
	s.idx = nil
	s.mu.Unlock()
}
