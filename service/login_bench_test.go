package service_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// BenchmarkLogin measures a successful login with the production argon2id
// parameters (19 MiB, t=2, p=1) on SQLite: attempt count, user lookup,
// hash verification, refresh token insert and access token signing.
func BenchmarkLogin(b *testing.B) {
	e := newEnv(b, repotest.SQLite(b), service.DefaultArgon2)
	e.signup(b, "ada@example.org")
	p := service.DefaultArgon2
	b.Logf("argon2id m=%dKiB t=%d p=%d", p.Memory, p.Time, p.Threads)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.auth.Login(ctx, "ada@example.org", goodPassword); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoginUnknownEmail is the same request for an email nobody has:
// it must cost about as much as a known one.
func BenchmarkLoginUnknownEmail(b *testing.B) {
	e := newEnv(b, repotest.SQLite(b), service.DefaultArgon2)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		// A fresh email each time, so the lock-out never answers early.
		_, _ = e.auth.Login(ctx, fmt.Sprintf("nobody%d@example.org", i), goodPassword)
	}
}

func BenchmarkHashPassword(b *testing.B) {
	h := service.NewPasswordHasher(service.DefaultArgon2)
	for b.Loop() {
		if _, err := h.Hash(context.Background(), goodPassword); err != nil {
			b.Fatal(err)
		}
	}
}
