package api

import (
	"net/http"
	"regexp"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

const mimeMergePatch = "application/merge-patch+json"

// etagPattern is the shape of the tags candidateETag makes.
var etagPattern = regexp.MustCompile(`^"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([1-9][0-9]{0,9})"$`)

// candidateID reads the path id; an id that is not a UUID names nothing.
func candidateID(c echo.Context) (string, error) {
	id, ok := pathID(c, "id")
	if !ok {
		if err := principalRequired(c); err != nil {
			return "", err
		}
		return "", notFound("candidate")
	}
	return id, nil
}

// principalRequired answers 401 for anonymous callers, so that a malformed
// id does not tell them more than a well-formed one.
func principalRequired(c echo.Context) error {
	if !principalOf(c).Authenticated() {
		return domain.Errorf(domain.ErrUnauthorized, "Sign in, or send an API key, to do this.")
	}
	return nil
}

// createCandidate godoc
//
//	@Summary		Create a candidate of my organisation
//	@Description	For recruiters and HR tools (scope candidates:write): stores a candidate the organisation keeps. Its visibility stays private: only a person can share their own profile with recruiters.
//	@Tags			candidates
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header	string	false	"1 to 255 characters: a retry with the same key and request replays the first answer (for 24 hours)"
//	@Param			body	body		CandidateRequest	true	"the candidate"
//	@Success		201		{object}	Candidate
//	@Header			201		{string}	ETag		"the candidate's version"
//	@Header			201		{string}	Location	"the candidate's URL"
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field (such as a protected attribute) or wrong type"
//	@Failure		401		{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403		{object}	Problem	"not a recruiter, or a key without candidates:write"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"invalid field"
//	@Header			201	{string}	Idempotent-Replayed	"true when the answer is a replay of the first one"
//	@Failure		409	{object}	Problem	"a request with this Idempotency-Key is still running"
//	@Router			/v1/candidates [post]
func (s *server) createCandidate(c echo.Context) error {
	if err := s.authorize(c, service.ActionCandidateCreate, service.Object{Type: service.ObjectCandidate, OrgID: principalOf(c).OrgID}); err != nil {
		return err
	}
	var req CandidateRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	cand, err := s.deps.Candidates.CreateForOrg(c.Request().Context(), principalOf(c), req.input())
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/candidates/"+cand.ID)
	return writeCandidate(c, http.StatusCreated, cand)
}

// listCandidates godoc
//
//	@Summary		List my organisation's candidates
//	@Description	The candidates the organisation keeps, in the order they were created (stable while rows change), optionally only those changed since a time. Recruiters and keys with candidates:read.
//	@Tags			candidates
//	@Produce		json
//	@Security		BearerAuth
//	@Param			limit			query		int		false	"page size, 1 to 100 (default 100)"	minimum(1)	maximum(100)
//	@Param			cursor			query		string	false	"next_cursor of the previous page"
//	@Param			updated_since	query		string	false	"only candidates changed at or after this time (RFC 3339)"	format(date-time)
//	@Success		200				{object}	CandidateList
//	@Failure		401				{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403				{object}	Problem	"not a recruiter, or a key without candidates:read"
//	@Failure		422				{object}	Problem	"bad limit, cursor or updated_since"
//	@Router			/v1/candidates [get]
func (s *server) listCandidates(c echo.Context) error {
	if err := s.authorize(c, service.ActionCandidateList, service.Object{Type: service.ObjectCandidate, OrgID: principalOf(c).OrgID}); err != nil {
		return err
	}
	limit, after, err := pageParams(c)
	if err != nil {
		return err
	}
	since, err := sinceParam(c)
	if err != nil {
		return err
	}
	list, next, err := s.deps.Candidates.ListForOrg(c.Request().Context(), principalOf(c), after, since, limit)
	if err != nil {
		return err
	}
	out := CandidateList{Items: make([]Candidate, len(list))}
	for i, cand := range list {
		out.Items[i] = toCandidate(cand)
	}
	if next != "" {
		out.NextCursor = encodeCursor(next)
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "private, no-cache")
	return c.JSON(http.StatusOK, out)
}

// getCandidate godoc
//
//	@Summary		Read a candidate
//	@Description	An organisation's own candidate, or a person's profile they share with recruiters, or your own. Every read by someone other than the person is recorded in their access log.
//	@Tags			candidates
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"candidate id"	format(uuid)
//	@Success		200	{object}	Candidate
//	@Header			200	{string}	ETag	"the candidate's version"
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"admins do not read candidates; a key without candidates:read"
//	@Failure		404	{object}	Problem	"no such candidate, or not visible to you"
//	@Router			/v1/candidates/{id} [get]
func (s *server) getCandidate(c echo.Context) error {
	id, err := candidateID(c)
	if err != nil {
		return err
	}
	cand, err := s.deps.Candidates.Get(c.Request().Context(), principalOf(c), id)
	if err != nil {
		return err
	}
	return writeCandidate(c, http.StatusOK, cand)
}

// patchCandidate godoc
//
//	@Summary		Change a candidate
//	@Description	A JSON Merge Patch (RFC 7396): fields present replace, null removes, absent stay. Needs If-Match with the ETag last read.
//	@Tags			candidates
//	@Accept			application/merge-patch+json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string				true	"candidate id"	format(uuid)
//	@Param			If-Match	header		string				false	"the ETag last read (428 without it)"
//	@Param			body		body		CandidatePatch	true	"the fields to change"
//	@Success		200			{object}	Candidate
//	@Header			200			{string}	ETag	"the new version"
//	@Failure		400			{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401			{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403			{object}	Problem	"not yours to change"
//	@Failure		404			{object}	Problem	"no such candidate, or not visible to you"
//	@Failure		412			{object}	Problem	"the candidate changed since that ETag"
//	@Failure		415			{object}	Problem	"not a merge patch"
//	@Failure		422			{object}	Problem	"invalid field"
//	@Failure		428			{object}	Problem	"If-Match missing"
//	@Router			/v1/candidates/{id} [patch]
func (s *server) patchCandidate(c echo.Context) error {
	id, err := candidateID(c)
	if err != nil {
		return err
	}
	edit, err := mergePatchEditor(c)
	if err != nil {
		return err
	}
	cand, err := s.deps.Candidates.Change(c.Request().Context(), principalOf(c), id, precondition(c), edit)
	if err != nil {
		return err
	}
	return writeCandidate(c, http.StatusOK, cand)
}

// deleteCandidate godoc
//
//	@Summary		Delete a candidate
//	@Description	Deletes the candidate with its consent record, assessments and scorecards. Needs If-Match.
//	@Tags			candidates
//	@Security		BearerAuth
//	@Param			id			path	string	true	"candidate id"	format(uuid)
//	@Param			If-Match	header	string	false	"the ETag last read (428 without it)"
//	@Success		204
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"not yours to delete"
//	@Failure		404	{object}	Problem	"no such candidate, or not visible to you"
//	@Failure		412	{object}	Problem	"the candidate changed since that ETag"
//	@Failure		428	{object}	Problem	"If-Match missing"
//	@Router			/v1/candidates/{id} [delete]
func (s *server) deleteCandidate(c echo.Context) error {
	id, err := candidateID(c)
	if err != nil {
		return err
	}
	if err := s.deps.Candidates.Delete(c.Request().Context(), principalOf(c), id, precondition(c)); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
