package api

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// getMyCandidate godoc
//
//	@Summary		My saved profile
//	@Description	The job seeker's own candidate, with its ETag.
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	Candidate
//	@Header			200	{string}	ETag	"the profile's version"
//	@Failure		401	{object}	Problem	"no, invalid or expired access token"
//	@Failure		403	{object}	Problem	"only job seekers keep a profile here"
//	@Failure		404	{object}	Problem	"no profile saved yet"
//	@Router			/v1/me/candidate [get]
func (s *server) getMyCandidate(c echo.Context) error {
	cand, err := s.deps.Candidates.Mine(c.Request().Context(), principalOf(c))
	if err != nil {
		return err
	}
	return writeCandidate(c, http.StatusOK, cand)
}

// putMyCandidate godoc
//
//	@Summary		Save my profile
//	@Description	Creates the job seeker's profile (201) when there is none; replacing an existing one needs If-Match with its ETag (428 without, 412 when stale). Visibility recruiters lets recruiters of any organisation read it; every change is kept in the consent record.
//	@Tags			me
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			If-Match	header		string				false	"the ETag last read; required when a profile exists"
//	@Param			body		body		CandidateRequest	true	"the whole profile"
//	@Success		200			{object}	Candidate	"replaced"
//	@Success		201			{object}	Candidate	"created"
//	@Header			200			{string}	ETag	"the new version"
//	@Header			201			{string}	ETag	"the first version"
//	@Failure		400			{object}	Problem	"malformed JSON, unknown field (such as a protected attribute) or wrong type"
//	@Failure		401			{object}	Problem	"no, invalid or expired access token"
//	@Failure		403			{object}	Problem	"only job seekers keep a profile here"
//	@Failure		412			{object}	Problem	"the profile changed since that ETag"
//	@Failure		413			{object}	Problem	"body too large"
//	@Failure		415			{object}	Problem	"not JSON"
//	@Failure		422			{object}	Problem	"invalid field"
//	@Failure		428			{object}	Problem	"If-Match missing"
//	@Router			/v1/me/candidate [put]
func (s *server) putMyCandidate(c echo.Context) error {
	if err := s.authorize(c, service.ActionMyCandidate, service.Object{}); err != nil {
		return err
	}
	var req CandidateRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	cand, created, err := s.deps.Candidates.PutMine(c.Request().Context(), principalOf(c), precondition(c), req.input())
	if err != nil {
		return err
	}
	if created {
		return writeCandidate(c, http.StatusCreated, cand)
	}
	return writeCandidate(c, http.StatusOK, cand)
}

// patchMyCandidate godoc
//
//	@Summary		Change my profile
//	@Description	A JSON Merge Patch (RFC 7396) of the job seeker's profile; needs If-Match.
//	@Tags			me
//	@Accept			application/merge-patch+json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			If-Match	header		string				false	"the ETag last read (428 without it)"
//	@Param			body		body		CandidatePatch	true	"the fields to change"
//	@Success		200			{object}	Candidate
//	@Header			200			{string}	ETag	"the new version"
//	@Failure		400			{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401			{object}	Problem	"no, invalid or expired access token"
//	@Failure		403			{object}	Problem	"only job seekers keep a profile here"
//	@Failure		404			{object}	Problem	"no profile saved yet"
//	@Failure		412			{object}	Problem	"the profile changed since that ETag"
//	@Failure		415			{object}	Problem	"not a merge patch"
//	@Failure		422			{object}	Problem	"invalid field"
//	@Failure		428			{object}	Problem	"If-Match missing"
//	@Router			/v1/me/candidate [patch]
func (s *server) patchMyCandidate(c echo.Context) error {
	if err := s.authorize(c, service.ActionMyCandidate, service.Object{}); err != nil {
		return err
	}
	edit, err := mergePatchEditor(c)
	if err != nil {
		return err
	}
	cand, err := s.deps.Candidates.ChangeMine(c.Request().Context(), principalOf(c), precondition(c), edit)
	if err != nil {
		return err
	}
	return writeCandidate(c, http.StatusOK, cand)
}

// deleteMyCandidate godoc
//
//	@Summary		Delete my profile
//	@Description	Deletes the profile with its consent record, assessments and every scorecard on it; the account stays. Needs If-Match.
//	@Tags			me
//	@Security		BearerAuth
//	@Param			If-Match	header	string	false	"the ETag last read (428 without it)"
//	@Success		204
//	@Failure		401	{object}	Problem	"no, invalid or expired access token"
//	@Failure		403	{object}	Problem	"only job seekers keep a profile here"
//	@Failure		404	{object}	Problem	"no profile saved"
//	@Failure		412	{object}	Problem	"the profile changed since that ETag"
//	@Failure		428	{object}	Problem	"If-Match missing"
//	@Router			/v1/me/candidate [delete]
func (s *server) deleteMyCandidate(c echo.Context) error {
	if err := s.deps.Candidates.DeleteMine(c.Request().Context(), principalOf(c), precondition(c)); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// listMyConsents godoc
//
//	@Summary		My consent record
//	@Description	Every change of the profile's visibility: what it became, when, and who changed it.
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	ConsentList
//	@Failure		401	{object}	Problem	"no, invalid or expired access token"
//	@Failure		403	{object}	Problem	"only job seekers keep a profile here"
//	@Failure		404	{object}	Problem	"no profile saved"
//	@Router			/v1/me/candidate/consents [get]
func (s *server) listMyConsents(c echo.Context) error {
	list, err := s.deps.Candidates.Consents(c.Request().Context(), principalOf(c))
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, ConsentList{Items: toConsents(principalOf(c), list)})
}

// countMyScorecards godoc
//
//	@Summary		How many interview scorecards my profile has
//	@Description	Organisations keep their interview notes to themselves; the person sees how many scorecards exist, and the scores they led to in the organisations' assessments.
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	ScorecardCount
//	@Header			200	{string}	ETag	"changes with the count"
//	@Failure		401	{object}	Problem	"no, invalid or expired access token"
//	@Failure		403	{object}	Problem	"only job seekers keep a profile here"
//	@Failure		404	{object}	Problem	"no profile saved"
//	@Router			/v1/me/candidate/scorecards [get]
func (s *server) countMyScorecards(c echo.Context) error {
	n, err := s.deps.Candidates.ScorecardCount(c.Request().Context(), principalOf(c))
	if err != nil {
		return err
	}
	return writeFresh(c, "scorecards", ScorecardCount{Count: n}, "private, no-cache")
}

// myAccessLog godoc
//
//	@Summary		Who read my profile
//	@Description	Every read of the profile or its assessments by an organisation (a recruiter or an HR tool), oldest first.
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	AccessLog
//	@Failure		401	{object}	Problem	"no, invalid or expired access token"
//	@Failure		403	{object}	Problem	"only job seekers keep a profile here"
//	@Failure		404	{object}	Problem	"no profile saved"
//	@Router			/v1/me/access-log [get]
func (s *server) myAccessLog(c echo.Context) error {
	list, err := s.deps.Candidates.AccessLog(c.Request().Context(), principalOf(c))
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, AccessLog{Items: toAccessLog(list)})
}

// exportMe godoc
//
//	@Summary		Download everything about me
//	@Description	One JSON document with the account, its sessions, the saved profile, its consent record, every assessment as stored, how many scorecards exist, and the access log (GDPR article 20).
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	MyExport
//	@Header			200	{string}	Content-Disposition	"attachment; filename=rungs-export.json"
//	@Header			200	{string}	ETag				"changes with the content"
//	@Failure		401	{object}	Problem	"no, invalid or expired access token"
//	@Failure		403	{object}	Problem	"an API key has no account"
//	@Router			/v1/me/export [get]
func (s *server) exportMe(c echo.Context) error {
	pr := principalOf(c)
	if err := s.authorize(c, service.ActionMeRead, service.Object{Type: service.ObjectUser, ID: pr.UserID}); err != nil {
		return err
	}
	ctx := c.Request().Context()
	u, err := s.deps.Users.Me(ctx, pr)
	if err != nil {
		return err
	}
	sessions, err := s.deps.Auth.Sessions(ctx, pr.UserID)
	if err != nil {
		return err
	}
	out := MyExport{
		ExportedAt: apiTime(s.now()), Account: toUser(u), Sessions: toSessions(sessions, pr.SessionID).Data,
		Consents: []ConsentRecord{}, Assessments: []domain.AssessmentDoc{}, AccessLog: []AccessEntry{},
	}
	if pr.Role == service.RoleJobSeeker {
		data, err := s.deps.Candidates.Export(ctx, pr)
		if err != nil {
			return err
		}
		if data.Candidate != nil {
			cand := toCandidate(*data.Candidate)
			out.Candidate = &cand
		}
		out.Consents, out.ScorecardCount, out.AccessLog = toConsents(pr, data.Consents), data.ScorecardCount, toAccessLog(data.AccessLog)
		for _, a := range data.Assessments {
			doc, err := service.ParseAssessment(a)
			if err != nil {
				return err
			}
			out.Assessments = append(out.Assessments, doc)
		}
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="rungs-export.json"`)
	return writeFresh(c, "export", out, "no-store")
}

// writeAssessment answers a stored assessment byte for byte. Its bytes
// never change, so its id is a strong ETag (no hashing per request).
func writeAssessment(c echo.Context, status int, a domain.Assessment) error {
	etag := `"` + a.ID + `"`
	h := c.Response().Header()
	h.Set("ETag", etag)
	h.Set(echo.HeaderCacheControl, "private, no-cache")
	if status == http.StatusOK && etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(status, echo.MIMEApplicationJSON, a.Body)
}

// writeAssessments answers a page of stored assessments.
func writeAssessments(c echo.Context, list []domain.Assessment, next string) error {
	out := struct {
		Items      []json.RawMessage `json:"items"`
		NextCursor string            `json:"next_cursor,omitempty"`
	}{Items: make([]json.RawMessage, len(list))}
	for i, a := range list {
		out.Items[i] = a.Body
	}
	if next != "" {
		out.NextCursor = encodeCursor(next)
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "private, no-cache")
	return c.JSON(http.StatusOK, out)
}
