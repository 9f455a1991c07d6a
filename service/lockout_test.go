package service_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// from is a request context coming from address ip.
func from(ip string) context.Context {
	return service.WithRequestMeta(context.Background(), service.RequestMeta{ClientIP: ip, UserAgent: "test"})
}

func retryAfter(t *testing.T, err error) int {
	t.Helper()
	var ra *domain.RetryAfterError
	if !errors.As(err, &ra) || !errors.Is(err, domain.ErrRateLimited) {
		t.Fatalf("want 429 with Retry-After, got %v", err)
	}
	return ra.Seconds
}

// With a budget of three, an address's fourth wrong guess waits 1 s, then
// 2 s, 4 s, 8 s; another address, and the owner, are not held up.
func TestLoginDelaysGrowPerAccountAndAddress(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	e.signup(t, "ada@example.org")
	for _, email := range []string{"ada@example.org", "nobody@example.org"} {
		attacker := from("203.0.113.9")
		for i := 0; i < 3; i++ {
			if _, err := e.auth.Login(attacker, email, "wrong guess number"); !errors.Is(err, domain.ErrUnauthorized) {
				t.Fatalf("%s guess %d: %v", email, i, err)
			}
		}
		var waits []int
		for i := 0; i < 4; i++ {
			// Refused at once, even with the right password, until the wait is over.
			_, err := e.auth.Login(attacker, email, goodPassword)
			w := retryAfter(t, err)
			waits = append(waits, w)
			e.clock.Add(time.Duration(w) * time.Second)
			if _, err := e.auth.Login(attacker, email, "wrong guess number"); !errors.Is(err, domain.ErrUnauthorized) {
				t.Fatalf("%s guess after waiting: %v", email, err)
			}
		}
		if fmt.Sprint(waits) != "[1 2 4 8]" {
			t.Fatalf("%s waits %v, want [1 2 4 8]", email, waits)
		}
	}
	// The same account from another address signs in at once.
	if _, err := e.auth.Login(from("198.51.100.4"), "ada@example.org", goodPassword); err != nil {
		t.Fatalf("owner from another address: %v", err)
	}
	// Fifteen minutes after the last failure the attacker's count starts again.
	e.clock.Add(16 * time.Minute)
	if _, err := e.auth.Login(from("203.0.113.9"), "ada@example.org", goodPassword); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

// An IPv6 subscriber cannot dodge the delays by changing address inside its /64.
func TestLoginDelaysCountAnIPv6BlockAsOneSource(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	e.signup(t, "ada@example.org")
	var err error
	for i := 0; i < 4; i++ {
		_, err = e.auth.Login(from(fmt.Sprintf("2001:db8:7:9::%x", i+1)), "ada@example.org", "wrong guess number")
	}
	retryAfter(t, err)
}

// 200 wrong passwords from 20 addresses: every attacking address gets 429s
// with growing Retry-After, the account ends up protected against new
// addresses, and the owner still signs in from an address used before.
func TestWideAttackDoesNotLockTheOwnerOut(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		e := newEnv(t, db, cheapArgon2)
		e.signup(t, "ada@example.org")
		home := from("198.51.100.4")
		if _, err := e.auth.Login(home, "ada@example.org", goodPassword); err != nil {
			t.Fatal(err)
		}
		rejected, limited := 0, 0
		for round := 0; round < 10; round++ {
			for a := 0; a < 20; a++ {
				_, err := e.auth.Login(from(fmt.Sprintf("203.0.113.%d", a+1)), "ada@example.org", "wrong guess number")
				switch {
				case errors.Is(err, domain.ErrUnauthorized):
					rejected++
				case errors.Is(err, domain.ErrRateLimited):
					limited++
				default:
					t.Fatalf("round %d address %d: %v", round, a, err)
				}
			}
			e.clock.Add(time.Second)
		}
		if rejected+limited != 200 || limited == 0 {
			t.Fatalf("%d rejected, %d limited", rejected, limited)
		}
		// The attackers' waits grow as they keep trying.
		attacker := from("203.0.113.1")
		var waits []int
		for i := 0; i < 3; i++ {
			_, err := e.auth.Login(attacker, "ada@example.org", "wrong guess number")
			for errors.Is(err, domain.ErrRateLimited) && len(waits) <= i {
				w := retryAfter(t, err)
				e.clock.Add(time.Duration(w) * time.Second)
				_, err = e.auth.Login(attacker, "ada@example.org", "wrong guess number")
				if errors.Is(err, domain.ErrRateLimited) {
					waits = append(waits, retryAfter(t, err))
				}
			}
		}
		for i := 1; i < len(waits); i++ {
			if waits[i] <= waits[i-1] {
				t.Fatalf("waits do not grow: %v", waits)
			}
		}
		// A new address is refused while the attack lasts, even with the password...
		if _, err := e.auth.Login(from("192.0.2.77"), "ada@example.org", goodPassword); !errors.Is(err, domain.ErrRateLimited) {
			t.Fatalf("new address during the attack: %v", err)
		}
		// ...but the owner's own address gets in.
		if _, err := e.auth.Login(home, "ada@example.org", goodPassword); err != nil {
			t.Fatalf("owner from a known address: %v", err)
		}
	})
}
