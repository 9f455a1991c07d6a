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

// Login checks an email and password and returns a new token pair in a new
// session. Failures are counted per account and source address together
// (an IPv6 address by its /64): a pair gets MaxFailures tries, then waits
// 1 s, 2 s, 4 s... up to Lockout before each next one. Only when an account
// collects many failures from many sources is it locked, and then only for
// sources that never signed in to it: its owner, on a device they used
// before, still gets in. Each attempt is counted before the password is
// verified, so parallel guesses share one turn; unknown emails are counted
// and hashed like known ones, so neither the answer nor its timing tells
// them apart.
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
	if err := a.st.LoginFailures.Succeeded(ctx, a.pairKey(ctx, norm), a.now().UTC()); err != nil {
		return Tokens{}, err
	}
	var out Tokens
	err = a.st.Tx.InTx(ctx, func(ctx context.Context) error {
		now := a.now().UTC()
		s := domain.Session{ID: newID(), UserID: u.ID, Device: deviceOf(ctx), CreatedAt: now, LastUsedAt: now}
		if err := a.st.Sessions.Create(ctx, s); err != nil {
			return err
		}
		out, err = a.issue(ctx, u, s.ID)
		return err
	})
	return out, err
}

// pruneAttempts deletes old login failures and known sources, and long-ended
// sessions, at most once an hour, so that attempts on emails nobody has do
// not pile up. A failure only delays that.
func (a *Auth) pruneAttempts(ctx context.Context) {
	now := a.now().UTC()
	last := a.prunedAt.Load()
	if now.Unix()-last < 3600 || !a.prunedAt.CompareAndSwap(last, now.Unix()) {
		return
	}
	_ = a.st.LoginFailures.Prune(ctx, now.Add(-a.cfg.Lockout), now.Add(-a.cfg.KnownSourceTTL))
	_ = a.st.Sessions.Prune(ctx, now.Add(-a.cfg.RefreshTTL))
}

// loginDelay is how long a pair waits after its failures-th failure.
func (a *Auth) loginDelay(failures int) time.Duration {
	if failures < a.cfg.MaxFailures {
		return 0
	}
	shift := min(failures-a.cfg.MaxFailures, 30)
	return min(time.Second<<shift, a.cfg.Lockout)
}

// checkPassword counts one attempt against the account and source, then
// verifies the password; it returns the user when it matches. An overlong
// password is refused before anything is counted or hashed, whatever the
// caller checked.
func (a *Auth) checkPassword(ctx context.Context, email, password string) (domain.User, error) {
	if utf8.RuneCountInString(password) > domain.MaxPasswordLength {
		return domain.User{}, errBadCredentials
	}
	now := a.now().UTC()
	account, pair := a.accountKey(email), a.pairKey(ctx, email)
	ok, wait, failures, err := a.st.LoginFailures.Begin(ctx, pair, account, now, a.cfg.Lockout, a.loginDelay)
	if err != nil {
		return domain.User{}, err
	}
	if !ok {
		return domain.User{}, retryLogin("Too many failed logins from this address; try again later.", wait)
	}
	if err := a.checkAccountLock(ctx, account, pair, failures, now); err != nil {
		return domain.User{}, err
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

// checkAccountLock refuses a source that never signed in to the account
// while the account is under a wide attack. The attempt has been counted,
// so the source's own wait keeps growing and is what it is told.
func (a *Auth) checkAccountLock(ctx context.Context, account, pair string, pairFailures int, now time.Time) error {
	failures, sources, err := a.st.LoginFailures.AccountPressure(ctx, account, now.Add(-a.cfg.Lockout))
	if err != nil {
		return err
	}
	if failures < a.cfg.AccountLockFailures || sources < a.cfg.AccountLockSources {
		return nil
	}
	known, err := a.st.LoginFailures.Known(ctx, pair, now.Add(-a.cfg.KnownSourceTTL))
	if err != nil || known {
		return err
	}
	return retryLogin("This account is protected after many failed logins from many places; sign in from a device you used before, or try again later.",
		a.loginDelay(pairFailures))
}

func retryLogin(msg string, wait time.Duration) error {
	return &domain.RetryAfterError{Category: domain.ErrRateLimited, Msg: msg, Seconds: max(1, int(math.Ceil(wait.Seconds())))}
}

// accountKey is what the lock-out tables keep of an email: an HMAC keyed
// with the signing secret, so that the tables alone cannot confirm which
// addresses were tried.
func (a *Auth) accountKey(email string) string {
	return a.mac("login:" + email)
}

// pairKey names an account and the request's source address group together.
func (a *Auth) pairKey(ctx context.Context, email string) string {
	return a.mac("login:" + email + "\x00" + domain.SourceGroup(RequestMetaFrom(ctx).ClientIP))
}

func (a *Auth) mac(s string) string {
	m := hmac.New(sha256.New, a.cfg.Secret)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil))
}
