package service

import (
	"context"
	"time"

	"github.com/rungs/rungs/domain"
)

// Transactor runs fn in one transaction; store calls made with the context
// fn receives join it. repository.DB implements it.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// UserStore keeps accounts. Create reports a taken email as ErrConflict.
type UserStore interface {
	Create(ctx context.Context, u domain.User) error
	ByID(ctx context.Context, id string) (domain.User, error)
	ByEmail(ctx context.Context, email string) (domain.User, error)
	// SetDisplayName and SetPasswordHash each write one field and
	// updated_at, so that concurrent changes to the other field survive.
	SetDisplayName(ctx context.Context, id, name string, at time.Time) error
	SetPasswordHash(ctx context.Context, id, hash string, at time.Time) error
	// Delete removes the user with everything that hangs off the account.
	Delete(ctx context.Context, id string) error
}

// OrganisationStore keeps organisations.
type OrganisationStore interface {
	Create(ctx context.Context, o domain.Organisation) error
	ByID(ctx context.Context, id string) (domain.Organisation, error)
	// Lock holds the organisation's row until the transaction ends, so that
	// checks such as the key cap and the insert they guard are not interleaved.
	Lock(ctx context.Context, id string) error
}

// RefreshTokenStore keeps hashed refresh tokens.
type RefreshTokenStore interface {
	Create(ctx context.Context, t domain.RefreshToken) error
	ByHash(ctx context.Context, hash string) (domain.RefreshToken, error)
	// MarkUsed sets used_at when the token is neither used nor revoked, and
	// reports whether it did: false means someone else used it first.
	MarkUsed(ctx context.Context, id string, at time.Time) (bool, error)
	RevokeFamily(ctx context.Context, familyID string, at time.Time) error
	RevokeUser(ctx context.Context, userID string, at time.Time) error
}

// PasswordTokenStore keeps hashed one-time set-password tokens.
type PasswordTokenStore interface {
	Create(ctx context.Context, t domain.PasswordToken) error
	ByHash(ctx context.Context, hash string) (domain.PasswordToken, error)
	// Use sets used_at when unused and reports whether it did.
	Use(ctx context.Context, id string, at time.Time) (bool, error)
}

// LoginFailureStore counts failed logins per account and source address.
type LoginFailureStore interface {
	// Begin counts one attempt for the pair unless it must still wait; the
	// next attempt then waits delay(failures). Check and count are one
	// atomic step. When refused it says how long the pair must still wait.
	Begin(ctx context.Context, pair, account string, now time.Time, window time.Duration, delay func(failures int) time.Duration) (ok bool, wait time.Duration, failures int, err error)
	// AccountPressure counts the account's failures and distinct sources since a time.
	AccountPressure(ctx context.Context, account string, since time.Time) (failures, sources int, err error)
	// Succeeded forgets the pair's failures and remembers it as a known source.
	Succeeded(ctx context.Context, pair string, now time.Time) error
	// Known reports whether the pair signed in successfully since a time.
	Known(ctx context.Context, pair string, since time.Time) (bool, error)
	// Prune deletes old failures and old known sources.
	Prune(ctx context.Context, failuresBefore, knownBefore time.Time) error
}

// SessionStore keeps sign-ins.
type SessionStore interface {
	Create(ctx context.Context, s domain.Session) error
	ByID(ctx context.Context, id string) (domain.Session, error)
	// State is the session with its user's current role and organisation;
	// ErrNotFound when either no longer exists.
	State(ctx context.Context, id string) (domain.SessionState, error)
	ListByUser(ctx context.Context, userID string) ([]domain.Session, error)
	// Touch sets last_used_at to at when it is older than before.
	Touch(ctx context.Context, id string, at, before time.Time) error
	End(ctx context.Context, id string, at time.Time) error
	// EndUser ends every live session of the user and returns their ids.
	EndUser(ctx context.Context, userID string, at time.Time) ([]string, error)
	Prune(ctx context.Context, cutoff time.Time) error
}

// APIKeyStore keeps hashed API keys.
type APIKeyStore interface {
	Create(ctx context.Context, k domain.APIKey) error
	CountLive(ctx context.Context, orgID string) (int, error)
	// List returns live keys of the organisation by id after the cursor id.
	List(ctx context.Context, orgID, after string, limit int) ([]domain.APIKey, error)
	ByHash(ctx context.Context, hash string) (domain.APIKey, error)
	// Revoke sets revoked_at on a live key of the organisation and reports whether there was one.
	Revoke(ctx context.Context, orgID, id string, at time.Time) (bool, error)
	Touch(ctx context.Context, id string, at time.Time) error
}

// AuditStore appends audit entries.
type AuditStore interface {
	Append(ctx context.Context, e domain.AuditEntry) error
	AppendMany(ctx context.Context, es []domain.AuditEntry) error
	// Anonymise blanks id wherever an entry names it as the principal or
	// the object: the entry stays as a tombstone (action and time).
	Anonymise(ctx context.Context, id string) error
}
