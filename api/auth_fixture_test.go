package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/api/apitest"
	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

const (
	testSecret   = "test-secret-test-secret-test-secret!"
	testPassword = "a long and unusual passphrase"
)

var cheapArgon2 = service.Argon2Params{Memory: 64, Time: 1, Threads: 1}

// logBuffer is a goroutine-safe log sink.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// authServer is the real Echo instance on the real services over SQLite,
// with its logs captured at debug level.
type authServer struct {
	t      testing.TB
	e      *echo.Echo
	strict http.Handler // every request and answer checked against the contract
	loose  http.Handler // answers checked; requests may break the contract on purpose
	db     *repository.DB
	auth   *service.Auth
	orgs   *service.Orgs
	keys   *service.APIKeys
	logs   *logBuffer
	// webhooks records events; startWorker delivers them.
	webhooks *service.Webhooks
	seq      atomic.Int64
}

// newAuthServer builds the server every auth test drives. cfg may set the
// rate limits; zero values get generous ones so that only the tests about
// limits meet them.
func newAuthServer(t testing.TB, cfg Config, params service.Argon2Params) *authServer {
	t.Helper()
	return newAuthServerOn(t, repotest.SQLite(t), cfg, params)
}

// newAuthServerOn is newAuthServer on a database of the caller's choosing
// (repotest.Each gives one per backend).
func newAuthServerOn(t testing.TB, db *repository.DB, cfg Config, params service.Argon2Params) *authServer {
	t.Helper()
	return newAuthServerWith(t, db, cfg, params, nil)
}

// newAuthServerWith lets edit change the dependencies (a clock) first.
func newAuthServerWith(t testing.TB, db *repository.DB, cfg Config, params service.Argon2Params, edit func(*Deps)) *authServer {
	t.Helper()
	logs := &logBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	deps := authDeps(t, db, params)
	deps.Log = log
	if edit != nil {
		edit(&deps)
	}
	if cfg.AuthPerMinute == 0 {
		cfg.AuthPerMinute, cfg.AuthBurst = 1e6, 1e6
	}
	if cfg.TransferMapPerMinute == 0 {
		cfg.TransferMapPerMinute, cfg.TransferMapBurst = 1e6, 1e6
	}
	if cfg.BodyLimit == 0 {
		cfg.BodyLimit = 1 << 20
	}
	e := New(cfg, deps)
	s := &authServer{t: t, e: e, db: db, auth: deps.Auth, orgs: deps.Orgs, keys: deps.APIKeys, webhooks: deps.Webhooks, logs: logs}
	if tt, ok := t.(*testing.T); ok {
		s.strict = apitest.Handler(tt, e)
		s.loose = apitest.Handler(tt, e, apitest.SkipRequestValidation())
	} else {
		s.strict, s.loose = e, e
	}
	return s
}

// authDeps wires every service the /v1 routes need, on the default
// framework. Features that add routes add their services here, so that the
// authorization matrix reaches them.
func authDeps(t testing.TB, db *repository.DB, params service.Argon2Params) Deps {
	t.Helper()
	audit := service.NewAudit(repository.NewAuditLog(db), nil)
	users, orgs := repository.NewUsers(db), repository.NewOrganisations(db)
	ptokens := repository.NewPasswordTokens(db)
	auth, err := service.NewAuth(service.AuthConfig{
		Secret: []byte(testSecret), AccessTTL: 15 * time.Minute, RefreshTTL: 24 * time.Hour,
		MaxFailures: 10, Lockout: 15 * time.Minute,
	}, service.AuthStores{
		Tx: db, Users: users, RefreshTokens: repository.NewRefreshTokens(db), PasswordTokens: ptokens,
		LoginFailures: repository.NewLoginFailures(db), Sessions: repository.NewSessions(db), Audit: audit,
	}, service.WithArgon2Params(params))
	if err != nil {
		t.Fatal(err)
	}
	// The first default version alone: the authoring and read tests count
	// versions from it (2026.2 has tests of its own).
	first, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		t.Fatal(err)
	}
	fw := service.NewFrameworks(repository.NewFrameworks(db), service.FrameworksOptions{Tx: db, Audit: audit, Defaults: []*domain.Framework{first}})
	if _, err := fw.EnsureDefault(context.Background()); err != nil {
		t.Fatal(err)
	}
	policy := service.NewPolicy()
	idempotency := service.NewIdempotency(db, repository.NewIdempotencyKeys(db), nil)
	// Test receivers listen on loopback: the fixture allows private
	// addresses; the tests of the guard build their own.
	webhooks := service.NewWebhooks(db, repository.NewWebhooks(db), orgs, audit, policy, service.WebhookGuard{AllowPrivate: true}, nil)
	candidates := service.NewCandidates(service.CandidatesDeps{
		Tx: db, Store: repository.NewCandidates(db), Orgs: orgs, Audit: audit, AuditLog: repository.NewAuditLog(db),
		Policy: policy, Frameworks: fw, OnErase: idempotency.ForgetSubject, OnHide: idempotency.HideSubject,
		Events: webhooks,
	})
	return Deps{
		DB:          db,
		Frameworks:  fw,
		TransferMap: service.NewTransferMap(fw),
		Auth:        auth,
		Users:       service.NewUsers(auth, idempotency, candidates),
		Candidates:  candidates,
		Idempotency: idempotency,
		Webhooks:    webhooks,
		Orgs:        service.NewOrgs(db, orgs, users, ptokens, audit, nil),
		APIKeys:     service.NewAPIKeys(db, repository.NewAPIKeys(db), orgs, audit, nil),
		Policy:      policy,
	}
}

// do sends one request; token may be "" for none. Requests without a token
// go through the loose handler: the contract requires one on most routes.
func (s *authServer) do(method, path, token, body string) *httptest.ResponseRecorder {
	s.t.Helper()
	h := s.strict
	if token == "" {
		h = s.loose
	}
	return s.send(h, method, path, token, body)
}

func (s *authServer) send(h http.Handler, method, path, token, body string) *httptest.ResponseRecorder {
	s.t.Helper()
	return s.sendWith(h, method, path, token, body, nil)
}

// doWith is do with extra request headers (If-Match, a Content-Type).
func (s *authServer) doWith(method, path, token, body string, headers map[string]string) *httptest.ResponseRecorder {
	s.t.Helper()
	h := s.strict
	if token == "" {
		h = s.loose
	}
	return s.sendWith(h, method, path, token, body, headers)
}

func (s *authServer) sendWith(h http.Handler, method, path, token, body string, headers map[string]string) *httptest.ResponseRecorder {
	s.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// email returns a fresh address.
func (s *authServer) email(prefix string) string {
	return fmt.Sprintf("%s%d@example.org", prefix, s.seq.Add(1))
}

func (s *authServer) mustStatus(rec *httptest.ResponseRecorder, want int) {
	s.t.Helper()
	if rec.Code != want {
		s.t.Fatalf("status %d, want %d: %s", rec.Code, want, rec.Body.String())
	}
}

// signup creates a job seeker over HTTP and returns its id.
func (s *authServer) signup(email string) string {
	s.t.Helper()
	rec := s.do(http.MethodPost, "/v1/auth/signup", "", fmt.Sprintf(`{"email":%q,"password":%q,"display_name":"Ada"}`, email, testPassword))
	s.mustStatus(rec, http.StatusCreated)
	var u User
	decode(s.t, rec, &u)
	return u.ID
}

// login returns a fresh token pair for email.
func (s *authServer) login(email string) TokenPair {
	s.t.Helper()
	rec := s.do(http.MethodPost, "/v1/auth/login", "", fmt.Sprintf(`{"email":%q,"password":%q}`, email, testPassword))
	s.mustStatus(rec, http.StatusOK)
	var tp TokenPair
	decode(s.t, rec, &tp)
	return tp
}

// admin creates an administrator (as the command line does) and logs in.
func (s *authServer) admin() string {
	s.t.Helper()
	email := s.email("admin")
	if _, err := s.auth.CreateAdmin(context.Background(), service.NewAccount{Email: email, DisplayName: "Admin", Password: testPassword}); err != nil {
		s.t.Fatal(err)
	}
	return s.login(email).AccessToken
}

// org creates an organisation with the admin's token and returns its id.
func (s *authServer) org(adminToken, name string) string {
	s.t.Helper()
	rec := s.do(http.MethodPost, "/v1/orgs", adminToken, fmt.Sprintf(`{"name":%q}`, name))
	s.mustStatus(rec, http.StatusCreated)
	var o Organisation
	decode(s.t, rec, &o)
	return o.ID
}

// invite creates a recruiter of org over HTTP and returns the set-password token.
func (s *authServer) invite(adminToken, org, email string) string {
	s.t.Helper()
	rec := s.do(http.MethodPost, "/v1/orgs/"+org+"/members", adminToken, fmt.Sprintf(`{"email":%q,"display_name":"Grace"}`, email))
	s.mustStatus(rec, http.StatusCreated)
	var inv Invitation
	decode(s.t, rec, &inv)
	return inv.SetPasswordToken
}

// recruiter invites a recruiter into org, sets their password and logs in.
func (s *authServer) recruiter(adminToken, org string) string {
	s.t.Helper()
	email := s.email("recruiter")
	token := s.invite(adminToken, org, email)
	rec := s.do(http.MethodPost, "/v1/auth/set-password", "", fmt.Sprintf(`{"token":%q,"password":%q}`, token, testPassword))
	s.mustStatus(rec, http.StatusNoContent)
	return s.login(email).AccessToken
}

// key creates an API key of org with scopes and returns its id and secret.
func (s *authServer) key(token, org string, scopes ...string) (string, string) {
	s.t.Helper()
	body, _ := json.Marshal(map[string]any{"name": "HR tool", "scopes": scopes})
	rec := s.do(http.MethodPost, "/v1/orgs/"+org+"/api-keys", token, string(body))
	s.mustStatus(rec, http.StatusCreated)
	var k NewAPIKey
	decode(s.t, rec, &k)
	return k.ID, k.Secret
}

func decode(t testing.TB, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %q: %v", rec.Body.String(), err)
	}
}

// problemOf checks that rec is application/problem+json and returns it.
func problemOf(t testing.TB, rec *httptest.ResponseRecorder) Problem {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != problemContentType {
		t.Fatalf("content type %q for %d: %s", ct, rec.Code, rec.Body.String())
	}
	var p Problem
	decode(t, rec, &p)
	if p.Status != rec.Code || p.RequestID == "" {
		t.Fatalf("incomplete problem %+v", p)
	}
	return p
}

type httptestRecorder = httptest.ResponseRecorder

func recorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func newRequest(method, path, body string) *http.Request {
	return httptest.NewRequest(method, path, strings.NewReader(body))
}
