package service

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rungs/rungs/domain"
)

// CandidateStore keeps candidates, their consent record, assessments and
// scorecards. repository.Candidates implements it.
type CandidateStore interface {
	Create(ctx context.Context, c domain.Candidate) error
	ByID(ctx context.Context, id string, lock bool) (domain.Candidate, error)
	ByOwner(ctx context.Context, userID string) (domain.Candidate, error)
	// Update and Delete act only while the stored version is version.
	Update(ctx context.Context, c domain.Candidate, version int) (bool, error)
	Delete(ctx context.Context, id string, version int) (bool, error)
	ListByOrganisation(ctx context.Context, orgID, after string, since *time.Time, limit int) ([]domain.Candidate, error)
	AddConsent(ctx context.Context, r domain.ConsentRecord) error
	Consents(ctx context.Context, candidateID string) ([]domain.ConsentRecord, error)
	// AddAssessment inserts a and its audit entry e atomically.
	AddAssessment(ctx context.Context, a domain.Assessment, e domain.AuditEntry) error
	Assessment(ctx context.Context, id string) (domain.Assessment, error)
	// AssessmentAccess returns an assessment with its candidate's owner,
	// organisation and visibility (nothing else of the candidate).
	AssessmentAccess(ctx context.Context, id string) (domain.Assessment, domain.Candidate, error)
	// LatestSummary is the newest assessment by maker: its id and summary.
	LatestSummary(ctx context.Context, candidateID, maker string) (domain.Assessment, error)
	// Batches: multi-row inserts, and lookups for many candidates at once.
	CreateMany(ctx context.Context, cs []domain.Candidate) error
	AddConsents(ctx context.Context, rs []domain.ConsentRecord) error
	AddAssessments(ctx context.Context, as []domain.Assessment) error
	ByExternalIDs(ctx context.Context, orgID string, ids []string) (map[string]domain.Candidate, error)
	LatestSummaries(ctx context.Context, candidateIDs []string, maker string) (map[string]domain.Assessment, error)
	// ExportPage is a page of the organisation's candidates with their
	// newest assessment by it, by candidate id.
	ExportPage(ctx context.Context, orgID, after string, since *time.Time, limit int) ([]domain.Candidate, map[string]domain.Assessment, error)
	// Assessments lists newest first, made by one of makers (an
	// organisation id, or "" for the person); nil means every maker.
	Assessments(ctx context.Context, candidateID string, makers []string, before string, limit int) ([]domain.Assessment, error)
	AssessmentIDs(ctx context.Context, candidateID string) ([]string, error)
	AddScorecard(ctx context.Context, sc domain.Scorecard) error
	Scorecards(ctx context.Context, candidateID, orgID string, limit int) ([]domain.Scorecard, error)
	CountScorecards(ctx context.Context, candidateID string) (int, error)
	ForgetAuthor(ctx context.Context, userID string) error
	// AuditWhileExists appends e only while the candidate exists (holding
	// it against a concurrent delete until the transaction ends).
	AuditWhileExists(ctx context.Context, e domain.AuditEntry, candidateID string) error
}

// AuditReader reads the audit log about one object.
type AuditReader interface {
	ByObject(ctx context.Context, objectType, objectID string) ([]domain.AuditEntry, error)
}

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
}

// NewCandidates returns the candidate service.
func NewCandidates(d CandidatesDeps) *Candidates {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Candidates{tx: d.Tx, store: d.Store, orgs: d.Orgs, audit: d.Audit, auditLog: d.AuditLog,
		policy: d.Policy, frameworks: d.Frameworks, now: d.Now, onErase: d.OnErase, onHide: d.OnHide}
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

// InputOf returns c's editable content.
func InputOf(c domain.Candidate) CandidateInput {
	return CandidateInput{
		DisplayName: c.DisplayName, ContactEmail: c.ContactEmail, Headline: c.Headline, Visibility: c.Visibility,
		Experiences: c.Experiences, SelfRatings: c.SelfRatings,
	}
}

// Precondition is a client's If-Match: absent, "*", or a version.
type Precondition struct {
	Present bool
	Any     bool
	// Tags are the candidate versions the client names (a tag this API
	// never issued names none, and so never matches).
	Tags []CandidateTag
}

// CandidateTag is what a candidate's ETag says: which candidate, which version.
type CandidateTag struct {
	ID      string
	Version int
}

// ETag is a candidate version's strong ETag: its id and version, so that a
// profile deleted and made again never matches a tag of the old one.
func (t CandidateTag) ETag() string { return `"` + t.ID + `.` + strconv.Itoa(t.Version) + `"` }

// TagOf is c's current tag.
func TagOf(c domain.Candidate) CandidateTag { return CandidateTag{ID: c.ID, Version: c.Version} }

var errNeedIfMatch = domain.Errorf(domain.ErrPreconditionRequired,
	"Send If-Match with the ETag of the candidate you last read, so that no one else's change is lost.")

var errStale = domain.Errorf(domain.ErrPreconditionFailed,
	"The candidate changed since you read it: read it again, then retry with its new ETag.")

func (p Precondition) check(c domain.Candidate) error {
	if !p.Present {
		return errNeedIfMatch
	}
	if p.Any {
		return nil
	}
	for _, t := range p.Tags {
		if t == TagOf(c) {
			return nil
		}
	}
	return errStale
}

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

// precheck refuses a caller whose role or key scope never allows action,
// before anything is loaded: the answer must not depend on whether the
// object exists.
func (s *Candidates) precheck(pr Principal, action Action) error {
	if err := s.policy.Authorize(pr, action, Object{Type: ObjectCandidate}); err != nil && !errors.Is(err, domain.ErrNotFound) {
		return err
	}
	return nil
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
	if err := s.precheck(pr, ActionCandidateRead); err != nil {
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
	next := ""
	if len(list) > limit {
		list, next = list[:limit], list[limit-1].ID
	}
	return list, next, nil
}

// Change replaces a candidate's content with what edit returns from the
// current one, if the precondition still holds.
func (s *Candidates) Change(ctx context.Context, pr Principal, id string, pre Precondition, edit func(CandidateInput) (CandidateInput, error)) (domain.Candidate, error) {
	if err := s.precheck(pr, ActionCandidateWrite); err != nil {
		return domain.Candidate{}, err
	}
	var out domain.Candidate
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		c, err := s.store.ByID(ctx, id, true)
		if err != nil {
			return err
		}
		out, err = s.change(ctx, pr, c, pre, edit)
		return err
	})
	if err == nil {
		// Again after the commit: a read racing it may have cached the old visibility.
		s.forgetCandidate(id)
	}
	return out, err
}

func (s *Candidates) change(ctx context.Context, pr Principal, c domain.Candidate, pre Precondition, edit func(CandidateInput) (CandidateInput, error)) (domain.Candidate, error) {
	if err := s.authorizeWrite(pr, ActionCandidateWrite, c); err != nil {
		return domain.Candidate{}, err
	}
	if err := pre.check(c); err != nil {
		return domain.Candidate{}, err
	}
	in, err := edit(InputOf(c))
	if err != nil {
		return domain.Candidate{}, err
	}
	before, version := c.Visibility, c.Version
	if err := s.apply(ctx, &c, in); err != nil {
		return domain.Candidate{}, err
	}
	c.Version, c.UpdatedAt = c.Version+1, s.now().UTC()
	ok, err := s.store.Update(ctx, c, version)
	if err != nil {
		return domain.Candidate{}, err
	}
	if !ok {
		return domain.Candidate{}, errStale
	}
	if err := s.recordConsent(ctx, pr, c, before); err != nil {
		return domain.Candidate{}, err
	}
	if c.Visibility != before {
		s.forgetCandidate(c.ID)
		if before == domain.VisibilityRecruiters && s.onHide != nil {
			if err := s.onHide(ctx, c.ID, "user:"+c.OwnerUserID); err != nil {
				return domain.Candidate{}, err
			}
		}
	}
	if err := s.audit.Record(ctx, Entry(pr, ActionCandidateWrite, ObjectCandidate, c.ID)); err != nil {
		return domain.Candidate{}, err
	}
	return s.store.ByID(ctx, c.ID, false)
}

// Delete removes a candidate with everything about it, if the precondition holds.
func (s *Candidates) Delete(ctx context.Context, pr Principal, id string, pre Precondition) error {
	if err := s.precheck(pr, ActionCandidateWrite); err != nil {
		return err
	}
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		c, err := s.store.ByID(ctx, id, true)
		if err != nil {
			return err
		}
		return s.remove(ctx, pr, c, pre)
	})
	if err == nil {
		s.forgetCandidate(id)
	}
	return err
}

func (s *Candidates) remove(ctx context.Context, pr Principal, c domain.Candidate, pre Precondition) error {
	if err := s.authorizeWrite(pr, ActionCandidateWrite, c); err != nil {
		return err
	}
	if err := pre.check(c); err != nil {
		return err
	}
	if err := s.erase(ctx, c); err != nil {
		return err
	}
	ok, err := s.store.Delete(ctx, c.ID, c.Version)
	if err != nil {
		return err
	}
	if !ok {
		return errStale
	}
	return s.audit.Record(ctx, Entry(pr, ActionCandidateDelete, ObjectCandidate, ""))
}

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

// Mine returns the job seeker's own candidate.
func (s *Candidates) Mine(ctx context.Context, pr Principal) (domain.Candidate, error) {
	if err := s.policy.Authorize(pr, ActionMyCandidate, Object{}); err != nil {
		return domain.Candidate{}, err
	}
	c, err := s.store.ByOwner(ctx, pr.UserID)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Candidate{}, domain.Errorf(domain.ErrNotFound, "You have no saved profile yet; PUT /v1/me/candidate creates it.")
	}
	return c, err
}

// PutMine replaces the job seeker's own candidate, or creates it (created
// true) when they have none; replacing needs the precondition.
func (s *Candidates) PutMine(ctx context.Context, pr Principal, pre Precondition, in CandidateInput) (c domain.Candidate, created bool, err error) {
	if err := s.policy.Authorize(pr, ActionMyCandidate, Object{}); err != nil {
		return domain.Candidate{}, false, err
	}
	err = s.tx.InTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.ByOwner(ctx, pr.UserID)
		if errors.Is(err, domain.ErrNotFound) {
			if pre.Present && !pre.Any {
				return errStale
			}
			created = true
			c = domain.Candidate{ID: newID(), OwnerUserID: pr.UserID}
			if err := s.create(ctx, pr, c, in); err != nil {
				return err
			}
			c, err = s.store.ByID(ctx, c.ID, false)
			return err
		}
		if err != nil {
			return err
		}
		if cur, err = s.store.ByID(ctx, cur.ID, true); err != nil {
			return err
		}
		c, err = s.change(ctx, pr, cur, pre, func(CandidateInput) (CandidateInput, error) { return in, nil })
		return err
	})
	if err != nil && errors.Is(err, domain.ErrConflict) {
		// Two first saves raced: the other one won, so this is now a replace.
		if !pre.Present {
			return domain.Candidate{}, false, errNeedIfMatch
		}
		return domain.Candidate{}, false, errStale
	}
	if err == nil {
		s.forgetCandidate(c.ID)
	}
	return c, created, err
}

// ChangeMine applies edit to the job seeker's own candidate.
func (s *Candidates) ChangeMine(ctx context.Context, pr Principal, pre Precondition, edit func(CandidateInput) (CandidateInput, error)) (domain.Candidate, error) {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return domain.Candidate{}, err
	}
	return s.Change(ctx, pr, c.ID, pre, edit)
}

// DeleteMine deletes the job seeker's own candidate with everything about it.
func (s *Candidates) DeleteMine(ctx context.Context, pr Principal, pre Precondition) error {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return err
	}
	return s.Delete(ctx, pr, c.ID, pre)
}

// Consents returns the consent record of the job seeker's own candidate.
func (s *Candidates) Consents(ctx context.Context, pr Principal) ([]domain.ConsentRecord, error) {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return nil, err
	}
	return s.store.Consents(ctx, c.ID)
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

// checkCandidate checks in against the framework the candidate will be
// scored with, reporting every problem at once; own is true for a
// person's own profile (only the person can share it with recruiters).
func checkCandidate(v *FrameworkView, in CandidateInput, own bool) (CandidateInput, error) {
	verr := &domain.ValidationError{}
	out := in
	out.DisplayName = checkName(verr, "display_name", in.DisplayName, domain.MaxCandidateNameLength)
	out.Headline = strings.Join(strings.Fields(in.Headline), " ")
	if domain.TextLength(out.Headline) > domain.MaxHeadlineLength {
		verr.Add("headline", "max", fmt.Sprintf("must have at most %d characters", domain.MaxHeadlineLength))
	}
	if in.ContactEmail != "" {
		email, err := domain.NormalizeEmail(in.ContactEmail)
		if err != nil {
			verr.Add("contact_email", "email", "must be an email address")
		}
		out.ContactEmail = email
	}
	switch in.Visibility {
	case "":
		out.Visibility = domain.VisibilityPrivate
	case domain.VisibilityPrivate:
	case domain.VisibilityRecruiters:
		if !own {
			verr.Add("visibility", "consent", "only the person can share their own profile with recruiters")
		}
	default:
		verr.AddValue("visibility", "oneof", "must be private or recruiters", truncate(in.Visibility, 40))
	}
	if len(in.Experiences) > domain.MaxCandidateExperiences {
		verr.Add("experiences", "max", fmt.Sprintf("must hold at most %d experiences", domain.MaxCandidateExperiences))
	}
	out.Experiences = make([]domain.CandidateExperience, len(in.Experiences))
	for i, e := range in.Experiences {
		out.Experiences[i] = checkExperience(verr, v, fmt.Sprintf("experiences[%d]", i), e)
	}
	if len(in.SelfRatings) > domain.MaxCandidateSelfRatings {
		verr.Add("self_ratings", "max", fmt.Sprintf("must hold at most %d ratings", domain.MaxCandidateSelfRatings))
	}
	out.SelfRatings = make([]domain.SelfRating, len(in.SelfRatings))
	seen := map[string]bool{}
	for i, r := range in.SelfRatings {
		field := fmt.Sprintf("self_ratings[%d]", i)
		checkRating(verr, v, field, r.Competency, r.Proficiency)
		if seen[r.Competency] {
			verr.AddValue(field+".competency", "unique", "is rated twice", r.Competency)
		}
		seen[r.Competency] = true
		if domain.TextLength(r.Evidence) > domain.MaxEvidenceLength {
			verr.Add(field+".evidence", "max", fmt.Sprintf("must have at most %d characters", domain.MaxEvidenceLength))
		}
		out.SelfRatings[i] = domain.SelfRating{Competency: r.Competency, Proficiency: r.Proficiency, Evidence: strings.TrimSpace(r.Evidence)}
	}
	return out, verr.OrNil()
}

func checkExperience(verr *domain.ValidationError, v *FrameworkView, field string, e domain.CandidateExperience) domain.CandidateExperience {
	out := domain.CandidateExperience{
		Background: e.Background, Title: strings.Join(strings.Fields(e.Title), " "), Years: e.Years,
		CommunityServed: strings.Join(strings.Fields(e.CommunityServed), " "),
	}
	switch {
	case out.Background == "" && out.Title == "":
		verr.Add(field+".title", "required", "give a background or a job title")
	case out.Background != "":
		if _, ok := v.Background(out.Background); !ok {
			verr.AddValue(field+".background", "oneof", "is not a known background; see GET /v1/backgrounds", truncate(out.Background, 64))
		}
	}
	if domain.TextLength(out.Title) > domain.MaxTitleLength {
		verr.Add(field+".title", "max", fmt.Sprintf("must have at most %d characters", domain.MaxTitleLength))
	}
	if domain.TextLength(out.CommunityServed) > domain.MaxCommunityServedLength {
		verr.Add(field+".community_served", "max", fmt.Sprintf("must have at most %d characters", domain.MaxCommunityServedLength))
	}
	if e.Years < 0 || e.Years > domain.MaxExperienceYears || e.Years != e.Years {
		verr.Add(field+".years", "range", fmt.Sprintf("must be from 0 to %d", domain.MaxExperienceYears))
	}
	if len(e.Highlights) > domain.MaxHighlights {
		verr.Add(field+".highlights", "max", fmt.Sprintf("must hold at most %d highlights", domain.MaxHighlights))
	}
	for j, h := range e.Highlights {
		h = strings.TrimSpace(h)
		if domain.TextLength(h) > domain.MaxHighlightLength {
			verr.Add(fmt.Sprintf("%s.highlights[%d]", field, j), "max", fmt.Sprintf("must have at most %d characters", domain.MaxHighlightLength))
		}
		if h != "" {
			out.Highlights = append(out.Highlights, h)
		}
	}
	return out
}

func checkRating(verr *domain.ValidationError, v *FrameworkView, field, competency string, proficiency int) {
	if _, ok := v.Competency(competency); !ok {
		verr.AddValue(field+".competency", "oneof", "is not a known competency; see GET /v1/competencies", truncate(competency, 64))
	}
	if proficiency < 0 || proficiency > 4 {
		verr.Add(field+".proficiency", "range", "must be from 0 to 4")
	}
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
	if out.AccessLog, err = s.AccessLog(ctx, pr); err != nil {
		return MyData{}, err
	}
	return out, nil
}

// ExportRow is one candidate of an export with its organisation's latest
// assessment (only the id, time, framework and summary; zero when none).
type ExportRow struct {
	Candidate domain.Candidate
	Latest    domain.Assessment
}

// exportBatch is how many candidates an export reads at a time.
const exportBatch = 1000

// ExportOrg streams every candidate of the organisation in creation order,
// changed at or after since when set, with its latest assessment by the
// organisation, to emit a page at a time: memory stays flat however many
// there are. The next page is read while emit writes the current one. The
// caller has been authorized for ActionCandidateExport.
func (s *Candidates) ExportOrg(ctx context.Context, orgID string, since *time.Time, emit func([]ExportRow) error) error {
	type page struct {
		rows []ExportRow
		err  error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan page, 1)
	go func() {
		defer close(pages)
		after := ""
		for {
			rows, err := s.exportPage(ctx, orgID, after, since)
			select {
			case pages <- page{rows, err}:
			case <-ctx.Done():
				return
			}
			if err != nil || len(rows) < exportBatch {
				return
			}
			after = rows[len(rows)-1].Candidate.ID
		}
	}()
	for p := range pages {
		if p.err != nil {
			return p.err
		}
		if len(p.rows) == 0 {
			return nil
		}
		if err := emit(p.rows); err != nil {
			return err
		}
	}
	return nil
}

func (s *Candidates) exportPage(ctx context.Context, orgID, after string, since *time.Time) ([]ExportRow, error) {
	list, latest, err := s.store.ExportPage(ctx, orgID, after, since, exportBatch)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	rows := make([]ExportRow, len(list))
	for i, c := range list {
		rows[i] = ExportRow{Candidate: c, Latest: latest[c.ID]}
	}
	return rows, nil
}
