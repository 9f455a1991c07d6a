package service

import (
	"context"
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
	// MakerOrganisations lists the organisations that assessed or scored it.
	MakerOrganisations(ctx context.Context, candidateID string) ([]string, error)
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
