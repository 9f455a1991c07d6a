package service

import (
	"log/slog"
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
