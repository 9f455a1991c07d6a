package service

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rungs/rungs/domain"
)

// deviceOf is what a session shows of the client that signed in: its
// User-Agent, cut short and stripped of anything but printable text.
func deviceOf(ctx context.Context) string {
	ua := RequestMetaFrom(ctx).UserAgent
	var b strings.Builder
	for _, r := range ua {
		if b.Len() >= 160 {
			break
		}
		if r >= 0x20 && r != 0x7f && (r < 0x80 || r > 0x9f) && r != utf8.RuneError {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Unknown device"
	}
	return b.String()
}

// issue signs an access token and stores a new refresh token in session sid.
func (a *Auth) issue(ctx context.Context, u domain.User, sid string) (Tokens, error) {
	access, accessExp, err := a.signAccess(u, sid)
	if err != nil {
		return Tokens{}, err
	}
	now := a.now().UTC()
	raw := randomToken(32)
	rt := domain.RefreshToken{
		ID: newID(), UserID: u.ID, FamilyID: sid, TokenHash: hashToken(raw),
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
			return a.endFamily(ctx, t.FamilyID, now)
		}
		marked, err := a.st.RefreshTokens.MarkUsed(ctx, t.ID, now)
		if err != nil {
			return err
		}
		if !marked {
			reused = true
			return a.endFamily(ctx, t.FamilyID, now)
		}
		sess, err := a.st.Sessions.ByID(ctx, t.FamilyID)
		if errors.Is(err, domain.ErrNotFound) || (err == nil && sess.EndedAt != nil) {
			return errBadRefresh
		}
		if err != nil {
			return err
		}
		u, err := a.st.Users.ByID(ctx, t.UserID)
		if errors.Is(err, domain.ErrNotFound) {
			return errBadRefresh
		}
		if err != nil {
			return err
		}
		if err := a.st.Sessions.Touch(ctx, sess.ID, now, now); err != nil {
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

// Logout ends the refresh token's session: its refresh tokens are revoked
// and its access tokens refused from the next request on. An unknown token
// is not an error: the caller is logged out either way.
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
	return a.st.Tx.InTx(ctx, func(ctx context.Context) error {
		return a.endFamily(ctx, t.FamilyID, a.now().UTC())
	})
}

// endFamily revokes a session's refresh tokens and ends the session.
func (a *Auth) endFamily(ctx context.Context, sid string, now time.Time) error {
	if err := a.st.RefreshTokens.RevokeFamily(ctx, sid, now); err != nil {
		return err
	}
	if err := a.st.Sessions.End(ctx, sid, now); err != nil {
		return err
	}
	a.guard.Forget(sid)
	return nil
}

// EndAllSessions signs userID out everywhere on behalf of by (the user or
// an admin): every refresh token revoked, every session ended, every access
// token refused from the next request on (within SessionCacheTTL on other
// processes). A user that does not exist is ErrNotFound.
func (a *Auth) EndAllSessions(ctx context.Context, by Principal, userID string) error {
	return a.st.Tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := a.st.Users.ByID(ctx, userID); err != nil {
			return err
		}
		if err := a.endUserSessions(ctx, userID, a.now().UTC()); err != nil {
			return err
		}
		return a.st.Audit.Record(ctx, Entry(by, ActionUserSignOut, ObjectUser, userID))
	})
}

func (a *Auth) endUserSessions(ctx context.Context, userID string, now time.Time) error {
	if err := a.st.RefreshTokens.RevokeUser(ctx, userID, now); err != nil {
		return err
	}
	ids, err := a.st.Sessions.EndUser(ctx, userID, now)
	if err != nil {
		return err
	}
	a.guard.Forget(ids...)
	return nil
}

// Sessions lists the user's live sessions, newest first.
func (a *Auth) Sessions(ctx context.Context, userID string) ([]domain.Session, error) {
	return a.st.Sessions.ListByUser(ctx, userID)
}
