package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

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
