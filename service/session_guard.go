package service

import (
	"context"
	"errors"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/rungs/rungs/domain"
)

// SessionCacheTTL bounds how long a process trusts what it last read of a
// session: a session ended by another process (or a user deleted there) is
// refused here at most this long afterwards. Ends made by this process are
// refused at once.
const SessionCacheTTL = 4 * time.Second

// touchEvery is how stale a session's "last used" may get before a request
// writes it again.
const touchEvery = time.Minute

// SessionGuard answers, for every request with an access token, whether the
// token's session is still live and its user still has the token's role and
// organisation. It keeps what it read for SessionCacheTTL, so the hot path is
// one map lookup; one database read per session and process every few
// seconds keeps it honest.
type SessionGuard struct {
	store SessionStore
	now   func() time.Time
	group singleflight.Group

	mu      sync.RWMutex
	entries map[string]guardEntry
}

type guardEntry struct {
	state     domain.SessionState
	missing   bool
	fetchedAt time.Time
}

// NewSessionGuard returns a guard reading store.
func NewSessionGuard(store SessionStore, now func() time.Time) *SessionGuard {
	if now == nil {
		now = time.Now
	}
	return &SessionGuard{store: store, now: now, entries: map[string]guardEntry{}}
}

var errEndedSession = domain.Errorf(domain.ErrUnauthorized, "This sign-in has ended; log in again.")

// Check returns nil when session sid is live and belongs to userID with role
// and org as the token states them.
func (g *SessionGuard) Check(ctx context.Context, sid, userID, role, org string) error {
	now := g.now()
	g.mu.RLock()
	e, ok := g.entries[sid]
	g.mu.RUnlock()
	if !ok || now.Sub(e.fetchedAt) >= SessionCacheTTL || now.Before(e.fetchedAt) {
		var err error
		if e, err = g.fetch(ctx, sid, now); err != nil {
			return err
		}
	}
	st := e.state
	if e.missing || st.EndedAt != nil || st.UserID != userID || st.Role != role || st.OrgID != org {
		return errEndedSession
	}
	return nil
}

func (g *SessionGuard) fetch(ctx context.Context, sid string, now time.Time) (guardEntry, error) {
	v, err, _ := g.group.Do(sid, func() (any, error) {
		st, err := g.store.State(ctx, sid)
		e := guardEntry{state: st, fetchedAt: now}
		switch {
		case errors.Is(err, domain.ErrNotFound):
			e.missing = true
		case err != nil:
			return guardEntry{}, err
		case st.EndedAt == nil && now.Sub(st.LastUsedAt) > touchEvery:
			// A failed touch only leaves "last used" a little older.
			_ = g.store.Touch(ctx, sid, now.UTC(), now.Add(-touchEvery).UTC())
		}
		g.put(sid, e)
		return e, nil
	})
	if err != nil {
		return guardEntry{}, err
	}
	return v.(guardEntry), nil
}

func (g *SessionGuard) put(sid string, e guardEntry) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.entries) >= 4096 {
		// Drop what has expired, so the map holds only the sessions active
		// in the last few seconds.
		for k, old := range g.entries {
			if e.fetchedAt.Sub(old.fetchedAt) >= SessionCacheTTL {
				delete(g.entries, k)
			}
		}
	}
	g.entries[sid] = e
}

// Forget drops what the guard knows of the sessions, so that a session this
// process just ended is refused on the next request.
func (g *SessionGuard) Forget(ids ...string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, id := range ids {
		delete(g.entries, id)
	}
}
