package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// Session is one sign-in: a login and every token renewed from it.
type Session struct {
	ID string `json:"id" example:"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b7a"`
	// The browser or tool that logged in, from its User-Agent.
	Device     string    `json:"device" example:"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"`
	CreatedAt  time.Time `json:"created_at" example:"2026-03-01T09:30:00Z"`
	LastUsedAt time.Time `json:"last_used_at" example:"2026-03-01T10:02:00Z"`
	// True for the session of the token that asked.
	Current bool `json:"current" example:"true"`
}

// SessionList is the caller's live sessions, newest first.
type SessionList struct {
	Data []Session `json:"data"`
}

func toSessions(list []domain.Session, current string) SessionList {
	out := SessionList{Data: make([]Session, 0, len(list))}
	for _, s := range list {
		out.Data = append(out.Data, Session{ID: s.ID, Device: s.Device, CreatedAt: apiTime(s.CreatedAt),
			LastUsedAt: apiTime(s.LastUsedAt), Current: s.ID == current})
	}
	return out
}

// listMySessions godoc
//
//	@Summary		My sessions
//	@Description	Every place the account is signed in: the device that logged in, when, and when it was last used (to the minute). Ended sessions are not listed.
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	SessionList
//	@Failure		401	{object}	Problem	"no, invalid, expired or ended access token"
//	@Failure		403	{object}	Problem	"an API key has no account"
//	@Router			/v1/me/sessions [get]
func (s *server) listMySessions(c echo.Context) error {
	pr := principalOf(c)
	if err := s.authorize(c, service.ActionMeRead, service.Object{Type: service.ObjectUser, ID: pr.UserID}); err != nil {
		return err
	}
	list, err := s.deps.Auth.Sessions(c.Request().Context(), pr.UserID)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, toSessions(list, pr.SessionID))
}

// revokeMySessions godoc
//
//	@Summary		Sign out everywhere
//	@Description	Ends every session of the account, this one too: refresh tokens stop working at once and access tokens are refused from the next request on (within 5 seconds on every server).
//	@Tags			me
//	@Security		BearerAuth
//	@Success		204
//	@Failure		401	{object}	Problem	"no, invalid, expired or ended access token"
//	@Failure		403	{object}	Problem	"an API key has no account"
//	@Router			/v1/me/sessions/revoke-all [post]
func (s *server) revokeMySessions(c echo.Context) error {
	pr := principalOf(c)
	if err := s.authorize(c, service.ActionMeUpdate, service.Object{Type: service.ObjectUser, ID: pr.UserID}); err != nil {
		return err
	}
	if err := s.deps.Auth.EndAllSessions(c.Request().Context(), pr, pr.UserID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// revokeUserSessions godoc
//
//	@Summary		Sign a user out everywhere (admins)
//	@Description	Ends every session of the user, as their own "sign out everywhere" does. Recorded in the audit log.
//	@Tags			users
//	@Security		BearerAuth
//	@Param			id	path	string	true	"user id"	format(uuid)
//	@Success		204
//	@Failure		401	{object}	Problem	"no, invalid, expired or ended access token"
//	@Failure		403	{object}	Problem	"not an admin"
//	@Failure		404	{object}	Problem	"no such user"
//	@Router			/v1/users/{id}/sessions/revoke-all [post]
func (s *server) revokeUserSessions(c echo.Context) error {
	id := c.Param("id")
	if err := s.authorize(c, service.ActionUserSignOut, service.Object{Type: service.ObjectUser, ID: id}); err != nil {
		return err
	}
	if err := s.deps.Auth.EndAllSessions(c.Request().Context(), principalOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// deleteMe godoc
//
//	@Summary		Delete my account
//	@Description	Erases the account at once: every session ends, and the account with its sign-ins and tokens is deleted. The email can sign up again afterwards. API keys the account created keep working for their organisation.
//	@Tags			me
//	@Security		BearerAuth
//	@Success		204
//	@Failure		401	{object}	Problem	"no, invalid, expired or ended access token"
//	@Failure		403	{object}	Problem	"an API key has no account"
//	@Failure		404	{object}	Problem	"the account no longer exists"
//	@Router			/v1/me [delete]
func (s *server) deleteMe(c echo.Context) error {
	pr := principalOf(c)
	if err := s.authorize(c, service.ActionMeDelete, service.Object{Type: service.ObjectUser, ID: pr.UserID}); err != nil {
		return err
	}
	if err := s.deps.Users.DeleteMe(c.Request().Context(), pr); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
