package api

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/rungs/rungs/api/apitest"
)

var specParam = regexp.MustCompile(`\{[^}]+\}`)

// A credential that does not verify is refused on every /v1 route, public
// ones included, rather than read as anonymous: the caller meant to be
// someone. The contract must say so, which the checker enforces: a public
// operation without a documented 401 fails here.
func TestPublicRoutesRefuseCredentialsThatDoNotVerify(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	public, err := apitest.PublicRoutes()
	if err != nil {
		t.Fatal(err)
	}
	tried := 0
	for _, route := range public {
		method, path, _ := strings.Cut(route, " ")
		if !readsCredentials(path) {
			continue
		}
		tried++
		for _, cred := range []string{"Bearer not-a-token", "Bearer rk_not-a-key", "Basic dXNlcjpwYXNz"} {
			t.Run(route+" "+strings.Fields(cred)[1], func(t *testing.T) {
				var body io.Reader
				h := s.strict
				if method != http.MethodGet {
					// The body is never read: the credential is refused first.
					body, h = strings.NewReader("{}"), s.loose
				}
				req := httptest.NewRequest(method, specParam.ReplaceAllString(path, "x"), body)
				if body != nil {
					req.Header.Set("Content-Type", "application/json")
				}
				req.Header.Set("Authorization", cred)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusUnauthorized || rec.Header().Get("Content-Type") != problemContentType {
					t.Fatalf("%d %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
				}
				if !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer ") {
					t.Fatalf("WWW-Authenticate %q", rec.Header().Get("WWW-Authenticate"))
				}
			})
		}
	}
	// The framework reads and the transfer map.
	if tried < 12 {
		t.Fatalf("only %d public /v1 operations in the contract: %v", tried, public)
	}
}
