package repository

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rungs/rungs/domain"
)

type scorecardRow struct {
	ID             string `gorm:"primaryKey"`
	CandidateID    string
	OrganisationID string
	AuthorKind     string
	AuthorID       string
	Recommendation string
	Interview      string
	Ratings        string
	CreatedAt      time.Time
}

func (scorecardRow) TableName() string { return "scorecards" }

// AddScorecard inserts sc.
func (s *Candidates) AddScorecard(ctx context.Context, sc domain.Scorecard) error {
	b, err := json.Marshal(sc.Ratings)
	if err != nil {
		return err
	}
	row := scorecardRow{
		ID: sc.ID, CandidateID: sc.CandidateID, OrganisationID: sc.OrganisationID, AuthorKind: sc.AuthorKind,
		AuthorID: sc.AuthorID, Recommendation: sc.Recommendation, Interview: sc.Interview, Ratings: string(b),
		CreatedAt: sc.CreatedAt.UTC().Truncate(time.Microsecond),
	}
	return translate(s.db.conn(ctx).Create(&row).Error, "scorecard")
}

// Scorecards returns the organisation's scorecards on the candidate, oldest
// first, at most limit.
func (s *Candidates) Scorecards(ctx context.Context, candidateID, orgID string, limit int) ([]domain.Scorecard, error) {
	var rows []scorecardRow
	err := s.db.conn(ctx).Where("candidate_id = ? AND organisation_id = ?", candidateID, orgID).Order("id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, translate(err, "scorecard")
	}
	out := make([]domain.Scorecard, len(rows))
	for i, r := range rows {
		out[i] = domain.Scorecard{
			ID: r.ID, CandidateID: r.CandidateID, OrganisationID: r.OrganisationID, AuthorKind: r.AuthorKind,
			AuthorID: r.AuthorID, Recommendation: r.Recommendation, Interview: r.Interview, CreatedAt: r.CreatedAt.UTC(),
		}
		if err := json.Unmarshal([]byte(r.Ratings), &out[i].Ratings); err != nil {
			return nil, fmt.Errorf("scorecard %s: ratings: %w", r.ID, err)
		}
	}
	return out, nil
}

// CountScorecards counts every scorecard on the candidate, of any organisation.
func (s *Candidates) CountScorecards(ctx context.Context, candidateID string) (int, error) {
	var n int64
	err := s.db.conn(ctx).Model(&scorecardRow{}).Where("candidate_id = ?", candidateID).Count(&n).Error
	return int(n), translate(err, "scorecard")
}

// MakerOrganisations lists the organisations that assessed the candidate or
// posted a scorecard on it.
func (s *Candidates) MakerOrganisations(ctx context.Context, candidateID string) ([]string, error) {
	var ids []string
	err := s.db.conn(ctx).Raw(`SELECT organisation_id FROM assessments WHERE candidate_id = ? AND organisation_id IS NOT NULL
		UNION SELECT organisation_id FROM scorecards WHERE candidate_id = ?`, candidateID, candidateID).Scan(&ids).Error
	return ids, translate(err, "candidate")
}
