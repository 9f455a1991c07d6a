package service

import (
	"context"
	"errors"

	"github.com/rungs/rungs/domain"
)

// Assess scores the candidate now with the framework named by ref ("" for
// the latest published one) and stores the answer as an immutable
// snapshot, returned byte for byte by AssessmentBody ever after. An
// organisation's assessment counts that organisation's scorecards as
// reviewer ratings; a person's own counts none.
func (s *Candidates) Assess(ctx context.Context, pr Principal, candidateID, ref string) (domain.Assessment, error) {
	if err := s.policy.Permits(pr, ActionAssessmentWrite); err != nil {
		return domain.Assessment{}, err
	}
	c, err := s.store.ByID(ctx, candidateID, false)
	if err != nil {
		return domain.Assessment{}, err
	}
	return s.assess(ctx, pr, c, ref)
}

// AssessMine scores the job seeker's own candidate.
func (s *Candidates) AssessMine(ctx context.Context, pr Principal, ref string) (domain.Assessment, error) {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return domain.Assessment{}, err
	}
	return s.assess(ctx, pr, c, ref)
}

// maker is the organisation an assessment or scorecard is made for: ""
// when a person acts on their own profile.
func maker(pr Principal, c domain.Candidate) string {
	if pr.Kind == PrincipalUser && pr.UserID == c.OwnerUserID {
		return ""
	}
	return pr.OrgID
}

func (s *Candidates) assess(ctx context.Context, pr Principal, c domain.Candidate, ref string) (domain.Assessment, error) {
	if err := s.authorizeWrite(pr, ActionAssessmentWrite, c); err != nil {
		return domain.Assessment{}, err
	}
	sc, err := s.scoring(ctx, ref)
	if err != nil {
		return domain.Assessment{}, err
	}
	org := maker(pr, c)
	var cards []domain.Scorecard
	if org != "" {
		if cards, err = s.store.Scorecards(ctx, c.ID, org, domain.MaxScorecardsPerAssessment); err != nil {
			return domain.Assessment{}, err
		}
	}
	// Progress compares with the newest assessment committed when this one
	// starts; two made at the same moment may compare with the same one.
	prev, err := s.store.LatestSummary(ctx, c.ID, org)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return domain.Assessment{}, err
	}
	out, err := sc.build(pr, c, org, cards, prev, s.now())
	if err != nil {
		return domain.Assessment{}, err
	}
	write := func(ctx context.Context) error {
		if err := s.store.AddAssessment(ctx, out, s.audit.Complete(ctx, Entry(pr, ActionAssessmentWrite, ObjectAssessment, out.ID))); err != nil {
			return err
		}
		if org == "" {
			return nil
		}
		return s.emit(ctx, assessmentEvent(org, out))
	}
	// With an event to record, the assessment and its event commit
	// together; a person's own assessment stays one statement.
	if org != "" && s.events != nil {
		err = s.tx.InTx(ctx, write)
	} else {
		err = write(ctx)
	}
	if err != nil {
		return domain.Assessment{}, err
	}
	// The snapshot holds the profile: the person sees who made one.
	return out, s.recordRead(ctx, pr, c, ActionAssessmentWrite)
}

// assessmentObject is what the policy knows of an assessment: an
// organisation's is seen by that organisation and by the person; the
// person's own is seen like their profile.
func assessmentObject(c domain.Candidate, a domain.Assessment) Object {
	o := Object{Type: ObjectAssessment, ID: a.ID, OwnerID: c.OwnerUserID, OrgID: c.OrganisationID}
	switch {
	case a.OrganisationID == "":
		o.Shared = c.Shared()
	case c.OwnerUserID == "" || c.Shared():
		// An organisation's snapshot of a person's profile holds the
		// profile: it reads it only while the person shares it.
		o.OrgID = a.OrganisationID
	}
	return o
}

// Assessment returns one assessment as stored, with its candidate.
func (s *Candidates) Assessment(ctx context.Context, pr Principal, id string) (domain.Assessment, domain.Candidate, error) {
	if err := s.policy.Permits(pr, ActionAssessmentRead); err != nil {
		return domain.Assessment{}, domain.Candidate{}, err
	}
	a, c, err := s.readAssessment(ctx, id)
	if err != nil {
		return domain.Assessment{}, domain.Candidate{}, err
	}
	if err := s.policy.Authorize(pr, ActionAssessmentRead, assessmentObject(c, a)); err != nil {
		return domain.Assessment{}, domain.Candidate{}, err
	}
	return a, c, s.recordRead(ctx, pr, c, ActionAssessmentRead)
}

// MaxAssessmentPage bounds one page of assessments.
const MaxAssessmentPage = 100

// Assessments lists the candidate's assessments the caller may see,
// newest first, before the cursor (an assessment id).
func (s *Candidates) Assessments(ctx context.Context, pr Principal, candidateID, before string, limit int) ([]domain.Assessment, string, error) {
	if err := s.policy.Permits(pr, ActionAssessmentRead); err != nil {
		return nil, "", err
	}
	c, err := s.store.ByID(ctx, candidateID, false)
	if err != nil {
		return nil, "", err
	}
	return s.assessments(ctx, pr, c, before, limit)
}

// MyAssessments lists the assessments of the job seeker's own candidate.
func (s *Candidates) MyAssessments(ctx context.Context, pr Principal, before string, limit int) ([]domain.Assessment, string, error) {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return nil, "", err
	}
	return s.assessments(ctx, pr, c, before, limit)
}

func (s *Candidates) assessments(ctx context.Context, pr Principal, c domain.Candidate, before string, limit int) ([]domain.Assessment, string, error) {
	if err := s.policy.Authorize(pr, ActionAssessmentRead, candidateObject(c)); err != nil {
		return nil, "", err
	}
	// The person sees every assessment of their profile; an organisation
	// its own, and the person's own while the profile is shared.
	var makers []string
	if maker(pr, c) != "" {
		makers = []string{pr.OrgID}
		if c.Shared() || c.OrganisationID == pr.OrgID {
			makers = append(makers, "")
		}
	}
	if limit <= 0 || limit > MaxAssessmentPage {
		limit = MaxAssessmentPage
	}
	list, err := s.store.Assessments(ctx, c.ID, makers, before, limit+1)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(a domain.Assessment) string { return a.ID })
	return list, next, s.recordRead(ctx, pr, c, ActionAssessmentRead)
}

// assessmentEvent is assessment.created for the organisation that made a.
func assessmentEvent(org string, a domain.Assessment) domain.WebhookEvent {
	return newEvent(domain.EventAssessmentCreated, org, a.CandidateID, a.CreatedAt, map[string]string{"assessment_id": a.ID})
}
