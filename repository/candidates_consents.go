package repository

import (
	"context"
	"time"

	"github.com/rungs/rungs/domain"
)

type consentRow struct {
	ID            string `gorm:"primaryKey"`
	CandidateID   string
	Visibility    string
	ChangedByKind string
	ChangedByID   string
	ChangedAt     time.Time
}

func (consentRow) TableName() string { return "candidate_consents" }

// AddConsent appends one visibility change.
func (s *Candidates) AddConsent(ctx context.Context, r domain.ConsentRecord) error {
	row := consentRow{
		ID: r.ID, CandidateID: r.CandidateID, Visibility: r.Visibility, ChangedByKind: r.ChangedByKind,
		ChangedByID: r.ChangedByID, ChangedAt: r.ChangedAt.UTC().Truncate(time.Microsecond),
	}
	return translate(s.db.conn(ctx).Create(&row).Error, "consent record")
}

// Consents returns the candidate's visibility changes, oldest first.
func (s *Candidates) Consents(ctx context.Context, candidateID string) ([]domain.ConsentRecord, error) {
	var rows []consentRow
	if err := s.db.conn(ctx).Where("candidate_id = ?", candidateID).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, "consent record")
	}
	out := make([]domain.ConsentRecord, len(rows))
	for i, r := range rows {
		out[i] = domain.ConsentRecord{
			ID: r.ID, CandidateID: r.CandidateID, Visibility: r.Visibility, ChangedByKind: r.ChangedByKind,
			ChangedByID: r.ChangedByID, ChangedAt: r.ChangedAt.UTC(),
		}
	}
	return out, nil
}

// AddConsents inserts consent records with multi-row statements.
func (s *Candidates) AddConsents(ctx context.Context, rs []domain.ConsentRecord) error {
	rows := make([]consentRow, len(rs))
	for i, r := range rs {
		rows[i] = consentRow{ID: r.ID, CandidateID: r.CandidateID, Visibility: r.Visibility, ChangedByKind: r.ChangedByKind,
			ChangedByID: r.ChangedByID, ChangedAt: r.ChangedAt.UTC().Truncate(time.Microsecond)}
	}
	if len(rows) == 0 {
		return nil
	}
	return translate(s.db.conn(ctx).CreateInBatches(rows, batchSize).Error, "consent record")
}
