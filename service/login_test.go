package service_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// Passwords over the cap are refused before they are counted or hashed,
// whichever entry point they come through.
func TestOverlongPasswordsAreRefusedBeforeCounting(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	u := e.signup(t, "ada@example.org")
	pr := userPrincipal(u)
	ctx := context.Background()
	huge := strings.Repeat("p", 1<<20)
	newPw := "another quite long phrase"
	for i := 0; i < 5; i++ {
		if _, err := e.auth.Login(ctx, "ada@example.org", huge); !errors.Is(err, domain.ErrUnauthorized) {
			t.Fatalf("login %d: %v", i, err)
		}
		var verr *domain.ValidationError
		_, err := e.users.UpdateMe(ctx, pr, service.MeUpdate{NewPassword: &newPw, CurrentPassword: huge})
		if !errors.As(err, &verr) || verr.Fields[0].Field != "current_password" {
			t.Fatalf("password change %d: %v", i, err)
		}
	}
	// Ten refusals above, a budget of three: none was counted.
	if _, err := e.auth.Login(ctx, "ada@example.org", goodPassword); err != nil {
		t.Fatalf("login after overlong attempts: %v", err)
	}
}

func TestFailedLoginsPruneEndedWindowsToo(t *testing.T) {
	e := newEnv(t, repotest.SQLite(t), cheapArgon2)
	ctx := context.Background()
	count := func() (n int) {
		if err := e.db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM login_failures").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	_, _ = e.auth.Login(ctx, "nobody@example.org", "a wrong guess here")
	e.clock.Add(2 * time.Hour)
	_, _ = e.auth.Login(ctx, "someone@example.org", "a wrong guess here")
	if n := count(); n != 1 {
		t.Fatalf("%d windows kept, want only the current one", n)
	}
}
