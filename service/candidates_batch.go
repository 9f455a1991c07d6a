package service

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rungs/rungs/domain"
)

// BatchItem is one candidate of a bulk import. Errors holds what the API
// layer already found wrong with it (by field, relative to the item).
type BatchItem struct {
	Input      CandidateInput
	ExternalID string
	Errors     []domain.FieldError
}

// BatchOptions are a bulk import's switches.
type BatchOptions struct {
	// Atomic writes nothing unless every item is valid.
	Atomic bool
	// Upsert updates the candidate whose external_id an item names;
	// otherwise such an item is an error.
	Upsert bool
	// Assess scores every created or updated candidate.
	Assess bool
}

// Item outcomes.
const (
	BatchCreated = "created"
	BatchUpdated = "updated"
	BatchFailed  = "error"
)

// BatchItemResult is one item's outcome, in input order.
type BatchItemResult struct {
	Index        int
	Status       string
	Candidate    domain.Candidate
	AssessmentID string
	Errors       []domain.FieldError
}

// BatchResult is a bulk import's outcome.
type BatchResult struct {
	Items                    []BatchItemResult
	Created, Updated, Failed int
	// Written is false when an atomic batch had an invalid item.
	Written bool
}

// ErrBatchInvalid is an atomic batch refused for its invalid items; the
// result lists them.
var ErrBatchInvalid = errors.New("batch has invalid items")

// ImportBatch creates (or, with Upsert, updates by external_id) up to
// MaxBatchCandidates of the caller's organisation's candidates, and scores
// them with Assess. Valid items are written in one transaction with
// multi-row statements; invalid ones are reported by index and field. With
// Atomic, one invalid item means nothing is written (ErrBatchInvalid, with
// the result).
func (s *Candidates) ImportBatch(ctx context.Context, pr Principal, items []BatchItem, opts BatchOptions) (BatchResult, error) {
	if err := s.policy.Authorize(pr, ActionCandidateCreate, Object{Type: ObjectCandidate, OrgID: pr.OrgID}); err != nil {
		return BatchResult{}, err
	}
	if opts.Assess {
		if err := s.policy.Authorize(pr, ActionAssessmentWrite, Object{Type: ObjectCandidate, OrgID: pr.OrgID}); err != nil {
			return BatchResult{}, err
		}
	}
	if len(items) > domain.MaxBatchCandidates {
		return BatchResult{}, domain.Errorf(domain.ErrInvalid, "a batch holds at most %d candidates", domain.MaxBatchCandidates)
	}
	sc, err := s.scoring(ctx, "")
	if err != nil {
		return BatchResult{}, err
	}
	res := BatchResult{Items: make([]BatchItemResult, len(items))}
	cands := make([]domain.Candidate, len(items))
	seen := map[string]int{}
	var external []string
	for i, it := range items {
		r := &res.Items[i]
		r.Index, r.Errors = i, it.Errors
		if len(r.Errors) == 0 {
			clean, err := checkCandidate(sc.v, it.Input, false)
			var verr *domain.ValidationError
			switch {
			case errors.As(err, &verr):
				r.Errors = verr.Fields
			case err != nil:
				return BatchResult{}, err
			}
			cands[i] = domain.Candidate{OrganisationID: pr.OrgID, DisplayName: clean.DisplayName, ContactEmail: clean.ContactEmail,
				Headline: clean.Headline, Visibility: clean.Visibility, Experiences: clean.Experiences, SelfRatings: clean.SelfRatings}
		}
		ext := strings.TrimSpace(it.ExternalID)
		if len(r.Errors) > 0 {
			// An invalid item neither reserves its external_id nor has it
			// looked up (it may hold what the database refuses, such as NUL).
			continue
		}
		if domain.TextLength(ext) > domain.MaxExternalIDLength {
			r.Errors = append(r.Errors, domain.FieldError{Field: "external_id", Rule: "max", Message: fmt.Sprintf("must have at most %d characters", domain.MaxExternalIDLength)})
		}
		if ext != "" {
			if first, dup := seen[ext]; dup {
				r.Errors = append(r.Errors, domain.FieldError{Field: "external_id", Rule: "unique", Message: fmt.Sprintf("repeats the external_id of item %d", first), Value: truncate(ext, 64)})
			} else {
				seen[ext] = i
				external = append(external, ext)
			}
		}
		cands[i].ExternalID = ext
	}
	existing, err := s.store.ByExternalIDs(ctx, pr.OrgID, external)
	if err != nil {
		return BatchResult{}, err
	}
	now := s.now().UTC()
	for i := range res.Items {
		r := &res.Items[i]
		if old, ok := existing[cands[i].ExternalID]; ok && cands[i].ExternalID != "" {
			if !opts.Upsert {
				r.Errors = append(r.Errors, domain.FieldError{Field: "external_id", Rule: "exists",
					Message: "names a candidate that already exists; send upsert=true to update it", Value: truncate(cands[i].ExternalID, 64)})
			} else {
				c := old
				c.DisplayName, c.ContactEmail, c.Headline = cands[i].DisplayName, cands[i].ContactEmail, cands[i].Headline
				c.Experiences, c.SelfRatings = cands[i].Experiences, cands[i].SelfRatings
				c.Version, c.UpdatedAt = old.Version+1, now
				cands[i], r.Status = c, BatchUpdated
			}
		}
		switch {
		case len(r.Errors) > 0:
			r.Status = BatchFailed
			res.Failed++
		case r.Status == BatchUpdated:
			res.Updated++
		default:
			r.Status = BatchCreated
			cands[i].ID, cands[i].Version, cands[i].CreatedAt, cands[i].UpdatedAt = newID(), 1, now, now
			res.Created++
		}
	}
	if opts.Atomic && res.Failed > 0 {
		res.Created, res.Updated = 0, 0
		return res, ErrBatchInvalid
	}
	err = s.tx.InTx(ctx, func(ctx context.Context) error {
		return s.writeBatch(ctx, pr, sc, cands, &res, opts.Assess, now)
	})
	if err != nil {
		return BatchResult{}, err
	}
	res.Written = true
	for i := range res.Items {
		if res.Items[i].Status != BatchFailed {
			res.Items[i].Candidate = cands[i]
			s.forgetCandidate(cands[i].ID)
		}
	}
	return res, nil
}

// writeBatch stores a batch's valid items: creates with multi-row
// statements, updates one by one, then (with assess) their assessments.
func (s *Candidates) writeBatch(ctx context.Context, pr Principal, sc scoring, cands []domain.Candidate, res *BatchResult, assess bool, now time.Time) error {
	var created []domain.Candidate
	var consents []domain.ConsentRecord
	var entries []domain.AuditEntry
	var written []int
	var events []domain.WebhookEvent
	for i, r := range res.Items {
		switch r.Status {
		case BatchCreated:
			events = append(events, newEvent(domain.EventCandidateCreated, pr.OrgID, cands[i].ID, now, nil))
			created = append(created, cands[i])
			consents = append(consents, domain.ConsentRecord{ID: newID(), CandidateID: cands[i].ID, Visibility: cands[i].Visibility,
				ChangedByKind: pr.Kind, ChangedByID: pr.ID(), ChangedAt: now})
			entries = append(entries, Entry(pr, ActionCandidateCreate, ObjectCandidate, cands[i].ID))
		case BatchUpdated:
			ok, err := s.store.Update(ctx, cands[i], cands[i].Version-1)
			if err != nil {
				return err
			}
			if !ok {
				return domain.Errorf(domain.ErrConflict, "candidate %s (item %d) changed while the batch ran; send the batch again", cands[i].ID, i)
			}
			entries = append(entries, Entry(pr, ActionCandidateWrite, ObjectCandidate, cands[i].ID))
			events = append(events, newEvent(domain.EventCandidateUpdated, pr.OrgID, cands[i].ID, now,
				map[string]string{"version": strconv.Itoa(cands[i].Version)}))
		default:
			continue
		}
		written = append(written, i)
	}
	if err := s.store.CreateMany(ctx, created); err != nil {
		if errors.Is(err, domain.ErrConflict) {
			return domain.Errorf(domain.ErrConflict,
				"Another request created candidates with some of these external_ids meanwhile; send the batch again (with upsert=true to update them).")
		}
		return err
	}
	if err := s.store.AddConsents(ctx, consents); err != nil {
		return err
	}
	if assess {
		if err := s.assessBatch(ctx, pr, sc, cands, written, res, &entries, &events, now); err != nil {
			return err
		}
	}
	if err := s.emit(ctx, events...); err != nil {
		return err
	}
	return s.audit.RecordMany(ctx, entries)
}

// assessBatch scores the written items; updated candidates count their
// organisation's scorecards and show progress since their last assessment.
func (s *Candidates) assessBatch(ctx context.Context, pr Principal, sc scoring, cands []domain.Candidate, written []int, res *BatchResult, entries *[]domain.AuditEntry, events *[]domain.WebhookEvent, now time.Time) error {
	var updated []string
	for _, i := range written {
		if res.Items[i].Status == BatchUpdated {
			updated = append(updated, cands[i].ID)
		}
	}
	prev, err := s.store.LatestSummaries(ctx, updated, pr.OrgID)
	if err != nil {
		return err
	}
	var out []domain.Assessment
	for _, i := range written {
		var cards []domain.Scorecard
		if res.Items[i].Status == BatchUpdated {
			if cards, err = s.store.Scorecards(ctx, cands[i].ID, pr.OrgID, domain.MaxScorecardsPerAssessment); err != nil {
				return err
			}
		}
		a, err := sc.build(pr, cands[i], pr.OrgID, cards, prev[cands[i].ID], now)
		var verr *domain.ValidationError
		if errors.As(err, &verr) {
			// Saved, but not scorable yet (no experience, or a title that matches nothing).
			res.Items[i].Errors = prefixed("assessment", verr.Fields)
			continue
		}
		if err != nil {
			return err
		}
		res.Items[i].AssessmentID = a.ID
		out = append(out, a)
		*entries = append(*entries, Entry(pr, ActionAssessmentWrite, ObjectAssessment, a.ID))
		*events = append(*events, assessmentEvent(pr.OrgID, a))
	}
	return s.store.AddAssessments(ctx, out)
}

// prefixed names fields under a prefix: "experiences[0].title" becomes
// "assessment.experiences[0].title".
func prefixed(prefix string, fields []domain.FieldError) []domain.FieldError {
	out := make([]domain.FieldError, len(fields))
	for i, f := range fields {
		f.Field = prefix + "." + f.Field
		out[i] = f
	}
	return out
}
