package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

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
