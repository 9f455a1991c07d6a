package repository

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"gorm.io/gorm"

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
	if _, inTx := ctx.Value(txKey{}).(*gorm.DB); !inTx && s.db.Dialect() == DialectPostgres {
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

// Assessment returns one assessment.
func (s *Candidates) Assessment(ctx context.Context, id string) (domain.Assessment, error) {
	if !wellFormedID(id) {
		return domain.Assessment{}, domain.Errorf(domain.ErrNotFound, "assessment not found")
	}
	var row assessmentRow
	if err := s.db.conn(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return domain.Assessment{}, translate(err, "assessment")
	}
	return row.domain(), nil
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

// batchSize is how many rows one multi-row INSERT carries.
const batchSize = 200

// CreateMany inserts candidates with multi-row statements.
func (s *Candidates) CreateMany(ctx context.Context, cs []domain.Candidate) error {
	rows := make([]candidateRow, len(cs))
	for i, c := range cs {
		r, err := candidateRowOf(c)
		if err != nil {
			return err
		}
		rows[i] = r
	}
	if len(rows) == 0 {
		return nil
	}
	return translate(s.db.conn(ctx).CreateInBatches(rows, batchSize).Error, "candidate")
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

// ByExternalIDs returns the organisation's candidates with these external ids, by external id.
func (s *Candidates) ByExternalIDs(ctx context.Context, orgID string, ids []string) (map[string]domain.Candidate, error) {
	out := map[string]domain.Candidate{}
	if !wellFormedID(orgID) || len(ids) == 0 {
		return out, nil
	}
	for start := 0; start < len(ids); start += 500 {
		end := min(start+500, len(ids))
		var rows []candidateRow
		q := s.db.conn(ctx).Where("organisation_id = ? AND external_id IN ?", orgID, ids[start:end])
		if s.db.Dialect() == DialectPostgres {
			// One index probe a value: a parameter list of hundreds is
			// otherwise compared with every candidate of the organisation.
			q = s.db.conn(ctx).Raw(`SELECT c.* FROM unnest(?::text[]) AS e(ext) JOIN candidates c ON c.organisation_id = ? AND c.external_id = e.ext`,
				textArray(ids[start:end]), orgID)
		}
		if err := q.Find(&rows).Error; err != nil {
			return nil, translate(err, "candidate")
		}
		for _, r := range rows {
			c, err := r.domain()
			if err != nil {
				return nil, err
			}
			out[c.ExternalID] = c
		}
	}
	return out, nil
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

var arrayEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// textArray writes ids as one PostgreSQL text[] literal, so that they
// travel as a single parameter.
func textArray(ids []string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(arrayEscaper.Replace(id))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

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
