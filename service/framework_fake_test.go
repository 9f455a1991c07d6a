package service

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rungs/rungs/domain"
)

// fakeFrameworkStore keeps deep copies, as a database would, and counts reads.
type fakeFrameworkStore struct {
	mu       sync.Mutex
	versions map[string]*domain.Framework
	gets     int
	lists    int
	listErr  error
}

func newFakeFrameworkStore() *fakeFrameworkStore {
	return &fakeFrameworkStore{versions: map[string]*domain.Framework{}}
}

func clone(f *domain.Framework) *domain.Framework {
	b, err := json.Marshal(f)
	if err != nil {
		panic(err)
	}
	var out domain.Framework
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return &out
}

func (s *fakeFrameworkStore) Create(_ context.Context, f *domain.Framework) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.versions[f.Ref()]; ok {
		return domain.Errorf(domain.ErrConflict, "framework %s already exists", f.Ref())
	}
	if f.Status != domain.StatusDraft {
		if err := f.Validate(); err != nil {
			return err
		}
	}
	s.versions[f.Ref()] = clone(f)
	return nil
}

func (s *fakeFrameworkStore) Get(_ context.Context, slug, version string) (*domain.Framework, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gets++
	f, ok := s.versions[slug+"@"+version]
	if !ok {
		return nil, domain.Errorf(domain.ErrNotFound, "framework %s@%s not found", slug, version)
	}
	return clone(f), nil
}

func (s *fakeFrameworkStore) Latest(ctx context.Context, slug string) (*domain.Framework, error) {
	hs, _ := s.List(ctx)
	var latest string
	for _, h := range hs {
		if h.Slug == slug && h.Status == domain.StatusPublished {
			latest = h.Version
		}
	}
	return s.Get(ctx, slug, latest)
}

func (s *fakeFrameworkStore) List(context.Context) ([]domain.Framework, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lists++
	if s.listErr != nil {
		return nil, s.listErr
	}
	var out []domain.Framework
	for _, f := range s.versions {
		out = append(out, domain.Framework{Slug: f.Slug, Version: f.Version, Status: f.Status, Title: f.Title, PublishedAt: f.PublishedAt})
	}
	slices.SortFunc(out, func(a, b domain.Framework) int {
		return cmp.Or(strings.Compare(a.Slug, b.Slug), compareVersions(a.Version, b.Version))
	})
	return out, nil
}

func compareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(as), len(bs))
}

func (s *fakeFrameworkStore) draft(ref string) (*domain.Framework, error) {
	f, ok := s.versions[ref]
	switch {
	case !ok:
		return nil, domain.Errorf(domain.ErrNotFound, "framework %s not found", ref)
	case f.Status != domain.StatusDraft:
		return nil, domain.Errorf(domain.ErrConflict, "framework %s is %s", ref, f.Status)
	}
	return clone(f), nil
}

func (s *fakeFrameworkStore) UpdateDraft(_ context.Context, slug, version string, change func(*domain.Framework) error) (*domain.Framework, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.draft(slug + "@" + version)
	if err != nil {
		return nil, err
	}
	if err := change(f); err != nil {
		return nil, err
	}
	s.versions[f.Ref()] = clone(f)
	return f, nil
}

func (s *fakeFrameworkStore) Publish(_ context.Context, slug, version string, at time.Time) (*domain.Framework, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.draft(slug + "@" + version)
	if err != nil {
		return nil, err
	}
	f.Status, f.PublishedAt = domain.StatusPublished, &at
	if err := f.Validate(); err != nil {
		return nil, err
	}
	s.versions[f.Ref()] = clone(f)
	return f, nil
}

func (s *fakeFrameworkStore) Retire(_ context.Context, slug, version string, _ time.Time) (*domain.Framework, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.versions[slug+"@"+version]
	if !ok || f.Status != domain.StatusPublished {
		return nil, domain.Errorf(domain.ErrConflict, "not published")
	}
	f.Status = domain.StatusRetired
	return clone(f), nil
}

// put stores a version behind the service's back, as another process would.
func (s *fakeFrameworkStore) put(f *domain.Framework) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.versions[f.Ref()] = clone(f)
}

func (s *fakeFrameworkStore) counts() (gets, lists int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gets, s.lists
}

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
