package service_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// Creates racing for the last free places under the cap never exceed it:
// the count and the insert it guards run under the organisation's lock.
func TestConcurrentKeyCreatesStayUnderTheCap(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		e := newEnv(t, db, cheapArgon2)
		ctx := context.Background()
		admin, org := e.adminOrg(t)
		const free, racers = 3, 16
		for i := 0; i < domain.MaxAPIKeysPerOrganisation-free; i++ {
			if _, _, err := e.keys.Create(ctx, admin, org.ID, service.NewAPIKey{Name: "k", Scopes: []string{domain.ScopeSearch}}); err != nil {
				t.Fatal(err)
			}
		}
		var (
			wg               sync.WaitGroup
			mu               sync.Mutex
			created, refused int
		)
		for i := 0; i < racers; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, err := e.keys.Create(ctx, admin, org.ID, service.NewAPIKey{Name: "racer", Scopes: []string{domain.ScopeSearch}})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					created++
				case errors.Is(err, domain.ErrConflict):
					refused++
				default:
					t.Errorf("unexpected %v", err)
				}
			}()
		}
		wg.Wait()
		live, err := repository.NewAPIKeys(db).CountLive(ctx, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if created != free || refused != racers-free || live != domain.MaxAPIKeysPerOrganisation {
			t.Fatalf("created %d, refused %d, live %d; want %d, %d, %d", created, refused, live, free, racers-free, domain.MaxAPIKeysPerOrganisation)
		}
	})
}

// A key revoked by this process is refused at once; one revoked by another
// process (another APIKeys on the same database) within APIKeyCacheTTL.
func TestRevokedKeysStopWithinTheCacheTTL(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		e := newEnv(t, db, cheapArgon2)
		ctx := context.Background()
		admin, org := e.adminOrg(t)
		var mu sync.Mutex
		now := time.Now()
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		audit := service.NewAudit(repository.NewAuditLog(db), nil)
		here := service.NewAPIKeys(db, repository.NewAPIKeys(db), repository.NewOrganisations(db), audit, clock)
		there := service.NewAPIKeys(db, repository.NewAPIKeys(db), repository.NewOrganisations(db), audit, clock)
		for _, revoker := range []*service.APIKeys{here, there} {
			k, secret, err := here.Create(ctx, admin, org.ID, service.NewAPIKey{Name: "k", Scopes: []string{domain.ScopeSearch}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := here.Authenticate(ctx, secret); err != nil {
				t.Fatal(err)
			}
			if err := revoker.Revoke(ctx, admin, org.ID, k.ID); err != nil {
				t.Fatal(err)
			}
			_, err = here.Authenticate(ctx, secret)
			if revoker == here && !errors.Is(err, domain.ErrUnauthorized) {
				t.Fatalf("revoked here, still accepted here: %v", err)
			}
			if revoker == there {
				mu.Lock()
				now = now.Add(service.APIKeyCacheTTL)
				mu.Unlock()
				if _, err := here.Authenticate(ctx, secret); !errors.Is(err, domain.ErrUnauthorized) {
					t.Fatalf("revoked elsewhere, still accepted after the TTL: %v", err)
				}
			}
		}
	})
}
