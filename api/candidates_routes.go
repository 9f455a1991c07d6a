package api

import (
	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/service"
)

func (s *server) candidateRoutes(e *echo.Echo) {
	if s.deps.Candidates == nil {
		return
	}
	e.POST("/v1/candidates", s.createCandidate, s.idempotent(service.ActionCandidateCreate))
	e.POST(batchPath, s.importBatch, s.idempotent(service.ActionCandidateCreate))
	e.GET("/v1/candidates", s.listCandidates)
	e.GET("/v1/orgs/:id/candidates/export", s.exportCandidates)
	e.GET("/v1/candidates/:id", s.getCandidate)
	e.PATCH("/v1/candidates/:id", s.patchCandidate)
	e.DELETE("/v1/candidates/:id", s.deleteCandidate)
	e.POST("/v1/candidates/:id/assessments", s.assessCandidate, s.idempotent(service.ActionAssessmentWrite))
	e.GET("/v1/candidates/:id/assessments", s.listAssessments)
	e.POST("/v1/candidates/:id/scorecards", s.createScorecard, s.idempotent(service.ActionScorecardWrite))

	e.GET("/v1/me/candidate", s.getMyCandidate)
	e.PUT("/v1/me/candidate", s.putMyCandidate)
	e.PATCH("/v1/me/candidate", s.patchMyCandidate)
	e.DELETE("/v1/me/candidate", s.deleteMyCandidate)
	e.GET("/v1/me/candidate/consents", s.listMyConsents)
	e.GET("/v1/me/candidate/scorecards", s.countMyScorecards)
	e.POST("/v1/me/candidate/assessments", s.assessMyCandidate, s.idempotent(service.ActionMyCandidate))
	e.GET("/v1/me/candidate/assessments", s.listMyAssessments)
	e.GET("/v1/me/export", s.exportMe)
	e.GET("/v1/me/access-log", s.myAccessLog)

	e.GET("/v1/assessments/:id", s.getAssessment)
	e.GET("/v1/assessments/:id/explain", s.explainAssessment)
	e.GET("/v1/assessments/:id/chart.svg", s.assessmentChart)
}
