package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

const (
	batchPath = "/v1/candidates/batch"
	// batchBodyLimit fits 1,000 full candidates.
	batchBodyLimit = 16 << 20
)

// BatchCandidate is one candidate of a bulk import.
type BatchCandidate struct {
	CandidateRequest
	// The HR tool's own id, unique in the organisation: with upsert=true an
	// item naming an existing one updates it.
	ExternalID string `json:"external_id,omitempty" validate:"max=255" example:"ats-10442"`
}

// BatchRequest is a bulk import.
type BatchRequest struct {
	// 1 to 1,000 candidates.
	Candidates []BatchCandidate `json:"candidates"`
	// Score every created or updated candidate.
	Assess bool `json:"assess,omitempty"`
}

// BatchItemResult is one item's outcome, in input order.
type BatchItemResult struct {
	Index int `json:"index"`
	// created, updated or error.
	Status     string `json:"status" enums:"created,updated,error"`
	ID         string `json:"id,omitempty" format:"uuid"`
	ExternalID string `json:"external_id,omitempty"`
	// Set when assess was asked and the candidate could be scored.
	AssessmentID string `json:"assessment_id,omitempty" format:"uuid"`
	// What is wrong with the item, by field relative to it (and, for a
	// saved candidate that could not be scored, under "assessment.").
	Errors []domain.FieldError `json:"errors,omitempty"`
}

// BatchResult is a bulk import's outcome.
type BatchResult struct {
	Created int               `json:"created"`
	Updated int               `json:"updated"`
	Failed  int               `json:"failed"`
	Items   []BatchItemResult `json:"items"`
}

// importBatch godoc
//
//	@Summary		Import candidates in bulk
//	@Description	Up to 1,000 candidates of the organisation in one request, written with multi-row statements in one transaction. Items are answered in input order: created, updated (an existing external_id with upsert=true), or their errors by field. Without atomic=true the valid items are written and the invalid ones reported; with it, one invalid item means nothing is written (422 naming each field as candidates[i].field). Recruiters and keys with candidates:write (and assessments:write for assess).
//	@Tags			candidates
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string			false	"1 to 255 characters: a retry with the same key and request replays the first answer (for 24 hours)"
//	@Param			atomic			query		bool			false	"all or nothing"
//	@Param			upsert			query		bool			false	"update the candidate an existing external_id names"
//	@Param			body			body		BatchRequest	true	"the candidates"
//	@Success		200				{object}	BatchResult
//	@Header			200				{string}	Idempotent-Replayed	"true when the answer is a replay of the first one"
//	@Failure		400				{object}	Problem	"malformed JSON"
//	@Failure		401				{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403				{object}	Problem	"not a recruiter, or a key without candidates:write (or assessments:write to assess)"
//	@Failure		409				{object}	Problem	"a candidate changed while the batch ran, or the Idempotency-Key is in use"
//	@Failure		413				{object}	Problem	"more than 1,000 candidates, or a body over 16 MiB"
//	@Failure		415				{object}	Problem	"not JSON"
//	@Failure		422				{object}	Problem	"atomic batch with invalid items, a bad atomic or upsert value, or an Idempotency-Key reused"
//	@Router			/v1/candidates/batch [post]
func (s *server) importBatch(c echo.Context) error {
	pr := principalOf(c)
	if err := s.authorize(c, service.ActionCandidateCreate, service.Object{Type: service.ObjectCandidate, OrgID: pr.OrgID}); err != nil {
		return err
	}
	atomic, err := boolParam(c, "atomic")
	if err != nil {
		return err
	}
	upsert, err := boolParam(c, "upsert")
	if err != nil {
		return err
	}
	var env struct {
		Candidates []jsontext.Value `json:"candidates"`
		Assess     bool             `json:"assess"`
	}
	if err := bindJSON(c, &env); err != nil {
		return err
	}
	if len(env.Candidates) > domain.MaxBatchCandidates {
		return &badRequest{status: http.StatusRequestEntityTooLarge,
			msg: fmt.Sprintf("A batch holds at most %d candidates; this one has %d. Split it.", domain.MaxBatchCandidates, len(env.Candidates))}
	}
	if len(env.Candidates) == 0 {
		verr := &domain.ValidationError{}
		verr.Add("candidates", "min", "must hold at least one candidate")
		return verr
	}
	items := make([]service.BatchItem, len(env.Candidates))
	for i, raw := range env.Candidates {
		var req BatchCandidate
		items[i].Errors = itemErrors(c, raw, &req)
		items[i].Input, items[i].ExternalID = req.input(), req.ExternalID
	}
	res, err := s.deps.Candidates.ImportBatch(c.Request().Context(), pr, items, service.BatchOptions{Atomic: atomic, Upsert: upsert, Assess: env.Assess})
	if errors.Is(err, service.ErrBatchInvalid) {
		verr := &domain.ValidationError{}
		for _, it := range res.Items {
			for _, f := range it.Errors {
				field := fmt.Sprintf("candidates[%d]", it.Index)
				if f.Field != "" {
					field += "." + f.Field
				}
				f.Field = field
				verr.Fields = append(verr.Fields, f)
			}
		}
		return verr
	}
	if err != nil {
		return err
	}
	out := BatchResult{Created: res.Created, Updated: res.Updated, Failed: res.Failed, Items: make([]BatchItemResult, len(res.Items))}
	for i, it := range res.Items {
		out.Items[i] = BatchItemResult{Index: it.Index, Status: it.Status, ID: it.Candidate.ID, ExternalID: it.Candidate.ExternalID,
			AssessmentID: it.AssessmentID, Errors: it.Errors}
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}

// itemErrors decodes one batch item strictly into req and checks it as a
// single request would be, returning its problems by field.
func itemErrors(c echo.Context, raw jsontext.Value, req *BatchCandidate) []domain.FieldError {
	err := jsonv2.Unmarshal(raw, req, decodeOptions)
	if err != nil {
		err = decodeError(err)
	} else if err = cleanStrings(req); err == nil {
		err = c.Validate(req)
	}
	var br *badRequest
	var verr *domain.ValidationError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &br) && len(br.fields) > 0:
		return br.fields
	case errors.As(err, &br):
		return []domain.FieldError{{Field: "", Rule: "json", Message: br.msg}}
	case errors.As(err, &verr):
		return verr.Fields
	}
	return []domain.FieldError{{Field: "", Rule: "invalid", Message: err.Error()}}
}

// boolParam reads an optional true/false query parameter.
func boolParam(c echo.Context, name string) (bool, error) {
	v := c.QueryParam(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		verr := &domain.ValidationError{}
		verr.Add(name, "bool", "must be true or false")
		return false, verr
	}
	return b, nil
}
