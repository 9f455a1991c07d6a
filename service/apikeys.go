package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rungs/rungs/domain"
)

// API key secret shape: "rk_" and 32 random bytes in base64url (43 characters).
const (
	apiKeyRandomBytes = 32
	apiKeySecretLen   = len(domain.APIKeySecretPrefix) + 43
	apiKeyPrefixLen   = len(domain.APIKeySecretPrefix) + 8
	// apiKeyTouchEvery keeps last_used_at fresh without a write per request.
	apiKeyTouchEvery = time.Minute
)

var errBadAPIKey = domain.Errorf(domain.ErrUnauthorized, "The API key is invalid or revoked.")

// APIKeyCacheTTL bounds how long a process trusts a key it checked: a key
// revoked by another process is refused here at most this long afterwards;
// one revoked by this process at once.
const APIKeyCacheTTL = 4 * time.Second

// maxCachedKeys bounds the cache; when full it starts over.
const maxCachedKeys = 10000

// APIKeys issues, lists, revokes and authenticates organisations' API keys.
type APIKeys struct {
	tx    Transactor
	keys  APIKeyStore
	orgs  OrganisationStore
	audit *Audit
	now   func() time.Time

	mu    sync.RWMutex
	cache map[string]cachedKey // by secret hash
}

type cachedKey struct {
	pr      Principal
	checked time.Time
}

// NewAPIKeys returns the API key service; now may be nil.
func NewAPIKeys(tx Transactor, keys APIKeyStore, orgs OrganisationStore, audit *Audit, now func() time.Time) *APIKeys {
	if now == nil {
		now = time.Now
	}
	return &APIKeys{tx: tx, keys: keys, orgs: orgs, audit: audit, now: now, cache: map[string]cachedKey{}}
}

// NewAPIKey is a key to create.
type NewAPIKey struct {
	Name   string
	Scopes []string
}

// Create issues a key for organisation orgID and returns it with its
// secret, which is never available again.
func (s *APIKeys) Create(ctx context.Context, pr Principal, orgID string, in NewAPIKey) (domain.APIKey, string, error) {
	name, scopes, err := checkKey(in)
	if err != nil {
		return domain.APIKey{}, "", err
	}
	secret := domain.APIKeySecretPrefix + randomToken(apiKeyRandomBytes)
	k := domain.APIKey{
		ID: newID(), OrganisationID: orgID, Name: name, Prefix: secret[:apiKeyPrefixLen],
		SecretHash: hashToken(secret), Scopes: scopes, CreatedBy: pr.UserID, CreatedAt: s.now().UTC(),
	}
	err = s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.orgs.Lock(ctx, orgID); err != nil {
			return err
		}
		n, err := s.keys.CountLive(ctx, orgID)
		if err != nil {
			return err
		}
		if n >= domain.MaxAPIKeysPerOrganisation {
			return domain.Errorf(domain.ErrConflict, "The organisation has %d live API keys, the most allowed; revoke one first.", n)
		}
		if err := s.keys.Create(ctx, k); err != nil {
			return err
		}
		return s.audit.Record(ctx, Entry(pr, ActionAPIKeyCreate, ObjectAPIKey, k.ID))
	})
	if err != nil {
		return domain.APIKey{}, "", err
	}
	return k, secret, nil
}

// checkKey returns the key's name with white space collapsed and its scopes
// without repeats, reporting every problem at once.
func checkKey(in NewAPIKey) (string, []string, error) {
	verr := &domain.ValidationError{}
	name := checkName(verr, "name", in.Name, domain.MaxAPIKeyNameLength)
	scopes := in.Scopes
	if len(scopes) == 0 {
		verr.Add("scopes", "min", "must hold at least one scope")
	}
	var out []string
	for i, sc := range scopes {
		switch {
		case !domain.ValidScope(sc):
			verr.Fields = append(verr.Fields, domain.FieldError{
				Field: fmt.Sprintf("scopes[%d]", i), Rule: "oneof",
				Message: "must be one of: " + strings.Join(domain.Scopes, ", "), Value: truncate(sc, 40),
			})
		case !slices.Contains(out, sc):
			out = append(out, sc)
		}
	}
	return name, out, verr.OrNil()
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// MaxAPIKeyPage bounds one page of the key list.
const MaxAPIKeyPage = 100

// List returns up to limit live keys of the organisation after the cursor
// (a key id); next is the cursor of the following page or "".
func (s *APIKeys) List(ctx context.Context, orgID, after string, limit int) ([]domain.APIKey, string, error) {
	if limit <= 0 || limit > MaxAPIKeyPage {
		limit = MaxAPIKeyPage
	}
	if _, err := s.orgs.ByID(ctx, orgID); err != nil {
		return nil, "", err
	}
	keys, err := s.keys.List(ctx, orgID, after, limit+1)
	if err != nil {
		return nil, "", err
	}
	keys, next := page(keys, limit, func(k domain.APIKey) string { return k.ID })
	return keys, next, nil
}

// Revoke disables a key of the organisation at once.
func (s *APIKeys) Revoke(ctx context.Context, pr Principal, orgID, keyID string) error {
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		ok, err := s.keys.Revoke(ctx, orgID, keyID, s.now().UTC())
		if err != nil {
			return err
		}
		if !ok {
			return domain.Errorf(domain.ErrNotFound, "API key not found")
		}
		return s.audit.Record(ctx, Entry(pr, ActionAPIKeyRevoke, ObjectAPIKey, keyID))
	})
	if err == nil {
		s.forget(keyID)
	}
	return err
}

// forget drops a key from this process's cache.
func (s *APIKeys) forget(keyID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for h, c := range s.cache {
		if c.pr.KeyID == keyID {
			delete(s.cache, h)
		}
	}
}

// Authenticate turns a secret into the key's principal.
func (s *APIKeys) Authenticate(ctx context.Context, secret string) (Principal, error) {
	if len(secret) != apiKeySecretLen || !strings.HasPrefix(secret, domain.APIKeySecretPrefix) {
		return Principal{}, errBadAPIKey
	}
	hash := hashToken(secret)
	now := s.now().UTC()
	s.mu.RLock()
	c, ok := s.cache[hash]
	s.mu.RUnlock()
	if ok && now.Sub(c.checked) < APIKeyCacheTTL && !now.Before(c.checked) {
		return c.pr, nil
	}
	k, err := s.keys.ByHash(ctx, hash)
	if errors.Is(err, domain.ErrNotFound) {
		return Principal{}, errBadAPIKey
	}
	if err != nil {
		return Principal{}, err
	}
	if k.RevokedAt != nil {
		return Principal{}, errBadAPIKey
	}
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) >= apiKeyTouchEvery {
		if err := s.keys.Touch(ctx, k.ID, now); err != nil {
			return Principal{}, err
		}
	}
	pr := Principal{Kind: PrincipalAPIKey, KeyID: k.ID, OrgID: k.OrganisationID, Scopes: k.Scopes}
	s.mu.Lock()
	if len(s.cache) >= maxCachedKeys {
		s.cache = map[string]cachedKey{}
	}
	s.cache[hash] = cachedKey{pr: pr, checked: now}
	s.mu.Unlock()
	return pr, nil
}
