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

// Two processes on one database: a consent withdrawn through one hides the
// person's assessment there at once, and on the other within
// AssessmentCacheTTL; an erased profile likewise.
func TestWithdrawnConsentReachesEveryProcessWithinTheTTL(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		e := newEnv(t, db, cheapArgon2)
		ctx := context.Background()
		_, org := e.adminOrg(t)
		audit := service.NewAudit(repository.NewAuditLog(db), e.clock.Now)
		fw := service.NewFrameworks(repository.NewFrameworks(db), service.FrameworksOptions{Tx: db, Audit: audit})
		if _, err := fw.EnsureDefault(ctx); err != nil {
			t.Fatal(err)
		}
		process := func() *service.Candidates {
			return service.NewCandidates(service.CandidatesDeps{
				Tx: db, Store: repository.NewCandidates(db), Orgs: repository.NewOrganisations(db), Audit: audit,
				AuditLog: repository.NewAuditLog(db), Policy: service.NewPolicy(), Frameworks: fw, Now: e.clock.Now,
			})
		}
		here, there := process(), process()
		seeker := service.Principal{Kind: service.PrincipalUser, UserID: e.signup(t, "ada@example.org").ID, Role: domain.RoleJobSeeker}
		recruiter := service.Principal{Kind: service.PrincipalUser, UserID: "01a25300-0000-7000-8000-000000000001", Role: domain.RoleRecruiter, OrgID: org.ID}
		profile := service.CandidateInput{DisplayName: "Ada", Visibility: domain.VisibilityRecruiters,
			Experiences: []domain.CandidateExperience{{Background: "fundraising", Years: 8}}}
		c, _, err := here.PutMine(ctx, seeker, service.Precondition{}, profile)
		if err != nil {
			t.Fatal(err)
		}
		a, err := here.AssessMine(ctx, seeker, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []*service.Candidates{here, there} {
			if _, _, err := p.Assessment(ctx, recruiter, a.ID); err != nil {
				t.Fatalf("shared assessment refused: %v", err)
			}
		}
		profile.Visibility = domain.VisibilityPrivate
		if _, _, err := here.PutMine(ctx, seeker, service.Precondition{Present: true, Tags: []service.CandidateTag{service.TagOf(c)}}, profile); err != nil {
			t.Fatal(err)
		}
		if _, _, err := here.Assessment(ctx, recruiter, a.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("withdrawn here, still served here: %v", err)
		}
		// The other process may serve what it read for up to the TTL, and no longer.
		e.clock.Add(service.AssessmentCacheTTL)
		if _, _, err := there.Assessment(ctx, recruiter, a.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("withdrawn elsewhere, still served after the TTL: %v", err)
		}
		// The person still reads it, and after erasure nobody does.
		if _, _, err := there.Assessment(ctx, seeker, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := here.DeleteMine(ctx, seeker, service.Precondition{Present: true, Any: true}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := here.Assessment(ctx, seeker, a.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("erased here, still served here: %v", err)
		}
		e.clock.Add(service.AssessmentCacheTTL)
		if _, _, err := there.Assessment(ctx, seeker, a.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("erased elsewhere, still served after the TTL: %v", err)
		}
	})
}

// staleStore answers assessment reads with what it read before a deletion,
// as a read racing the deletion's commit would.
type staleStore struct {
	*repository.Candidates
	a domain.Assessment
	c domain.Candidate
}

func (s *staleStore) AssessmentAccess(context.Context, string) (domain.Assessment, domain.Candidate, error) {
	return s.a, s.c, nil
}

// A read that raced an erasure made through this process neither serves
// nor caches what it read.
func TestAReadRacingAnErasureServesNothing(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		e := newEnv(t, db, cheapArgon2)
		ctx := context.Background()
		audit := service.NewAudit(repository.NewAuditLog(db), e.clock.Now)
		fw := service.NewFrameworks(repository.NewFrameworks(db), service.FrameworksOptions{Tx: db, Audit: audit})
		if _, err := fw.EnsureDefault(ctx); err != nil {
			t.Fatal(err)
		}
		stale := &staleStore{Candidates: repository.NewCandidates(db)}
		cands := service.NewCandidates(service.CandidatesDeps{
			Tx: db, Store: stale, Orgs: repository.NewOrganisations(db), Audit: audit,
			AuditLog: repository.NewAuditLog(db), Policy: service.NewPolicy(), Frameworks: fw, Now: e.clock.Now,
		})
		seeker := service.Principal{Kind: service.PrincipalUser, UserID: e.signup(t, "ada@example.org").ID, Role: domain.RoleJobSeeker}
		if _, _, err := cands.PutMine(ctx, seeker, service.Precondition{}, service.CandidateInput{DisplayName: "Ada",
			Experiences: []domain.CandidateExperience{{Background: "fundraising", Years: 8}}}); err != nil {
			t.Fatal(err)
		}
		a, err := cands.AssessMine(ctx, seeker, "")
		if err != nil {
			t.Fatal(err)
		}
		if stale.a, stale.c, err = repository.NewCandidates(db).AssessmentAccess(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := cands.EraseOwner(ctx, seeker.UserID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := cands.Assessment(ctx, seeker, a.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("served an erased assessment: %v", err)
		}
	})
}
