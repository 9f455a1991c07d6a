package service

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/rungs/rungs/domain"
)

// WebhookStore keeps endpoints, the event outbox and deliveries.
// repository.Webhooks implements it.
type WebhookStore interface {
	CreateEndpoint(ctx context.Context, e domain.WebhookEndpoint) error
	UpdateEndpoint(ctx context.Context, e domain.WebhookEndpoint) error
	CountEndpoints(ctx context.Context, orgID string) (int, error)
	Endpoint(ctx context.Context, orgID, id string, lock bool) (domain.WebhookEndpoint, error)
	Endpoints(ctx context.Context, orgID, after string, limit int) ([]domain.WebhookEndpoint, error)
	EndpointsOf(ctx context.Context, orgIDs []string) ([]domain.WebhookEndpoint, error)
	DeleteEndpoint(ctx context.Context, orgID, id string) error
	AddEvents(ctx context.Context, evs []domain.OutboxEvent) error
	Delivery(ctx context.Context, endpointID, id string) (domain.WebhookDelivery, error)
	Deliveries(ctx context.Context, endpointID, before string, limit int) ([]domain.WebhookDelivery, error)
	Redeliver(ctx context.Context, endpointID, id, newID string, now time.Time) (domain.WebhookDelivery, error)
}

// CommitNotifier is a Transactor that can run code once a transaction has
// committed. repository.DB implements it.
type CommitNotifier interface {
	Transactor
	AfterCommit(ctx context.Context, f func())
}

// Webhooks manages an organisation's webhook endpoints and records the
// events they receive. Every call goes through the policy.
type Webhooks struct {
	tx     CommitNotifier
	store  WebhookStore
	orgs   OrganisationStore
	audit  *Audit
	policy *Policy
	guard  WebhookGuard
	now    func() time.Time
	wake   chan struct{}
	box    *SecretBox
}

// UseSecretBox makes new and rotated signing secrets stored sealed with b
// (nil: stored as they are).
func (w *Webhooks) UseSecretBox(b *SecretBox) { w.box = b }

// NewWebhooks returns the webhook service; now may be nil.
func NewWebhooks(tx CommitNotifier, store WebhookStore, orgs OrganisationStore, audit *Audit, policy *Policy, guard WebhookGuard, now func() time.Time) *Webhooks {
	if now == nil {
		now = time.Now
	}
	return &Webhooks{tx: tx, store: store, orgs: orgs, audit: audit, policy: policy, guard: guard, now: now, wake: make(chan struct{}, 1)}
}

// Woken is signalled when deliveries may be due (an event committed here).
func (w *Webhooks) Woken() <-chan struct{} { return w.wake }

// WebhookInput is a new endpoint as a client sends it.
type WebhookInput struct {
	URL         string
	Events      []string
	Description string
}

// ObjectWebhook is a webhook endpoint.
const ObjectWebhook = "webhook"

// newWebhookSecret is "whsec_" and the base64 of 32 random bytes, the
// Standard Webhooks form.
func newWebhookSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return domain.WebhookSecretPrefix + base64.StdEncoding.EncodeToString(b)
}

// Create registers an endpoint and returns it with its secret, shown once.
func (w *Webhooks) Create(ctx context.Context, pr Principal, orgID string, in WebhookInput) (domain.WebhookEndpoint, error) {
	if err := w.policy.Authorize(pr, ActionWebhookManage, OrganisationObject(orgID)); err != nil {
		return domain.WebhookEndpoint{}, err
	}
	events, err := checkWebhook(in)
	if err != nil {
		return domain.WebhookEndpoint{}, err
	}
	u, err := w.guard.CheckURL(ctx, "url", in.URL)
	if err != nil {
		return domain.WebhookEndpoint{}, err
	}
	now := w.now().UTC().Truncate(time.Microsecond)
	e := domain.WebhookEndpoint{ID: newID(), OrganisationID: orgID, URL: u.String(), Description: strings.TrimSpace(in.Description),
		Events: events, Secret: newWebhookSecret(), CreatedAt: now, UpdatedAt: now}
	err = w.tx.InTx(ctx, func(ctx context.Context) error {
		if err := w.orgs.Lock(ctx, orgID); err != nil {
			return err
		}
		n, err := w.store.CountEndpoints(ctx, orgID)
		if err != nil {
			return err
		}
		if n >= domain.MaxWebhookEndpoints {
			return domain.Errorf(domain.ErrConflict, "The organisation has %d webhooks, the most allowed; delete one first.", n)
		}
		stored := e
		stored.Secret = w.box.Seal(e.Secret)
		if err := w.store.CreateEndpoint(ctx, stored); err != nil {
			return err
		}
		return w.audit.Record(ctx, Entry(pr, ActionWebhookManage, ObjectWebhook, e.ID))
	})
	return e, err
}

// checkWebhook returns the events without repeats, reporting every problem.
func checkWebhook(in WebhookInput) ([]string, error) {
	verr := &domain.ValidationError{}
	if len(in.Events) == 0 {
		verr.Add("events", "min", "must name at least one event: "+strings.Join(domain.WebhookEventTypes, ", "))
	}
	var out []string
	seen := map[string]bool{}
	for i, ev := range in.Events {
		switch {
		case !domain.ValidWebhookEvent(ev):
			verr.AddValue(fmt.Sprintf("events[%d]", i), "oneof", "must be one of "+strings.Join(domain.WebhookEventTypes, ", "), truncate(ev, 40))
		case !seen[ev]:
			seen[ev] = true
			out = append(out, ev)
		}
	}
	if domain.TextLength(in.Description) > domain.MaxWebhookDescriptionLength {
		verr.Add("description", "max", fmt.Sprintf("must have at most %d characters", domain.MaxWebhookDescriptionLength))
	}
	return out, verr.OrNil()
}

// List returns a page of the organisation's endpoints, oldest first, and
// the id to continue after ("" at the end).
func (w *Webhooks) List(ctx context.Context, pr Principal, orgID, after string, limit int) ([]domain.WebhookEndpoint, string, error) {
	if err := w.policy.Authorize(pr, ActionWebhookManage, OrganisationObject(orgID)); err != nil {
		return nil, "", err
	}
	eps, err := w.store.Endpoints(ctx, orgID, after, limit+1)
	if err != nil {
		return nil, "", err
	}
	eps, next := page(eps, limit, func(e domain.WebhookEndpoint) string { return e.ID })
	return eps, next, nil
}

// Get returns one endpoint.
func (w *Webhooks) Get(ctx context.Context, pr Principal, orgID, id string) (domain.WebhookEndpoint, error) {
	if err := w.policy.Authorize(pr, ActionWebhookManage, OrganisationObject(orgID)); err != nil {
		return domain.WebhookEndpoint{}, err
	}
	return w.store.Endpoint(ctx, orgID, id, false)
}

// Delete removes an endpoint; its pending deliveries go with it.
func (w *Webhooks) Delete(ctx context.Context, pr Principal, orgID, id string) error {
	if err := w.policy.Authorize(pr, ActionWebhookManage, OrganisationObject(orgID)); err != nil {
		return err
	}
	return w.tx.InTx(ctx, func(ctx context.Context) error {
		if err := w.store.DeleteEndpoint(ctx, orgID, id); err != nil {
			return err
		}
		return w.audit.Record(ctx, Entry(pr, ActionWebhookManage, ObjectWebhook, id))
	})
}

// Rotate gives the endpoint a new secret; the old one keeps signing (both
// signatures are sent) for grace, so receivers can switch without a gap.
func (w *Webhooks) Rotate(ctx context.Context, pr Principal, orgID, id string, grace time.Duration) (domain.WebhookEndpoint, error) {
	if err := w.policy.Authorize(pr, ActionWebhookManage, OrganisationObject(orgID)); err != nil {
		return domain.WebhookEndpoint{}, err
	}
	if grace < 0 || grace > domain.WebhookMaxGrace {
		verr := &domain.ValidationError{}
		verr.Add("grace_period_hours", "range", fmt.Sprintf("must be from 0 to %d", int(domain.WebhookMaxGrace.Hours())))
		return domain.WebhookEndpoint{}, verr
	}
	var out domain.WebhookEndpoint
	err := w.tx.InTx(ctx, func(ctx context.Context) error {
		e, err := w.store.Endpoint(ctx, orgID, id, true)
		if err != nil {
			return err
		}
		now := w.now().UTC().Truncate(time.Microsecond)
		until := now.Add(grace)
		// The old secret stays as stored (sealed, or from before a key was set).
		fresh := newWebhookSecret()
		e.PreviousSecret, e.PreviousUntil, e.Secret, e.UpdatedAt = e.Secret, &until, w.box.Seal(fresh), now
		if err := w.store.UpdateEndpoint(ctx, e); err != nil {
			return err
		}
		out = e
		out.Secret, out.PreviousSecret = fresh, ""
		return w.audit.Record(ctx, Entry(pr, ActionWebhookManage, ObjectWebhook, id))
	})
	return out, err
}

// Test sends the endpoint a webhook.test ping and returns its delivery.
func (w *Webhooks) Test(ctx context.Context, pr Principal, orgID, id string) (domain.WebhookDelivery, error) {
	if err := w.policy.Authorize(pr, ActionWebhookManage, OrganisationObject(orgID)); err != nil {
		return domain.WebhookDelivery{}, err
	}
	var out domain.WebhookDelivery
	err := w.tx.InTx(ctx, func(ctx context.Context) error {
		e, err := w.store.Endpoint(ctx, orgID, id, false)
		if err != nil {
			return err
		}
		ev := domain.WebhookEvent{ID: "msg_" + newID(), OrganisationID: orgID, Type: domain.EventWebhookTest,
			Data: map[string]string{"webhook_id": e.ID}, CreatedAt: w.now().UTC()}
		ob, err := outbox([]domain.WebhookEvent{ev}, []domain.WebhookEndpoint{e}, e.ID)
		if err != nil {
			return err
		}
		if err := w.store.AddEvents(ctx, ob); err != nil {
			return err
		}
		out = domain.WebhookDelivery{ID: ob[0].Deliveries[0].ID, EventID: ev.ID, EventType: ev.Type, EndpointID: e.ID,
			State: domain.WebhookDeliveryStatePending, NextAttemptAt: &ev.CreatedAt, CreatedAt: ev.CreatedAt}
		w.tx.AfterCommit(ctx, w.Wake)
		return nil
	})
	return out, err
}

// Deliveries lists an endpoint's deliveries newest first, with every
// attempt, and the id to continue before.
func (w *Webhooks) Deliveries(ctx context.Context, pr Principal, orgID, id, before string, limit int) ([]domain.WebhookDelivery, string, error) {
	if _, err := w.Get(ctx, pr, orgID, id); err != nil {
		return nil, "", err
	}
	ds, err := w.store.Deliveries(ctx, id, before, limit+1)
	if err != nil {
		return nil, "", err
	}
	ds, next := page(ds, limit, func(d domain.WebhookDelivery) string { return d.ID })
	return ds, next, nil
}

// Delivery returns one delivery of the endpoint with its attempts.
func (w *Webhooks) Delivery(ctx context.Context, pr Principal, orgID, id, deliveryID string) (domain.WebhookDelivery, error) {
	if _, err := w.Get(ctx, pr, orgID, id); err != nil {
		return domain.WebhookDelivery{}, err
	}
	return w.store.Delivery(ctx, id, deliveryID)
}

// Redeliver sends a delivery's event again now: a pending delivery is
// tried at once, a finished one gets a new delivery (same webhook-id, so
// receivers that deduplicate see one message).
func (w *Webhooks) Redeliver(ctx context.Context, pr Principal, orgID, id, deliveryID string) (domain.WebhookDelivery, error) {
	if _, err := w.Get(ctx, pr, orgID, id); err != nil {
		return domain.WebhookDelivery{}, err
	}
	d, err := w.store.Redeliver(ctx, id, deliveryID, newID(), w.now())
	if err == nil {
		w.Wake()
	}
	return d, err
}
