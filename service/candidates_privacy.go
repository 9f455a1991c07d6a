package service

import (
	"context"
	"errors"
	"time"

	"github.com/rungs/rungs/domain"
)

// erase turns audit entries about c and its assessments into tombstones,
// and forgets what this process cached of them.
func (s *Candidates) erase(ctx context.Context, c domain.Candidate) error {
	s.cache.markGone(c.ID, s.now())
	s.forgetCandidate(c.ID)
	if s.onErase != nil {
		if err := s.onErase(ctx, c.ID); err != nil {
			return err
		}
	}
	// Before the delete takes the assessments with it: whoever assessed
	// the candidate hears of the erasure (ids only).
	if err := s.emitToMakers(ctx, domain.EventCandidateErased, c, nil); err != nil {
		return err
	}
	ids, err := s.store.AssessmentIDs(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, id := range append(ids, c.ID) {
		if err := s.audit.Anonymise(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// EraseOwner removes the user's own candidate and forgets the user as an
// author; it runs inside the account deletion's transaction.
func (s *Candidates) EraseOwner(ctx context.Context, userID string) error {
	c, err := s.store.ByOwner(ctx, userID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
	case err != nil:
		return err
	default:
		// Locked first, so that no read records an entry about it between
		// the tombstones and the delete.
		if c, err = s.store.ByID(ctx, c.ID, true); err != nil {
			return err
		}
		if err := s.erase(ctx, c); err != nil {
			return err
		}
		if _, err := s.store.Delete(ctx, c.ID, c.Version); err != nil {
			return err
		}
	}
	return s.store.ForgetAuthor(ctx, userID)
}

// AccessEntry is one read of a person's profile or assessments by an
// organisation.
type AccessEntry struct {
	OrganisationID   string
	OrganisationName string
	// What is "profile" or "assessments"; Via is "recruiter" or "api_key".
	What string
	Via  string
	At   time.Time
}

// AccessLog lists who read the job seeker's own candidate or its
// assessments, oldest first.
func (s *Candidates) AccessLog(ctx context.Context, pr Principal) ([]AccessEntry, error) {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return nil, err
	}
	return s.accessLog(ctx, c)
}

func (s *Candidates) accessLog(ctx context.Context, c domain.Candidate) ([]AccessEntry, error) {
	entries, err := s.auditLog.ByObject(ctx, ObjectCandidate, c.ID)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	out := []AccessEntry{}
	for _, e := range entries {
		what := ""
		switch Action(e.Action) {
		case ActionCandidateRead:
			what = "profile"
		case ActionAssessmentRead:
			what = "assessments"
		case ActionAssessmentWrite:
			what = "assessed"
		case ActionScorecardWrite:
			what = "interview scorecard"
		default:
			continue
		}
		name, ok := names[e.OrganisationID]
		if !ok && e.OrganisationID != "" {
			if o, err := s.orgs.ByID(ctx, e.OrganisationID); err == nil {
				name = o.Name
			} else if !errors.Is(err, domain.ErrNotFound) {
				return nil, err
			}
			names[e.OrganisationID] = name
		}
		via := "recruiter"
		if e.PrincipalKind == PrincipalAPIKey {
			via = "api_key"
		}
		out = append(out, AccessEntry{OrganisationID: e.OrganisationID, OrganisationName: name, What: what, Via: via, At: e.CreatedAt})
	}
	return out, nil
}

// MyData is everything kept about a job seeker's profile, for the export.
type MyData struct {
	Candidate      *domain.Candidate
	Consents       []domain.ConsentRecord
	Assessments    []domain.Assessment
	ScorecardCount int
	AccessLog      []AccessEntry
}

// Export gathers everything about the job seeker's own profile.
func (s *Candidates) Export(ctx context.Context, pr Principal) (MyData, error) {
	out := MyData{Consents: []domain.ConsentRecord{}, Assessments: []domain.Assessment{}, AccessLog: []AccessEntry{}}
	c, err := s.Mine(ctx, pr)
	if errors.Is(err, domain.ErrNotFound) {
		return out, nil
	}
	if err != nil {
		return MyData{}, err
	}
	out.Candidate = &c
	if out.Consents, err = s.store.Consents(ctx, c.ID); err != nil {
		return MyData{}, err
	}
	if out.Assessments, err = s.store.Assessments(ctx, c.ID, nil, "", 100000); err != nil {
		return MyData{}, err
	}
	if out.ScorecardCount, err = s.store.CountScorecards(ctx, c.ID); err != nil {
		return MyData{}, err
	}
	if out.AccessLog, err = s.accessLog(ctx, c); err != nil {
		return MyData{}, err
	}
	return out, nil
}
