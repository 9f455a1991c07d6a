package repository_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

func defaultFramework(t *testing.T) *domain.Framework {
	t.Helper()
	f, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func draftOf(t *testing.T, version string) *domain.Framework {
	t.Helper()
	f := defaultFramework(t)
	f.Version, f.Status, f.PublishedAt = version, domain.StatusDraft, nil
	return f
}

func countVersions(t *testing.T, store *repository.Frameworks, slug, version string) int {
	t.Helper()
	all, err := store.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range all {
		if f.Slug == slug && f.Version == version {
			n++
		}
	}
	return n
}

// storedDefault stores the default framework and returns the store and what it stored.
func storedDefault(t *testing.T, db *repository.DB) (*repository.Frameworks, *domain.Framework) {
	t.Helper()
	store := repository.NewFrameworks(db)
	f := defaultFramework(t)
	if err := store.Create(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	return store, f
}

func TestFrameworkRoundTrip(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store := repository.NewFrameworks(db)
		want := defaultFramework(t)
		at := time.Date(2026, 1, 15, 9, 30, 0, 123456000, time.UTC)
		want.PublishedAt = &at
		if err := store.Create(ctx, want); err != nil {
			t.Fatal(err)
		}
		got, err := store.Get(ctx, want.Slug, want.Version)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip differs:\n got %+v\nwant %+v", got.Levels[0], want.Levels[0])
		}
		latest, err := store.Latest(ctx, want.Slug)
		if err != nil || !reflect.DeepEqual(latest, want) {
			t.Fatalf("latest %v differs", err)
		}
	})
}

func TestImportingTheSameVersionTwiceIsRefusedAndLeavesOneCopy(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store, f := storedDefault(t, db)
		changed := defaultFramework(t)
		changed.Title = "Something else"
		if err := store.Create(ctx, changed); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("second import: %v, want conflict", err)
		}
		if n := countVersions(t, store, f.Slug, f.Version); n != 1 {
			t.Fatalf("%d copies", n)
		}
		got, _ := store.Get(ctx, f.Slug, f.Version)
		if got.Title != f.Title || len(got.Backgrounds) != len(f.Backgrounds) {
			t.Fatalf("stored version changed: %q, %d backgrounds", got.Title, len(got.Backgrounds))
		}
	})
}

func TestConcurrentImportsStoreOneCopy(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		store := repository.NewFrameworks(db)
		const n = 4
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = store.Create(context.Background(), defaultFramework(t))
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, domain.ErrConflict):
				t.Fatalf("unexpected error: %v", err)
			}
		}
		if ok != 1 || countVersions(t, store, "community-management", "2026.1") != 1 {
			t.Fatalf("%d imports succeeded", ok)
		}
	})
}

func TestPublishedVersionsAreImmutable(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store, f := storedDefault(t, db)
		called := false
		_, err := store.UpdateDraft(ctx, f.Slug, f.Version, func(f *domain.Framework) error {
			called = true
			f.Title = "changed"
			return nil
		})
		if !errors.Is(err, domain.ErrConflict) || called {
			t.Fatalf("update of a published version: %v (change called: %v)", err, called)
		}
		if _, err := store.Publish(ctx, f.Slug, f.Version, time.Now()); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("publishing again: %v", err)
		}
		got, _ := store.Get(ctx, f.Slug, f.Version)
		if got.Title != f.Title {
			t.Fatal("published version changed")
		}
		if _, err := store.Retire(ctx, f.Slug, f.Version, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := store.UpdateDraft(ctx, f.Slug, f.Version, func(*domain.Framework) error { return nil }); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("update of a retired version: %v", err)
		}
		if _, err := store.Retire(ctx, f.Slug, f.Version, time.Now()); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("retiring twice: %v", err)
		}
		if _, err := store.LatestVersion(ctx, f.Slug); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("latest after retiring the only version: %v", err)
		}
	})
}

func TestDraftLifecycle(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store, _ := storedDefault(t, db)
		if err := store.Create(ctx, draftOf(t, "2026.2")); err != nil {
			t.Fatal(err)
		}
		updated, err := store.UpdateDraft(ctx, "community-management", "2026.2", func(f *domain.Framework) error {
			f.Competencies[0].Name = "Written and spoken communication"
			f.Levels[0].Expectations = f.Levels[0].Expectations[:3]
			f.Status = domain.StatusPublished // ignored: only Publish publishes
			return nil
		})
		if err != nil || updated.Status != domain.StatusDraft {
			t.Fatalf("update: %v, status %q", err, updated.Status)
		}
		got, _ := store.Get(ctx, "community-management", "2026.2")
		if !reflect.DeepEqual(got, updated) || got.Competencies[0].Name != "Written and spoken communication" || len(got.Levels[0].Expectations) != 3 {
			t.Fatal("update not stored as returned")
		}
		refused := errors.New("refused")
		if _, err := store.UpdateDraft(ctx, "community-management", "2026.2", func(f *domain.Framework) error {
			f.Title = "half written"
			return refused
		}); !errors.Is(err, refused) {
			t.Fatalf("change error: %v", err)
		}
		if got, _ := store.Get(ctx, "community-management", "2026.2"); got.Title == "half written" {
			t.Fatal("a refused change was stored")
		}
		if v, _ := store.LatestVersion(ctx, "community-management"); v != "2026.1" {
			t.Fatalf("latest is the draft: %s", v)
		}
		at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		published, err := store.Publish(ctx, "community-management", "2026.2", at)
		if err != nil || published.Status != domain.StatusPublished || !published.PublishedAt.Equal(at) {
			t.Fatalf("publish: %v %+v", err, published)
		}
		if v, _ := store.LatestVersion(ctx, "community-management"); v != "2026.2" {
			t.Fatalf("latest %s after publishing 2026.2", v)
		}
	})
}

func TestPublishValidatesEverythingAndLeavesAnInvalidDraft(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store := repository.NewFrameworks(db)
		f := draftOf(t, "2026.2")
		f.Levels[0].Expectations[0].Competency = "juggling"
		f.Backgrounds[0].Evidence = f.Backgrounds[0].Evidence[1:]
		if err := store.Create(ctx, f); err != nil {
			t.Fatalf("a draft may be incomplete: %v", err)
		}
		_, err := store.Publish(ctx, f.Slug, f.Version, time.Now())
		var verr *domain.ValidationError
		if !errors.As(err, &verr) || len(verr.Fields) != 2 {
			t.Fatalf("publish: %v", err)
		}
		got, _ := store.Get(ctx, f.Slug, f.Version)
		if got.Status != domain.StatusDraft || got.PublishedAt != nil {
			t.Fatalf("invalid draft became %s", got.Status)
		}
	})
}

func TestCreateRefusesAnInvalidPublishedVersion(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := defaultFramework(t)
		f.Competencies[0].Weight = -1
		err := repository.NewFrameworks(db).Create(context.Background(), f)
		if !errors.Is(err, domain.ErrInvalid) {
			t.Fatalf("create: %v", err)
		}
	})
}

func TestLatestVersionOrdersNumerically(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store := repository.NewFrameworks(db)
		for _, v := range []string{"2026.9", "2026.10", "2025.12"} {
			f := defaultFramework(t)
			f.Version = v
			if err := store.Create(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		if err := store.Create(ctx, draftOf(t, "2026.11")); err != nil {
			t.Fatal(err)
		}
		if v, err := store.LatestVersion(ctx, "community-management"); v != "2026.10" || err != nil {
			t.Fatalf("latest %q %v", v, err)
		}
		all, _ := store.List(ctx)
		var order []string
		for _, f := range all {
			order = append(order, f.Version)
		}
		if !reflect.DeepEqual(order, []string{"2025.12", "2026.9", "2026.10", "2026.11"}) {
			t.Fatalf("list order %v", order)
		}
		if _, err := store.Get(ctx, "community-management", "1999.1"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown version: %v", err)
		}
		if _, err := store.LatestVersion(ctx, "nursing"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown slug: %v", err)
		}
	})
}
