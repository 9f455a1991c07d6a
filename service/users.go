package service

import (
	"context"
	"errors"

	"github.com/rungs/rungs/domain"
)

// Users serves a signed-in user's own account.
type Users struct {
	a       *Auth
	erasers []Eraser
}

// Eraser removes what another part of Rungs keeps about a user, inside the
// account deletion's transaction.
type Eraser interface {
	EraseOwner(ctx context.Context, userID string) error
}

// NewUsers returns the account service; it shares Auth's stores and
// hasher. erasers run when an account is deleted.
func NewUsers(a *Auth, erasers ...Eraser) *Users { return &Users{a: a, erasers: erasers} }

// Me returns the caller's account.
func (s *Users) Me(ctx context.Context, pr Principal) (domain.User, error) {
	return s.a.st.Users.ByID(ctx, pr.UserID)
}

// MeUpdate changes the caller's display name, password, or both. A new
// password needs the current one.
type MeUpdate struct {
	DisplayName     *string
	CurrentPassword string
	NewPassword     *string
}

// UpdateMe applies u. A password change counts against the account's login
// budget like a login, and ends every session of the account in the
// transaction that stores the new hash.
func (s *Users) UpdateMe(ctx context.Context, pr Principal, u MeUpdate) (domain.User, error) {
	verr := &domain.ValidationError{}
	var name string
	if u.DisplayName != nil {
		name = checkName(verr, "display_name", *u.DisplayName, domain.MaxDisplayNameLength)
	}
	if u.NewPassword != nil {
		if err := domain.CheckPassword(*u.NewPassword); err != nil {
			verr.Add("new_password", "policy", trimField(err, "password"))
		}
		if u.CurrentPassword == "" {
			verr.Add("current_password", "required", "is required to change the password")
		}
	}
	if err := verr.OrNil(); err != nil {
		return domain.User{}, err
	}
	user, err := s.a.st.Users.ByID(ctx, pr.UserID)
	if err != nil {
		return domain.User{}, err
	}
	var hash string
	if u.NewPassword != nil {
		if _, err := s.a.checkPassword(ctx, user.Email, u.CurrentPassword); err != nil {
			if errors.Is(err, domain.ErrUnauthorized) {
				verr.Add("current_password", "match", "does not match the current password")
				return domain.User{}, verr
			}
			return domain.User{}, err
		}
		if err := s.a.st.LoginFailures.Succeeded(ctx, s.a.pairKey(ctx, user.Email), s.a.now().UTC()); err != nil {
			return domain.User{}, err
		}
		if hash, err = s.a.hasher.Hash(ctx, *u.NewPassword); err != nil {
			return domain.User{}, err
		}
	}
	err = s.a.st.Tx.InTx(ctx, func(ctx context.Context) error {
		now := s.a.now().UTC()
		if u.DisplayName != nil {
			if err := s.a.st.Users.SetDisplayName(ctx, user.ID, name, now); err != nil {
				return err
			}
			if err := s.a.st.Audit.Record(ctx, Entry(pr, ActionMeUpdate, ObjectUser, user.ID)); err != nil {
				return err
			}
		}
		if hash != "" {
			if err := s.a.st.Users.SetPasswordHash(ctx, user.ID, hash, now); err != nil {
				return err
			}
			// A new password signs the account out everywhere, this device too.
			if err := s.a.endUserSessions(ctx, user.ID, now); err != nil {
				return err
			}
			if err := s.a.st.Audit.Record(ctx, Entry(pr, ActionPasswordChange, ObjectUser, user.ID)); err != nil {
				return err
			}
		}
		fresh, err := s.a.st.Users.ByID(ctx, user.ID)
		user = fresh
		return err
	})
	if err != nil {
		return domain.User{}, err
	}
	return user, nil
}

// DeleteMe erases the caller's account: every session ends at once and the
// user row goes with its sessions, refresh and password tokens. Audit
// entries naming the account keep only their action and time.
func (s *Users) DeleteMe(ctx context.Context, pr Principal) error {
	return s.a.st.Tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.a.st.Users.ByID(ctx, pr.UserID); err != nil {
			return err
		}
		if err := s.a.endUserSessions(ctx, pr.UserID, s.a.now().UTC()); err != nil {
			return err
		}
		for _, e := range s.erasers {
			if err := e.EraseOwner(ctx, pr.UserID); err != nil {
				return err
			}
		}
		if err := s.a.st.Users.Delete(ctx, pr.UserID); err != nil {
			return err
		}
		if err := s.a.st.Audit.Record(ctx, Entry(pr, ActionMeDelete, ObjectUser, pr.UserID)); err != nil {
			return err
		}
		return s.a.st.Audit.Anonymise(ctx, pr.UserID)
	})
}
