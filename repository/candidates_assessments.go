package repository

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/rungs/rungs/domain"
)

type assessmentRow struct {
	ID               string `gorm:"primaryKey"`
	CandidateID      string
	OrganisationID   *string
	CreatedBy        string
	FrameworkSlug    string
	FrameworkVersion string
	Body             string
	Summary          string
	CreatedAt        time.Time
}

func (assessmentRow) TableName() string { return "assessments" }

func (r assessmentRow) domain() domain.Assessment {
	return domain.Assessment{
		ID: r.ID, CandidateID: r.CandidateID, OrganisationID: textOf(r.OrganisationID), CreatedBy: r.CreatedBy,
		FrameworkSlug: r.FrameworkSlug, FrameworkVersion: r.FrameworkVersion, Body: []byte(r.Body), CreatedAt: r.CreatedAt.UTC(),
	}
}

const insertAssessment = `INSERT INTO assessments (id, candidate_id, organisation_id, created_by, framework_slug, framework_version, body, summary, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

const insertAudit = `INSERT INTO audit_log (id, principal_kind, principal_id, organisation_id, action, object_type, object_id, request_id, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

// AddAssessment inserts a with the audit entry that records it, atomically:
// on PostgreSQL outside a transaction as one statement (the hot path of
// every assessment, without BEGIN and COMMIT round trips), otherwise as two
// statements in one transaction.
func (s *Candidates) AddAssessment(ctx context.Context, a domain.Assessment, e domain.AuditEntry) error {
	args := []any{a.ID, a.CandidateID, nullText(a.OrganisationID), a.CreatedBy, a.FrameworkSlug, a.FrameworkVersion,
		string(a.Body), string(a.Summary), a.CreatedAt.UTC().Truncate(time.Microsecond)}
	audit := []any{e.ID, e.PrincipalKind, e.PrincipalID, e.OrganisationID, e.Action, e.ObjectType, e.ObjectID, e.RequestID, e.CreatedAt.UTC()}
	if _, inTx := ctx.Value(txKey{}).(*txState); !inTx && s.db.Dialect() == DialectPostgres {
		err := s.db.conn(ctx).Exec(`WITH a AS (`+insertAssessment+` RETURNING id) `+insertAudit, append(args, audit...)...).Error
		return translate(err, "assessment")
	}
	return s.db.InTx(ctx, func(ctx context.Context) error {
		if err := s.db.conn(ctx).Exec(insertAssessment, args...).Error; err != nil {
			return translate(err, "assessment")
		}
		return translate(s.db.conn(ctx).Exec(insertAudit, audit...).Error, "audit entry")
	})
}

// AssessmentAccess returns one assessment with what the policy needs of
// its candidate (owner, organisation, visibility), in one query.
func (s *Candidates) AssessmentAccess(ctx context.Context, id string) (domain.Assessment, domain.Candidate, error) {
	var a domain.Assessment
	var c domain.Candidate
	if !wellFormedID(id) {
		return a, c, domain.Errorf(domain.ErrNotFound, "assessment not found")
	}
	var aOrg, cOwner, cOrg sql.NullString
	var created time.Time
	row := s.db.conn(ctx).Raw(`SELECT a.id, a.candidate_id, a.organisation_id, a.created_by, a.framework_slug, a.framework_version, a.body, a.created_at,
		c.owner_user_id, c.organisation_id, c.visibility
		FROM assessments a JOIN candidates c ON c.id = a.candidate_id WHERE a.id = ?`, id).Row()
	err := row.Scan(&a.ID, &a.CandidateID, &aOrg, &a.CreatedBy, &a.FrameworkSlug, &a.FrameworkVersion, &a.Body, &created,
		&cOwner, &cOrg, &c.Visibility)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Assessment{}, domain.Candidate{}, domain.Errorf(domain.ErrNotFound, "assessment not found")
	}
	if err != nil {
		return domain.Assessment{}, domain.Candidate{}, translate(err, "assessment")
	}
	a.OrganisationID, a.CreatedAt = aOrg.String, created.UTC()
	c.ID, c.OwnerUserID, c.OrganisationID = a.CandidateID, cOwner.String, cOrg.String
	return a, c, nil
}

// LatestSummary returns the id and result summary of the candidate's
// newest assessment made by maker (an organisation id, or "" for the
// person); ErrNotFound when there is none.
func (s *Candidates) LatestSummary(ctx context.Context, candidateID, maker string) (domain.Assessment, error) {
	q := whereMadeBy(s.db.conn(ctx).Model(&assessmentRow{}).Select("id", "summary").Where("candidate_id = ?", candidateID), []string{maker})
	var row struct {
		ID      string
		Summary string
	}
	if err := q.Order("id DESC").Limit(1).Take(&row).Error; err != nil {
		return domain.Assessment{}, translate(err, "assessment")
	}
	return domain.Assessment{ID: row.ID, CandidateID: candidateID, Summary: []byte(row.Summary)}, nil
}

// Assessments returns up to limit of the candidate's assessments, newest
// first, with ids before before when it is set, made by one of makers
// (see whereMadeBy).
func (s *Candidates) Assessments(ctx context.Context, candidateID string, makers []string, before string, limit int) ([]domain.Assessment, error) {
	if before != "" && !wellFormedID(before) {
		return nil, nil
	}
	q := s.db.conn(ctx).Where("candidate_id = ?", candidateID)
	q = whereMadeBy(q, makers)
	if before != "" {
		q = q.Where("id < ?", before)
	}
	var rows []assessmentRow
	if err := q.Order("id DESC").Limit(limit).Find(&rows).Error; err != nil {
		return nil, translate(err, "assessment")
	}
	out := make([]domain.Assessment, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// AssessmentIDs returns the ids of every assessment of the candidate.
func (s *Candidates) AssessmentIDs(ctx context.Context, candidateID string) ([]string, error) {
	var ids []string
	err := s.db.conn(ctx).Model(&assessmentRow{}).Where("candidate_id = ?", candidateID).Order("id").Pluck("id", &ids).Error
	return ids, translate(err, "assessment")
}

// whereMadeBy keeps the assessments made by one of makers: an
// organisation's id, or "" for the person's own. nil keeps every one.
func whereMadeBy(q *gorm.DB, makers []string) *gorm.DB {
	if makers == nil {
		return q
	}
	var orgs []string
	own := false
	for _, m := range makers {
		switch {
		case m == "":
			own = true
		case wellFormedID(m):
			orgs = append(orgs, m)
		}
	}
	switch {
	case own && len(orgs) > 0:
		return q.Where("(organisation_id IS NULL OR organisation_id IN ?)", orgs)
	case own:
		return q.Where("organisation_id IS NULL")
	case len(orgs) > 0:
		return q.Where("organisation_id IN ?", orgs)
	}
	return q.Where("1 = 0")
}

// AddAssessments inserts assessments with multi-row statements.
func (s *Candidates) AddAssessments(ctx context.Context, as []domain.Assessment) error {
	rows := make([]assessmentRow, len(as))
	for i, a := range as {
		rows[i] = assessmentRow{ID: a.ID, CandidateID: a.CandidateID, OrganisationID: nullText(a.OrganisationID), CreatedBy: a.CreatedBy,
			FrameworkSlug: a.FrameworkSlug, FrameworkVersion: a.FrameworkVersion, Body: string(a.Body), Summary: string(a.Summary),
			CreatedAt: a.CreatedAt.UTC().Truncate(time.Microsecond)}
	}
	if len(rows) == 0 {
		return nil
	}
	return translate(s.db.conn(ctx).CreateInBatches(rows, batchSize).Error, "assessment")
}

// LatestSummaries returns, for each of the candidates, the id, time and
// summary of its newest assessment by maker, by candidate id.
func (s *Candidates) LatestSummaries(ctx context.Context, candidateIDs []string, m string) (map[string]domain.Assessment, error) {
	out := map[string]domain.Assessment{}
	if len(candidateIDs) == 0 {
		return out, nil
	}
	// The newest per candidate, by a correlated subquery both databases
	// answer from the (candidate_id, organisation_id, id) index.
	maker := "b.organisation_id IS NULL"
	args := []any{}
	if m != "" {
		maker = "b.organisation_id = ?"
		args = append(args, m)
	}
	var rows []assessmentRow
	var err error
	if s.db.Dialect() == DialectPostgres {
		// One index probe a candidate (a long parameter list would be
		// compared with every assessment).
		err = s.db.conn(ctx).Raw(`SELECT a.id, a.candidate_id, a.framework_slug, a.framework_version, a.summary, a.created_at
			FROM unnest(?::uuid[]) AS x(cid) JOIN LATERAL (SELECT b.id, b.candidate_id, b.framework_slug, b.framework_version, b.summary, b.created_at FROM assessments b WHERE b.candidate_id = x.cid AND `+maker+`
			ORDER BY b.id DESC LIMIT 1) a ON true`, append([]any{textArray(candidateIDs)}, args...)...).Scan(&rows).Error
	} else {
		err = s.db.conn(ctx).Raw(`SELECT a.id, a.candidate_id, a.framework_slug, a.framework_version, a.summary, a.created_at
			FROM assessments a WHERE a.id = (SELECT b.id FROM assessments b WHERE b.candidate_id = a.candidate_id AND `+maker+`
			ORDER BY b.id DESC LIMIT 1) AND a.candidate_id IN ?`, append(args, candidateIDs)...).Scan(&rows).Error
	}
	if err != nil {
		return nil, translate(err, "assessment")
	}
	for _, r := range rows {
		out[r.CandidateID] = domain.Assessment{ID: r.ID, CandidateID: r.CandidateID, FrameworkSlug: r.FrameworkSlug,
			FrameworkVersion: r.FrameworkVersion, Summary: []byte(r.Summary), CreatedAt: r.CreatedAt.UTC()}
	}
	return out, nil
}
