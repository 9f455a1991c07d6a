package api

import "github.com/labstack/echo/v4"

// routes registers every endpoint; each feature adds its group here.
func (s *server) routes(e *echo.Echo) {
	e.GET("/healthz", healthz)
	e.GET("/readyz", readyz(s.deps.DB, s.cfg.ReadyTimeout, s.deps.Draining))
	if s.cfg.MetricsToken != "" {
		e.GET("/metrics", s.deps.Metrics.tokenHandler(s.cfg.MetricsToken))
	}
	registerDocs(e)
	s.transferRoutes(e)
	s.frameworkRoutes(e)
	s.authRoutes(e)
	s.candidateRoutes(e)
	s.webhookRoutes(e)
}
