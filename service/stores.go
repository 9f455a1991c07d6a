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

// LoginAttemptStore counts login attempts per account in a fixed window.
type LoginAttemptStore interface {
	// Begin counts one attempt unless max are already counted in the window
	// that started at most window ago; when refused it says how long until
	// the window ends. The count and the check are one atomic step.
	Begin(ctx context.Context, key string, now time.Time, window time.Duration, max int) (bool, time.Duration, error)
	// Clear forgets the account's attempts after a successful login.
	Clear(ctx context.Context, key string) error
	// Prune deletes windows that started before cutoff.
	Prune(ctx context.Context, cutoff time.Time) (int64, error)
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
}
