package api

import "github.com/labstack/echo/v4"

// authRoutes installs the authentication middleware for every route and
// registers the account, organisation and API key endpoints. Signup, login,
// refresh and set-password share one budget per client IP.
func (s *server) authRoutes(e *echo.Echo) {
	e.Use(s.authenticate)
	if s.deps.Auth == nil {
		return
	}
	limit := rateLimitByIP(s.limiter("auth", s.cfg.AuthPerMinute, s.cfg.AuthBurst))
	e.POST("/v1/auth/signup", s.signup, limit)
	e.POST("/v1/auth/login", s.login, limit)
	e.POST("/v1/auth/refresh", s.refresh, limit)
	e.POST("/v1/auth/logout", s.logout)
	e.POST("/v1/auth/set-password", s.setPassword, limit)
	e.GET("/v1/me", s.getMe)
	e.PATCH("/v1/me", s.patchMe)
	e.DELETE("/v1/me", s.deleteMe)
	e.GET("/v1/me/sessions", s.listMySessions)
	e.POST("/v1/me/sessions/revoke-all", s.revokeMySessions)
	e.POST("/v1/users/:id/sessions/revoke-all", s.revokeUserSessions)
	e.POST("/v1/orgs", s.createOrg)
	e.GET("/v1/orgs/:id", s.getOrg)
	e.POST("/v1/orgs/:id/members", s.inviteMember)
	e.POST("/v1/orgs/:id/api-keys", s.createAPIKey)
	e.GET("/v1/orgs/:id/api-keys", s.listAPIKeys)
	e.DELETE("/v1/orgs/:id/api-keys/:key_id", s.revokeAPIKey)
}
