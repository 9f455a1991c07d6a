package repository

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/rungs/rungs/domain"
)

type candidateRow struct {
	ID             string `gorm:"primaryKey"`
	OwnerUserID    *string
	OrganisationID *string
	ExternalID     *string
	DisplayName    string
	ContactEmail   string
	Headline       string
	Visibility     string
	Profile        string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (candidateRow) TableName() string { return "candidates" }

// candidateProfile is the JSON kept in candidates.profile.
type candidateProfile struct {
	Experiences []domain.CandidateExperience `json:"experiences"`
	SelfRatings []domain.SelfRating          `json:"self_ratings"`
}

func candidateRowOf(c domain.Candidate) (candidateRow, error) {
	p := candidateProfile{Experiences: c.Experiences, SelfRatings: c.SelfRatings}
	if p.Experiences == nil {
		p.Experiences = []domain.CandidateExperience{}
	}
	if p.SelfRatings == nil {
		p.SelfRatings = []domain.SelfRating{}
	}
	b, err := json.Marshal(p)
	if err != nil {
		return candidateRow{}, err
	}
	return candidateRow{
		ID: c.ID, OwnerUserID: nullText(c.OwnerUserID), OrganisationID: nullText(c.OrganisationID), ExternalID: nullText(c.ExternalID),
		DisplayName: c.DisplayName, ContactEmail: c.ContactEmail, Headline: c.Headline, Visibility: c.Visibility,
		Profile: string(b), Version: c.Version,
		CreatedAt: c.CreatedAt.UTC().Truncate(time.Microsecond), UpdatedAt: c.UpdatedAt.UTC().Truncate(time.Microsecond),
	}, nil
}

func (r candidateRow) domain() (domain.Candidate, error) {
	var p candidateProfile
	if err := jsonv2.Unmarshal([]byte(r.Profile), &p); err != nil {
		return domain.Candidate{}, fmt.Errorf("candidate %s: profile: %w", r.ID, err)
	}
	return domain.Candidate{
		ID: r.ID, OwnerUserID: textOf(r.OwnerUserID), OrganisationID: textOf(r.OrganisationID), ExternalID: textOf(r.ExternalID),
		DisplayName: r.DisplayName, ContactEmail: r.ContactEmail, Headline: r.Headline, Visibility: r.Visibility,
		Experiences: p.Experiences, SelfRatings: p.SelfRatings, Version: r.Version,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}, nil
}

// Candidates stores candidates with their consent record, assessments and
// scorecards.
type Candidates struct{ db *DB }

// NewCandidates returns the candidate store.
func NewCandidates(db *DB) *Candidates { return &Candidates{db: db} }

// Create inserts c.
func (s *Candidates) Create(ctx context.Context, c domain.Candidate) error {
	row, err := candidateRowOf(c)
	if err != nil {
		return err
	}
	return translate(s.db.conn(ctx).Create(&row).Error, "candidate")
}

// ByID returns one candidate; with lock, its row stays locked until the
// transaction ends (PostgreSQL; SQLite's write transactions are exclusive).
func (s *Candidates) ByID(ctx context.Context, id string, lock bool) (domain.Candidate, error) {
	if !wellFormedID(id) {
		return domain.Candidate{}, domain.Errorf(domain.ErrNotFound, "candidate not found")
	}
	q := s.db.conn(ctx)
	if lock && s.db.Dialect() == DialectPostgres {
		q = q.Raw(`SELECT * FROM candidates WHERE id = ? FOR UPDATE`, id)
	} else {
		q = q.Where("id = ?", id)
	}
	var row candidateRow
	if err := q.Take(&row).Error; err != nil {
		return domain.Candidate{}, translate(err, "candidate")
	}
	return row.domain()
}

// ByOwner returns the job seeker's own candidate.
func (s *Candidates) ByOwner(ctx context.Context, userID string) (domain.Candidate, error) {
	if !wellFormedID(userID) {
		return domain.Candidate{}, domain.Errorf(domain.ErrNotFound, "candidate not found")
	}
	var row candidateRow
	if err := s.db.conn(ctx).Where("owner_user_id = ?", userID).Take(&row).Error; err != nil {
		return domain.Candidate{}, translate(err, "candidate")
	}
	return row.domain()
}

// Update writes c if its stored version is still version, and reports
// whether it was.
func (s *Candidates) Update(ctx context.Context, c domain.Candidate, version int) (bool, error) {
	row, err := candidateRowOf(c)
	if err != nil {
		return false, err
	}
	res := s.db.conn(ctx).Model(&candidateRow{}).Where("id = ? AND version = ?", c.ID, version).Updates(map[string]any{
		"display_name": row.DisplayName, "contact_email": row.ContactEmail, "headline": row.Headline, "external_id": row.ExternalID,
		"visibility": row.Visibility, "profile": row.Profile, "version": row.Version, "updated_at": row.UpdatedAt,
	})
	return res.RowsAffected == 1, translate(res.Error, "candidate")
}

// Delete removes the candidate if its version is still version; its
// consent record, assessments and scorecards go with it.
func (s *Candidates) Delete(ctx context.Context, id string, version int) (bool, error) {
	res := s.db.conn(ctx).Where("id = ? AND version = ?", id, version).Delete(&candidateRow{})
	return res.RowsAffected == 1, translate(res.Error, "candidate")
}

// ListByOrganisation returns up to limit of the organisation's candidates
// with ids after after (ids are time-ordered, so the order never changes),
// changed at or after since when it is set.
func (s *Candidates) ListByOrganisation(ctx context.Context, orgID, after string, since *time.Time, limit int) ([]domain.Candidate, error) {
	if !wellFormedID(orgID) || (after != "" && !wellFormedID(after)) {
		return nil, nil
	}
	q := s.db.conn(ctx).Where("organisation_id = ?", orgID)
	if after != "" {
		q = q.Where("id > ?", after)
	}
	if since != nil {
		q = q.Where("updated_at >= ?", since.UTC())
	}
	var rows []candidateRow
	if err := q.Order("id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, translate(err, "candidate")
	}
	out := make([]domain.Candidate, len(rows))
	for i, r := range rows {
		c, err := r.domain()
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// ForgetAuthor blanks userID where it names the author or maker of a
// scorecard or assessment on someone else's candidate (an erased
// recruiter's work stays with their organisation, without their id).
func (s *Candidates) ForgetAuthor(ctx context.Context, userID string) error {
	conn := s.db.conn(ctx)
	if err := conn.Model(&scorecardRow{}).Where("author_id = ?", userID).Update("author_id", "").Error; err != nil {
		return translate(err, "scorecard")
	}
	if err := conn.Model(&assessmentRow{}).Where("created_by = ?", userID).Update("created_by", "").Error; err != nil {
		return translate(err, "assessment")
	}
	return translate(conn.Model(&consentRow{}).Where("changed_by_id = ?", userID).Update("changed_by_id", "").Error, "consent record")
}

// AuditWhileExists appends e only while the candidate exists. On
// PostgreSQL the candidate's row is share-locked by the statement, so an
// erasure (which locks it first) either finishes before and leaves nothing
// to name, or waits until this entry is in and then turns it into a
// tombstone; SQLite's write transactions are one at a time.
func (s *Candidates) AuditWhileExists(ctx context.Context, e domain.AuditEntry, candidateID string) error {
	lock := ""
	if s.db.Dialect() == DialectPostgres {
		lock = " FOR SHARE"
	}
	err := s.db.conn(ctx).Exec(`INSERT INTO audit_log (id, principal_kind, principal_id, organisation_id, action, object_type, object_id, request_id, created_at)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM candidates WHERE id = ?`+lock+`)`,
		e.ID, e.PrincipalKind, e.PrincipalID, e.OrganisationID, e.Action, e.ObjectType, e.ObjectID, e.RequestID, e.CreatedAt.UTC(), candidateID).Error
	return translate(err, "audit entry")
}
