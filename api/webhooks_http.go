package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

func (s *server) webhookRoutes(e *echo.Echo) {
	if s.deps.Webhooks == nil {
		return
	}
	e.POST("/v1/orgs/:id/webhooks", s.createWebhook, s.idempotent(service.ActionWebhookManage))
	e.GET("/v1/orgs/:id/webhooks", s.listWebhooks)
	e.GET("/v1/orgs/:id/webhooks/:wid", s.getWebhook)
	e.DELETE("/v1/orgs/:id/webhooks/:wid", s.deleteWebhook)
	e.POST("/v1/orgs/:id/webhooks/:wid/rotate-secret", s.rotateWebhookSecret)
	e.POST("/v1/orgs/:id/webhooks/:wid/test", s.testWebhook)
	e.GET("/v1/orgs/:id/webhooks/:wid/deliveries", s.listWebhookDeliveries)
	e.GET("/v1/orgs/:id/webhooks/:wid/deliveries/:did", s.getWebhookDelivery)
	e.POST("/v1/orgs/:id/webhooks/:wid/deliveries/:did/redeliver", s.redeliverWebhook)
}

// webhookFromPath authorizes webhook management on the organisation of the
// path and returns its id and the webhook id (404 when not a UUID).
func (s *server) webhookFromPath(c echo.Context) (string, string, error) {
	org, err := s.orgFromPath(c, service.ActionWebhookManage)
	if err != nil {
		return "", "", err
	}
	wid, ok := pathID(c, "wid")
	if !ok {
		return "", "", notFound("webhook")
	}
	return org, wid, nil
}

// createWebhook godoc
//
//	@Summary		Register a webhook
//	@Description	Rungs POSTs the organisation's events to the URL, signed the Standard Webhooks way (headers webhook-id, webhook-timestamp and webhook-signature: "v1,<base64 HMAC-SHA256 of id.timestamp.body>" keyed with the base64-decoded part of the secret after "whsec_"). The secret is in this answer only. Bodies carry ids only: {"type","timestamp","data":{"event_id","organisation_id","candidate_id",...}}; read the rest through the API. Delivery is at least once (deduplicate on webhook-id), one candidate's events in order, retried with growing delays for 24 hours. The URL must be https and resolve to a public address. Recruiters of the organisation, admins, and keys with the webhooks scope; at most 20 per organisation. Send an Idempotency-Key to retry safely.
//	@Tags			webhooks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id				path		string					true	"organisation id"	format(uuid)
//	@Param			Idempotency-Key	header		string					false	"1 to 255 characters; a retry with the same key and body replays the first answer"
//	@Param			body			body		CreateWebhookRequest	true	"URL, events and a description"
//	@Success		201				{object}	NewWebhook
//	@Header			201				{string}	Location	"/v1/orgs/{id}/webhooks/{webhook_id}"
//	@Header			201				{string}	Cache-Control	"no-store"
//	@Failure		400				{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401				{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403				{object}	Problem	"job seekers, and keys without the webhooks scope"
//	@Failure		404				{object}	Problem	"no such organisation, or not yours"
//	@Failure		409				{object}	Problem	"20 webhooks already, or a retry while the first request runs"
//	@Failure		413				{object}	Problem	"body too large"
//	@Failure		415				{object}	Problem	"not JSON"
//	@Failure		422				{object}	Problem	"a URL that is not https or not public, an unknown event, or an Idempotency-Key reused with another body"
//	@Router			/v1/orgs/{id}/webhooks [post]
func (s *server) createWebhook(c echo.Context) error {
	org, err := s.orgFromPath(c, service.ActionWebhookManage)
	if err != nil {
		return err
	}
	var req CreateWebhookRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	e, err := s.deps.Webhooks.Create(c.Request().Context(), principalOf(c), org,
		service.WebhookInput{URL: req.URL, Events: req.Events, Description: req.Description})
	if err != nil {
		return err
	}
	noStore(c)
	c.Response().Header().Set(echo.HeaderLocation, "/v1/orgs/"+org+"/webhooks/"+e.ID)
	return c.JSON(http.StatusCreated, NewWebhook{Webhook: toWebhook(e), Secret: e.Secret})
}

// listWebhooks godoc
//
//	@Summary		List webhooks
//	@Description	The organisation's endpoints, oldest first, without their secrets.
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"organisation id"	format(uuid)
//	@Param			limit	query		int		false	"page size, 1 to 100 (default 100)"	minimum(1)	maximum(100)
//	@Param			cursor	query		string	false	"next_cursor of the previous page"
//	@Success		200		{object}	WebhookList
//	@Failure		401		{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403		{object}	Problem	"job seekers, and keys without the webhooks scope"
//	@Failure		404		{object}	Problem	"no such organisation, or not yours"
//	@Failure		422		{object}	Problem	"bad limit or cursor"
//	@Router			/v1/orgs/{id}/webhooks [get]
func (s *server) listWebhooks(c echo.Context) error {
	org, err := s.orgFromPath(c, service.ActionWebhookManage)
	if err != nil {
		return err
	}
	limit, after, err := pageParams(c)
	if err != nil {
		return err
	}
	eps, next, err := s.deps.Webhooks.List(c.Request().Context(), principalOf(c), org, after, limit)
	if err != nil {
		return err
	}
	out := WebhookList{Items: make([]Webhook, len(eps))}
	for i, e := range eps {
		out.Items[i] = toWebhook(e)
	}
	if next != "" {
		out.NextCursor = encodeCursor(next)
	}
	return c.JSON(http.StatusOK, out)
}

// getWebhook godoc
//
//	@Summary		Read a webhook
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"organisation id"	format(uuid)
//	@Param			wid	path		string	true	"webhook id"		format(uuid)
//	@Success		200	{object}	Webhook
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"job seekers, and keys without the webhooks scope"
//	@Failure		404	{object}	Problem	"no such webhook in this organisation, or not yours"
//	@Router			/v1/orgs/{id}/webhooks/{wid} [get]
func (s *server) getWebhook(c echo.Context) error {
	org, wid, err := s.webhookFromPath(c)
	if err != nil {
		return err
	}
	e, err := s.deps.Webhooks.Get(c.Request().Context(), principalOf(c), org, wid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toWebhook(e))
}

// deleteWebhook godoc
//
//	@Summary		Delete a webhook
//	@Description	Nothing more is sent to it; its pending deliveries are dropped with it.
//	@Tags			webhooks
//	@Security		BearerAuth
//	@Param			id	path	string	true	"organisation id"	format(uuid)
//	@Param			wid	path	string	true	"webhook id"		format(uuid)
//	@Success		204
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"job seekers, and keys without the webhooks scope"
//	@Failure		404	{object}	Problem	"no such webhook in this organisation, or not yours"
//	@Router			/v1/orgs/{id}/webhooks/{wid} [delete]
func (s *server) deleteWebhook(c echo.Context) error {
	org, wid, err := s.webhookFromPath(c)
	if err != nil {
		return err
	}
	if err := s.deps.Webhooks.Delete(c.Request().Context(), principalOf(c), org, wid); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// rotateWebhookSecret godoc
//
//	@Summary		Rotate a webhook's secret
//	@Description	A new secret, in this answer only. For the grace period every delivery carries two signatures (new and old, space-separated in webhook-signature), so the receiver can switch without missing one.
//	@Tags			webhooks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string						true	"organisation id"	format(uuid)
//	@Param			wid		path		string						true	"webhook id"		format(uuid)
//	@Param			body	body		RotateWebhookSecretRequest	false	"grace period"
//	@Success		200		{object}	NewWebhook
//	@Header			200		{string}	Cache-Control	"no-store"
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401		{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403		{object}	Problem	"job seekers, and keys without the webhooks scope"
//	@Failure		404		{object}	Problem	"no such webhook in this organisation, or not yours"
//	@Failure		422		{object}	Problem	"grace period outside 0 to 168 hours"
//	@Router			/v1/orgs/{id}/webhooks/{wid}/rotate-secret [post]
func (s *server) rotateWebhookSecret(c echo.Context) error {
	org, wid, err := s.webhookFromPath(c)
	if err != nil {
		return err
	}
	var req RotateWebhookSecretRequest
	if c.Request().ContentLength != 0 {
		if err := bindValid(c, &req); err != nil {
			return err
		}
	}
	grace := domain.WebhookDefaultGrace
	if req.GracePeriodHours != nil {
		grace = time.Duration(*req.GracePeriodHours) * time.Hour
	}
	e, err := s.deps.Webhooks.Rotate(c.Request().Context(), principalOf(c), org, wid, grace)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, NewWebhook{Webhook: toWebhook(e), Secret: e.Secret})
}
