package service

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"time"
	"unicode/utf8"

	"github.com/rungs/rungs/domain"
)

// Tokens is what a login or a refresh returns.
type Tokens struct {
	AccessToken      string
	AccessExpiresAt  time.Time
	RefreshToken     string
	RefreshExpiresAt time.Time
}

// The same answer for an unknown email and a wrong password, so that login
// never tells whether an account exists.
var (
	errBadCredentials = domain.Errorf(domain.ErrUnauthorized, "The email or password is wrong.")
	errBadRefresh     = domain.Errorf(domain.ErrUnauthorized, "The refresh token is invalid, expired or revoked; log in again.")
)

// Login checks an email and password and returns a new token pair. The
// attempt is counted before the password is verified, so parallel guesses
// cannot exceed the account's budget; unknown emails are counted and hashed
// like known ones, so neither the answer nor its timing tells them apart.
func (a *Auth) Login(ctx context.Context, email, password string) (Tokens, error) {
	norm, err := domain.NormalizeEmail(email)
	if err != nil {
		return Tokens{}, errBadCredentials
	}
	u, err := a.checkPassword(ctx, norm, password)
	a.pruneAttempts(ctx)
	if err != nil {
		return Tokens{}, err
	}
	if err := a.st.LoginAttempts.Clear(ctx, a.accountKey(norm)); err != nil {
		return Tokens{}, err
	}
	return a.issue(ctx, u, newID())
}

// pruneAttempts deletes ended login windows at most once an hour, so that
// attempts on emails nobody has do not pile up, even while nobody logs in
// successfully. A failure only delays that.
func (a *Auth) pruneAttempts(ctx context.Context) {
	now := a.now().UTC()
	last := a.prunedAt.Load()
	if now.Unix()-last < 3600 || !a.prunedAt.CompareAndSwap(last, now.Unix()) {
		return
	}
	_, _ = a.st.LoginAttempts.Prune(ctx, now.Add(-a.cfg.Lockout))
}

// checkPassword counts one attempt against the account, then verifies the
// password; it returns the user when it matches. An overlong password is
// refused before anything is counted or hashed, whatever the caller checked.
func (a *Auth) checkPassword(ctx context.Context, email, password string) (domain.User, error) {
	if utf8.RuneCountInString(password) > domain.MaxPasswordLength {
		return domain.User{}, errBadCredentials
	}
	ok, wait, err := a.st.LoginAttempts.Begin(ctx, a.accountKey(email), a.now().UTC(), a.cfg.Lockout, a.cfg.MaxFailures)
	if err != nil {
		return domain.User{}, err
	}
	if !ok {
		return domain.User{}, &domain.RetryAfterError{
			Category: domain.ErrRateLimited,
			Msg:      "Too many failed logins for this account; try again later.",
			Seconds:  max(1, int(math.Ceil(wait.Seconds()))),
		}
	}
	u, err := a.st.Users.ByEmail(ctx, email)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return domain.User{}, err
	}
	hash := u.PasswordHash
	if err != nil || hash == "" {
		hash = a.dummyHash
	}
	match, verr := a.hasher.Verify(ctx, password, hash)
	if verr != nil {
		return domain.User{}, verr
	}
	if !match || hash == a.dummyHash {
		return domain.User{}, errBadCredentials
	}
	return u, nil
}

// accountKey is what the lock-out table keeps of an email: an HMAC keyed
// with the signing secret, so that the table alone cannot confirm which
// addresses were tried.
func (a *Auth) accountKey(email string) string {
	mac := hmac.New(sha256.New, a.cfg.Secret)
	mac.Write([]byte("login:" + email))
	return hex.EncodeToString(mac.Sum(nil))
}

// issue signs an access token and stores a new refresh token in family.
func (a *Auth) issue(ctx context.Context, u domain.User, family string) (Tokens, error) {
	access, accessExp, err := a.signAccess(u)
	if err != nil {
		return Tokens{}, err
	}
	now := a.now().UTC()
	raw := randomToken(32)
	rt := domain.RefreshToken{
		ID: newID(), UserID: u.ID, FamilyID: family, TokenHash: hashToken(raw),
		ExpiresAt: now.Add(a.cfg.RefreshTTL), CreatedAt: now,
	}
	if err := a.st.RefreshTokens.Create(ctx, rt); err != nil {
		return Tokens{}, err
	}
	return Tokens{AccessToken: access, AccessExpiresAt: accessExp, RefreshToken: raw, RefreshExpiresAt: rt.ExpiresAt}, nil
}

// Refresh rotates a refresh token: the one presented is marked used and a
// new pair is returned. A used token presented again means it leaked, so
// the whole family is revoked and the caller must log in again.
func (a *Auth) Refresh(ctx context.Context, raw string) (Tokens, error) {
	if raw == "" || len(raw) > 256 {
		return Tokens{}, errBadRefresh
	}
	var (
		out    Tokens
		reused bool
	)
	err := a.st.Tx.InTx(ctx, func(ctx context.Context) error {
		now := a.now().UTC()
		t, err := a.st.RefreshTokens.ByHash(ctx, hashToken(raw))
		switch {
		case errors.Is(err, domain.ErrNotFound):
			return errBadRefresh
		case err != nil:
			return err
		case t.RevokedAt != nil || !now.Before(t.ExpiresAt):
			return errBadRefresh
		case t.UsedAt != nil:
			reused = true
			return a.st.RefreshTokens.RevokeFamily(ctx, t.FamilyID, now)
		}
		marked, err := a.st.RefreshTokens.MarkUsed(ctx, t.ID, now)
		if err != nil {
			return err
		}
		if !marked {
			reused = true
			return a.st.RefreshTokens.RevokeFamily(ctx, t.FamilyID, now)
		}
		u, err := a.st.Users.ByID(ctx, t.UserID)
		if errors.Is(err, domain.ErrNotFound) {
			return errBadRefresh
		}
		if err != nil {
			return err
		}
		out, err = a.issue(ctx, u, t.FamilyID)
		return err
	})
	if err != nil {
		return Tokens{}, err
	}
	if reused {
		// The revocation above has committed; only now refuse.
		return Tokens{}, errBadRefresh
	}
	return out, nil
}

// Logout revokes the refresh token's whole family. An unknown token is not
// an error: the caller is logged out either way.
func (a *Auth) Logout(ctx context.Context, raw string) error {
	if raw == "" || len(raw) > 256 {
		return nil
	}
	t, err := a.st.RefreshTokens.ByHash(ctx, hashToken(raw))
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return a.st.RefreshTokens.RevokeFamily(ctx, t.FamilyID, a.now().UTC())
}
