package service

import (
	"context"
	"errors"
	"time"

	"github.com/rungs/rungs/domain"
)

// Candidates serves candidates, their consent record, assessments and
// scorecards. Every call goes through the policy.
type Candidates struct {
	tx         Transactor
	store      CandidateStore
	orgs       OrganisationStore
	audit      *Audit
	auditLog   AuditReader
	policy     *Policy
	frameworks FrameworkSource
	now        func() time.Time
	cache      assessmentCache
	onErase    func(ctx context.Context, candidateID string) error
	onHide     func(ctx context.Context, candidateID, ownerScope string) error
	events     EventSink
}

// CandidatesDeps is what Candidates needs.
type CandidatesDeps struct {
	Tx         Transactor
	Store      CandidateStore
	Orgs       OrganisationStore
	Audit      *Audit
	AuditLog   AuditReader
	Policy     *Policy
	Frameworks FrameworkSource
	// Now may be nil.
	Now func() time.Time
	// OnErase, when set, removes what other stores keep about a candidate
	// being deleted (stored idempotent answers), in the same transaction.
	OnErase func(ctx context.Context, candidateID string) error
	// OnHide, when set, removes what other stores gave others about a
	// profile its owner stopped sharing (all but the owner's scope).
	OnHide func(ctx context.Context, candidateID, ownerScope string) error
	// Events, when set, records webhook events in each change's transaction.
	Events EventSink
}

// NewCandidates returns the candidate service.
func NewCandidates(d CandidatesDeps) *Candidates {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Candidates{tx: d.Tx, store: d.Store, orgs: d.Orgs, audit: d.Audit, auditLog: d.AuditLog,
		policy: d.Policy, frameworks: d.Frameworks, now: d.Now, onErase: d.OnErase, onHide: d.OnHide, events: d.Events}
}

// CandidateInput is a candidate's editable content, as a client sends it.
type CandidateInput struct {
	DisplayName  string
	ContactEmail string
	Headline     string
	Visibility   string
	Experiences  []domain.CandidateExperience
	SelfRatings  []domain.SelfRating
}

// Edit returns a candidate's new content from its current state (a merge
// patch applied to it, or a whole replacement).
type Edit func(current domain.Candidate) (CandidateInput, error)

func candidateObject(c domain.Candidate) Object {
	return Object{Type: ObjectCandidate, ID: c.ID, OrgID: c.OrganisationID, OwnerID: c.OwnerUserID, Shared: c.Shared()}
}

// authorizeWrite lets pr change c; a recruiter who may read a shared
// profile but never change it gets 403, others 404.
func (s *Candidates) authorizeWrite(pr Principal, action Action, c domain.Candidate) error {
	err := s.policy.Authorize(pr, action, candidateObject(c))
	if errors.Is(err, domain.ErrNotFound) && s.policy.Authorize(pr, ActionCandidateRead, candidateObject(c)) == nil {
		return domain.Errorf(domain.ErrForbidden, "Only the person can change their own profile.")
	}
	return err
}

// CreateForOrg stores a candidate of the caller's organisation.
func (s *Candidates) CreateForOrg(ctx context.Context, pr Principal, in CandidateInput) (domain.Candidate, error) {
	if err := s.policy.Authorize(pr, ActionCandidateCreate, Object{Type: ObjectCandidate, OrgID: pr.OrgID}); err != nil {
		return domain.Candidate{}, err
	}
	c := domain.Candidate{ID: newID(), OrganisationID: pr.OrgID}
	if err := s.create(ctx, pr, c, in); err != nil {
		return domain.Candidate{}, err
	}
	return s.store.ByID(ctx, c.ID, false)
}

func (s *Candidates) create(ctx context.Context, pr Principal, c domain.Candidate, in CandidateInput) error {
	if err := s.apply(ctx, &c, in); err != nil {
		return err
	}
	now := s.now().UTC()
	c.Version, c.CreatedAt, c.UpdatedAt = 1, now, now
	return s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.Create(ctx, c); err != nil {
			return err
		}
		if err := s.recordConsent(ctx, pr, c, ""); err != nil {
			return err
		}
		if c.OrganisationID != "" {
			if err := s.emit(ctx, newEvent(domain.EventCandidateCreated, c.OrganisationID, c.ID, now, nil)); err != nil {
				return err
			}
		}
		return s.audit.Record(ctx, Entry(pr, ActionCandidateCreate, ObjectCandidate, c.ID))
	})
}

// apply checks in and copies it onto c.
func (s *Candidates) apply(ctx context.Context, c *domain.Candidate, in CandidateInput) error {
	v, err := s.frameworks.Resolve(ctx, "")
	if err != nil {
		return err
	}
	clean, err := checkCandidate(v, in, c.OwnerUserID != "")
	if err != nil {
		return err
	}
	c.DisplayName, c.ContactEmail, c.Headline, c.Visibility = clean.DisplayName, clean.ContactEmail, clean.Headline, clean.Visibility
	c.Experiences, c.SelfRatings = clean.Experiences, clean.SelfRatings
	return nil
}

// recordConsent appends a consent record when c's visibility differs from before.
func (s *Candidates) recordConsent(ctx context.Context, pr Principal, c domain.Candidate, before string) error {
	if c.Visibility == before {
		return nil
	}
	return s.store.AddConsent(ctx, domain.ConsentRecord{
		ID: newID(), CandidateID: c.ID, Visibility: c.Visibility, ChangedByKind: pr.Kind, ChangedByID: pr.ID(),
		ChangedAt: c.UpdatedAt,
	})
}

// Get returns one candidate. A read by anyone but its owner is audited, so
// the person can see who looked.
func (s *Candidates) Get(ctx context.Context, pr Principal, id string) (domain.Candidate, error) {
	if err := s.policy.Permits(pr, ActionCandidateRead); err != nil {
		return domain.Candidate{}, err
	}
	c, err := s.store.ByID(ctx, id, false)
	if err != nil {
		return domain.Candidate{}, err
	}
	if err := s.policy.Authorize(pr, ActionCandidateRead, candidateObject(c)); err != nil {
		return domain.Candidate{}, err
	}
	return c, s.recordRead(ctx, pr, c, ActionCandidateRead)
}

// recordRead audits a read of someone's own profile by another principal.
func (s *Candidates) recordRead(ctx context.Context, pr Principal, c domain.Candidate, action Action) error {
	if c.OwnerUserID == "" || (pr.Kind == PrincipalUser && pr.UserID == c.OwnerUserID) {
		return nil
	}
	// Only while the candidate exists: a read racing an erasure must not
	// leave an entry naming what was erased.
	return s.store.AuditWhileExists(ctx, s.audit.Complete(ctx, Entry(pr, action, ObjectCandidate, c.ID)), c.ID)
}

// MaxCandidatePage bounds one page of a candidate list.
const MaxCandidatePage = 100

// ListForOrg returns a page of the caller's organisation's candidates in
// creation order; next is the cursor of the following page or "".
func (s *Candidates) ListForOrg(ctx context.Context, pr Principal, after string, since *time.Time, limit int) ([]domain.Candidate, string, error) {
	if err := s.policy.Authorize(pr, ActionCandidateList, Object{Type: ObjectCandidate, OrgID: pr.OrgID}); err != nil {
		return nil, "", err
	}
	if limit <= 0 || limit > MaxCandidatePage {
		limit = MaxCandidatePage
	}
	list, err := s.store.ListByOrganisation(ctx, pr.OrgID, after, since, limit+1)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(c domain.Candidate) string { return c.ID })
	return list, next, nil
}
