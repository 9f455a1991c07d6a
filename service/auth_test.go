package service_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

const goodPassword = "a long and unusual passphrase"

var cheapArgon2 = service.Argon2Params{Memory: 64, Time: 1, Threads: 1}

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type env struct {
	db    *repository.DB
	auth  *service.Auth
	users *service.Users
	orgs  *service.Orgs
	keys  *service.APIKeys
	clock *clock
	audit *repository.AuditLog
}

func newEnv(t testing.TB, db *repository.DB, params service.Argon2Params) *env {
	t.Helper()
	c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	auditLog := repository.NewAuditLog(db)
	audit := service.NewAudit(auditLog, c.Now)
	users := repository.NewUsers(db)
	orgs := repository.NewOrganisations(db)
	auth := newAuth(t, db, users, audit, service.WithArgon2Params(params), service.WithClock(c.Now))
	return &env{
		db: db, auth: auth, users: service.NewUsers(auth), clock: c, audit: auditLog,
		orgs: service.NewOrgs(db, orgs, users, repository.NewPasswordTokens(db), audit, c.Now),
		keys: service.NewAPIKeys(db, repository.NewAPIKeys(db), orgs, audit, c.Now),
	}
}

// newAuth is the Auth every test uses (a budget of three logins, a 15-minute
// lock-out) over db's stores, with users standing in for the account store.
func newAuth(t testing.TB, db *repository.DB, users service.UserStore, audit *service.Audit, opts ...service.AuthOption) *service.Auth {
	t.Helper()
	auth, err := service.NewAuth(service.AuthConfig{
		Secret: []byte(strings.Repeat("s", 32)), AccessTTL: 15 * time.Minute, RefreshTTL: 24 * time.Hour,
		MaxFailures: 3, Lockout: 15 * time.Minute,
	}, service.AuthStores{
		Tx: db, Users: users, RefreshTokens: repository.NewRefreshTokens(db), PasswordTokens: repository.NewPasswordTokens(db),
		LoginFailures: repository.NewLoginFailures(db), Sessions: repository.NewSessions(db), Audit: audit,
	}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return auth
}

// adminOrg creates the organisation "Acme" as an administrator and returns both.
func (e *env) adminOrg(t testing.TB) (service.Principal, domain.Organisation) {
	t.Helper()
	admin := service.Principal{Kind: service.PrincipalUser, Role: domain.RoleAdmin}
	org, err := e.orgs.Create(context.Background(), admin, "Acme")
	if err != nil {
		t.Fatal(err)
	}
	return admin, org
}

// userPrincipal is the principal of u signed in.
func userPrincipal(u domain.User) service.Principal {
	return service.Principal{Kind: service.PrincipalUser, UserID: u.ID, Role: u.Role}
}

func (e *env) signup(t testing.TB, email string) domain.User {
	t.Helper()
	u, err := e.auth.Signup(context.Background(), service.NewAccount{Email: email, DisplayName: "Ada", Password: goodPassword})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSignupCreatesAJobSeeker(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	ctx := service.WithRequestID(context.Background(), "req-1")
	u, err := e.auth.Signup(ctx, service.NewAccount{Email: " Ada@Example.org", DisplayName: "  Ada   Lovelace ", Password: goodPassword})
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != domain.RoleJobSeeker || u.OrganisationID != "" || u.Email != "ada@example.org" || u.DisplayName != "Ada Lovelace" {
		t.Fatalf("user %+v", u)
	}
	entries, _ := e.audit.ByObject(ctx, service.ObjectUser, u.ID)
	if len(entries) != 1 || entries[0].Action != string(service.ActionSignup) || entries[0].RequestID != "req-1" || entries[0].PrincipalID != u.ID {
		t.Fatalf("audit %+v", entries)
	}
	// A second signup for the email looks like a new one and changes nothing.
	other, err := e.auth.Signup(ctx, service.NewAccount{Email: "ADA@example.org", DisplayName: "Mallory", Password: "a different long passphrase"})
	if err != nil {
		t.Fatalf("second signup: %v", err)
	}
	if other.ID == u.ID || other.Email != "ada@example.org" || other.DisplayName != "Mallory" || other.Role != domain.RoleJobSeeker || other.PasswordHash != "" {
		t.Fatalf("second signup answered %+v", other)
	}
	if _, err := e.auth.Login(ctx, "ada@example.org", goodPassword); err != nil {
		t.Fatalf("the owner's password changed: %v", err)
	}
	if _, err := e.auth.Login(ctx, "ada@example.org", "a different long passphrase"); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("the second signup's password works: %v", err)
	}
	if entries, _ := e.audit.ByObject(ctx, service.ObjectUser, other.ID); len(entries) != 0 {
		t.Fatalf("audit for the answer that leads nowhere: %+v", entries)
	}
	var verr *domain.ValidationError
	_, err = e.auth.Signup(ctx, service.NewAccount{Email: "nope", DisplayName: " ", Password: "password1234"})
	if !errors.As(err, &verr) || len(verr.Fields) != 2 {
		t.Fatalf("bad signup: %v", err)
	}
}

func TestLoginAnswersTheSameForUnknownEmailAndWrongPassword(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	e.signup(t, "ada@example.org")
	ctx := context.Background()
	_, wrong := e.auth.Login(ctx, "ada@example.org", "not the passphrase")
	_, unknown := e.auth.Login(ctx, "nobody@example.org", "not the passphrase")
	if wrong == nil || unknown == nil || wrong.Error() != unknown.Error() || !errors.Is(wrong, domain.ErrUnauthorized) {
		t.Fatalf("wrong %v, unknown %v", wrong, unknown)
	}
	tok, err := e.auth.Login(ctx, "ADA@example.org ", goodPassword)
	if err != nil || tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Fatalf("login: %+v %v", tok, err)
	}
	if !tok.AccessExpiresAt.Equal(e.clock.Now().Add(15 * time.Minute)) {
		t.Fatalf("access expires %v", tok.AccessExpiresAt)
	}
	pr, err := e.auth.VerifyAccessToken(context.Background(), tok.AccessToken)
	if err != nil || pr.Kind != service.PrincipalUser || pr.Role != domain.RoleJobSeeker || pr.UserID == "" {
		t.Fatalf("principal %+v %v", pr, err)
	}
}

// Guesses sent in parallel are counted before they are verified, so no more
// of them are checked than the budget allows.
func TestParallelGuessesCannotExceedTheBudget(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	e.signup(t, "ada@example.org")
	var (
		wg               sync.WaitGroup
		mu               sync.Mutex
		checked, refused int
	)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.auth.Login(context.Background(), "ada@example.org", "wrong guess number")
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, domain.ErrUnauthorized):
				checked++
			case errors.Is(err, domain.ErrRateLimited):
				refused++
			default:
				t.Errorf("unexpected %v", err)
			}
		}()
	}
	wg.Wait()
	// Two failures are free and the third sets a wait, so at most three
	// guesses reach the password check, however they are interleaved.
	if checked < 1 || checked > 3 || checked+refused != 20 {
		t.Fatalf("checked %d, refused %d", checked, refused)
	}
}

func TestRefreshRotatesAndReuseRevokesTheFamily(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	e.signup(t, "ada@example.org")
	ctx := context.Background()
	first, err := e.auth.Login(ctx, "ada@example.org", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	second, err := e.auth.Refresh(ctx, first.RefreshToken)
	if err != nil || second.RefreshToken == first.RefreshToken {
		t.Fatalf("refresh: %v", err)
	}
	// An attacker replays the first token: refused, and the family dies.
	if _, err := e.auth.Refresh(ctx, first.RefreshToken); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("reuse: %v", err)
	}
	if _, err := e.auth.Refresh(ctx, second.RefreshToken); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("sibling after reuse: %v", err)
	}
	// Another session is untouched; logout ends it.
	other, _ := e.auth.Login(ctx, "ada@example.org", goodPassword)
	if err := e.auth.Logout(ctx, other.RefreshToken); err != nil {
		t.Fatal(err)
	}
	if _, err := e.auth.Refresh(ctx, other.RefreshToken); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("after logout: %v", err)
	}
	// Expiry.
	late, _ := e.auth.Login(ctx, "ada@example.org", goodPassword)
	e.clock.Add(24 * time.Hour)
	if _, err := e.auth.Refresh(ctx, late.RefreshToken); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("expired: %v", err)
	}
	if err := e.auth.Logout(ctx, "never-issued"); err != nil {
		t.Fatalf("logout of an unknown token: %v", err)
	}
}

func TestConcurrentRefreshWithOneTokenKillsTheFamily(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		e := newEnv(t, db, cheapArgon2)
		e.signup(t, "ada@example.org")
		tok, _ := e.auth.Login(context.Background(), "ada@example.org", goodPassword)
		var wg sync.WaitGroup
		results := make([]service.Tokens, 4)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], _ = e.auth.Refresh(context.Background(), tok.RefreshToken)
			}()
		}
		wg.Wait()
		wins := 0
		for _, r := range results {
			if r.RefreshToken != "" {
				wins++
				// The winner's token belongs to a family now revoked.
				if _, err := e.auth.Refresh(context.Background(), r.RefreshToken); !errors.Is(err, domain.ErrUnauthorized) {
					t.Fatalf("winner's token survived reuse: %v", err)
				}
			}
		}
		if wins > 1 {
			t.Fatalf("%d refreshes succeeded with one token", wins)
		}
	})
}

func TestAccessTokenExpires(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	e.signup(t, "ada@example.org")
	tok, _ := e.auth.Login(context.Background(), "ada@example.org", goodPassword)
	e.clock.Add(15*time.Minute + time.Second)
	if _, err := e.auth.VerifyAccessToken(context.Background(), tok.AccessToken); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("expired token accepted: %v", err)
	}
}

func TestInvitedRecruiterSetsAPasswordOnce(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	ctx := context.Background()
	admin := service.Principal{Kind: service.PrincipalUser, UserID: "00000000-0000-7000-8000-000000000001", Role: domain.RoleAdmin}
	org, err := e.orgs.Create(ctx, admin, "  Acme   Community ")
	if err != nil || org.Name != "Acme Community" {
		t.Fatalf("org %+v %v", org, err)
	}
	inv, err := e.orgs.InviteRecruiter(ctx, admin, org.ID, "grace@example.org", "Grace")
	if err != nil || inv.User.Role != domain.RoleRecruiter || inv.User.OrganisationID != org.ID || inv.SetPasswordToken == "" {
		t.Fatalf("invite %+v %v", inv, err)
	}
	// No password yet: login fails like any wrong password.
	if _, err := e.auth.Login(ctx, "grace@example.org", goodPassword); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("login before set-password: %v", err)
	}
	if err := e.auth.SetPassword(ctx, inv.SetPasswordToken, "short"); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("short password: %v", err)
	}
	if err := e.auth.SetPassword(ctx, inv.SetPasswordToken, goodPassword); err != nil {
		t.Fatal(err)
	}
	if err := e.auth.SetPassword(ctx, inv.SetPasswordToken, goodPassword+"!"); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("token used twice: %v", err)
	}
	tok, err := e.auth.Login(ctx, "grace@example.org", goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	pr, _ := e.auth.VerifyAccessToken(context.Background(), tok.AccessToken)
	if pr.Role != domain.RoleRecruiter || pr.OrgID != org.ID {
		t.Fatalf("principal %+v", pr)
	}
	if _, err := e.orgs.InviteRecruiter(ctx, admin, org.ID, "GRACE@example.org", "G"); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("duplicate invite: %v", err)
	}
	if _, err := e.orgs.InviteRecruiter(ctx, admin, "00000000-0000-7000-8000-000000000009", "x@example.org", "X"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("invite into a missing organisation: %v", err)
	}
}

func TestPasswordChangeNeedsTheOldOneAndEndsSessions(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	u := e.signup(t, "ada@example.org")
	ctx := context.Background()
	pr := userPrincipal(u)
	session, _ := e.auth.Login(ctx, "ada@example.org", goodPassword)
	newPw := "another quite long phrase"
	var verr *domain.ValidationError
	_, err := e.users.UpdateMe(ctx, pr, service.MeUpdate{NewPassword: &newPw, CurrentPassword: "not the passphrase"})
	if !errors.As(err, &verr) || verr.Fields[0].Field != "current_password" {
		t.Fatalf("wrong current password: %v", err)
	}
	_, err = e.users.UpdateMe(ctx, pr, service.MeUpdate{NewPassword: &newPw})
	if !errors.As(err, &verr) || verr.Fields[0].Field != "current_password" {
		t.Fatalf("missing current password: %v", err)
	}
	name := "Ada L."
	got, err := e.users.UpdateMe(ctx, pr, service.MeUpdate{DisplayName: &name, NewPassword: &newPw, CurrentPassword: goodPassword})
	if err != nil || got.DisplayName != "Ada L." {
		t.Fatalf("update: %+v %v", got, err)
	}
	if _, err := e.auth.Refresh(ctx, session.RefreshToken); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("old session survived a password change: %v", err)
	}
	if _, err := e.auth.Login(ctx, "ada@example.org", newPw); err != nil {
		t.Fatalf("login with the new password: %v", err)
	}
}

func TestAPIKeysCapAndAuthenticate(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	ctx := context.Background()
	au, err := e.auth.CreateAdmin(ctx, service.NewAccount{Email: "root@example.org", DisplayName: "Root", Password: goodPassword})
	if err != nil {
		t.Fatal(err)
	}
	admin := userPrincipal(au)
	org, _ := e.orgs.Create(ctx, admin, "Acme")
	k, secret, err := e.keys.Create(ctx, admin, org.ID, service.NewAPIKey{Name: "ATS", Scopes: []string{"search", "search", "candidates:read"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, "rk_") || len(secret) < 3+43 || !strings.HasPrefix(secret, k.Prefix) || len(k.Scopes) != 2 {
		t.Fatalf("key %+v secret length %d", k, len(secret))
	}
	pr, err := e.keys.Authenticate(ctx, secret)
	if err != nil || pr.Kind != service.PrincipalAPIKey || pr.OrgID != org.ID || !pr.HasScope("search") || pr.HasScope("candidates:write") {
		t.Fatalf("principal %+v %v", pr, err)
	}
	list, _, _ := e.keys.List(ctx, org.ID, "", 10)
	if len(list) != 1 || list[0].LastUsedAt == nil {
		t.Fatalf("last used not recorded: %+v", list)
	}
	flip := byte('A')
	if secret[len(secret)-1] == flip {
		flip = 'B'
	}
	tampered := secret[:len(secret)-1] + string(flip)
	if _, err := e.keys.Authenticate(ctx, tampered); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("tampered key: %v", err)
	}
	if err := e.keys.Revoke(ctx, admin, org.ID, k.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.keys.Authenticate(ctx, secret); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("revoked key: %v", err)
	}
	for i := 0; i < domain.MaxAPIKeysPerOrganisation; i++ {
		if _, _, err := e.keys.Create(ctx, admin, org.ID, service.NewAPIKey{Name: "k", Scopes: []string{"search"}}); err != nil {
			t.Fatalf("key %d: %v", i, err)
		}
	}
	if _, _, err := e.keys.Create(ctx, admin, org.ID, service.NewAPIKey{Name: "one too many", Scopes: []string{"search"}}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("over the cap: %v", err)
	}
	page, next, _ := e.keys.List(ctx, org.ID, "", 60)
	rest, after, _ := e.keys.List(ctx, org.ID, next, 60)
	if len(page) != 60 || len(rest) != 40 || after != "" || rest[0].ID <= page[59].ID {
		t.Fatalf("pages %d/%d next %q", len(page), len(rest), after)
	}
}

func TestSuccessfulLoginsPruneEndedWindows(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	e.signup(t, "ada@example.org")
	ctx := context.Background()
	_, _ = e.auth.Login(ctx, "nobody@example.org", "a wrong guess here")
	count := func() (n int) {
		_ = e.db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM login_failures").Scan(&n)
		return n
	}
	if count() != 1 {
		t.Fatal("attempt not counted")
	}
	// Pruning runs at most once an hour.
	e.clock.Add(time.Hour + time.Minute)
	if _, err := e.auth.Login(ctx, "ada@example.org", goodPassword); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Fatalf("%d old failures kept", n)
	}
}
