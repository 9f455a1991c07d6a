package service_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// usersHook runs hook once, right after the next ByID returns: the moment
// another request could change the account under a rename.
type usersHook struct {
	service.UserStore
	hook func()
}

func (u *usersHook) ByID(ctx context.Context, id string) (domain.User, error) {
	got, err := u.UserStore.ByID(ctx, id)
	if h := u.hook; h != nil {
		u.hook = nil
		h()
	}
	return got, err
}

// A rename that read the account before a concurrent password change must
// not write the old hash back: the change, and the sessions it ended, stand.
func TestRenameDoesNotUndoAConcurrentPasswordChange(t *testing.T) {
	db := repotest.SQLite(t)
	e := newEnv(t, db, cheapArgon2)
	u := e.signup(t, "ada@example.org")
	pr := userPrincipal(u)
	ctx := context.Background()

	hooked := &usersHook{UserStore: repository.NewUsers(db)}
	auth := newAuth(t, db, hooked, service.NewAudit(repository.NewAuditLog(db), nil), service.WithArgon2Params(cheapArgon2))
	newPw := "another quite long phrase"
	hooked.hook = func() {
		if _, err := e.users.UpdateMe(ctx, pr, service.MeUpdate{NewPassword: &newPw, CurrentPassword: goodPassword}); err != nil {
			t.Errorf("password change: %v", err)
		}
	}
	name := "Ada L."
	got, err := service.NewUsers(auth).UpdateMe(ctx, pr, service.MeUpdate{DisplayName: &name})
	if err != nil || got.DisplayName != name {
		t.Fatalf("rename: %+v %v", got, err)
	}
	if _, err := e.auth.Login(ctx, "ada@example.org", goodPassword); !errors.Is(err, domain.ErrUnauthorized) {
		t.Fatalf("the old password works again: %v", err)
	}
	if _, err := e.auth.Login(ctx, "ada@example.org", newPw); err != nil {
		t.Fatalf("the new password was undone: %v", err)
	}
}
