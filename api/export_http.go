package api

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

const (
	mimeNDJSON = "application/x-ndjson"
	mimeCSV    = "text/csv"
	// exportStall is how long one page of an export may take to write.
	exportStall = 30 * time.Second
)

// ExportAssessment is the latest assessment of an exported candidate, in brief.
type ExportAssessment struct {
	ID        string    `json:"id" format:"uuid"`
	CreatedAt time.Time `json:"created_at"`
	// slug@version
	Framework        string                    `json:"framework" example:"community-management@2026.1"`
	Profile          string                    `json:"profile,omitempty" enums:"bridge,practitioner,influencer,emerging"`
	RecommendedLevel string                    `json:"recommended_level,omitempty"`
	NextLevel        string                    `json:"next_level,omitempty"`
	Dimensions       domain.DimensionScores    `json:"dimensions"`
	Competencies     map[string]float64        `json:"competencies"`
	Levels           map[string]ExportLevelFit `json:"levels"`
}

// ExportLevelFit is one rung's fit in an export.
type ExportLevelFit struct {
	Fit  float64  `json:"fit"`
	Met  bool     `json:"met"`
	Gaps []string `json:"gaps"`
}

// ExportLine is one line of the NDJSON export.
type ExportLine struct {
	Candidate Candidate `json:"candidate"`
	// The organisation's latest assessment; null when it has none.
	LatestAssessment *ExportAssessment `json:"latest_assessment"`
}

// exportCandidates godoc
//
//	@Summary		Export the organisation's candidates
//	@Description	Every candidate of the organisation with its latest assessment by the organisation, streamed in creation order as it is read (constant memory): NDJSON, one ExportLine a line (Accept: application/x-ndjson, the default), or CSV (Accept: text/csv: one row a candidate, a column per competency score and per rung fit). updated_since gives an incremental sync. Recruiters of the organisation and keys with candidates:read.
//	@Tags			candidates
//	@Produce		application/x-ndjson
//	@Produce		text/csv
//	@Security		BearerAuth
//	@Param			id				path		string	true	"organisation id"	format(uuid)
//	@Param			updated_since	query		string	false	"only candidates changed at or after this time (RFC 3339)"	format(date-time)
//	@Success		200				{string}	string	"NDJSON, a line a candidate: {\"candidate\": Candidate, \"latest_assessment\": {id, created_at, framework, profile, recommended_level, next_level, dimensions, competencies, levels} or null}; or CSV with a header row"
//	@Failure		401				{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403				{object}	Problem	"not a recruiter of the organisation, or a key without candidates:read"
//	@Failure		404				{object}	Problem	"no such organisation, or not yours"
//	@Failure		406				{object}	Problem	"neither NDJSON nor CSV is acceptable"
//	@Failure		422				{object}	Problem	"bad updated_since"
//	@Router			/v1/orgs/{id}/candidates/export [get]
func (s *server) exportCandidates(c echo.Context) error {
	org, err := s.orgFromPath(c, service.ActionCandidateExport)
	if err != nil {
		return err
	}
	since, err := sinceParam(c)
	if err != nil {
		return err
	}
	format, ok := exportFormat(c.Request().Header.Get(echo.HeaderAccept))
	if !ok {
		return &badRequest{status: http.StatusNotAcceptable, msg: "Ask for application/x-ndjson or text/csv."}
	}
	ctx := c.Request().Context()
	// Each page pushes the write deadline on: an export runs as long as
	// it has rows, but a stalled reader still times out.
	rc := http.NewResponseController(c.Response())
	extend := func() { _ = rc.SetWriteDeadline(time.Now().Add(exportStall)) }
	extend()
	v, err := s.deps.Frameworks.Resolve(ctx, "")
	if err != nil {
		return err
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, format)
	res.Header().Set(echo.HeaderCacheControl, "no-store")
	res.Header().Set("Content-Disposition", `attachment; filename="candidates.`+map[string]string{mimeCSV: "csv", mimeNDJSON: "ndjson"}[format]+`"`)
	res.WriteHeader(http.StatusOK)
	var emit func([]service.ExportRow) error
	if format == mimeCSV {
		if emit, err = csvExporter(res, v.Framework()); err != nil {
			return nil
		}
	} else {
		var buf bytes.Buffer
		emit = func(rows []service.ExportRow) error {
			buf.Reset()
			for _, r := range rows {
				if err := jsonv2.MarshalWrite(&buf, ExportLine{Candidate: toCandidate(r.Candidate), LatestAssessment: exportAssessment(r.Latest)}); err != nil {
					return err
				}
				buf.WriteByte('\n')
			}
			if _, err := res.Write(buf.Bytes()); err != nil {
				return err
			}
			res.Flush()
			return nil
		}
	}
	if err := s.deps.Candidates.ExportOrg(ctx, org, since, func(rows []service.ExportRow) error { extend(); return emit(rows) }); err != nil {
		// The 200 is sent: cut the connection, so that the client sees an
		// incomplete answer rather than a stream that ends cleanly.
		s.deps.Log.ErrorContext(ctx, "export stopped", "error", err.Error(), "request_id", requestID(c))
		panic(http.ErrAbortHandler)
	}
	return nil
}

// exportFormat picks NDJSON or CSV from Accept (NDJSON when absent or any).
func exportFormat(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return mimeNDJSON, true
	}
	for _, part := range strings.Split(accept, ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.ToLower(strings.TrimSpace(mt)) {
		case mimeNDJSON, "application/*", "*/*":
			return mimeNDJSON, true
		case mimeCSV, "text/*":
			return mimeCSV, true
		}
	}
	return "", false
}

func sinceParam(c echo.Context) (*time.Time, error) {
	v := c.QueryParam("updated_since")
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		verr := &domain.ValidationError{}
		verr.Add("updated_since", "datetime", "must be an RFC 3339 time such as 2026-03-01T09:30:00Z")
		return nil, verr
	}
	return &t, nil
}

func exportAssessment(a domain.Assessment) *ExportAssessment {
	if a.ID == "" {
		return nil
	}
	var sum domain.ResultSummary
	if err := jsonv2.Unmarshal(a.Summary, &sum); err != nil {
		return nil
	}
	out := &ExportAssessment{ID: a.ID, CreatedAt: a.CreatedAt, Framework: a.FrameworkSlug + "@" + a.FrameworkVersion,
		Profile: sum.Profile, RecommendedLevel: sum.Recommended, NextLevel: sum.Next, Dimensions: sum.Dimensions,
		Competencies: make(map[string]float64, len(sum.Competencies)), Levels: make(map[string]ExportLevelFit, len(sum.Levels))}
	for _, c := range sum.Competencies {
		out.Competencies[c.Slug] = c.Score
	}
	for _, l := range sum.Levels {
		out.Levels[l.Slug] = ExportLevelFit{Fit: l.Fit, Met: l.Met, Gaps: l.Gaps}
	}
	return out
}

// csvExporter writes the header row at once (an organisation without
// candidates gets just it), then one row a candidate: a column per
// competency score and per rung fit of the latest framework.
func csvExporter(res *echo.Response, fw *domain.Framework) (func([]service.ExportRow) error, error) {
	w := csv.NewWriter(res)
	header := []string{"id", "external_id", "display_name", "contact_email", "headline", "created_at", "updated_at",
		"assessment_id", "assessed_at", "framework", "profile", "recommended_level", "next_level", "people", "influence", "craft"}
	for _, c := range fw.Competencies {
		header = append(header, "score_"+c.Slug)
	}
	for _, l := range fw.Levels {
		header = append(header, "fit_"+l.Slug)
	}
	if err := w.Write(header); err != nil {
		return nil, err
	}
	w.Flush()
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return func(rows []service.ExportRow) error {
		for _, r := range rows {
			c := r.Candidate
			rec := []string{c.ID, safeCell(c.ExternalID), safeCell(c.DisplayName), safeCell(c.ContactEmail), safeCell(c.Headline),
				c.CreatedAt.Format(time.RFC3339Nano), c.UpdatedAt.Format(time.RFC3339Nano)}
			a := exportAssessment(r.Latest)
			if a == nil {
				rec = append(rec, make([]string, len(header)-len(rec))...)
			} else {
				rec = append(rec, a.ID, a.CreatedAt.Format(time.RFC3339Nano), a.Framework, a.Profile, a.RecommendedLevel, a.NextLevel,
					num(a.Dimensions.People), num(a.Dimensions.Influence), num(a.Dimensions.Craft))
				for _, comp := range fw.Competencies {
					if v, ok := a.Competencies[comp.Slug]; ok {
						rec = append(rec, num(v))
					} else {
						rec = append(rec, "")
					}
				}
				for _, l := range fw.Levels {
					if v, ok := a.Levels[l.Slug]; ok {
						rec = append(rec, num(v.Fit))
					} else {
						rec = append(rec, "")
					}
				}
			}
			if err := w.Write(rec); err != nil {
				return err
			}
		}
		w.Flush()
		res.Flush()
		return w.Error()
	}, w.Error()
}

// safeCell keeps a spreadsheet from reading text as a formula: a cell that
// starts with = + - @ (or a tab or carriage return) gets a leading quote.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
