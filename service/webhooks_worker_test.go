package service

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
)

// Retries back off exponentially with jitter up to the cap, and a delivery
// whose next try would fall past 24 hours from its event is failed.
func TestWebhookRetrySchedule(t *testing.T) {
	w := NewWebhookWorker(WorkerConfig{}, nil, nil, nil, slog.New(slog.DiscardHandler), nil)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	due := func(attempts int, age time.Duration) domain.DueDelivery {
		return domain.DueDelivery{Delivery: domain.WebhookDelivery{Attempts: attempts, CreatedAt: now.Add(-age)}}
	}
	for attempts, base := range map[int]time.Duration{1: 5 * time.Second, 2: 10 * time.Second, 3: 20 * time.Second, 8: 640 * time.Second, 30: time.Hour} {
		lo, hi := time.Duration(float64(base)*0.75), time.Duration(float64(base)*1.25)
		seen := map[time.Duration]bool{}
		for range 50 {
			state, next := w.retry(due(attempts, time.Minute), now)
			if state != domain.WebhookDeliveryStatePending || next == nil {
				t.Fatalf("attempt %d: %s", attempts, state)
			}
			d := next.Sub(now)
			if d < lo || d > hi {
				t.Fatalf("attempt %d: retry in %s, want %s to %s", attempts, d, lo, hi)
			}
			seen[d] = true
		}
		if len(seen) < 10 {
			t.Fatalf("attempt %d: only %d distinct delays: no jitter", attempts, len(seen))
		}
	}
	if state, next := w.retry(due(25, 23*time.Hour+59*time.Minute), now); state != domain.WebhookDeliveryStateFailed || next != nil {
		t.Fatalf("past the window: %s %v", state, next)
	}
	if state, _ := w.retry(due(2, 23*time.Hour), now); state != domain.WebhookDeliveryStatePending {
		t.Fatalf("an hour before the window ends: %s", state)
	}
}

// fakeQueue hands out one claim and records releases and finishes.
type fakeQueue struct {
	due      []domain.DueDelivery
	released chan string
}

func (q *fakeQueue) Claim(context.Context, string, time.Time, time.Duration, int) ([]domain.DueDelivery, error) {
	d := q.due
	q.due = nil
	return d, nil
}
func (q *fakeQueue) Finish(_ context.Context, _ string, rs []domain.AttemptResult) ([]bool, error) {
	return make([]bool, len(rs)), nil
}
func (q *fakeQueue) Release(_ context.Context, _ string, ds []domain.DueDelivery) error {
	for _, d := range ds {
		q.released <- d.Delivery.ID
	}
	return nil
}
func (q *fakeQueue) Prune(context.Context, time.Time) error { return nil }

// A held delivery whose lease would end during an attempt is given back,
// not sent: by then another worker may hold it.
func TestWebhookWorkerSendsOnlyWhileTheLeaseLasts(t *testing.T) {
	var sent atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { sent.Add(1) }))
	defer srv.Close()
	now := time.Now()
	q := &fakeQueue{released: make(chan string, 1), due: []domain.DueDelivery{{
		LeaseUntil: now.Add(5 * time.Second), Delivery: domain.WebhookDelivery{ID: "short", Attempts: 1, CreatedAt: now},
		Endpoint: domain.WebhookEndpoint{URL: srv.URL, Secret: "whsec_AAAA"}, Payload: []byte(`{}`),
	}}}
	w := NewWebhookWorker(WorkerConfig{Poll: 10 * time.Millisecond}, q, srv.Client(), nil, slog.New(slog.DiscardHandler), nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	select {
	case id := <-q.released:
		if id != "short" {
			t.Fatalf("released %s", id)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the delivery was neither released nor skipped")
	}
	cancel()
	<-done
	if n := sent.Load(); n != 0 {
		t.Fatalf("sent %d times on a lease about to end", n)
	}
}
