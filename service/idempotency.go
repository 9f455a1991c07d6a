package service

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/rungs/rungs/domain"
)

// IdempotencyStore keeps first answers. repository.IdempotencyKeys implements it.
type IdempotencyStore interface {
	// Lock claims (scope, key) until the transaction ends; false when a
	// concurrent request holds it.
	Lock(ctx context.Context, scope, key string) (bool, error)
	Get(ctx context.Context, scope, key string, now time.Time) (domain.StoredAnswer, error)
	Put(ctx context.Context, scope, key string, a domain.StoredAnswer, now, expires time.Time) error
	Prune(ctx context.Context, now time.Time) error
	// Forget deletes the answers of scope.
	Forget(ctx context.Context, scope string) error
	// Redact replaces the answers naming id, outside scope keep, with answer.
	Redact(ctx context.Context, id, keep string, answer domain.StoredAnswer) error
}

// Idempotency makes retried creates safe (Stripe's semantics): the first
// answer to a key is stored in the transaction of the change it made and
// replayed on a retry with the same request; the same key with another
// request is refused, and so is a retry while the first still runs.
type Idempotency struct {
	tx        Transactor
	store     IdempotencyStore
	now       func() time.Time
	lastPrune atomic.Int64
}

// NewIdempotency returns the service; now may be nil.
func NewIdempotency(tx Transactor, store IdempotencyStore, now func() time.Time) *Idempotency {
	if now == nil {
		now = time.Now
	}
	return &Idempotency{tx: tx, store: store, now: now}
}

// ErrIdempotencyInUse answers a retry that arrives while the first request
// with its key is still running.
var ErrIdempotencyInUse = domain.Errorf(domain.ErrConflict,
	"A request with this Idempotency-Key is still being processed; retry when it has finished.")

// ErrIdempotencyReused answers a key sent again with a different request.
var ErrIdempotencyReused = &domain.ValidationError{Fields: []domain.FieldError{{
	Field: "Idempotency-Key", Rule: "reused",
	Message: "was already used with a different request; send a new key for a new request",
}}}

// errAnswerFailed rolls back a request whose answer is an error.
var errAnswerFailed = errors.New("answer failed")

// IdempotencyScope is the namespace of a caller's keys: its organisation
// for an API key, its account for a user.
func IdempotencyScope(pr Principal) string {
	if pr.Kind == PrincipalAPIKey {
		return "org:" + pr.OrgID
	}
	return "user:" + pr.UserID
}

// Do answers the request (scope, key) with hash: a stored answer when there
// is one (replayed true), else fn's, run in a transaction that also stores
// it. An error answer (status 400 or more) rolls back what fn wrote; it is
// kept for replay unless it is one a retry may change (401, 403, 409, 429,
// or a server error).
func (s *Idempotency) Do(ctx context.Context, scope, key, hash string, fn func(ctx context.Context) (domain.StoredAnswer, error)) (domain.StoredAnswer, bool, error) {
	s.prune(ctx)
	now := s.now().UTC()
	var out domain.StoredAnswer
	replayed := false
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		found, err := s.claim(ctx, scope, key, now)
		if err == nil {
			if found.RequestHash != hash {
				return ErrIdempotencyReused
			}
			out, replayed = found, true
			return nil
		}
		if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		ans, err := fn(ctx)
		if err != nil {
			return err
		}
		ans.RequestHash = hash
		out = ans
		if ans.Status >= 400 {
			return errAnswerFailed
		}
		return s.store.Put(ctx, scope, key, ans, now, now.Add(domain.IdempotencyTTL))
	})
	if errors.Is(err, errAnswerFailed) {
		if keepFailure(out.Status) {
			err := s.tx.InTx(ctx, func(ctx context.Context) error {
				if _, err := s.claim(ctx, scope, key, now); !errors.Is(err, domain.ErrNotFound) {
					return nil // someone else stored an answer meanwhile, or holds the key
				}
				return s.store.Put(ctx, scope, key, out, now, now.Add(domain.IdempotencyTTL))
			})
			if err != nil {
				return domain.StoredAnswer{}, false, err
			}
		}
		return out, false, nil
	}
	return out, replayed, err
}

// claim locks (scope, key) and returns its stored answer, ErrNotFound when
// there is none, or ErrIdempotencyInUse.
func (s *Idempotency) claim(ctx context.Context, scope, key string, now time.Time) (domain.StoredAnswer, error) {
	ok, err := s.store.Lock(ctx, scope, key)
	if err != nil {
		return domain.StoredAnswer{}, err
	}
	if !ok {
		return domain.StoredAnswer{}, ErrIdempotencyInUse
	}
	return s.store.Get(ctx, scope, key, now)
}

func keepFailure(status int) bool {
	switch status {
	case 401, 403, 409, 429:
		return false
	}
	return status < 500
}

// prune deletes expired answers at most once a minute per process.
func (s *Idempotency) prune(ctx context.Context) {
	now := s.now()
	last := s.lastPrune.Load()
	if now.UnixNano()-last < int64(time.Minute) || !s.lastPrune.CompareAndSwap(last, now.UnixNano()) {
		return
	}
	// Best effort: a failed prune is retried a minute later.
	_ = s.store.Prune(ctx, now.UTC())
}

// EraseOwner deletes the stored answers of an erased user's account and
// redacts those naming the user; it runs inside the deletion's transaction.
// The answers naming their profile are redacted with it (ForgetSubject).
func (s *Idempotency) EraseOwner(ctx context.Context, userID string) error {
	if err := s.store.Forget(ctx, "user:"+userID); err != nil {
		return err
	}
	return s.store.Redact(ctx, userID, "", goneAnswer)
}

// ForgetSubject redacts every stored answer naming id (a candidate being
// deleted), inside the deletion's transaction: a retry of the request gets
// 410 instead of the deleted data, and does not run again.
func (s *Idempotency) ForgetSubject(ctx context.Context, id string) error {
	return s.store.Redact(ctx, id, "", goneAnswer)
}

// HideSubject redacts the stored answers naming id that were given to
// anyone but keepScope (a profile its owner stopped sharing).
func (s *Idempotency) HideSubject(ctx context.Context, id, keepScope string) error {
	return s.store.Redact(ctx, id, keepScope, goneAnswer)
}

// goneAnswer replaces a stored answer that named data since deleted or hidden.
var goneAnswer = domain.StoredAnswer{
	Status:  410,
	Headers: map[string]string{"Content-Type": "application/problem+json"},
	Body: []byte(`{"type":"/problems/gone","title":"Gone","status":410,` +
		`"detail":"The first answer to this request named data that has since been deleted or is no longer shared; send a new Idempotency-Key."}`),
}
