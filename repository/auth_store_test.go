package repository_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

var t0 = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

func id() string { return uuid.Must(uuid.NewV7()).String() }

func mustOrg(t *testing.T, db *repository.DB) domain.Organisation {
	t.Helper()
	o := domain.Organisation{ID: id(), Name: "Acme Community", CreatedAt: t0, UpdatedAt: t0}
	if err := repository.NewOrganisations(db).Create(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	return o
}

func mustUser(t *testing.T, db *repository.DB, email, role, org string) domain.User {
	t.Helper()
	u := domain.User{ID: id(), Email: email, DisplayName: "Ada", Role: role, OrganisationID: org, PasswordHash: "$argon2id$x", CreatedAt: t0, UpdatedAt: t0}
	if err := repository.NewUsers(db).Create(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestUsersStore(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		users := repository.NewUsers(db)
		org := mustOrg(t, db)
		seeker := mustUser(t, db, "ada@example.org", domain.RoleJobSeeker, "")
		rec := mustUser(t, db, "grace@example.org", domain.RoleRecruiter, org.ID)

		got, err := users.ByEmail(ctx, "ada@example.org")
		if err != nil || got != seeker {
			t.Fatalf("ByEmail = %+v, %v; want %+v", got, err, seeker)
		}
		got, err = users.ByID(ctx, rec.ID)
		if err != nil || got.OrganisationID != org.ID || got.Role != domain.RoleRecruiter {
			t.Fatalf("ByID = %+v, %v", got, err)
		}
		dup := seeker
		dup.ID = id()
		if err := users.Create(ctx, dup); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("duplicate email: %v", err)
		}
		for _, missing := range []string{id(), "not-a-uuid", "", "ADA"} {
			if _, err := users.ByID(ctx, missing); !errors.Is(err, domain.ErrNotFound) {
				t.Fatalf("ByID(%q): %v", missing, err)
			}
		}
		if _, err := users.ByEmail(ctx, "nobody@example.org"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("ByEmail missing: %v", err)
		}
		// Each setter writes its own column: a rename keeps the hash set meanwhile.
		if err := users.SetPasswordHash(ctx, seeker.ID, "$argon2id$y", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := users.SetDisplayName(ctx, seeker.ID, "Ada L.", t0.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		seeker.DisplayName, seeker.PasswordHash, seeker.UpdatedAt = "Ada L.", "$argon2id$y", t0.Add(2*time.Hour)
		if got, _ := users.ByID(ctx, seeker.ID); got != seeker {
			t.Fatalf("after update %+v", got)
		}
		for _, missing := range []string{id(), "not-a-uuid"} {
			if err := users.SetDisplayName(ctx, missing, "X", t0); !errors.Is(err, domain.ErrNotFound) {
				t.Fatalf("rename missing %q: %v", missing, err)
			}
			if err := users.SetPasswordHash(ctx, missing, "h", t0); !errors.Is(err, domain.ErrNotFound) {
				t.Fatalf("set hash of missing %q: %v", missing, err)
			}
		}
		// The schema itself refuses a recruiter without an organisation.
		bad := domain.User{ID: id(), Email: "x@example.org", DisplayName: "X", Role: domain.RoleRecruiter, CreatedAt: t0, UpdatedAt: t0}
		if err := users.Create(ctx, bad); err == nil {
			t.Fatal("recruiter without organisation stored")
		}
	})
}

func TestOrganisationsStore(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		orgs := repository.NewOrganisations(db)
		o := mustOrg(t, db)
		got, err := orgs.ByID(ctx, o.ID)
		if err != nil || got != o {
			t.Fatalf("ByID = %+v, %v", got, err)
		}
		if _, err := orgs.ByID(ctx, id()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("missing: %v", err)
		}
		err = db.InTx(ctx, func(ctx context.Context) error { return orgs.Lock(ctx, o.ID) })
		if err != nil {
			t.Fatal(err)
		}
		if err := orgs.Lock(ctx, id()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("lock missing: %v", err)
		}
	})
}

func TestRefreshTokensStore(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store := repository.NewRefreshTokens(db)
		u := mustUser(t, db, "ada@example.org", domain.RoleJobSeeker, "")
		fam, other := id(), id()
		mk := func(family, hash string) domain.RefreshToken {
			tok := domain.RefreshToken{ID: id(), UserID: u.ID, FamilyID: family, TokenHash: hash, ExpiresAt: t0.Add(time.Hour), CreatedAt: t0}
			if err := store.Create(ctx, tok); err != nil {
				t.Fatal(err)
			}
			return tok
		}
		a, b, c := mk(fam, "h1"), mk(fam, "h2"), mk(other, "h3")
		if err := store.Create(ctx, domain.RefreshToken{ID: id(), UserID: u.ID, FamilyID: fam, TokenHash: "h1", ExpiresAt: t0, CreatedAt: t0}); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("duplicate hash: %v", err)
		}
		got, err := store.ByHash(ctx, "h1")
		if err != nil || got.ID != a.ID || got.UsedAt != nil || !got.ExpiresAt.Equal(a.ExpiresAt) {
			t.Fatalf("ByHash = %+v, %v", got, err)
		}
		if ok, err := store.MarkUsed(ctx, a.ID, t0); !ok || err != nil {
			t.Fatalf("first use: %v %v", ok, err)
		}
		if ok, err := store.MarkUsed(ctx, a.ID, t0); ok || err != nil {
			t.Fatalf("second use: %v %v", ok, err)
		}
		if got, _ := store.ByHash(ctx, "h1"); got.UsedAt == nil || !got.UsedAt.Equal(t0) {
			t.Fatalf("used_at %v", got.UsedAt)
		}
		if err := store.RevokeFamily(ctx, fam, t0); err != nil {
			t.Fatal(err)
		}
		for h, revoked := range map[string]bool{"h1": true, "h2": true, "h3": false} {
			got, _ := store.ByHash(ctx, h)
			if (got.RevokedAt != nil) != revoked {
				t.Fatalf("%s revoked=%v", h, got.RevokedAt != nil)
			}
		}
		if ok, _ := store.MarkUsed(ctx, b.ID, t0); ok {
			t.Fatal("revoked token marked used")
		}
		if err := store.RevokeUser(ctx, u.ID, t0); err != nil {
			t.Fatal(err)
		}
		if got, _ := store.ByHash(ctx, "h3"); got.RevokedAt == nil || got.ID != c.ID {
			t.Fatal("RevokeUser missed a family")
		}
		if _, err := store.ByHash(ctx, "nope"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("missing: %v", err)
		}
	})
}

func TestPasswordTokensStore(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store := repository.NewPasswordTokens(db)
		org := mustOrg(t, db)
		u := mustUser(t, db, "grace@example.org", domain.RoleRecruiter, org.ID)
		tok := domain.PasswordToken{ID: id(), UserID: u.ID, TokenHash: "p1", ExpiresAt: t0.Add(time.Hour), CreatedAt: t0}
		if err := store.Create(ctx, tok); err != nil {
			t.Fatal(err)
		}
		got, err := store.ByHash(ctx, "p1")
		if err != nil || got != tok {
			t.Fatalf("ByHash = %+v, %v", got, err)
		}
		if ok, err := store.Use(ctx, tok.ID, t0); !ok || err != nil {
			t.Fatalf("use: %v %v", ok, err)
		}
		if ok, _ := store.Use(ctx, tok.ID, t0); ok {
			t.Fatal("used twice")
		}
	})
}

// doubling is the delay rule the tests use: one free failure, then 1 s, 2 s, 4 s...
func doubling(n int) time.Duration {
	if n < 2 {
		return 0
	}
	return time.Second << (n - 2)
}

func TestLoginFailuresStore(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store := repository.NewLoginFailures(db)
		window := 15 * time.Minute
		at := t0
		for i, want := range []time.Duration{0, time.Second, 2 * time.Second, 4 * time.Second} {
			ok, wait, _, err := store.Begin(ctx, "pair", "acct", at, window, doubling)
			if !ok || err != nil {
				t.Fatalf("attempt %d: %v %v %v", i, ok, wait, err)
			}
			if want > 0 {
				ok, wait, _, _ := store.Begin(ctx, "pair", "acct", at, window, doubling)
				if ok || wait != want {
					t.Fatalf("right after attempt %d: ok=%v wait=%v, want %v", i, ok, wait, want)
				}
			}
			at = at.Add(want)
		}
		if ok, _, _, _ := store.Begin(ctx, "other-pair", "acct", t0, window, doubling); !ok {
			t.Fatal("another source refused")
		}
		failures, sources, err := store.AccountPressure(ctx, "acct", t0.Add(-window))
		if err != nil || failures != 5 || sources != 2 {
			t.Fatalf("pressure %d failures from %d sources, %v", failures, sources, err)
		}
		// Fifteen minutes after the last failure, counting starts again.
		later := at.Add(window + time.Second)
		if ok, _, _, _ := store.Begin(ctx, "pair", "acct", later, window, doubling); !ok {
			t.Fatal("refused after the window")
		}
		if ok, _, _, _ := store.Begin(ctx, "pair", "acct", later, window, doubling); !ok {
			t.Fatal("second attempt after the window should be free")
		}
		if known, _ := store.Known(ctx, "pair", t0); known {
			t.Fatal("known before any success")
		}
		if err := store.Succeeded(ctx, "pair", later); err != nil {
			t.Fatal(err)
		}
		if known, err := store.Known(ctx, "pair", t0); !known || err != nil {
			t.Fatalf("not known after a success: %v", err)
		}
		if failures, _, _ := store.AccountPressure(ctx, "acct", later.Add(-window)); failures != 0 {
			t.Fatalf("%d failures left after success", failures)
		}
		if err := store.Prune(ctx, later.Add(time.Hour), later.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if known, _ := store.Known(ctx, "pair", t0); known {
			t.Fatal("known source survived the prune")
		}
	})
}

// Parallel guesses never get more turns than the free allowance: the check
// and the count are one conditional statement.
func TestLoginFailuresAreAtomic(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		store := repository.NewLoginFailures(db)
		const tries = 24
		var allowed atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < tries; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, _, _, err := store.Begin(context.Background(), "victim", "acct", t0, time.Hour, doubling)
				if err != nil {
					t.Error(err)
				}
				if ok {
					allowed.Add(1)
				}
			}()
		}
		wg.Wait()
		// The first failure is free, the second sets a wait: at most two turns.
		if got := allowed.Load(); got < 1 || got > 2 {
			t.Fatalf("%d attempts allowed, want 1 or 2", got)
		}
	})
}

func TestSessionsStore(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store := repository.NewSessions(db)
		u := mustUser(t, db, "ada@example.org", domain.RoleJobSeeker, "")
		a := domain.Session{ID: id(), UserID: u.ID, Device: "Firefox", CreatedAt: t0, LastUsedAt: t0}
		b := domain.Session{ID: id(), UserID: u.ID, Device: "curl", CreatedAt: t0.Add(time.Minute), LastUsedAt: t0.Add(time.Minute)}
		for _, s := range []domain.Session{a, b} {
			if err := store.Create(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		st, err := store.State(ctx, a.ID)
		if err != nil || st.UserID != u.ID || st.Role != domain.RoleJobSeeker || st.EndedAt != nil {
			t.Fatalf("state %+v %v", st, err)
		}
		if _, err := store.State(ctx, id()); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown session: %v", err)
		}
		list, err := store.ListByUser(ctx, u.ID)
		if err != nil || len(list) != 2 || list[0].ID != b.ID {
			t.Fatalf("list %+v %v", list, err)
		}
		if err := store.Touch(ctx, a.ID, t0.Add(time.Hour), t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got, _ := store.ByID(ctx, a.ID); !got.LastUsedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("last used %v", got.LastUsedAt)
		}
		if err := store.End(ctx, a.ID, t0.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if st, _ := store.State(ctx, a.ID); st.EndedAt == nil {
			t.Fatal("not ended")
		}
		ids, err := store.EndUser(ctx, u.ID, t0.Add(3*time.Hour))
		if err != nil || len(ids) != 1 || ids[0] != b.ID {
			t.Fatalf("ended %v %v", ids, err)
		}
		if list, _ := store.ListByUser(ctx, u.ID); len(list) != 0 {
			t.Fatalf("live after EndUser: %+v", list)
		}
		if err := store.Prune(ctx, t0.Add(4*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := store.ByID(ctx, a.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("ended session survived the prune: %v", err)
		}
	})
}

func TestAPIKeysStore(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store := repository.NewAPIKeys(db)
		x, y := mustOrg(t, db), mustOrg(t, db)
		var ids []string
		for i := 0; i < 5; i++ {
			k := domain.APIKey{
				ID: id(), OrganisationID: x.ID, Name: fmt.Sprintf("key %d", i), Prefix: "rk_abcdefgh",
				SecretHash: fmt.Sprintf("hash%d", i), Scopes: []string{domain.ScopeSearch, domain.ScopeCandidatesRead}, CreatedAt: t0,
			}
			if err := store.Create(ctx, k); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, k.ID)
		}
		if err := store.Create(ctx, domain.APIKey{ID: id(), OrganisationID: y.ID, Name: "y", Prefix: "rk_y", SecretHash: "hash0", Scopes: []string{"search"}, CreatedAt: t0}); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("duplicate hash: %v", err)
		}
		got, err := store.ByHash(ctx, "hash2")
		if err != nil || got.ID != ids[2] || len(got.Scopes) != 2 || got.Scopes[1] != domain.ScopeCandidatesRead || got.LastUsedAt != nil {
			t.Fatalf("ByHash = %+v, %v", got, err)
		}
		page, err := store.List(ctx, x.ID, "", 2)
		if err != nil || len(page) != 2 || page[0].ID != ids[0] || page[1].ID != ids[1] {
			t.Fatalf("page 1 = %v, %v", page, err)
		}
		page, _ = store.List(ctx, x.ID, ids[1], 10)
		if len(page) != 3 || page[0].ID != ids[2] {
			t.Fatalf("page 2 = %v", page)
		}
		if page, _ := store.List(ctx, y.ID, "", 10); len(page) != 0 {
			t.Fatal("other organisation's keys listed")
		}
		if ok, _ := store.Revoke(ctx, y.ID, ids[0], t0); ok {
			t.Fatal("revoked through another organisation")
		}
		if ok, err := store.Revoke(ctx, x.ID, ids[0], t0); !ok || err != nil {
			t.Fatalf("revoke: %v %v", ok, err)
		}
		if ok, _ := store.Revoke(ctx, x.ID, ids[0], t0); ok {
			t.Fatal("revoked twice")
		}
		if ok, err := store.Revoke(ctx, x.ID, "nope", t0); ok || err != nil {
			t.Fatalf("malformed id: %v %v", ok, err)
		}
		if n, _ := store.CountLive(ctx, x.ID); n != 4 {
			t.Fatalf("live %d", n)
		}
		if page, _ := store.List(ctx, x.ID, "", 10); len(page) != 4 {
			t.Fatal("revoked key listed")
		}
		if err := store.Touch(ctx, ids[1], t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got, _ := store.ByHash(ctx, "hash1"); got.LastUsedAt == nil || !got.LastUsedAt.Equal(t0.Add(time.Minute)) {
			t.Fatalf("last used %v", got.LastUsedAt)
		}
	})
}

func TestAuditLogStore(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		log := repository.NewAuditLog(db)
		e := domain.AuditEntry{ID: id(), PrincipalKind: "user", PrincipalID: id(), Action: "org:create", ObjectType: "organisation", ObjectID: "o1", RequestID: "r1", CreatedAt: t0}
		// An entry written in a rolled-back transaction is gone with it.
		_ = db.InTx(ctx, func(ctx context.Context) error {
			bad := e
			bad.ID = id()
			if err := log.Append(ctx, bad); err != nil {
				t.Fatal(err)
			}
			return errors.New("roll back")
		})
		if err := log.Append(ctx, e); err != nil {
			t.Fatal(err)
		}
		got, err := log.ByObject(ctx, "organisation", "o1")
		if err != nil || len(got) != 1 || got[0] != e {
			t.Fatalf("ByObject = %+v, %v", got, err)
		}
	})
}
