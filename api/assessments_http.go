package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// assessCandidate godoc
//
//	@Summary		Assess a candidate
//	@Description	Scores the candidate now and stores an immutable snapshot: the inputs as they were, the framework version, the full result, and the progress since the previous assessment by the same organisation. The organisation's scorecards on the candidate count as reviewer ratings. Recruiters and keys with assessments:write, on candidates their organisation may see.
//	@Tags			assessments
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header	string	false	"1 to 255 characters: a retry with the same key and request replays the first answer (for 24 hours)"
//	@Param			id			path		string	true	"candidate id"	format(uuid)
//	@Param			framework	query		string	false	"framework version as slug@version; default: latest published"
//	@Success		201			{object}	domain.AssessmentDoc
//	@Header			201			{string}	ETag		"the assessment's ETag"
//	@Header			201			{string}	Location	"the assessment's URL"
//	@Failure		401			{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403			{object}	Problem	"no right to assess; a key without assessments:write"
//	@Failure		404			{object}	Problem	"no such candidate or framework version, or not visible to you"
//	@Failure		422			{object}	Problem	"the profile has no experience, or a title matches nothing"
//	@Header			201	{string}	Idempotent-Replayed	"true when the answer is a replay of the first one"
//	@Failure		409	{object}	Problem	"a request with this Idempotency-Key is still running"
//	@Router			/v1/candidates/{id}/assessments [post]
func (s *server) assessCandidate(c echo.Context) error {
	id, err := candidateID(c)
	if err != nil {
		return err
	}
	a, err := s.deps.Candidates.Assess(c.Request().Context(), principalOf(c), id, c.QueryParam("framework"))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/assessments/"+a.ID)
	return writeAssessment(c, http.StatusCreated, a)
}

// listAssessments godoc
//
//	@Summary		A candidate's assessments
//	@Description	Newest first, each exactly as stored. An organisation sees its own, and the person's own while the profile is shared; the person sees all.
//	@Tags			assessments
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"candidate id"	format(uuid)
//	@Param			limit	query		int		false	"page size, 1 to 100 (default 100)"	minimum(1)	maximum(100)
//	@Param			cursor	query		string	false	"next_cursor of the previous page"
//	@Success		200		{object}	AssessmentList
//	@Failure		401		{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403		{object}	Problem	"admins do not read candidates; a key without assessments:read"
//	@Failure		404		{object}	Problem	"no such candidate, or not visible to you"
//	@Failure		422		{object}	Problem	"bad limit or cursor"
//	@Router			/v1/candidates/{id}/assessments [get]
func (s *server) listAssessments(c echo.Context) error {
	id, err := candidateID(c)
	if err != nil {
		return err
	}
	limit, before, err := pageParams(c)
	if err != nil {
		return err
	}
	list, next, err := s.deps.Candidates.Assessments(c.Request().Context(), principalOf(c), id, before, limit)
	if err != nil {
		return err
	}
	return writeAssessments(c, list, next)
}

// assessMyCandidate godoc
//
//	@Summary		Assess my profile
//	@Description	Scores the job seeker's saved profile now and keeps the result; from the second one on it shows the progress since the previous one.
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header	string	false	"1 to 255 characters: a retry with the same key and request replays the first answer (for 24 hours)"
//	@Param			framework	query		string	false	"framework version as slug@version; default: latest published"
//	@Success		201			{object}	domain.AssessmentDoc
//	@Header			201			{string}	ETag		"the assessment's ETag"
//	@Header			201			{string}	Location	"the assessment's URL"
//	@Failure		401			{object}	Problem	"no, invalid or expired access token"
//	@Failure		403			{object}	Problem	"only job seekers keep a profile here"
//	@Failure		404			{object}	Problem	"no profile saved, or no such framework version"
//	@Failure		422			{object}	Problem	"the profile has no experience, or a title matches nothing"
//	@Header			201	{string}	Idempotent-Replayed	"true when the answer is a replay of the first one"
//	@Failure		409	{object}	Problem	"a request with this Idempotency-Key is still running"
//	@Router			/v1/me/candidate/assessments [post]
func (s *server) assessMyCandidate(c echo.Context) error {
	a, err := s.deps.Candidates.AssessMine(c.Request().Context(), principalOf(c), c.QueryParam("framework"))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/assessments/"+a.ID)
	return writeAssessment(c, http.StatusCreated, a)
}

// listMyAssessments godoc
//
//	@Summary		My assessments
//	@Description	Every assessment of the job seeker's profile, newest first, also those organisations made (their scores, never their interview notes).
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Param			limit	query		int		false	"page size, 1 to 100 (default 100)"	minimum(1)	maximum(100)
//	@Param			cursor	query		string	false	"next_cursor of the previous page"
//	@Success		200		{object}	AssessmentList
//	@Failure		401		{object}	Problem	"no, invalid or expired access token"
//	@Failure		403		{object}	Problem	"only job seekers keep a profile here"
//	@Failure		404		{object}	Problem	"no profile saved"
//	@Failure		422		{object}	Problem	"bad limit or cursor"
//	@Router			/v1/me/candidate/assessments [get]
func (s *server) listMyAssessments(c echo.Context) error {
	limit, before, err := pageParams(c)
	if err != nil {
		return err
	}
	list, next, err := s.deps.Candidates.MyAssessments(c.Request().Context(), principalOf(c), before, limit)
	if err != nil {
		return err
	}
	return writeAssessments(c, list, next)
}

// assessmentFromPath reads the path id and loads the assessment the caller may see.
func (s *server) assessmentFromPath(c echo.Context) (domain.Assessment, domain.Candidate, error) {
	id, ok := pathID(c, "id")
	if !ok {
		if err := principalRequired(c); err != nil {
			return domain.Assessment{}, domain.Candidate{}, err
		}
		return domain.Assessment{}, domain.Candidate{}, notFound("assessment")
	}
	return s.deps.Candidates.Assessment(c.Request().Context(), principalOf(c), id)
}

// assessmentDoc loads the assessment the path names, decoded, with the
// framework version it was scored with (for names and expectations).
func (s *server) assessmentDoc(c echo.Context) (domain.Assessment, domain.AssessmentDoc, *service.FrameworkView, error) {
	a, _, err := s.assessmentFromPath(c)
	if err != nil {
		return a, domain.AssessmentDoc{}, nil, err
	}
	doc, err := service.ParseAssessment(a)
	if err != nil {
		return a, doc, nil, err
	}
	v, err := s.deps.Frameworks.Resolve(c.Request().Context(), doc.Framework.Slug+"@"+doc.Framework.Version)
	return a, doc, v, err
}

// getAssessment godoc
//
//	@Summary		Read an assessment
//	@Description	Exactly as it was stored, byte for byte, also after a newer framework version or a change of the profile.
//	@Tags			assessments
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"assessment id"	format(uuid)
//	@Success		200	{object}	domain.AssessmentDoc
//	@Header			200	{string}	ETag	"never changes"
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"admins do not read candidates; a key without assessments:read"
//	@Failure		404	{object}	Problem	"no such assessment, or not visible to you"
//	@Router			/v1/assessments/{id} [get]
func (s *server) getAssessment(c echo.Context) error {
	a, _, err := s.assessmentFromPath(c)
	if err != nil {
		return err
	}
	return writeAssessment(c, http.StatusOK, a)
}

// explainAssessment godoc
//
//	@Summary		An assessment in plain words
//	@Description	Each competency's score told as sentences about the person's past jobs, their own ratings and interviewers' ratings, with the communities they already served.
//	@Tags			assessments
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"assessment id"	format(uuid)
//	@Success		200	{object}	service.Explanation
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"admins do not read candidates; a key without assessments:read"
//	@Failure		404	{object}	Problem	"no such assessment, or not visible to you"
//	@Router			/v1/assessments/{id}/explain [get]
func (s *server) explainAssessment(c echo.Context) error {
	a, doc, v, err := s.assessmentDoc(c)
	if err != nil {
		return err
	}
	return writeFresh(c, a.ID, service.ExplainDoc(v, doc), "private, no-cache")
}
