package service

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
)

func newTestFrameworks(t *testing.T) (*Frameworks, *fakeFrameworkStore, *fakeClock) {
	t.Helper()
	store := newFakeFrameworkStore()
	clock := &fakeClock{t: time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)}
	s := NewFrameworks(store, FrameworksOptions{IndexTTL: 5 * time.Second, Now: clock.Now})
	// The first default version alone: these tests count versions from it.
	f, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ensure(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	return s, store, clock
}

func TestEnsureDefaultStoresOnceAndNeverChangesAStoredVersion(t *testing.T) {
	store := newFakeFrameworkStore()
	s := NewFrameworks(store, FrameworksOptions{})
	ctx := context.Background()
	var wg sync.WaitGroup
	created := make([]bool, 8)
	for i := range created {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := s.EnsureDefault(ctx)
			if err != nil {
				t.Error(err)
			}
			created[i] = st.Created
		}()
	}
	wg.Wait()
	n := 0
	for _, c := range created {
		if c {
			n++
		}
	}
	if n != 1 || len(store.versions) != len(domain.DefaultFrameworkFiles) {
		t.Fatalf("created %d times, %d versions stored", n, len(store.versions))
	}
	stored := store.versions["community-management@2026.2"]
	if stored.Status != domain.StatusPublished || stored.PublishedAt == nil {
		t.Fatalf("default stored as %s at %v", stored.Status, stored.PublishedAt)
	}
	st, err := s.EnsureDefault(ctx)
	if err != nil || st.Created || st.Differs || st.Ref != "community-management@2026.2" {
		t.Fatalf("second call %+v %v", st, err)
	}

	edited := clone(stored)
	edited.Competencies[0].Name = "Edited elsewhere"
	store.put(edited)
	st, err = s.EnsureDefault(ctx)
	if err != nil || st.Created || !st.Differs {
		t.Fatalf("differing stored version: %+v %v", st, err)
	}
	if store.versions["community-management@2026.2"].Competencies[0].Name != "Edited elsewhere" {
		t.Fatal("EnsureDefault changed a stored version")
	}
}

func TestReadsAreCachedAndFollowOtherProcessesWithinTheTTL(t *testing.T) {
	s, store, clock := newTestFrameworks(t)
	ctx := context.Background()
	gets0, lists0 := store.counts()
	for range 20 {
		v, err := s.View(ctx, "")
		if err != nil || v.Ref() != "community-management@2026.1" {
			t.Fatalf("view %v", err)
		}
		if _, err := s.Resolve(ctx, "community-management@2026.1"); err != nil {
			t.Fatal(err)
		}
	}
	if gets, lists := store.counts(); gets-gets0 != 1 || lists-lists0 != 1 {
		t.Fatalf("%d gets and %d lists for 40 reads", gets-gets0, lists-lists0)
	}

	// Another process publishes 2026.2: seen once the index expires.
	next := clone(store.versions["community-management@2026.1"])
	next.Version = "2026.2"
	store.put(next)
	if v, _ := s.View(ctx, "community-management"); v.Ref() != "community-management@2026.1" {
		t.Fatalf("latest moved before the TTL: %s", v.Ref())
	}
	clock.Advance(6 * time.Second)
	if v, _ := s.View(ctx, "community-management"); v.Ref() != "community-management@2026.2" {
		t.Fatalf("latest after the TTL: %s", v.Ref())
	}
	if gets, _ := store.counts(); gets-gets0 != 2 {
		t.Fatalf("%d gets: a cached version was reloaded", gets-gets0)
	}
}

func TestAStaleIndexKeepsServingWhenTheDatabaseFails(t *testing.T) {
	s, store, clock := newTestFrameworks(t)
	ctx := context.Background()
	if _, err := s.View(ctx, ""); err != nil {
		t.Fatal(err)
	}
	store.listErr = errors.New("connection refused")
	clock.Advance(time.Minute)
	if v, err := s.View(ctx, ""); err != nil || v.Ref() != "community-management@2026.1" {
		t.Fatalf("view with the database down: %v", err)
	}
}

func TestUnknownFrameworksAndVersionsAreNotFound(t *testing.T) {
	s, _, _ := newTestFrameworks(t)
	for _, ref := range []string{"nursing", "nursing@2026.1", "community-management@1999.1"} {
		if _, err := s.View(context.Background(), ref); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("%s: %v", ref, err)
		}
	}
}

func TestParseFrameworkRef(t *testing.T) {
	good := map[string][2]string{
		"":                             {"community-management", "latest"},
		"nursing":                      {"nursing", "latest"},
		"nursing@latest":               {"nursing", "latest"},
		"community-management@2026.1":  {"community-management", "2026.1"},
		"community-management@1.2.3.4": {"community-management", "1.2.3.4"},
	}
	for ref, want := range good {
		slug, version, err := ParseFrameworkRef(ref)
		if err != nil || slug != want[0] || version != want[1] {
			t.Errorf("%q: %s %s %v", ref, slug, version, err)
		}
	}
	for _, ref := range []string{"Community", "x@", "@2026.1", "x@2026", "x@1.2.3.4.5", "x@a.b", "x@2026.1@2", "x y", strings.Repeat("a", 65)} {
		if _, _, err := ParseFrameworkRef(ref); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("%q accepted", ref)
		}
	}
}

func TestNextVersion(t *testing.T) {
	for in, want := range map[string]string{"2026.1": "2026.2", "2026.9": "2026.10", "1.2.3": "1.2.4"} {
		if got, err := nextVersion(in); got != want || err != nil {
			t.Errorf("%s -> %s %v", in, got, err)
		}
	}
}

func TestViewLookups(t *testing.T) {
	s, _, _ := newTestFrameworks(t)
	v, err := s.View(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := v.Competency("stakeholder-influence"); !ok || c.Dimension != domain.DimensionInfluence {
		t.Fatalf("competency %+v", c)
	}
	if _, ok := v.Level("intern"); ok {
		t.Fatal("unknown level found")
	}
	ranks := []int{}
	for _, l := range v.LevelsByRank() {
		ranks = append(ranks, l.Rank)
	}
	if len(ranks) != 5 || ranks[0] != 1 || ranks[4] != 5 {
		t.Fatalf("ranks %v", ranks)
	}
	if len(v.Actions("communication")) < 3 {
		t.Fatal("fewer than 3 actions")
	}
	m := v.SearchBackgrounds("account executive", 3)
	if len(m) == 0 || m[0].Background.Slug != "sales" || m[0].Score != 1 {
		t.Fatalf("search %+v", m)
	}
	calls := 0
	for range 3 {
		got, _ := v.Memo("k", func() (any, error) { calls++; return calls, nil })
		if got != 1 {
			t.Fatalf("memo %v", got)
		}
	}
}
