package service

import (
	"context"
	"errors"
	"time"

	"github.com/rungs/rungs/domain"
)

// PasswordTokenTTL is how long an invitation's set-password token stays valid.
const PasswordTokenTTL = 72 * time.Hour

var errBadPasswordToken = domain.Errorf(domain.ErrUnauthorized, "The set-password token is invalid, used or expired.")

// SetPassword spends a one-time token to set its user's password. Every
// refresh token of the user is revoked with it, in the same transaction.
func (a *Auth) SetPassword(ctx context.Context, token, password string) error {
	if err := domain.CheckPassword(password); err != nil {
		return fieldError("password", err)
	}
	if token == "" || len(token) > 256 {
		return errBadPasswordToken
	}
	t, err := a.st.PasswordTokens.ByHash(ctx, hashToken(token))
	if errors.Is(err, domain.ErrNotFound) {
		return errBadPasswordToken
	}
	if err != nil {
		return err
	}
	if t.UsedAt != nil || !a.now().Before(t.ExpiresAt) {
		return errBadPasswordToken
	}
	// Hash outside the transaction: it takes tens of milliseconds.
	hash, err := a.hasher.Hash(ctx, password)
	if err != nil {
		return err
	}
	return a.st.Tx.InTx(ctx, func(ctx context.Context) error {
		now := a.now().UTC()
		used, err := a.st.PasswordTokens.Use(ctx, t.ID, now)
		if err != nil {
			return err
		}
		if !used {
			return errBadPasswordToken
		}
		u, err := a.st.Users.ByID(ctx, t.UserID)
		if err != nil {
			return err
		}
		if err := a.st.Users.SetPasswordHash(ctx, u.ID, hash, now); err != nil {
			return err
		}
		if err := a.endUserSessions(ctx, u.ID, now); err != nil {
			return err
		}
		pr := Principal{Kind: PrincipalUser, UserID: u.ID, Role: u.Role, OrgID: u.OrganisationID}
		return a.st.Audit.Record(ctx, Entry(pr, ActionSetPassword, ObjectUser, u.ID))
	})
}
