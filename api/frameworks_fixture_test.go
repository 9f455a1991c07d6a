package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rungs/rungs/api/apitest"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// frameworkServer is the real Echo instance on the real services over
// SQLite, seeded with the default framework, with an admin's and a job
// seeker's access tokens.
type frameworkServer struct {
	t      *testing.T
	strict http.Handler // requests and answers checked against the contract
	loose  http.Handler // answers checked; requests may break the contract on purpose
	admin  string
	seeker string
}

func newFrameworkServer(t *testing.T) *frameworkServer {
	t.Helper()
	ctx := context.Background()
	deps := authDeps(t, repotest.SQLite(t), cheapArgon2)
	e := New(Config{BodyLimit: 1 << 20}, deps)
	s := &frameworkServer{t: t, strict: apitest.Handler(t, e), loose: apitest.Handler(t, e, apitest.SkipRequestValidation())}
	login := func(email string) string {
		tok, err := deps.Auth.Login(ctx, email, testPassword)
		if err != nil {
			t.Fatal(err)
		}
		return tok.AccessToken
	}
	if _, err := deps.Auth.CreateAdmin(ctx, service.NewAccount{Email: "author@example.org", DisplayName: "Author", Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	if _, err := deps.Auth.Signup(ctx, service.NewAccount{Email: "seeker@example.org", DisplayName: "Seeker", Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	s.admin, s.seeker = login("author@example.org"), login("seeker@example.org")
	return s
}

// request is one call; header holds extra headers such as If-None-Match.
type request struct {
	method, path, token, body string
	header                    map[string]string
	loose                     bool
}

func (s *frameworkServer) do(r request) *httptest.ResponseRecorder {
	s.t.Helper()
	if r.method == "" {
		r.method = http.MethodGet
	}
	req := httptest.NewRequest(r.method, r.path, strings.NewReader(r.body))
	if r.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	h := s.strict
	if r.loose || (r.token == "" && r.method != http.MethodGet) {
		h = s.loose
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func (s *frameworkServer) get(path string, out any) *httptest.ResponseRecorder {
	s.t.Helper()
	rec := s.do(request{path: path})
	if rec.Code != http.StatusOK {
		s.t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body.String())
	}
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			s.t.Fatalf("GET %s: %v", path, err)
		}
	}
	return rec
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func newRecorder(h http.Handler, method, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec
}
