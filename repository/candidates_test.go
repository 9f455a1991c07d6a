package repository_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

// A write about a candidate deleted meanwhile is "not found", not a 500;
// a read entry for a deleted candidate is not written at all.
func TestWritesAboutADeletedCandidate(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Microsecond)
		org := domain.Organisation{ID: uuid.Must(uuid.NewV7()).String(), Name: "Acme", CreatedAt: now, UpdatedAt: now}
		if err := repository.NewOrganisations(db).Create(ctx, org); err != nil {
			t.Fatal(err)
		}
		store := repository.NewCandidates(db)
		c := domain.Candidate{ID: uuid.Must(uuid.NewV7()).String(), OrganisationID: org.ID, DisplayName: "A",
			Visibility: domain.VisibilityPrivate, Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := store.Create(ctx, c); err != nil {
			t.Fatal(err)
		}
		entry := func() domain.AuditEntry {
			return domain.AuditEntry{ID: uuid.Must(uuid.NewV7()).String(), PrincipalKind: "user", PrincipalID: "u", Action: "candidate:read",
				ObjectType: "candidate", ObjectID: c.ID, CreatedAt: now}
		}
		if err := store.AuditWhileExists(ctx, entry(), c.ID); err != nil {
			t.Fatal(err)
		}
		if ok, err := store.Delete(ctx, c.ID, 1); err != nil || !ok {
			t.Fatalf("delete: %v %v", ok, err)
		}
		if err := store.AuditWhileExists(ctx, entry(), c.ID); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM audit_log WHERE object_id = '` + c.ID + `'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("%d read entries; want the one made while the candidate existed", n)
		}
		sc := domain.Scorecard{ID: uuid.Must(uuid.NewV7()).String(), CandidateID: c.ID, OrganisationID: org.ID, AuthorKind: "user",
			AuthorID: "u", Recommendation: "yes", Ratings: []domain.ScorecardRating{}, CreatedAt: now}
		if err := store.AddScorecard(ctx, sc); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("scorecard for a deleted candidate: %v", err)
		}
	})
}
