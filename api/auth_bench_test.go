package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// BenchmarkAuthOverhead serves requests through the real Echo instance (no
// contract checks) side by side: anonymous, with an access token (HS256
// verification, no database) and with an API key (SHA-256 and one indexed
// read), first on a route that does nothing else, then on GET /v1/me, which
// reads the account, against GET /healthz.
func BenchmarkAuthOverhead(b *testing.B) {
	s := newAuthServer(b, Config{}, cheapArgon2)
	email := s.email("ada")
	s.signup(email)
	access := s.login(email).AccessToken
	admin := s.admin()
	org := s.org(admin, "Acme")
	_, key := s.key(admin, org, "search")
	s.e.GET("/v1/bench/noop", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })

	run := func(name, path, token string, want int) {
		b.Run(name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				s.e.ServeHTTP(rec, req)
				if rec.Code != want {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
	run("healthz/anonymous", "/healthz", "", http.StatusOK)
	run("noop/anonymous", "/v1/bench/noop", "", http.StatusNoContent)
	run("noop/access-token", "/v1/bench/noop", access, http.StatusNoContent)
	run("noop/api-key", "/v1/bench/noop", key, http.StatusNoContent)
	run("me/access-token", "/v1/me", access, http.StatusOK)
}
