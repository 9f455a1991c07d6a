package repository

import (
	"context"
	"database/sql"
	"time"

	"github.com/rungs/rungs/domain"
)

// ExportPage returns up to limit of the organisation's candidates after
// after (changed at or after since when set), each with its newest
// assessment by the organisation (id, framework, summary and time), by
// candidate id. On PostgreSQL it is one query.
func (s *Candidates) ExportPage(ctx context.Context, orgID, after string, since *time.Time, limit int) ([]domain.Candidate, map[string]domain.Assessment, error) {
	if s.db.Dialect() != DialectPostgres {
		list, err := s.ListByOrganisation(ctx, orgID, after, since, limit)
		if err != nil || len(list) == 0 {
			return list, nil, err
		}
		ids := make([]string, len(list))
		for i, c := range list {
			ids[i] = c.ID
		}
		latest, err := s.LatestSummaries(ctx, ids, orgID)
		return list, latest, err
	}
	if !wellFormedID(orgID) || (after != "" && !wellFormedID(after)) {
		return nil, nil, nil
	}
	// The lateral join's organisation, then the page's.
	where, args := "c.organisation_id = ?", []any{orgID, orgID}
	if after != "" {
		where += " AND c.id > ?"
		args = append(args, after)
	}
	if since != nil {
		where += " AND c.updated_at >= ?"
		args = append(args, since.UTC())
	}
	args = append(args, limit)
	rows, err := s.db.conn(ctx).Raw(`SELECT c.id, c.owner_user_id, c.organisation_id, c.external_id, c.display_name, c.contact_email, c.headline,
			c.visibility, c.profile, c.version, c.created_at, c.updated_at,
			a.id, a.framework_slug, a.framework_version, a.summary, a.created_at
		FROM candidates c LEFT JOIN LATERAL (SELECT b.id, b.framework_slug, b.framework_version, b.summary, b.created_at FROM assessments b
			WHERE b.candidate_id = c.id AND b.organisation_id = ? ORDER BY b.id DESC LIMIT 1) a ON true
		WHERE `+where+` ORDER BY c.id LIMIT ?`, args...).Rows()
	if err != nil {
		return nil, nil, translate(err, "candidate")
	}
	defer rows.Close()
	var list []domain.Candidate
	latest := map[string]domain.Assessment{}
	for rows.Next() {
		var r candidateRow
		var aID, aSlug, aVersion, aSummary sql.NullString
		var aCreated sql.NullTime
		if err := rows.Scan(&r.ID, &r.OwnerUserID, &r.OrganisationID, &r.ExternalID, &r.DisplayName, &r.ContactEmail, &r.Headline,
			&r.Visibility, &r.Profile, &r.Version, &r.CreatedAt, &r.UpdatedAt, &aID, &aSlug, &aVersion, &aSummary, &aCreated); err != nil {
			return nil, nil, translate(err, "candidate")
		}
		c, err := r.domain()
		if err != nil {
			return nil, nil, err
		}
		list = append(list, c)
		if aID.Valid {
			latest[c.ID] = domain.Assessment{ID: aID.String, CandidateID: c.ID, FrameworkSlug: aSlug.String,
				FrameworkVersion: aVersion.String, Summary: []byte(aSummary.String), CreatedAt: aCreated.Time.UTC()}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, translate(err, "candidate")
	}
	return list, latest, nil
}
