package service

import (
	"context"
	"encoding/json"
	"time"

	"github.com/rungs/rungs/domain"
)

// EventSink records webhook events in the transaction carried by ctx.
// *Webhooks implements it.
type EventSink interface {
	Emit(ctx context.Context, evs []domain.WebhookEvent) error
}

// newEvent is an event for an organisation's endpoints about one candidate;
// data holds ids only.
func newEvent(typ, orgID, candidateID string, at time.Time, data map[string]string) domain.WebhookEvent {
	if data == nil {
		data = map[string]string{}
	}
	data["candidate_id"] = candidateID
	return domain.WebhookEvent{ID: "msg_" + newID(), OrganisationID: orgID, Type: typ, CandidateID: candidateID, Data: data, CreatedAt: at.UTC()}
}

// webhookBody is what a receiver gets, in the Standard Webhooks shape.
type webhookBody struct {
	Type      string            `json:"type"`
	Timestamp string            `json:"timestamp"`
	Data      map[string]string `json:"data"`
}

func eventPayload(ev domain.WebhookEvent) ([]byte, error) {
	data := map[string]string{"event_id": ev.ID, "organisation_id": ev.OrganisationID}
	for k, v := range ev.Data {
		data[k] = v
	}
	return json.Marshal(webhookBody{Type: ev.Type, Timestamp: ev.CreatedAt.UTC().Format(time.RFC3339Nano), Data: data})
}

// Emit writes evs to the outbox with one delivery for each endpoint of
// their organisation that subscribes to them, in the caller's transaction;
// events nobody subscribes to are not kept. The worker is woken when the
// transaction commits.
func (w *Webhooks) Emit(ctx context.Context, evs []domain.WebhookEvent) error {
	orgs := map[string]bool{}
	var ids []string
	for _, ev := range evs {
		if ev.OrganisationID != "" && !orgs[ev.OrganisationID] {
			orgs[ev.OrganisationID] = true
			ids = append(ids, ev.OrganisationID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	eps, err := w.store.EndpointsOf(ctx, ids)
	if err != nil || len(eps) == 0 {
		return err
	}
	out, err := outbox(evs, eps, "")
	if err != nil || len(out) == 0 {
		return err
	}
	if err := w.store.AddEvents(ctx, out); err != nil {
		return err
	}
	w.tx.AfterCommit(ctx, w.Wake)
	return nil
}

// outbox pairs each event with the endpoints of its organisation that
// want it (only the endpoint only, when set).
func outbox(evs []domain.WebhookEvent, eps []domain.WebhookEndpoint, only string) ([]domain.OutboxEvent, error) {
	var out []domain.OutboxEvent
	for _, ev := range evs {
		o := domain.OutboxEvent{Event: ev, OrderingKey: ev.CandidateID}
		if o.OrderingKey == "" {
			o.OrderingKey = ev.ID
		}
		for _, ep := range eps {
			if ep.OrganisationID == ev.OrganisationID && ep.Subscribes(ev.Type) && (only == "" || ep.ID == only) {
				o.Deliveries = append(o.Deliveries, domain.WebhookDelivery{ID: newID(), EndpointID: ep.ID})
			}
		}
		if len(o.Deliveries) == 0 {
			continue
		}
		body, err := eventPayload(ev)
		if err != nil {
			return nil, err
		}
		o.Payload = body
		out = append(out, o)
	}
	return out, nil
}

// Wake tells this process's worker that deliveries are due.
func (w *Webhooks) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// emit records events through the sink, when there is one.
func (s *Candidates) emit(ctx context.Context, evs ...domain.WebhookEvent) error {
	if s.events == nil || len(evs) == 0 {
		return nil
	}
	return s.events.Emit(ctx, evs)
}

// emitToMakers sends one event type about c to its organisation and to
// every organisation that assessed it or scored it.
func (s *Candidates) emitToMakers(ctx context.Context, typ string, c domain.Candidate, data map[string]string) error {
	if s.events == nil {
		return nil
	}
	orgs, err := s.store.MakerOrganisations(ctx, c.ID)
	if err != nil {
		return err
	}
	if c.OrganisationID != "" {
		orgs = append(orgs, c.OrganisationID)
	}
	seen := map[string]bool{}
	var evs []domain.WebhookEvent
	for _, o := range orgs {
		if o == "" || seen[o] {
			continue
		}
		seen[o] = true
		d := map[string]string{}
		for k, v := range data {
			d[k] = v
		}
		evs = append(evs, newEvent(typ, o, c.ID, s.now(), d))
	}
	return s.emit(ctx, evs...)
}
