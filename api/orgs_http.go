package api

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// CreateOrganisationRequest names a new organisation.
type CreateOrganisationRequest struct {
	Name string `json:"name" validate:"required,max=200" example:"Acme Community"`
}

// InviteMemberRequest invites a recruiter into the organisation.
type InviteMemberRequest struct {
	Email       string `json:"email" validate:"required,max=254" example:"grace@example.org"`
	DisplayName string `json:"display_name" validate:"required,max=100" example:"Grace Hopper"`
}

// pathID reads a UUID path parameter in canonical form. A malformed one is
// returned as is, with ok false: the caller authorizes first and answers 404
// after, so that a refusal never depends on the id's shape.
func pathID(c echo.Context, name string) (string, bool) {
	raw := c.Param(name)
	id, err := uuid.Parse(raw)
	if err != nil || len(raw) != 36 {
		return raw, false
	}
	return id.String(), true
}

func notFound(what string) error { return domain.Errorf(domain.ErrNotFound, "%s not found", what) }

// orgFromPath authorizes action on the organisation named by the path, then
// answers 404 for an id that is not a UUID, and returns the id.
func (s *server) orgFromPath(c echo.Context, action service.Action) (string, error) {
	id, ok := pathID(c, "id")
	if err := s.authorize(c, action, service.OrganisationObject(id)); err != nil {
		return "", err
	}
	if !ok {
		return "", notFound("organisation")
	}
	return id, nil
}

// createOrg godoc
//
//	@Summary		Create an organisation
//	@Description	Admins only.
//	@Tags			orgs
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		CreateOrganisationRequest	true	"the organisation's name"
//	@Success		201		{object}	Organisation
//	@Header			201		{string}	Location	"/v1/orgs/{id}"
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401		{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403		{object}	Problem	"not an admin"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"blank or overlong name"
//	@Router			/v1/orgs [post]
func (s *server) createOrg(c echo.Context) error {
	if err := s.authorize(c, service.ActionOrgCreate, service.Object{Type: service.ObjectOrganisation}); err != nil {
		return err
	}
	var req CreateOrganisationRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	o, err := s.deps.Orgs.Create(c.Request().Context(), principalOf(c), req.Name)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/orgs/"+o.ID)
	return c.JSON(http.StatusCreated, toOrganisation(o))
}

// getOrg godoc
//
//	@Summary		An organisation
//	@Description	Admins see every organisation, recruiters their own; others' organisations answer 404.
//	@Tags			orgs
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"organisation id"	format(uuid)
//	@Success		200	{object}	Organisation
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"job seekers and API keys do not read organisations"
//	@Failure		404	{object}	Problem	"no such organisation, or not yours"
//	@Router			/v1/orgs/{id} [get]
func (s *server) getOrg(c echo.Context) error {
	id, err := s.orgFromPath(c, service.ActionOrgRead)
	if err != nil {
		return err
	}
	o, err := s.deps.Orgs.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toOrganisation(o))
}

// inviteMember godoc
//
//	@Summary		Invite a recruiter
//	@Description	Admins only. Creates a recruiter account in the organisation, without a password, and returns a one-time token (valid 72 hours) with which they choose one at POST /v1/auth/set-password. Hand the token over privately; it is shown once.
//	@Tags			orgs
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string				true	"organisation id"	format(uuid)
//	@Param			body	body		InviteMemberRequest	true	"the recruiter's email and name"
//	@Success		201		{object}	Invitation
//	@Header			201		{string}	Cache-Control	"no-store"
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field (such as role) or wrong type"
//	@Failure		401		{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403		{object}	Problem	"not an admin"
//	@Failure		404		{object}	Problem	"no such organisation"
//	@Failure		409		{object}	Problem	"an account with this email exists"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"invalid email or display name"
//	@Router			/v1/orgs/{id}/members [post]
func (s *server) inviteMember(c echo.Context) error {
	id, err := s.orgFromPath(c, service.ActionOrgInvite)
	if err != nil {
		return err
	}
	var req InviteMemberRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	inv, err := s.deps.Orgs.InviteRecruiter(c.Request().Context(), principalOf(c), id, req.Email, req.DisplayName)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusCreated, Invitation{User: toUser(inv.User), SetPasswordToken: inv.SetPasswordToken, ExpiresAt: apiTime(inv.ExpiresAt)})
}
