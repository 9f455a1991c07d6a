package api

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/rungs/rungs/domain"
)

// caller is one column of the authorization matrix.
type caller int

const (
	anonymous caller = iota
	seekerA
	seekerB
	recruiterX
	recruiterY
	keyWithScope
	keyWithoutScope
	adminUser
	callerCount
)

var callerNames = [callerCount]string{
	"anonymous", "job seeker A", "job seeker B", "recruiter of X", "recruiter of Y",
	"key with the scope", "key without the scope", "admin",
}

// matrixRow is one endpoint. request builds a fresh request for one caller
// (a new key to delete, a new email to sign up), so that cells do not
// depend on each other. scope is what an API key of organisation X needs;
// "" when no scope opens the endpoint to keys. want holds every column.
type matrixRow struct {
	route   string
	scope   string
	request func(m *matrix, who caller) (path, body string)
	want    [callerCount]int
	// fresh rows end the caller's sessions or account: each user column
	// gets a new user of the same kind instead of the shared token.
	fresh bool
	// headers are sent with the request (If-Match, a merge patch's type).
	headers map[string]string
	// prepare runs with the caller's token before the request is built
	// (a fresh job seeker saves a profile to change).
	prepare func(m *matrix, who caller, token string)
}

// matrix holds the actors: job seekers A and B, organisations X and Y with a
// recruiter each, keys of X, and an admin.
type matrix struct {
	s            *authServer
	admin        string
	orgX, orgY   string
	tokens       [callerCount]string
	keys         map[string]string
	seekerAEmail string
	// candidates: organisation X's (with its assessment by X), and job
	// seeker A's own profile, made on first use.
	candX, assessX string
	// webhookX is organisation X's webhook, with deliveryX a test ping to it.
	webhookX, deliveryX string
}

func newMatrix(t *testing.T) *matrix {
	s := newAuthServer(t, Config{MetricsToken: testMetricsToken}, cheapArgon2)
	m := &matrix{s: s, keys: map[string]string{}}
	m.admin = s.admin()
	m.orgX, m.orgY = s.org(m.admin, "Org X"), s.org(m.admin, "Org Y")
	m.seekerAEmail = s.email("seeker-a")
	s.signup(m.seekerAEmail)
	emailB := s.email("seeker-b")
	s.signup(emailB)
	m.tokens[seekerA] = s.login(m.seekerAEmail).AccessToken
	m.tokens[seekerB] = s.login(emailB).AccessToken
	m.tokens[recruiterX] = s.recruiter(m.admin, m.orgX)
	m.tokens[recruiterY] = s.recruiter(m.admin, m.orgY)
	m.tokens[adminUser] = m.admin
	return m
}

// token returns the caller's credential for row: keys of organisation X
// holding exactly the row's scope, or every other scope.
func (m *matrix) token(row matrixRow, who caller) string {
	if row.fresh {
		switch who {
		case seekerA, seekerB:
			email := m.s.email("fresh-seeker")
			m.s.signup(email)
			return m.s.login(email).AccessToken
		case recruiterX:
			return m.s.recruiter(m.admin, m.orgX)
		case recruiterY:
			return m.s.recruiter(m.admin, m.orgY)
		case adminUser:
			return m.s.admin()
		}
	}
	switch who {
	case keyWithScope, keyWithoutScope:
		var scopes []string
		for _, sc := range domain.Scopes {
			if row.scope == "" || (sc == row.scope) == (who == keyWithScope) {
				scopes = append(scopes, sc)
			}
		}
		name := strings.Join(scopes, " ")
		if _, ok := m.keys[name]; !ok {
			_, m.keys[name] = m.s.key(m.admin, m.orgX, scopes...)
		}
		return m.keys[name]
	}
	return m.tokens[who]
}

// every returns a want row with status for every caller.
func every(status int) [callerCount]int {
	var w [callerCount]int
	for i := range w {
		w[i] = status
	}
	return w
}

// signedIn is for routes every user may call and no key: 401, users ok, keys 403.
func signedIn(ok int) [callerCount]int {
	return [callerCount]int{401, ok, ok, ok, ok, 403, 403, ok}
}

// adminOnly is for routes only admins may call.
func adminOnly(ok int) [callerCount]int {
	return [callerCount]int{401, 403, 403, 403, 403, 403, 403, ok}
}

// orgXManagers is for routes on organisation X that its recruiters and
// admins may call; the other organisation's recruiter does not see X.
func orgXManagers(ok int) [callerCount]int {
	return [callerCount]int{401, 403, 403, ok, 404, 403, 403, ok}
}

func matrixRows() []matrixRow {
	fixed := func(path, body string) func(*matrix, caller) (string, string) {
		return func(*matrix, caller) (string, string) { return path, body }
	}
	orgX := func(suffix, body string) func(*matrix, caller) (string, string) {
		return func(m *matrix, _ caller) (string, string) { return "/v1/orgs/" + m.orgX + suffix, body }
	}
	rows := []matrixRow{
		{route: "POST /v1/auth/signup", want: every(201), request: func(m *matrix, _ caller) (string, string) {
			return "/v1/auth/signup", fmt.Sprintf(`{"email":%q,"password":%q,"display_name":"New"}`, m.s.email("new"), testPassword)
		}},
		{route: "POST /v1/auth/login", want: every(200), request: func(m *matrix, _ caller) (string, string) {
			return "/v1/auth/login", fmt.Sprintf(`{"email":%q,"password":%q}`, m.seekerAEmail, testPassword)
		}},
		{route: "POST /v1/auth/refresh", want: every(200), request: func(m *matrix, _ caller) (string, string) {
			return "/v1/auth/refresh", fmt.Sprintf(`{"refresh_token":%q}`, m.s.login(m.seekerAEmail).RefreshToken)
		}},
		{route: "POST /v1/auth/logout", want: every(204), request: func(m *matrix, _ caller) (string, string) {
			return "/v1/auth/logout", fmt.Sprintf(`{"refresh_token":%q}`, m.s.login(m.seekerAEmail).RefreshToken)
		}},
		{route: "POST /v1/auth/set-password", want: every(204), request: func(m *matrix, _ caller) (string, string) {
			token := m.s.invite(m.admin, m.orgX, m.s.email("invited"))
			return "/v1/auth/set-password", fmt.Sprintf(`{"token":%q,"password":%q}`, token, testPassword)
		}},
		{route: "GET /v1/me", want: signedIn(200), request: fixed("/v1/me", "")},
		{route: "PATCH /v1/me", want: signedIn(200), request: fixed("/v1/me", `{"display_name":"Renamed"}`)},
		{route: "DELETE /v1/me", want: signedIn(204), fresh: true, request: fixed("/v1/me", "")},
		{route: "GET /v1/me/sessions", want: signedIn(200), request: fixed("/v1/me/sessions", "")},
		{route: "POST /v1/me/sessions/revoke-all", want: signedIn(204), fresh: true, request: fixed("/v1/me/sessions/revoke-all", "")},
		{route: "POST /v1/users/:id/sessions/revoke-all", want: adminOnly(204), request: func(m *matrix, _ caller) (string, string) {
			email := m.s.email("signed-out")
			id := m.s.signup(email)
			return "/v1/users/" + id + "/sessions/revoke-all", ""
		}},
		{route: "POST /v1/orgs", want: adminOnly(201), request: fixed("/v1/orgs", `{"name":"Org Z"}`)},
		{route: "GET /v1/orgs/:id", want: orgXManagers(200), request: orgX("", "")},
		{route: "POST /v1/orgs/:id/members", want: adminOnly(201), request: func(m *matrix, _ caller) (string, string) {
			return "/v1/orgs/" + m.orgX + "/members", fmt.Sprintf(`{"email":%q,"display_name":"Member"}`, m.s.email("member"))
		}},
		{route: "POST /v1/orgs/:id/api-keys", want: orgXManagers(201), request: orgX("/api-keys", `{"name":"ATS","scopes":["search"]}`)},
		{route: "GET /v1/orgs/:id/api-keys", want: orgXManagers(200), request: orgX("/api-keys", "")},
		{route: "DELETE /v1/orgs/:id/api-keys/:key_id", want: orgXManagers(204), request: func(m *matrix, _ caller) (string, string) {
			id, _ := m.s.key(m.admin, m.orgX, domain.ScopeSearch)
			return "/v1/orgs/" + m.orgX + "/api-keys/" + id, ""
		}},
		{route: "POST /v1/transfer-map", want: every(200), request: fixed("/v1/transfer-map", `{"experiences":[{"title":"Major Gifts Officer","years":8}]}`)},
		// Operations and documentation are public; credentials sent there are not judged.
		{route: "GET /healthz", want: every(200), request: fixed("/healthz", "")},
		{route: "GET /readyz", want: every(200), request: fixed("/readyz", "")},
		// Metrics open to the metrics token alone: no user token or key does.
		{route: "GET /metrics", want: every(401), request: fixed("/metrics", "")},
		{route: "GET /openapi.json", want: every(200), request: fixed("/openapi.json", "")},
		{route: "GET /openapi.yaml", want: every(200), request: fixed("/openapi.yaml", "")},
		{route: "GET /docs", want: every(301), request: fixed("/docs", "")},
		{route: "GET /docs/", want: every(301), request: fixed("/docs/", "")},
		{route: "GET /docs/*", want: every(200), request: fixed("/docs/index.html", "")},
	}
	rows = append(rows, frameworkMatrixRows()...)
	rows = append(rows, webhookMatrixRows()...)
	return append(rows, candidateMatrixRows()...)
}

// TestAuthorizationMatrix asks every endpoint as every kind of caller and
// asserts each answer. A registered route without a row fails, and so does
// a row naming a route that is not registered.
func TestAuthorizationMatrix(t *testing.T) {
	m := newMatrix(t)
	rows := matrixRows()
	covered := map[string]bool{}
	for _, row := range rows {
		if covered[row.route] {
			t.Errorf("two rows for %s", row.route)
		}
		covered[row.route] = true
	}
	var missing []string
	for _, r := range m.s.e.Routes() {
		key := r.Method + " " + r.Path
		if !covered[key] {
			missing = append(missing, key)
		}
		delete(covered, key)
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes without a row in the authorization matrix: %s", strings.Join(missing, ", "))
	}
	for route := range covered {
		t.Errorf("the authorization matrix has a row for %s, which is not registered", route)
	}
	runMatrix(t, m, rows)
}

// runMatrix asks every row as every caller and asserts each answer.
func runMatrix(t *testing.T, m *matrix, rows []matrixRow) {
	for _, row := range rows {
		method, _, _ := strings.Cut(row.route, " ")
		for who := range callerCount {
			t.Run(row.route+"/"+callerNames[who], func(t *testing.T) {
				token := m.token(row, who)
				if row.prepare != nil {
					row.prepare(m, who, token)
				}
				path, body := row.request(m, who)
				var rec *httptestRecorder
				if strings.HasPrefix(path, "/docs") {
					// Swagger UI is not part of the API description the contract checker reads.
					rec = m.s.send(m.s.e, method, path, token, body)
				} else {
					rec = m.s.doWith(method, path, token, body, row.headers)
				}
				if rec.Code != row.want[who] {
					t.Fatalf("%s as %s: %d, want %d: %s", row.route, callerNames[who], rec.Code, row.want[who], rec.Body.String())
				}
				if rec.Code >= 400 {
					problemOf(t, rec)
				}
				if rec.Code == http.StatusUnauthorized && !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer") {
					t.Fatalf("401 without a Bearer challenge")
				}
			})
		}
	}
}
