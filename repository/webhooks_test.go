package repository_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

func newUUID() string { return uuid.Must(uuid.NewV7()).String() }

// queueFixture is an organisation with one endpoint and three events about
// one candidate and one about another, all due at now.
func queueFixture(t *testing.T, db *repository.DB, now time.Time) (*repository.Webhooks, domain.WebhookEndpoint) {
	t.Helper()
	ctx := context.Background()
	org := domain.Organisation{ID: newUUID(), Name: "Acme", CreatedAt: now, UpdatedAt: now}
	if err := repository.NewOrganisations(db).Create(ctx, org); err != nil {
		t.Fatal(err)
	}
	store := repository.NewWebhooks(db)
	ep := domain.WebhookEndpoint{ID: newUUID(), OrganisationID: org.ID, URL: "https://example.org/h", Events: []string{domain.EventCandidateCreated},
		Secret: "whsec_AAAA", CreatedAt: now, UpdatedAt: now}
	if err := store.CreateEndpoint(ctx, ep); err != nil {
		t.Fatal(err)
	}
	var evs []domain.OutboxEvent
	for i, key := range []string{"cand-1", "cand-1", "cand-2", "cand-1"} {
		ev := domain.WebhookEvent{ID: "msg_" + newUUID(), OrganisationID: org.ID, Type: domain.EventCandidateCreated, CreatedAt: now.Add(time.Duration(i) * time.Millisecond)}
		evs = append(evs, domain.OutboxEvent{Event: ev, Payload: []byte(`{"n":` + string(rune('0'+i)) + `}`), OrderingKey: key,
			Deliveries: []domain.WebhookDelivery{{ID: newUUID(), EndpointID: ep.ID}}})
	}
	if err := store.AddEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	return store, ep
}

// Only the head of each candidate's chain is claimable; a claimed delivery
// is held from other workers; finishing it frees the next of its chain.
func TestWebhookQueueClaimsInOrderPerCandidate(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Microsecond)
		store, ep := queueFixture(t, db, now)
		due, err := store.Claim(ctx, "w1", now.Add(time.Second), time.Minute, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != 2 || string(due[0].Payload) != `{"n":0}` || string(due[1].Payload) != `{"n":2}` {
			t.Fatalf("claimed %d: %+v", len(due), due)
		}
		if due[0].Endpoint.URL != ep.URL || due[0].Endpoint.Secret != ep.Secret || due[0].Delivery.Attempts != 1 ||
			due[0].Delivery.State != domain.WebhookDeliveryStatePending || due[0].EventType != domain.EventCandidateCreated {
			t.Fatalf("claimed delivery %+v", due[0])
		}
		if again, err := store.Claim(ctx, "w2", now.Add(time.Second), time.Minute, 10); err != nil || len(again) != 0 {
			t.Fatalf("a second worker claimed %d held deliveries (%v)", len(again), err)
		}
		at := now.Add(2 * time.Second)
		a := domain.WebhookAttempt{Number: 1, AttemptedAt: at, StatusCode: 200, Latency: 1500 * time.Microsecond}
		if ok, err := finish(store, "w2", due[0], a, domain.WebhookDeliveryStateSuccess, nil); err != nil || ok {
			t.Fatalf("another worker finished a delivery it does not hold: %v %v", ok, err)
		}
		if ok, err := finish(store, "w1", due[0], a, domain.WebhookDeliveryStateSuccess, nil); err != nil || !ok {
			t.Fatalf("finish: %v %v", ok, err)
		}
		next, err := store.Claim(ctx, "w2", at, time.Minute, 10)
		if err != nil || len(next) != 1 || string(next[0].Payload) != `{"n":1}` {
			t.Fatalf("after the head: %+v %v", next, err)
		}
		// A failed attempt with a retry later keeps the chain waiting.
		retry := at.Add(time.Hour)
		fail := domain.WebhookAttempt{Number: 1, AttemptedAt: at, StatusCode: 500, Error: "answered 500"}
		if ok, err := finish(store, "w2", next[0], fail, domain.WebhookDeliveryStatePending, &retry); err != nil || !ok {
			t.Fatalf("finish failed attempt: %v %v", ok, err)
		}
		if more, err := store.Claim(ctx, "w3", at.Add(30*time.Second), time.Minute, 10); err != nil || len(more) != 0 {
			t.Fatalf("claimed behind a waiting retry: %+v %v", more, err)
		}
		list, err := store.Deliveries(ctx, ep.ID, "", 10)
		if err != nil || len(list) != 4 {
			t.Fatalf("list: %d %v", len(list), err)
		}
		first := list[3]
		if first.State != domain.WebhookDeliveryStateSuccess || first.LastStatus != 200 || len(first.Log) != 1 ||
			first.Log[0].Latency != 1500*time.Microsecond || first.CompletedAt == nil || first.EventType != domain.EventCandidateCreated {
			t.Fatalf("oldest delivery listed as %+v", first)
		}
		second := list[2]
		if second.State != domain.WebhookDeliveryStatePending || second.NextAttemptAt == nil || !second.NextAttemptAt.Equal(retry) ||
			second.Log[0].Error != "answered 500" {
			t.Fatalf("retrying delivery listed as %+v", second)
		}
		// Redelivering the pending one makes it due now.
		d, err := store.Redeliver(ctx, ep.ID, second.ID, newUUID(), at)
		if err != nil || d.ID != second.ID {
			t.Fatalf("redeliver pending: %+v %v", d, err)
		}
		if got, err := store.Claim(ctx, "w3", at.Add(time.Second), time.Minute, 10); err != nil || len(got) != 1 || got[0].Delivery.ID != second.ID || got[0].Delivery.Attempts != 2 {
			t.Fatalf("after redeliver: %+v %v", got, err)
		}
		// Redelivering a finished one adds a delivery of the same event.
		d, err = store.Redeliver(ctx, ep.ID, first.ID, newUUID(), at)
		if err != nil || d.ID == first.ID || d.EventID != first.EventID || d.State != domain.WebhookDeliveryStatePending {
			t.Fatalf("redeliver finished: %+v %v", d, err)
		}
	})
}

// A worker that dies holding a delivery loses it when the lease ends: the
// attempt it may have made is counted, and another worker tries again.
func TestWebhookLeaseExpires(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Microsecond)
		store, _ := queueFixture(t, db, now)
		if due, err := store.Claim(ctx, "dead", now, time.Minute, 1); err != nil || len(due) != 1 {
			t.Fatalf("claim: %d %v", len(due), err)
		}
		due, err := store.Claim(ctx, "alive", now.Add(61*time.Second), time.Minute, 1)
		if err != nil || len(due) != 1 || due[0].Delivery.Attempts != 2 || string(due[0].Payload) != `{"n":0}` {
			t.Fatalf("after the lease: %+v %v", due, err)
		}
	})
}

// finish records one attempt.
func finish(store *repository.Webhooks, owner string, d domain.DueDelivery, a domain.WebhookAttempt, state string, next *time.Time) (bool, error) {
	ok, err := store.Finish(context.Background(), owner, []domain.AttemptResult{{Due: d, Attempt: a, State: state, Next: next}})
	return ok[0], err
}
