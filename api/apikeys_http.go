package api

import (
	"encoding/base64"
	"net/http"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// CreateAPIKeyRequest names a key and what it may do.
type CreateAPIKeyRequest struct {
	Name   string   `json:"name" validate:"required,max=100" example:"Applicant tracking system"`
	Scopes []string `json:"scopes" validate:"required,min=1,max=10" enums:"candidates:read,candidates:write,assessments:read,assessments:write,scorecards:write,search,webhooks" example:"candidates:read,search"`
}

// createAPIKey godoc
//
//	@Summary		Create an API key
//	@Description	For an HR tool acting for the organisation. The secret is in this answer only; the server keeps a hash. Recruiters of the organisation and admins; at most 100 live keys per organisation.
//	@Tags			orgs
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string				true	"organisation id"	format(uuid)
//	@Param			body	body		CreateAPIKeyRequest	true	"name and scopes"
//	@Success		201		{object}	NewAPIKey
//	@Header			201		{string}	Cache-Control	"no-store"
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401		{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403		{object}	Problem	"job seekers and API keys do not manage keys"
//	@Failure		404		{object}	Problem	"no such organisation, or not yours"
//	@Failure		409		{object}	Problem	"the organisation has 100 live keys"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"blank name, no scope or an unknown scope"
//	@Router			/v1/orgs/{id}/api-keys [post]
func (s *server) createAPIKey(c echo.Context) error {
	id, err := s.orgFromPath(c, service.ActionAPIKeyCreate)
	if err != nil {
		return err
	}
	var req CreateAPIKeyRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	k, secret, err := s.deps.APIKeys.Create(c.Request().Context(), principalOf(c), id, service.NewAPIKey{Name: req.Name, Scopes: req.Scopes})
	if err != nil {
		return err
	}
	v := toAPIKey(k)
	noStore(c)
	return c.JSON(http.StatusCreated, NewAPIKey{
		ID: v.ID, Name: v.Name, Prefix: v.Prefix, Scopes: v.Scopes, CreatedAt: v.CreatedAt, LastUsedAt: v.LastUsedAt, Secret: secret,
	})
}

// listAPIKeys godoc
//
//	@Summary		List API keys
//	@Description	The organisation's live keys, oldest first: name, prefix, scopes, created and last used (to the minute). Never the secrets. Recruiters of the organisation and admins.
//	@Tags			orgs
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"organisation id"	format(uuid)
//	@Param			limit	query		int		false	"page size, 1 to 100 (default 100)"	minimum(1)	maximum(100)
//	@Param			cursor	query		string	false	"next_cursor of the previous page"
//	@Success		200		{object}	APIKeyList
//	@Failure		401		{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403		{object}	Problem	"job seekers and API keys do not manage keys"
//	@Failure		404		{object}	Problem	"no such organisation, or not yours"
//	@Failure		422		{object}	Problem	"bad limit or cursor"
//	@Router			/v1/orgs/{id}/api-keys [get]
func (s *server) listAPIKeys(c echo.Context) error {
	id, err := s.orgFromPath(c, service.ActionAPIKeyList)
	if err != nil {
		return err
	}
	limit, after, err := pageParams(c)
	if err != nil {
		return err
	}
	keys, next, err := s.deps.APIKeys.List(c.Request().Context(), id, after, limit)
	if err != nil {
		return err
	}
	out := APIKeyList{Items: make([]APIKey, len(keys))}
	for i, k := range keys {
		out.Items[i] = toAPIKey(k)
	}
	if next != "" {
		out.NextCursor = encodeCursor(next)
	}
	return c.JSON(http.StatusOK, out)
}

// encodeCursor is the opaque cursor pageParams reads back: the base64url of
// the last id of a page.
func encodeCursor(id string) string { return base64.RawURLEncoding.EncodeToString([]byte(id)) }

// pageParams reads limit (1..100, default 100) and an opaque cursor (the
// base64url of the last id seen).
func pageParams(c echo.Context) (int, string, error) {
	verr := &domain.ValidationError{}
	limit := service.MaxAPIKeyPage
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > service.MaxAPIKeyPage {
			verr.Add("limit", "range", "must be an integer from 1 to 100")
		}
		limit = n
	}
	var after string
	if v := c.QueryParam("cursor"); v != "" {
		raw, err := base64.RawURLEncoding.DecodeString(v)
		id, perr := uuid.Parse(string(raw))
		if err != nil || perr != nil || len(raw) != 36 {
			verr.Add("cursor", "cursor", "must be a next_cursor this API returned")
		} else {
			after = id.String()
		}
	}
	return limit, after, verr.OrNil()
}

// revokeAPIKey godoc
//
//	@Summary		Revoke an API key
//	@Description	The key stops working at once on the server that revoked it, and within 5 seconds on every other. Recruiters of the organisation and admins.
//	@Tags			orgs
//	@Security		BearerAuth
//	@Param			id		path	string	true	"organisation id"	format(uuid)
//	@Param			key_id	path	string	true	"API key id"		format(uuid)
//	@Success		204
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"job seekers and API keys do not manage keys"
//	@Failure		404	{object}	Problem	"no such live key in this organisation, or not yours"
//	@Router			/v1/orgs/{id}/api-keys/{key_id} [delete]
func (s *server) revokeAPIKey(c echo.Context) error {
	orgID, okOrg := pathID(c, "id")
	keyID, okKey := pathID(c, "key_id")
	if err := s.authorize(c, service.ActionAPIKeyRevoke, service.APIKeyObject(orgID, keyID)); err != nil {
		return err
	}
	if !okOrg || !okKey {
		return notFound("API key")
	}
	if err := s.deps.APIKeys.Revoke(c.Request().Context(), principalOf(c), orgID, keyID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
