package service_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// failingAudit refuses every entry, as a full disk or a lost connection would.
type failingAudit struct{}

var errAuditDown = errors.New("audit log unavailable")

func (failingAudit) Append(context.Context, domain.AuditEntry) error       { return errAuditDown }
func (failingAudit) Anonymise(context.Context, string) error               { return errAuditDown }
func (failingAudit) AppendMany(context.Context, []domain.AuditEntry) error { return errAuditDown }

// A write whose audit entry cannot be stored does not happen either.
func TestWritesRollBackWhenTheirAuditEntryFails(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		e := newEnv(t, db, cheapArgon2)
		admin, org := e.adminOrg(t)
		broken := service.NewAudit(failingAudit{}, nil)
		orgStore, keyStore := repository.NewOrganisations(db), repository.NewAPIKeys(db)
		orgs := service.NewOrgs(db, orgStore, repository.NewUsers(db), repository.NewPasswordTokens(db), broken, nil)
		keys := service.NewAPIKeys(db, keyStore, orgStore, broken, nil)

		o, err := orgs.Create(ctx, admin, "Ghost")
		if !errors.Is(err, errAuditDown) {
			t.Fatalf("create organisation: %v", err)
		}
		if _, err := orgStore.ByID(ctx, o.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("the organisation was stored without its audit entry: %v", err)
		}
		if _, err := orgs.InviteRecruiter(ctx, admin, org.ID, "grace@example.org", "Grace"); !errors.Is(err, errAuditDown) {
			t.Fatalf("invite: %v", err)
		}
		if _, err := repository.NewUsers(db).ByEmail(ctx, "grace@example.org"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("the member was stored without its audit entry: %v", err)
		}
		if _, _, err := keys.Create(ctx, admin, org.ID, service.NewAPIKey{Name: "ATS", Scopes: []string{domain.ScopeSearch}}); !errors.Is(err, errAuditDown) {
			t.Fatalf("create key: %v", err)
		}
		if n, _ := keyStore.CountLive(ctx, org.ID); n != 0 {
			t.Fatalf("%d keys stored without their audit entry", n)
		}
		k, _, err := e.keys.Create(ctx, admin, org.ID, service.NewAPIKey{Name: "ATS", Scopes: []string{domain.ScopeSearch}})
		if err != nil {
			t.Fatal(err)
		}
		if err := keys.Revoke(ctx, admin, org.ID, k.ID); !errors.Is(err, errAuditDown) {
			t.Fatalf("revoke key: %v", err)
		}
		if n, _ := keyStore.CountLive(ctx, org.ID); n != 1 {
			t.Fatal("the key was revoked without an audit entry")
		}
	})
}
