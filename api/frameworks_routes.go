package api

import (
	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
)

// frameworkRoutes registers the framework read API (public) and the authoring
// API (framework authors only).
func (s *server) frameworkRoutes(e *echo.Echo) {
	on := s.withFrameworks
	e.GET("/v1/frameworks", s.listFrameworks, on)
	e.GET("/v1/frameworks/:slug", s.listFrameworkVersions, on)
	e.GET("/v1/frameworks/:slug/:version", s.getFramework, on)
	e.GET("/v1/competencies", s.listCompetencies, on)
	e.GET("/v1/competencies/:slug", s.getCompetency, on)
	e.GET("/v1/levels", s.listLevels, on)
	e.GET("/v1/levels/:slug", s.getLevel, on)
	e.GET("/v1/ladder", s.getLadder, on)
	e.GET("/v1/backgrounds", s.listBackgrounds, on)
	e.GET("/v1/backgrounds/:slug", s.getBackground, on)
	e.GET("/v1/actions", s.listActions, on)

	e.POST("/v1/frameworks/:slug/drafts", s.createDraft, on)
	e.PUT("/v1/frameworks/:slug/:version/competencies", s.putCompetencies, on)
	e.PUT("/v1/frameworks/:slug/:version/levels", s.putLevels, on)
	e.PUT("/v1/frameworks/:slug/:version/backgrounds", s.putBackgrounds, on)
	e.PUT("/v1/frameworks/:slug/:version/actions", s.putActions, on)
	e.POST("/v1/frameworks/:slug/:version/publish", s.publishFramework, on)
	e.POST("/v1/frameworks/:slug/:version/retire", s.retireFramework, on)
}

// withFrameworks answers 503 when the server was built without the framework
// service, so that every route exists whatever Deps holds.
func (s *server) withFrameworks(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.deps.Frameworks == nil {
			return domain.Errorf(domain.ErrUnavailable, "Frameworks are not available on this server.")
		}
		return next(c)
	}
}
