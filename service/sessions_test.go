package service_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

func mustVerify(t *testing.T, a *service.Auth, token string) service.Principal {
	t.Helper()
	pr, err := a.VerifyAccessToken(context.Background(), token)
	if err != nil {
		t.Fatalf("token refused: %v", err)
	}
	return pr
}

func mustRefuse(t *testing.T, a *service.Auth, token, when string) {
	t.Helper()
	if _, err := a.VerifyAccessToken(context.Background(), token); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("%s: token accepted (%v)", when, err)
	}
}

func TestEndingASessionStopsItsAccessTokens(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		e := newEnv(t, db, cheapArgon2)
		u := e.signup(t, "ada@example.org")
		ctx := context.Background()

		// Logout ends that session only.
		a, _ := e.auth.Login(ctx, "ada@example.org", goodPassword)
		b, _ := e.auth.Login(ctx, "ada@example.org", goodPassword)
		if pr := mustVerify(t, e.auth, a.AccessToken); pr.SessionID == "" {
			t.Fatal("no session in the principal")
		}
		if err := e.auth.Logout(ctx, a.RefreshToken); err != nil {
			t.Fatal(err)
		}
		mustRefuse(t, e.auth, a.AccessToken, "after logout")
		mustVerify(t, e.auth, b.AccessToken)
		if _, err := e.auth.Refresh(ctx, a.RefreshToken); !errors.Is(err, domain.ErrUnauthorized) {
			t.Fatalf("refresh of an ended session: %v", err)
		}

		// Sign out everywhere ends every session.
		c, _ := e.auth.Login(ctx, "ada@example.org", goodPassword)
		if list, _ := e.auth.Sessions(ctx, u.ID); len(list) != 2 {
			t.Fatalf("%d live sessions, want 2", len(list))
		}
		if err := e.auth.EndAllSessions(ctx, mustVerify(t, e.auth, b.AccessToken), u.ID); err != nil {
			t.Fatal(err)
		}
		mustRefuse(t, e.auth, b.AccessToken, "after sign out everywhere")
		mustRefuse(t, e.auth, c.AccessToken, "after sign out everywhere")
		if _, err := e.auth.Refresh(ctx, c.RefreshToken); !errors.Is(err, domain.ErrUnauthorized) {
			t.Fatalf("refresh after sign out everywhere: %v", err)
		}
		if list, _ := e.auth.Sessions(ctx, u.ID); len(list) != 0 {
			t.Fatalf("%d live sessions left", len(list))
		}

		// A password change ends every session, the one that made it too.
		d, _ := e.auth.Login(ctx, "ada@example.org", goodPassword)
		pr := mustVerify(t, e.auth, d.AccessToken)
		newPw := "another quite long phrase"
		if _, err := e.users.UpdateMe(ctx, pr, service.MeUpdate{CurrentPassword: goodPassword, NewPassword: &newPw}); err != nil {
			t.Fatal(err)
		}
		mustRefuse(t, e.auth, d.AccessToken, "after a password change")

		// A deleted account's tokens stop working.
		f, _ := e.auth.Login(ctx, "ada@example.org", newPw)
		g, _ := e.auth.Login(ctx, "ada@example.org", newPw)
		if err := e.users.DeleteMe(ctx, mustVerify(t, e.auth, f.AccessToken)); err != nil {
			t.Fatal(err)
		}
		mustRefuse(t, e.auth, f.AccessToken, "after the account was deleted")
		mustRefuse(t, e.auth, g.AccessToken, "after the account was deleted")
		if _, err := e.auth.Refresh(ctx, g.RefreshToken); !errors.Is(err, domain.ErrUnauthorized) {
			t.Fatalf("refresh after the account was deleted: %v", err)
		}
		if _, err := e.auth.Login(ctx, "ada@example.org", newPw); !errors.Is(err, domain.ErrUnauthorized) {
			t.Fatalf("login after the account was deleted: %v", err)
		}
	})
}

// A session ended by one process is refused by another within
// SessionCacheTTL, which stays under five seconds.
func TestAnotherProcessRefusesAnEndedSessionWithinTheCacheTTL(t *testing.T) {
	if service.SessionCacheTTL > 5*time.Second {
		t.Fatalf("SessionCacheTTL %v is over five seconds", service.SessionCacheTTL)
	}
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		e := newEnv(t, db, cheapArgon2)
		e.signup(t, "ada@example.org")
		other := newAuth(t, db, repository.NewUsers(db), service.NewAudit(repository.NewAuditLog(db), e.clock.Now),
			service.WithArgon2Params(cheapArgon2), service.WithClock(e.clock.Now))
		tok, _ := e.auth.Login(context.Background(), "ada@example.org", goodPassword)
		mustVerify(t, other, tok.AccessToken)
		if err := e.auth.Logout(context.Background(), tok.RefreshToken); err != nil {
			t.Fatal(err)
		}
		e.clock.Add(service.SessionCacheTTL)
		mustRefuse(t, other, tok.AccessToken, "on the other process after the cache TTL")
	})
}

// forge signs claims with the test secret and its key id, as only someone
// holding the secret could.
func forge(t *testing.T, claims jwt.MapClaims) string {
	t.Helper()
	secret := []byte(strings.Repeat("s", 32))
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	tok.Header["kid"] = service.KeyID(secret)
	s, err := tok.SignedString(secret)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestValidlySignedTokensWithoutALiveSessionAreRefused(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	u := e.signup(t, "ada@example.org")
	tok, _ := e.auth.Login(context.Background(), "ada@example.org", goodPassword)
	sid := mustVerify(t, e.auth, tok.AccessToken).SessionID
	now := e.clock.Now()
	base := func(sub, sid, role string) jwt.MapClaims {
		return jwt.MapClaims{"iss": "rungs", "sub": sub, "sid": sid, "role": role,
			"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(), "jti": uuid.NewString()}
	}
	cases := map[string]jwt.MapClaims{
		"a user that never existed":        base(uuid.NewString(), uuid.NewString(), domain.RoleJobSeeker),
		"a real session, another user":     base(uuid.NewString(), sid, domain.RoleJobSeeker),
		"a real user, an invented session": base(u.ID, uuid.NewString(), domain.RoleJobSeeker),
		"a real session, a raised role":    base(u.ID, sid, domain.RoleAdmin),
		"no session at all":                {"iss": "rungs", "sub": u.ID, "role": "job_seeker", "iat": now.Unix(), "exp": now.Add(time.Minute).Unix()},
	}
	for name, claims := range cases {
		mustRefuse(t, e.auth, forge(t, claims), name)
	}
	// The same forging with the real session and role verifies: the cases
	// above fail for the reason they name.
	mustVerify(t, e.auth, forge(t, base(u.ID, sid, domain.RoleJobSeeker)))
}

func TestRotatedSecretKeepsVerifyingWhilePrevious(t *testing.T) {
	db := repotest.SQLite(t)
	e := newEnv(t, db, cheapArgon2)
	e.signup(t, "ada@example.org")
	tok, _ := e.auth.Login(context.Background(), "ada@example.org", goodPassword)
	stores := service.AuthStores{Tx: db, Users: repository.NewUsers(db), RefreshTokens: repository.NewRefreshTokens(db),
		PasswordTokens: repository.NewPasswordTokens(db), LoginFailures: repository.NewLoginFailures(db),
		Sessions: repository.NewSessions(db), Audit: service.NewAudit(repository.NewAuditLog(db), e.clock.Now)}
	cfg := service.AuthConfig{Secret: []byte(strings.Repeat("n", 32)), AccessTTL: 15 * time.Minute, RefreshTTL: 24 * time.Hour,
		MaxFailures: 3, Lockout: 15 * time.Minute}
	withoutPrevious, err := service.NewAuth(cfg, stores, service.WithArgon2Params(cheapArgon2), service.WithClock(e.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	mustRefuse(t, withoutPrevious, tok.AccessToken, "old token after rotation without the previous secret")
	cfg.PreviousSecret = []byte(strings.Repeat("s", 32))
	rotated, err := service.NewAuth(cfg, stores, service.WithArgon2Params(cheapArgon2), service.WithClock(e.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	mustVerify(t, rotated, tok.AccessToken)
	fresh, _ := rotated.Login(context.Background(), "ada@example.org", goodPassword)
	mustRefuse(t, e.auth, fresh.AccessToken, "a token of the new secret on a process that only knows the old one")
	mustVerify(t, rotated, fresh.AccessToken)
}
