package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/service"
)

// SignupRequest creates a job seeker account. Role and organisation are not
// fields: sending them is refused as unknown fields.
type SignupRequest struct {
	Email string `json:"email" validate:"required,max=254" example:"ada@example.org"`
	// 12 to 128 characters, not a well-known password.
	Password    string `json:"password" validate:"required,min=12,max=128" example:"a long and unusual passphrase" text:"raw"`
	DisplayName string `json:"display_name" validate:"required,max=100" example:"Ada Lovelace"`
}

// LoginRequest exchanges an email and password for tokens.
type LoginRequest struct {
	Email    string `json:"email" validate:"required,max=254" example:"ada@example.org"`
	Password string `json:"password" validate:"required,max=128" example:"a long and unusual passphrase" text:"raw"`
}

// RefreshRequest carries a refresh token to rotate or revoke.
type RefreshRequest struct {
	RefreshToken string `json:"refresh_token" validate:"required,max=256" example:"q3Jt0Zx8b0mFh2m3bqk1cD8xw5vY9sL4nR7tU2pE6aQ" text:"raw"`
}

// SetPasswordRequest spends an invitation's one-time token.
type SetPasswordRequest struct {
	Token string `json:"token" validate:"required,max=256" example:"Jm1uY2hZb0xq3Jt0Zx8b0mFh2m3bqk1cD8xw5vY9sL4" text:"raw"`
	// 12 to 128 characters, not a well-known password.
	Password string `json:"password" validate:"required,min=12,max=128" example:"a long and unusual passphrase" text:"raw"`
}

// noStore keeps an answer out of every cache: secrets, and drafts being edited.
func noStore(c echo.Context) {
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
}

// signup godoc
//
//	@Summary		Sign up as a job seeker
//	@Description	Creates a job seeker account; log in next. Organisations' recruiters are invited by admins instead. An email that already has an account gets the same answer and nothing changes for that account, so that nobody can find out which emails are registered; its owner logs in, or resets the password. Rate limited per client IP.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			body	body		SignupRequest	true	"email, password and display name"
//	@Success		201		{object}	User
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field (such as role) or wrong type"
//	@Failure		401		{object}	Problem	"an Authorization header was sent and does not verify"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"invalid email, display name, or a short or common password"
//	@Failure		429		{object}	Problem	"rate limited; see Retry-After"
//	@Header			429		{integer}	Retry-After	"seconds until a request is allowed again"
//	@Router			/v1/auth/signup [post]
func (s *server) signup(c echo.Context) error {
	var req SignupRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	u, err := s.deps.Auth.Signup(c.Request().Context(), service.NewAccount{Email: req.Email, DisplayName: req.DisplayName, Password: req.Password})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toUser(u))
}

// login godoc
//
//	@Summary		Log in
//	@Description	Returns an access token (15 minutes) and a refresh token. A wrong email and a wrong password get the same answer. After 10 failed attempts an account is locked for the rest of a 15-minute window (429); attempts are also rate limited per client IP.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			body	body		LoginRequest	true	"email and password"
//	@Success		200		{object}	TokenPair
//	@Header			200		{string}	Cache-Control	"no-store"
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401		{object}	Problem	"wrong email or password, or an Authorization header that does not verify"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"missing or oversize field"
//	@Failure		429		{object}	Problem	"account locked or address rate limited; see Retry-After"
//	@Header			429		{integer}	Retry-After	"seconds until a request is allowed again"
//	@Router			/v1/auth/login [post]
func (s *server) login(c echo.Context) error {
	var req LoginRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	t, err := s.deps.Auth.Login(c.Request().Context(), req.Email, req.Password)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, toTokenPair(t, s.now()))
}

// refresh godoc
//
//	@Summary		Renew tokens
//	@Description	Spends a refresh token for a new pair. Each refresh token works once: presenting a used one revokes every token of that login. Rate limited per client IP.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			body	body		RefreshRequest	true	"the refresh token"
//	@Success		200		{object}	TokenPair
//	@Header			200		{string}	Cache-Control	"no-store"
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401		{object}	Problem	"invalid, expired, used or revoked refresh token"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"missing or oversize field"
//	@Failure		429		{object}	Problem	"rate limited; see Retry-After"
//	@Header			429		{integer}	Retry-After	"seconds until a request is allowed again"
//	@Router			/v1/auth/refresh [post]
func (s *server) refresh(c echo.Context) error {
	var req RefreshRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	t, err := s.deps.Auth.Refresh(c.Request().Context(), req.RefreshToken)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, toTokenPair(t, s.now()))
}

// logout godoc
//
//	@Summary		Log out
//	@Description	Ends the session: revokes the refresh token and every token renewed from the same login, and the session's access tokens are refused from the next request on (within 5 seconds on every server). Answers 204 for an unknown token too.
//	@Tags			auth
//	@Accept			json
//	@Param			body	body	RefreshRequest	true	"the refresh token"
//	@Success		204
//	@Failure		400	{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401	{object}	Problem	"an Authorization header was sent and does not verify"
//	@Failure		413	{object}	Problem	"body too large"
//	@Failure		415	{object}	Problem	"not JSON"
//	@Failure		422	{object}	Problem	"missing or oversize field"
//	@Router			/v1/auth/logout [post]
func (s *server) logout(c echo.Context) error {
	var req RefreshRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	if err := s.deps.Auth.Logout(c.Request().Context(), req.RefreshToken); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// setPassword godoc
//
//	@Summary		Choose a password with an invitation token
//	@Description	An invited recruiter spends the one-time token from their invitation to set a password, then logs in. Every session of the account ends. Rate limited per client IP.
//	@Tags			auth
//	@Accept			json
//	@Param			body	body	SetPasswordRequest	true	"the one-time token and the new password"
//	@Success		204
//	@Failure		400	{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401	{object}	Problem	"invalid, used or expired token"
//	@Failure		413	{object}	Problem	"body too large"
//	@Failure		415	{object}	Problem	"not JSON"
//	@Failure		422	{object}	Problem	"missing field, or a short or common password"
//	@Failure		429	{object}	Problem	"rate limited; see Retry-After"
//	@Header			429	{integer}	Retry-After	"seconds until a request is allowed again"
//	@Router			/v1/auth/set-password [post]
func (s *server) setPassword(c echo.Context) error {
	var req SetPasswordRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	if err := s.deps.Auth.SetPassword(c.Request().Context(), req.Token, req.Password); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
