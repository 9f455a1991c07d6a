package api

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/service"
)

// received is one request a test receiver got.
type received struct {
	Header http.Header
	Body   []byte
	Status int
	Event  struct {
		Type      string            `json:"type"`
		Timestamp string            `json:"timestamp"`
		Data      map[string]string `json:"data"`
	}
}

// receiver is a webhook endpoint in the test: it records every request and
// answers answer(n) to the nth (from 0).
type receiver struct {
	srv    *httptest.Server
	mu     sync.Mutex
	got    []received
	answer func(n int) int
}

func newReceiver(t testing.TB, answer func(n int) int) *receiver {
	r := &receiver{answer: answer}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		status := r.answer(len(r.got))
		rec := received{Header: req.Header.Clone(), Body: body, Status: status}
		_ = json.Unmarshal(body, &rec.Event)
		r.got = append(r.got, rec)
		r.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func always(status int) func(int) int { return func(int) int { return status } }

func (r *receiver) all() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}

// acked are the requests answered 2xx, in arrival order.
func (r *receiver) acked() []received {
	var out []received
	for _, g := range r.all() {
		if g.Status >= 200 && g.Status < 300 {
			out = append(out, g)
		}
	}
	return out
}

// waitAcked waits until n requests were acknowledged and returns them.
func (r *receiver) waitAcked(t testing.TB, n int) []received {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if got := r.acked(); len(got) >= n {
			return got
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("receiver acknowledged %d of %d deliveries (%d requests)", len(r.acked()), n, len(r.all()))
	return nil
}

// verifyStandardWebhook is the receiver's check, written from the Standard
// Webhooks specification and independent of the server's code: the HMAC-SHA256,
// keyed with the base64 after "whsec_", of "id.timestamp.body" must equal
// one of the space-separated "v1,<base64>" signatures, and the timestamp
// must be within five minutes of now.
func verifyStandardWebhook(secret string, h http.Header, body []byte, now time.Time) error {
	id, stamp, sigs := h.Get("webhook-id"), h.Get("webhook-timestamp"), h.Get("webhook-signature")
	if id == "" || stamp == "" || sigs == "" {
		return errors.New("missing webhook headers")
	}
	ts, err := strconv.ParseInt(stamp, 10, 64)
	if err != nil {
		return errors.New("bad timestamp")
	}
	if d := now.Sub(time.Unix(ts, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return errors.New("timestamp too far from now")
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return errors.New("bad secret")
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + stamp + "." + string(body)))
	want := mac.Sum(nil)
	for _, part := range strings.Fields(sigs) {
		version, sig, ok := strings.Cut(part, ",")
		if !ok || version != "v1" {
			continue
		}
		if got, err := base64.StdEncoding.DecodeString(sig); err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return errors.New("no signature matches")
}

// startWorker delivers the server's webhooks until the test ends.
func startWorker(t testing.TB, s *authServer, cfg service.WorkerConfig) {
	t.Helper()
	if cfg.Poll == 0 {
		cfg.Poll = 20 * time.Millisecond
	}
	w := service.NewWebhookWorker(cfg, repository.NewWebhooks(s.db), service.WebhookGuard{AllowPrivate: true}.Client(),
		s.webhooks.Woken(), slog.New(slog.DiscardHandler), nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}

// registerWebhook registers url for events in org as token and returns the
// webhook with its secret.
func (s *authServer) registerWebhook(token, org, url string, events ...string) NewWebhook {
	s.t.Helper()
	ev, _ := json.Marshal(events)
	rec := s.do(http.MethodPost, "/v1/orgs/"+org+"/webhooks", token, `{"url":"`+url+`","events":`+string(ev)+`}`)
	s.mustStatus(rec, http.StatusCreated)
	var w NewWebhook
	decode(s.t, rec, &w)
	return w
}

// deliveries lists the webhook's deliveries, newest first.
func (s *authServer) deliveries(token, org, wid string) []WebhookDelivery {
	s.t.Helper()
	rec := s.do(http.MethodGet, "/v1/orgs/"+org+"/webhooks/"+wid+"/deliveries", token, "")
	s.mustStatus(rec, http.StatusOK)
	var out WebhookDeliveryList
	decode(s.t, rec, &out)
	return out.Items
}

var allEvents = []string{"candidate.created", "candidate.updated", "candidate.visibility_changed", "candidate.erased",
	"assessment.created", "scorecard.submitted"}
