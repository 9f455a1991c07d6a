package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
)

func TestSignupLoginMeAndPasswordChange(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	rec := s.do(http.MethodPost, "/v1/auth/signup", "", fmt.Sprintf(`{"email":" Ada@Example.ORG ","password":%q,"display_name":"Ada"}`, testPassword))
	s.mustStatus(rec, http.StatusCreated)
	var u User
	decode(t, rec, &u)
	if u.Email != "ada@example.org" || u.Role != "job_seeker" || u.OrganisationID != "" {
		t.Fatalf("user %+v", u)
	}
	rec = s.do(http.MethodPost, "/v1/auth/signup", "", fmt.Sprintf(`{"email":"ADA@example.org","password":%q,"display_name":"Ada"}`, testPassword))
	s.mustStatus(rec, http.StatusCreated)

	pair := s.login("ada@example.org")
	var me User
	decode(t, s.do(http.MethodGet, "/v1/me", pair.AccessToken, ""), &me)
	if me.ID != u.ID {
		t.Fatalf("me %+v", me)
	}
	newPw := "an entirely new passphrase"
	rec = s.do(http.MethodPatch, "/v1/me", pair.AccessToken, fmt.Sprintf(`{"display_name":"Ada L.","current_password":%q,"new_password":%q}`, testPassword, newPw))
	s.mustStatus(rec, http.StatusOK)
	decode(t, rec, &me)
	if me.DisplayName != "Ada L." {
		t.Fatalf("me %+v", me)
	}
	// The old session is over; the old password no longer works; the new one does.
	s.mustStatus(s.do(http.MethodPost, "/v1/auth/refresh", "", fmt.Sprintf(`{"refresh_token":%q}`, pair.RefreshToken)), http.StatusUnauthorized)
	s.mustStatus(s.do(http.MethodPost, "/v1/auth/login", "", fmt.Sprintf(`{"email":"ada@example.org","password":%q}`, testPassword)), http.StatusUnauthorized)
	s.mustStatus(s.do(http.MethodPost, "/v1/auth/login", "", fmt.Sprintf(`{"email":"ada@example.org","password":%q}`, newPw)), http.StatusOK)
}

func TestLoginLockoutAnswers429WithRetryAfter(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	email := s.email("ada")
	s.signup(email)
	for _, who := range []string{email, "nobody@example.org"} {
		var last *httptestRecorder
		for i := 0; i <= 10; i++ {
			last = s.do(http.MethodPost, "/v1/auth/login", "", fmt.Sprintf(`{"email":%q,"password":"wrong guess %d"}`, who, i))
			if i < 10 && last.Code != http.StatusUnauthorized {
				t.Fatalf("%s attempt %d: %d", who, i, last.Code)
			}
		}
		if last.Code != http.StatusTooManyRequests {
			t.Fatalf("%s eleventh attempt: %d", who, last.Code)
		}
		problemOf(t, last)
		if ra, err := strconv.Atoi(last.Header().Get("Retry-After")); err != nil || ra < 1 || ra > 900 {
			t.Fatalf("Retry-After %q", last.Header().Get("Retry-After"))
		}
	}
}

func TestAuthEndpointsAreRateLimitedPerIP(t *testing.T) {
	s := newAuthServer(t, Config{AuthPerMinute: 60, AuthBurst: 3}, cheapArgon2)
	body := `{"email":"ada@example.org","password":"whatever it is"}`
	for i := 0; i < 3; i++ {
		s.mustStatus(s.do(http.MethodPost, "/v1/auth/login", "", body), http.StatusUnauthorized)
	}
	for _, path := range []string{"/v1/auth/login", "/v1/auth/signup", "/v1/auth/refresh", "/v1/auth/set-password"} {
		rec := s.send(s.loose, http.MethodPost, path, "", `{}`)
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
			t.Fatalf("%s: %d, Retry-After %q", path, rec.Code, rec.Header().Get("Retry-After"))
		}
		problemOf(t, rec)
	}
	// Another address has its own budget.
	req := newRequest(http.MethodPost, "/v1/auth/login", body)
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = "203.0.113.9:4000"
	rec := recorder()
	s.strict.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("other address: %d", rec.Code)
	}
}

func TestAPIKeysOverHTTP(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	admin := s.admin()
	org := s.org(admin, "Acme")
	rec := s.do(http.MethodPost, "/v1/orgs/"+org+"/api-keys", admin, `{"name":"  ATS  ","scopes":["search","candidates:read","search"]}`)
	s.mustStatus(rec, http.StatusCreated)
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatal("the secret may be cached")
	}
	var k NewAPIKey
	decode(t, rec, &k)
	if k.Name != "ATS" || len(k.Scopes) != 2 || len(k.Secret) < 46 || k.Prefix != k.Secret[:len(k.Prefix)] || k.LastUsedAt != nil {
		t.Fatalf("key %+v", k)
	}
	// Using the key records when it was last used.
	s.do(http.MethodGet, "/v1/orgs/"+org, k.Secret, "")
	for i := 0; i < 4; i++ {
		s.key(admin, org, "search")
	}
	var page APIKeyList
	decode(t, s.do(http.MethodGet, "/v1/orgs/"+org+"/api-keys?limit=3", admin, ""), &page)
	if len(page.Items) != 3 || page.NextCursor == "" || page.Items[0].ID != k.ID || page.Items[0].LastUsedAt == nil {
		t.Fatalf("page 1 %+v", page)
	}
	var rest APIKeyList
	decode(t, s.do(http.MethodGet, "/v1/orgs/"+org+"/api-keys?limit=3&cursor="+page.NextCursor, admin, ""), &rest)
	if len(rest.Items) != 2 || rest.NextCursor != "" {
		t.Fatalf("page 2 %+v", rest)
	}
	s.mustStatus(s.do(http.MethodDelete, "/v1/orgs/"+org+"/api-keys/"+k.ID, admin, ""), http.StatusNoContent)
	rec = s.do(http.MethodGet, "/v1/orgs/"+org, k.Secret, "")
	s.mustStatus(rec, http.StatusUnauthorized)
	s.mustStatus(s.do(http.MethodDelete, "/v1/orgs/"+org+"/api-keys/"+k.ID, admin, ""), http.StatusNotFound)
}

func TestWritesAreAuditedWithTheRequestID(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	admin := s.admin()
	req := newRequest(http.MethodPost, "/v1/orgs", `{"name":"Acme"}`)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+admin)
	req.Header.Set("X-Request-Id", "audit-me-1")
	rec := recorder()
	s.strict.ServeHTTP(rec, req)
	s.mustStatus(rec, http.StatusCreated)
	var o Organisation
	decode(t, rec, &o)
	var kind, principal, action, requestID string
	err := s.db.SQL().QueryRowContext(context.Background(),
		`SELECT principal_kind, principal_id, action, request_id FROM audit_log WHERE object_type = 'organisation' AND object_id = ?`, o.ID).
		Scan(&kind, &principal, &action, &requestID)
	if err != nil {
		t.Fatal(err)
	}
	if kind != "user" || principal == "" || action != "org:create" || requestID != "audit-me-1" {
		t.Fatalf("audit entry %s %s %s %s", kind, principal, action, requestID)
	}
}

func TestMetricsIgnoreForeignCredentials(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	req := newRequest(http.MethodGet, "/healthz", "")
	req.Header.Set("Authorization", "Bearer a-scraper-token")
	rec := recorder()
	s.strict.ServeHTTP(rec, req)
	s.mustStatus(rec, http.StatusOK)
}

// A frontend that attaches its stale access token to every call must still
// be able to refresh and log in: the auth endpoints read credentials from
// the body only.
func TestAuthEndpointsIgnoreAStaleBearer(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	email := s.email("stale")
	s.signup(email)
	pair := s.login(email)
	const stale = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.invalid"
	rec := s.do(http.MethodPost, "/v1/auth/refresh", stale, fmt.Sprintf(`{"refresh_token":%q}`, pair.RefreshToken))
	s.mustStatus(rec, http.StatusOK)
	s.mustStatus(s.do(http.MethodPost, "/v1/auth/login", stale, fmt.Sprintf(`{"email":%q,"password":%q}`, email, testPassword)), http.StatusOK)
	// Everywhere else the same header is refused rather than read as anonymous.
	s.mustStatus(s.do(http.MethodGet, "/v1/me", stale, ""), http.StatusUnauthorized)
}
