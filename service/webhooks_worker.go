package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/rungs/rungs/domain"
)

// WebhookQueue is what the delivery worker needs of the store.
// repository.Webhooks implements it.
type WebhookQueue interface {
	Claim(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]domain.DueDelivery, error)
	Finish(ctx context.Context, owner string, rs []domain.AttemptResult) ([]bool, error)
	// Release gives back held deliveries not attempted.
	Release(ctx context.Context, owner string, ds []domain.DueDelivery) error
	Prune(ctx context.Context, before time.Time) error
}

// WorkerConfig tunes the delivery worker; zero values take the defaults.
type WorkerConfig struct {
	// Concurrency is how many deliveries run at once (default 16).
	Concurrency int
	// Poll is how often the queue is read when nothing woke the worker
	// (default 500 ms): events committed by other processes are found then.
	Poll time.Duration
	// Lease is how long a claimed delivery is held (at least, and by
	// default, 100 s: each slot's share of a claim tried in turn, 10 s
	// each, with margin); a worker that dies loses it after that.
	Lease time.Duration
	// RetryBase is the first retry's delay (default 5 s); each next one
	// doubles, up to RetryMax (default 1 h), with ±25 % jitter, until the
	// retry window (24 h) from the event ends.
	RetryBase, RetryMax time.Duration
	// Keep is how long finished deliveries stay listed (default 30 days).
	Keep time.Duration
	// Box opens signing secrets stored sealed (nil: stored as they are).
	Box *SecretBox
	// Observe, when set, is told each recorded attempt's outcome
	// ("delivered", "retry" or "failed") and latency, for metrics.
	Observe func(outcome string, latency time.Duration)
}

// WebhookWorker delivers due webhook deliveries: at least once, one
// candidate's events to one endpoint in order, signed the Standard
// Webhooks way.
type WebhookWorker struct {
	cfg    WorkerConfig
	queue  WebhookQueue
	client *http.Client
	log    *slog.Logger
	owner  string
	wake   <-chan struct{}
	now    func() time.Time
	freed  chan struct{}
}

// NewWebhookWorker returns a worker; wake may be nil and now may be nil.
func NewWebhookWorker(cfg WorkerConfig, queue WebhookQueue, client *http.Client, wake <-chan struct{}, log *slog.Logger, now func() time.Time) *WebhookWorker {
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 16
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 500 * time.Millisecond
	}
	// Long enough for every held delivery to be tried in turn.
	if minLease := (claimAhead + 1) * (WebhookTimeout + leaseMargin); cfg.Lease < minLease {
		cfg.Lease = minLease
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = 5 * time.Second
	}
	if cfg.RetryMax <= 0 {
		cfg.RetryMax = time.Hour
	}
	if cfg.Keep <= 0 {
		cfg.Keep = 30 * 24 * time.Hour
	}
	if now == nil {
		now = time.Now
	}
	return &WebhookWorker{cfg: cfg, queue: queue, client: client, log: log, owner: newID(), wake: wake, now: now,
		freed: make(chan struct{}, 1)}
}

// Run delivers until ctx ends, then waits for the deliveries in flight
// and records them.
func (w *WebhookWorker) Run(ctx context.Context) {
	sem := make(chan struct{}, w.cfg.Concurrency)
	results := make(chan domain.AttemptResult, w.cfg.Concurrency)
	recorded := make(chan struct{})
	go func() { defer close(recorded); w.record(results) }()
	var wg sync.WaitGroup
	defer func() { wg.Wait(); close(results); <-recorded }()
	tick := time.NewTicker(w.cfg.Poll)
	defer tick.Stop()
	lastPrune, lastError := time.Time{}, time.Time{}
	// Deliveries are leased several slots' worth at a time and handed out
	// as slots free: one claim transaction serves many deliveries.
	var held []domain.DueDelivery
	defer func() {
		if len(held) > 0 {
			if err := w.queue.Release(context.Background(), w.owner, held); err != nil {
				w.log.Warn("webhook deliveries not released; they are retried when their lease ends", slog.String("error", err.Error()))
			}
		}
	}()
	for {
		if time.Since(lastPrune) > time.Hour {
			if err := w.queue.Prune(ctx, w.now().Add(-w.cfg.Keep)); err != nil && ctx.Err() == nil {
				w.log.Warn("webhook prune failed", slog.String("error", err.Error()))
			}
			lastPrune = time.Now()
		}
		claimed := false
		if want := claimAhead*cap(sem) - len(held); ctx.Err() == nil && len(held) < cap(sem) {
			due, err := w.queue.Claim(ctx, w.owner, w.now(), w.cfg.Lease, want)
			if err != nil && ctx.Err() == nil && time.Since(lastError) > time.Minute {
				// Once a minute at most: the database may be down for a while.
				w.log.Warn("webhook queue unavailable", slog.String("error", err.Error()))
				lastError = time.Now()
			}
			held = append(held, due...)
			claimed = len(due) == want
		}
		for len(held) > 0 && len(sem) < cap(sem) && ctx.Err() == nil {
			d := held[0]
			held = held[1:]
			// Only while the lease outlasts a whole attempt: after it
			// another worker may hold the delivery.
			if w.now().Add(WebhookTimeout + leaseMargin).After(d.LeaseUntil) {
				if err := w.queue.Release(context.Background(), w.owner, []domain.DueDelivery{d}); err != nil {
					w.log.Warn("webhook delivery not released; it is retried when its lease ends", slog.String("error", err.Error()))
				}
				continue
			}
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				results <- w.attempt(context.WithoutCancel(ctx), d)
				<-sem
			}()
		}
		if claimed && len(held) < cap(sem) {
			continue // more may be due
		}
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-w.freed:
		case <-tick.C:
		}
	}
}

// claimAhead is how many slots' worth of deliveries one claim leases;
// leaseMargin is the time an attempt's record may take after its timeout.
const (
	claimAhead  = 4
	leaseMargin = 10 * time.Second
)

// attempt sends one delivery and says what comes next.
func (w *WebhookWorker) attempt(ctx context.Context, d domain.DueDelivery) domain.AttemptResult {
	start := w.now()
	status, err := w.send(ctx, d, start)
	r := domain.AttemptResult{Due: d, State: domain.WebhookDeliveryStateSuccess,
		Attempt: domain.WebhookAttempt{Number: d.Delivery.Attempts, AttemptedAt: start, StatusCode: status, Latency: w.now().Sub(start)}}
	if err != nil {
		r.Attempt.Error = truncate(err.Error(), domain.WebhookDeliveryMaxErrorChars)
		r.State, r.Next = w.retry(d, start)
	}
	return r
}

// record writes attempts as they finish, many per transaction when they
// come fast, and wakes the claimer: the next of a candidate's events may
// now be due.
func (w *WebhookWorker) record(results <-chan domain.AttemptResult) {
	for r := range results {
		batch := []domain.AttemptResult{r}
	more:
		for len(batch) < 256 {
			select {
			case r, ok := <-results:
				if !ok {
					break more
				}
				batch = append(batch, r)
			default:
				break more
			}
		}
		ok, err := w.queue.Finish(context.Background(), w.owner, batch)
		for i, r := range batch {
			w.logAttempt(r, ok[i], err)
		}
		select {
		case w.freed <- struct{}{}:
		default:
		}
	}
}

func (w *WebhookWorker) logAttempt(r domain.AttemptResult, recorded bool, err error) {
	d, a := r.Due, r.Attempt
	if w.cfg.Observe != nil && recorded && err == nil {
		outcome := "delivered"
		switch {
		case r.State == domain.WebhookDeliveryStateFailed:
			outcome = "failed"
		case a.Error != "":
			outcome = "retry"
		}
		w.cfg.Observe(outcome, a.Latency)
	}
	attrs := []any{slog.String("delivery_id", d.Delivery.ID), slog.String("webhook_id", d.Endpoint.ID),
		slog.String("event", d.EventType), slog.Int("attempt", a.Number), slog.Int("status", a.StatusCode)}
	switch {
	case err != nil:
		// The attempt was made; its record was not. The lease runs out and
		// the delivery is tried again: at least once.
		w.log.Warn("webhook attempt not recorded", append(attrs, slog.String("error", err.Error()))...)
	case !recorded:
		w.log.Info("webhook delivery no longer held (deleted or taken over)", attrs...)
	case r.State == domain.WebhookDeliveryStateFailed:
		w.log.Warn("webhook delivery failed for good", append(attrs, slog.String("error", a.Error))...)
	case a.Error != "":
		w.log.Info("webhook attempt failed", append(attrs, slog.String("error", a.Error))...)
	default:
		w.log.Debug("webhook delivered", append(attrs, slog.Float64("latency_ms", float64(a.Latency.Microseconds())/1000))...)
	}
}

// retry is the state after a failed attempt: pending with the next try,
// or failed once that would fall outside the retry window.
func (w *WebhookWorker) retry(d domain.DueDelivery, at time.Time) (string, *time.Time) {
	delay := w.cfg.RetryBase
	for i := 1; i < d.Delivery.Attempts && delay < w.cfg.RetryMax; i++ {
		delay *= 2
	}
	delay = min(delay, w.cfg.RetryMax)
	delay = time.Duration(float64(delay) * (0.75 + rand.Float64()/2))
	next := at.Add(delay)
	if next.After(d.Delivery.CreatedAt.Add(domain.WebhookRetryWindow)) {
		return domain.WebhookDeliveryStateFailed, nil
	}
	return domain.WebhookDeliveryStatePending, &next
}

// send posts the event, signed for now, and reports the status; any answer
// but 2xx is an error. At most 64 KiB of the answer is read.
func (w *WebhookWorker) send(ctx context.Context, d domain.DueDelivery, now time.Time) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, WebhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.Endpoint.URL, bytes.NewReader(d.Payload))
	if err != nil {
		return 0, err
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "Rungs-Webhooks/1")
	h.Set("webhook-id", d.Delivery.EventID)
	h.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	secrets := d.Endpoint.Secrets(now)
	for i, sec := range secrets {
		if secrets[i], err = w.cfg.Box.Open(sec); err != nil {
			return 0, err
		}
	}
	h.Set("webhook-signature", domain.SignWebhook(secrets, d.Delivery.EventID, now, d.Payload))
	resp, err := w.client.Do(req)
	if err != nil {
		// Without the URL: it may carry a token of the receiver's.
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, WebhookMaxResponse))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("answered %d", resp.StatusCode)
	}
	return resp.StatusCode, nil
}
