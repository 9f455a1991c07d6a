package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// UpdateMeRequest changes the display name, the password, or both. A new
// password needs the current one.
type UpdateMeRequest struct {
	DisplayName *string `json:"display_name,omitempty" validate:"omitempty,max=100" example:"Ada L."`
	// Required with new_password.
	CurrentPassword string `json:"current_password,omitempty" validate:"max=128" example:"a long and unusual passphrase" text:"raw"`
	// 12 to 128 characters, not a well-known password; ends every other session.
	NewPassword *string `json:"new_password,omitempty" validate:"omitempty,min=12,max=128" example:"another quite long phrase" text:"raw"`
}

// getMe godoc
//
//	@Summary		My account
//	@Tags			me
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	User
//	@Failure		401	{object}	Problem	"no, invalid or expired access token"
//	@Failure		403	{object}	Problem	"an API key has no account"
//	@Failure		404	{object}	Problem	"the account no longer exists"
//	@Router			/v1/me [get]
func (s *server) getMe(c echo.Context) error {
	if err := s.authorize(c, service.ActionMeRead, service.Object{Type: service.ObjectUser, ID: principalOf(c).UserID}); err != nil {
		return err
	}
	u, err := s.deps.Users.Me(c.Request().Context(), principalOf(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toUser(u))
}

// patchMe godoc
//
//	@Summary		Change my display name or password
//	@Description	A password change needs current_password; it counts against the account's login attempts like a login, and ends every session (refresh token) of the account.
//	@Tags			me
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		UpdateMeRequest	true	"fields to change"
//	@Success		200		{object}	User
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field (such as role or email) or wrong type"
//	@Failure		401		{object}	Problem	"no, invalid or expired access token"
//	@Failure		403		{object}	Problem	"an API key has no account"
//	@Failure		404		{object}	Problem	"the account no longer exists"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"nothing to change, a wrong current password, or a short or common new password"
//	@Failure		429		{object}	Problem	"too many wrong current passwords; see Retry-After"
//	@Header			429		{integer}	Retry-After	"seconds until a request is allowed again"
//	@Router			/v1/me [patch]
func (s *server) patchMe(c echo.Context) error {
	pr := principalOf(c)
	if err := s.authorize(c, service.ActionMeUpdate, service.Object{Type: service.ObjectUser, ID: pr.UserID}); err != nil {
		return err
	}
	var req UpdateMeRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	if req.DisplayName == nil && req.NewPassword == nil {
		verr := &domain.ValidationError{}
		verr.Add("display_name", "required_without", "is required when new_password is absent")
		return verr
	}
	u, err := s.deps.Users.UpdateMe(c.Request().Context(), pr, service.MeUpdate{
		DisplayName: req.DisplayName, CurrentPassword: req.CurrentPassword, NewPassword: req.NewPassword,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toUser(u))
}
