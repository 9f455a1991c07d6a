package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// testWebhook godoc
//
//	@Summary		Send a test event
//	@Description	Queues a webhook.test event to this endpoint alone, delivered and signed like any other; follow it in the deliveries.
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"organisation id"	format(uuid)
//	@Param			wid	path		string	true	"webhook id"		format(uuid)
//	@Success		202	{object}	WebhookDelivery
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"job seekers, and keys without the webhooks scope"
//	@Failure		404	{object}	Problem	"no such webhook in this organisation, or not yours"
//	@Router			/v1/orgs/{id}/webhooks/{wid}/test [post]
func (s *server) testWebhook(c echo.Context) error {
	org, wid, err := s.webhookFromPath(c)
	if err != nil {
		return err
	}
	d, err := s.deps.Webhooks.Test(c.Request().Context(), principalOf(c), org, wid)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, toWebhookDelivery(d))
}

// listWebhookDeliveries godoc
//
//	@Summary		List a webhook's deliveries
//	@Description	Newest first, with every attempt: when, the status code answered (0 for none), latency, and the next retry while pending. Kept for 30 days.
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string	true	"organisation id"	format(uuid)
//	@Param			wid		path		string	true	"webhook id"		format(uuid)
//	@Param			limit	query		int		false	"page size, 1 to 100 (default 100)"	minimum(1)	maximum(100)
//	@Param			cursor	query		string	false	"next_cursor of the previous page"
//	@Success		200		{object}	WebhookDeliveryList
//	@Failure		401		{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403		{object}	Problem	"job seekers, and keys without the webhooks scope"
//	@Failure		404		{object}	Problem	"no such webhook in this organisation, or not yours"
//	@Failure		422		{object}	Problem	"bad limit or cursor"
//	@Router			/v1/orgs/{id}/webhooks/{wid}/deliveries [get]
func (s *server) listWebhookDeliveries(c echo.Context) error {
	org, wid, err := s.webhookFromPath(c)
	if err != nil {
		return err
	}
	limit, before, err := pageParams(c)
	if err != nil {
		return err
	}
	ds, next, err := s.deps.Webhooks.Deliveries(c.Request().Context(), principalOf(c), org, wid, before, limit)
	if err != nil {
		return err
	}
	out := WebhookDeliveryList{Items: make([]WebhookDelivery, len(ds))}
	for i, d := range ds {
		out.Items[i] = toWebhookDelivery(d)
	}
	if next != "" {
		out.NextCursor = encodeCursor(next)
	}
	return c.JSON(http.StatusOK, out)
}

// getWebhookDelivery godoc
//
//	@Summary		Read one delivery
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"organisation id"	format(uuid)
//	@Param			wid	path		string	true	"webhook id"		format(uuid)
//	@Param			did	path		string	true	"delivery id"		format(uuid)
//	@Success		200	{object}	WebhookDelivery
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"job seekers, and keys without the webhooks scope"
//	@Failure		404	{object}	Problem	"no such delivery of this webhook, or not yours"
//	@Router			/v1/orgs/{id}/webhooks/{wid}/deliveries/{did} [get]
func (s *server) getWebhookDelivery(c echo.Context) error {
	org, wid, did, err := s.deliveryFromPath(c)
	if err != nil {
		return err
	}
	d, err := s.deps.Webhooks.Delivery(c.Request().Context(), principalOf(c), org, wid, did)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toWebhookDelivery(d))
}

// redeliverWebhook godoc
//
//	@Summary		Send a delivery again
//	@Description	A pending delivery is tried at once; a finished one (succeeded or failed) gets a new delivery of the same event, with the same webhook-id.
//	@Tags			webhooks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"organisation id"	format(uuid)
//	@Param			wid	path		string	true	"webhook id"		format(uuid)
//	@Param			did	path		string	true	"delivery id"		format(uuid)
//	@Success		202	{object}	WebhookDelivery
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"job seekers, and keys without the webhooks scope"
//	@Failure		404	{object}	Problem	"no such delivery of this webhook, or not yours"
//	@Router			/v1/orgs/{id}/webhooks/{wid}/deliveries/{did}/redeliver [post]
func (s *server) redeliverWebhook(c echo.Context) error {
	org, wid, did, err := s.deliveryFromPath(c)
	if err != nil {
		return err
	}
	d, err := s.deps.Webhooks.Redeliver(c.Request().Context(), principalOf(c), org, wid, did)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, toWebhookDelivery(d))
}

// deliveryFromPath is webhookFromPath with the delivery id (404 when not a UUID).
func (s *server) deliveryFromPath(c echo.Context) (string, string, string, error) {
	org, wid, err := s.webhookFromPath(c)
	if err != nil {
		return "", "", "", err
	}
	did, ok := pathID(c, "did")
	if !ok {
		return "", "", "", notFound("delivery")
	}
	return org, wid, did, nil
}
