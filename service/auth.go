package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/rungs/rungs/domain"
)

// AuthConfig holds the token and lock-out settings.
type AuthConfig struct {
	// Secret signs access tokens (HS256); at least 32 bytes.
	Secret []byte
	// PreviousSecret, when set, still verifies tokens signed before a rotation.
	PreviousSecret []byte
	AccessTTL      time.Duration
	RefreshTTL     time.Duration
	// MaxFailures failed logins per account and source address pass without
	// delay; each further one doubles the wait, from 1 s up to Lockout. A
	// pair's failures are forgotten Lockout after its last one.
	MaxFailures int
	Lockout     time.Duration
	// AccountLockFailures failures from at least AccountLockSources sources
	// within Lockout lock the account for every source that never signed in
	// to it successfully. Zero means 10×MaxFailures and 10.
	AccountLockFailures int
	AccountLockSources  int
	// KnownSourceTTL is how long a successful sign-in keeps a source known; zero means 90 days.
	KnownSourceTTL time.Duration
}

// AuthStores are what Auth keeps its state in.
type AuthStores struct {
	Tx             Transactor
	Users          UserStore
	RefreshTokens  RefreshTokenStore
	PasswordTokens PasswordTokenStore
	LoginFailures  LoginFailureStore
	Sessions       SessionStore
	Audit          *Audit
}

// Auth signs people up and in: passwords, access and refresh tokens,
// one-time set-password tokens and login lock-outs.
type Auth struct {
	cfg    AuthConfig
	st     AuthStores
	hasher *PasswordHasher
	now    func() time.Time
	// dummyHash is verified for unknown emails so that they take as long as known ones.
	dummyHash string
	// prunedAt is when ended login windows were last deleted (Unix seconds).
	prunedAt atomic.Int64
	// keys sign (the first) and verify (all) access tokens.
	keys  []signingKey
	guard *SessionGuard
	// signupTime is how long a signup that creates an account takes; one
	// for a taken email waits as long.
	signupTime durationEstimate
}

// AuthOption adjusts Auth.
type AuthOption func(*Auth)

// WithArgon2Params sets the password hashing cost (tests use a cheap one).
func WithArgon2Params(p Argon2Params) AuthOption {
	return func(a *Auth) { a.hasher = NewPasswordHasher(p) }
}

// WithClock sets the time source.
func WithClock(now func() time.Time) AuthOption {
	return func(a *Auth) { a.now = now }
}

// NewAuth checks cfg and returns the service.
func NewAuth(cfg AuthConfig, st AuthStores, opts ...AuthOption) (*Auth, error) {
	if len(cfg.Secret) < 32 || (cfg.PreviousSecret != nil && len(cfg.PreviousSecret) < 32) {
		return nil, errors.New("the access token secret must have at least 32 bytes")
	}
	if cfg.AccessTTL <= 0 || cfg.RefreshTTL <= 0 || cfg.MaxFailures < 1 || cfg.Lockout <= 0 {
		return nil, errors.New("token lifetimes, login failures and lock-out must be positive")
	}
	if cfg.AccountLockFailures == 0 {
		cfg.AccountLockFailures = 10 * cfg.MaxFailures
	}
	if cfg.AccountLockSources == 0 {
		cfg.AccountLockSources = 10
	}
	if cfg.KnownSourceTTL == 0 {
		cfg.KnownSourceTTL = 90 * 24 * time.Hour
	}
	a := &Auth{cfg: cfg, st: st, hasher: NewPasswordHasher(DefaultArgon2), now: time.Now}
	for _, o := range opts {
		o(a)
	}
	a.keys = []signingKey{{id: KeyID(cfg.Secret), secret: cfg.Secret}}
	if len(cfg.PreviousSecret) > 0 {
		a.keys = append(a.keys, signingKey{id: KeyID(cfg.PreviousSecret), secret: cfg.PreviousSecret})
	}
	a.guard = NewSessionGuard(st.Sessions, a.now)
	dummy, err := a.hasher.DummyHash()
	if err != nil {
		return nil, err
	}
	a.dummyHash = dummy
	return a, nil
}

// HashParams returns the argon2id parameters new hashes use.
func (a *Auth) HashParams() Argon2Params { return a.hasher.Params() }

// NewAccount is a user to create with a password.
type NewAccount struct {
	Email       string
	DisplayName string
	Password    string
}

// Signup creates a job seeker account. Role and organisation are not the
// caller's to choose: every signup is a job seeker without organisation.
//
// A signup for an email that already has an account answers exactly as a
// new one would (the password is hashed and the insert tried either way, so
// the time matches too), with an id that leads nowhere, and changes nothing:
// the answer must not tell whether an email is registered. A deployment
// that verifies emails would mail the address instead ("you already have
// an account; reset your password?").
func (a *Auth) Signup(ctx context.Context, in NewAccount) (domain.User, error) {
	u, took, err := a.createUser(ctx, in, domain.RoleJobSeeker, ActionSignup, Principal{})
	switch {
	case err == nil:
		a.signupTime.observe(took)
	case errors.Is(err, domain.ErrConflict):
		// Both paths hash the password; only the transaction differs (a
		// rolled-back insert is quicker than a committed one): wait out
		// that difference.
		if err := sleepCtx(ctx, a.signupTime.get()-took); err != nil {
			return domain.User{}, err
		}
		u.PasswordHash = ""
		return u, nil
	}
	return u, err
}

// CreateAdmin creates an administrator; only the command line calls it.
func (a *Auth) CreateAdmin(ctx context.Context, in NewAccount) (domain.User, error) {
	u, _, err := a.createUser(ctx, in, domain.RoleAdmin, ActionAdminCreate, Principal{Kind: PrincipalSystem})
	return u, err
}

// createUser also returns how long its transaction took.
func (a *Auth) createUser(ctx context.Context, in NewAccount, role string, action Action, by Principal) (domain.User, time.Duration, error) {
	email, name, err := checkAccount(in.Email, in.DisplayName)
	if err != nil {
		return domain.User{}, 0, err
	}
	if err := domain.CheckPassword(in.Password); err != nil {
		return domain.User{}, 0, fieldError("password", err)
	}
	hash, err := a.hasher.Hash(ctx, in.Password)
	if err != nil {
		return domain.User{}, 0, err
	}
	now := a.now().UTC()
	u := domain.User{ID: newID(), Email: email, DisplayName: name, Role: role, PasswordHash: hash, CreatedAt: now, UpdatedAt: now}
	if by.Kind == "" {
		by = Principal{Kind: PrincipalUser, UserID: u.ID, Role: role}
	}
	start := time.Now()
	err = a.st.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := a.st.Users.Create(ctx, u); err != nil {
			return err
		}
		return a.st.Audit.Record(ctx, Entry(by, action, ObjectUser, u.ID))
	})
	took := time.Since(start)
	if errors.Is(err, domain.ErrConflict) {
		return u, took, domain.Errorf(domain.ErrConflict, "An account with this email already exists.")
	}
	return u, took, err
}

// checkAccount normalises an email and a display name, reporting both
// problems at once.
func checkAccount(email, displayName string) (string, string, error) {
	verr := &domain.ValidationError{}
	norm, err := domain.NormalizeEmail(email)
	if err != nil {
		verr.Add("email", "email", strings.TrimPrefix(err.Error(), "email "))
	}
	name := checkName(verr, "display_name", displayName, domain.MaxDisplayNameLength)
	return norm, name, verr.OrNil()
}

// checkName collapses runs of white space in s and records in verr, under
// field, a blank result or one longer than maxLen characters.
func checkName(verr *domain.ValidationError, field, s string, maxLen int) string {
	name := strings.Join(strings.Fields(s), " ")
	switch {
	case name == "":
		verr.Add(field, "notblank", "must not be blank")
	case utf8.RuneCountInString(name) > maxLen:
		verr.Add(field, "max", fmt.Sprintf("must have at most %d characters", maxLen))
	}
	return name
}

// fieldError turns a domain rule's error into a validation error on field.
func fieldError(field string, err error) error {
	if !errors.Is(err, domain.ErrInvalid) {
		return err
	}
	verr := &domain.ValidationError{}
	verr.Add(field, "policy", trimField(err, field))
	return verr
}

// trimField drops the field name a domain rule's message starts with.
func trimField(err error, field string) string {
	return strings.TrimPrefix(err.Error(), field+" ")
}
