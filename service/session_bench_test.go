package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// BenchmarkAccessTokenCheck measures what a request with an access token
// costs: the session check alone (cache hit, what nearly every request
// pays), a cache miss (one indexed read, once per session and process every
// SessionCacheTTL), and the whole VerifyAccessToken (HS256 and the check).
func BenchmarkAccessTokenCheck(b *testing.B) {
	db := repotest.SQLite(b)
	e := newEnv(b, db, cheapArgon2)
	e.signup(b, "ada@example.org")
	ctx := context.Background()
	d, err := e.auth.Login(ctx, "ada@example.org", goodPassword)
	if err != nil {
		b.Fatal(err)
	}
	pr, err := e.auth.VerifyAccessToken(ctx, d.AccessToken)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("session-check/hit", func(b *testing.B) {
		g := service.NewSessionGuard(repository.NewSessions(db), nil)
		_ = g.Check(ctx, pr.SessionID, pr.UserID, pr.Role, pr.OrgID)
		b.ReportAllocs()
		for b.Loop() {
			if err := g.Check(ctx, pr.SessionID, pr.UserID, pr.Role, pr.OrgID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("session-check/miss", func(b *testing.B) {
		now := time.Now()
		g := service.NewSessionGuard(repository.NewSessions(db), func() time.Time { return now })
		b.ReportAllocs()
		for b.Loop() {
			now = now.Add(service.SessionCacheTTL)
			if err := g.Check(ctx, pr.SessionID, pr.UserID, pr.Role, pr.OrgID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("verify-access-token", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := e.auth.VerifyAccessToken(ctx, d.AccessToken); err != nil {
				b.Fatal(err)
			}
		}
	})
}
