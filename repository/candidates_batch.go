package repository

import (
	"context"
	"strings"

	"github.com/rungs/rungs/domain"
)

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
