package service

import (
	"context"
	"time"

	"github.com/rungs/rungs/domain"
)

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
