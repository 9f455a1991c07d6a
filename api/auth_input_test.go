package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestMassAssignmentIsRefused(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	email := s.email("ada")
	s.signup(email)
	token := s.login(email).AccessToken
	cases := []struct{ name, method, path, token, body, field string }{
		{"signup with a role", http.MethodPost, "/v1/auth/signup", "", fmt.Sprintf(`{"email":"eve@example.org","password":%q,"display_name":"Eve","role":"admin"}`, testPassword), "role"},
		{"signup with an organisation", http.MethodPost, "/v1/auth/signup", "", fmt.Sprintf(`{"email":"eve@example.org","password":%q,"display_name":"Eve","organisation_id":"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b70"}`, testPassword), "organisation_id"},
		{"me with a role", http.MethodPatch, "/v1/me", token, `{"display_name":"Eve","role":"admin"}`, "role"},
		{"me with an email", http.MethodPatch, "/v1/me", token, `{"email":"root@example.org"}`, "email"},
		{"me with an organisation", http.MethodPatch, "/v1/me", token, `{"organisation_id":"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b70"}`, "organisation_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := s.send(s.loose, tc.method, tc.path, tc.token, tc.body)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			if p := problemOf(t, rec); !strings.Contains(p.Detail, `Unknown field "`+tc.field+`"`) {
				t.Fatalf("detail %q", p.Detail)
			}
		})
	}
	// Nothing was created or changed.
	if rec := s.do(http.MethodPost, "/v1/auth/login", "", fmt.Sprintf(`{"email":"eve@example.org","password":%q}`, testPassword)); rec.Code != http.StatusUnauthorized {
		t.Fatalf("an account was created: %d", rec.Code)
	}
	var me User
	decode(t, s.do(http.MethodGet, "/v1/me", token, ""), &me)
	if me.Role != "job_seeker" || me.DisplayName != "Ada" || me.OrganisationID != "" {
		t.Fatalf("account changed: %+v", me)
	}
}

// TestBadInputIsA4xxProblem sends what clients get wrong to every endpoint
// with a body or parameters: each is a 4xx problem, never a 5xx.
func TestBadInputIsA4xxProblem(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	admin := s.admin()
	org := s.org(admin, "Acme")
	email := s.email("ada")
	s.signup(email)
	seeker := s.login(email).AccessToken
	longEmail := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 187) + ".org" // 255 characters
	huge := strings.Repeat("p", 1<<20)                                             // 1 MiB: over the body limit with the JSON around it
	big := strings.Repeat("p", 512<<10)                                            // under the body limit, far over the password cap
	keys := "/v1/orgs/" + org + "/api-keys"

	type badCase struct {
		name, method, path, token, body string
		status                          int
	}
	var cases []badCase
	bodies := []struct{ method, path, token string }{
		{"POST", "/v1/auth/signup", ""}, {"POST", "/v1/auth/login", ""}, {"POST", "/v1/auth/refresh", ""},
		{"POST", "/v1/auth/logout", ""}, {"POST", "/v1/auth/set-password", ""}, {"PATCH", "/v1/me", seeker},
		{"POST", "/v1/orgs", admin}, {"POST", "/v1/orgs/" + org + "/members", admin}, {"POST", keys, admin},
	}
	for _, b := range bodies {
		cases = append(cases,
			badCase{"malformed JSON", b.method, b.path, b.token, `{"email":`, 400},
			badCase{"not an object", b.method, b.path, b.token, `["x"]`, 400},
			badCase{"wrong type", b.method, b.path, b.token, `{"email":5,"name":5,"refresh_token":5,"token":5,"display_name":5}`, 400},
			badCase{"missing fields", b.method, b.path, b.token, `{}`, 422},
			badCase{"empty body", b.method, b.path, b.token, ``, 400},
		)
	}
	cases = append(cases,
		badCase{"email over 254 characters", "POST", "/v1/auth/signup", "", fmt.Sprintf(`{"email":%q,"password":%q,"display_name":"A"}`, longEmail, testPassword), 422},
		badCase{"email over 254 characters", "POST", "/v1/auth/login", "", fmt.Sprintf(`{"email":%q,"password":%q}`, longEmail, testPassword), 422},
		badCase{"email over 254 characters", "POST", "/v1/orgs/" + org + "/members", admin, fmt.Sprintf(`{"email":%q,"display_name":"A"}`, longEmail), 422},
		badCase{"malformed email", "POST", "/v1/auth/signup", "", fmt.Sprintf(`{"email":"ada at example","password":%q,"display_name":"A"}`, testPassword), 422},
		badCase{"1 MiB password", "POST", "/v1/auth/signup", "", fmt.Sprintf(`{"email":"x@example.org","password":%q,"display_name":"A"}`, huge), 413},
		badCase{"1 MiB password", "POST", "/v1/auth/login", "", fmt.Sprintf(`{"email":%q,"password":%q}`, email, huge), 413},
		badCase{"1 MiB password", "POST", "/v1/auth/set-password", "", fmt.Sprintf(`{"token":"t","password":%q}`, huge), 413},
		badCase{"1 MiB password", "PATCH", "/v1/me", seeker, fmt.Sprintf(`{"current_password":%q,"new_password":%q}`, testPassword, huge), 413},
		badCase{"512 KiB password", "POST", "/v1/auth/signup", "", fmt.Sprintf(`{"email":"x@example.org","password":%q,"display_name":"A"}`, big), 422},
		badCase{"512 KiB password", "POST", "/v1/auth/login", "", fmt.Sprintf(`{"email":%q,"password":%q}`, email, big), 422},
		badCase{"512 KiB password", "POST", "/v1/auth/set-password", "", fmt.Sprintf(`{"token":"t","password":%q}`, big), 422},
		badCase{"512 KiB password", "PATCH", "/v1/me", seeker, fmt.Sprintf(`{"current_password":"x","new_password":%q}`, big), 422},
		badCase{"129-character password", "POST", "/v1/auth/signup", "", fmt.Sprintf(`{"email":"x@example.org","password":%q,"display_name":"A"}`, strings.Repeat("x", 129)), 422},
		badCase{"short password", "POST", "/v1/auth/signup", "", `{"email":"x@example.org","password":"short","display_name":"A"}`, 422},
		badCase{"common password", "POST", "/v1/auth/signup", "", `{"email":"x@example.org","password":"password1234","display_name":"A"}`, 422},
		badCase{"blank display name", "POST", "/v1/auth/signup", "", fmt.Sprintf(`{"email":"x@example.org","password":%q,"display_name":"   "}`, testPassword), 422},
		badCase{"new password without the current one", "PATCH", "/v1/me", seeker, fmt.Sprintf(`{"new_password":%q}`, testPassword+"!"), 422},
		badCase{"wrong current password", "PATCH", "/v1/me", seeker, fmt.Sprintf(`{"current_password":"not it at all","new_password":%q}`, testPassword+"!"), 422},
		badCase{"blank organisation name", "POST", "/v1/orgs", admin, `{"name":"  "}`, 422},
		badCase{"unknown scope", "POST", keys, admin, `{"name":"ATS","scopes":["candidates:read","admin"]}`, 422},
		badCase{"no scope", "POST", keys, admin, `{"name":"ATS","scopes":[]}`, 422},
		badCase{"empty key name", "POST", keys, admin, `{"name":"","scopes":["search"]}`, 422},
		badCase{"blank key name", "POST", keys, admin, `{"name":"   ","scopes":["search"]}`, 422},
		badCase{"key name over 100 characters", "POST", keys, admin, fmt.Sprintf(`{"name":%q,"scopes":["search"]}`, strings.Repeat("n", 101)), 422},
		badCase{"scopes not a list", "POST", keys, admin, `{"name":"ATS","scopes":"search"}`, 400},
		badCase{"limit out of range", "GET", keys + "?limit=0", admin, "", 422},
		badCase{"limit not a number", "GET", keys + "?limit=ten", admin, "", 422},
		badCase{"forged cursor", "GET", keys + "?cursor=abc", admin, "", 422},
		badCase{"malformed organisation id", "GET", "/v1/orgs/not-a-uuid", admin, "", 404},
		badCase{"unknown organisation", "GET", "/v1/orgs/0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b70", admin, "", 404},
		badCase{"unknown organisation for members", "POST", "/v1/orgs/0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b70/members", admin, `{"email":"m@example.org","display_name":"M"}`, 404},
		badCase{"unknown organisation for keys", "POST", "/v1/orgs/0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b70/api-keys", admin, `{"name":"ATS","scopes":["search"]}`, 404},
		badCase{"malformed key id", "DELETE", keys + "/nope", admin, "", 404},
		badCase{"unknown key id", "DELETE", keys + "/0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b70", admin, "", 404},
		badCase{"wrong content type", "POST", "/v1/auth/login", "", "", 415},
		badCase{"invalid set-password token", "POST", "/v1/auth/set-password", "", fmt.Sprintf(`{"token":"forged","password":%q}`, testPassword), 401},
	)
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path+" "+tc.name, func(t *testing.T) {
			var rec *httptestRecorder
			if tc.status == http.StatusUnsupportedMediaType {
				req := newRequest(tc.method, tc.path, `email=a`)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				rec = recorder()
				s.loose.ServeHTTP(rec, req)
			} else {
				rec = s.send(s.loose, tc.method, tc.path, tc.token, tc.body)
			}
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %.300s", rec.Code, tc.status, rec.Body.String())
			}
			problemOf(t, rec)
		})
	}
}
