package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/repository/repotest"
)

// arrivals records when each webhook arrived.
type arrivals struct {
	mu sync.Mutex
	at []time.Time
}

func (a *arrivals) n() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.at)
}

func (a *arrivals) waitFor(b *testing.B, n int) {
	deadline := time.Now().Add(2 * time.Minute)
	for a.n() < n {
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d webhooks arrived", a.n(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// BenchmarkWebhookDelivery runs the binary on PostgreSQL with a loopback
// receiver: events delivered per second after 10 batches of 1,000
// candidates, and the delay from a change's commit (its 201 answer) to its
// delivery, over sequential single changes. Run it once:
// go test ./cmd/rungs -run '^$' -bench WebhookDelivery -benchtime 1x
func BenchmarkWebhookDelivery(b *testing.B) {
	raw := repotest.PostgresURL(b)
	if raw == "" {
		b.Skip("RUNGS_TEST_POSTGRES_URL not set")
	}
	var rec arrivals
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.at = append(rec.at, time.Now())
		rec.mu.Unlock()
	}))
	defer srv.Close()
	vars := map[string]string{"DATABASE_URL": repotest.SchemaURL(b, raw), "RUNGS_JWT_SECRET": testJWTSecret, "RUNGS_LOG_LEVEL": "info"}
	p := startProcess(b, vars)
	key := orgWithWebhook(b, vars, p.URL, srv.URL)

	// Throughput: 10,000 candidate.created events from 10 batches.
	start := time.Now()
	for i := range 10 {
		var body strings.Builder
		body.WriteString(`{"candidates":[`)
		for j := range 1000 {
			if j > 0 {
				body.WriteByte(',')
			}
			fmt.Fprintf(&body, `{"external_id":"b%d-%d","display_name":"C","experiences":[{"title":"Teacher","years":3}]}`, i, j)
		}
		body.WriteString(`]}`)
		if code := sendJSON(b, http.MethodPost, p.URL+"/v1/candidates/batch", key, body.String(), nil); code != 200 {
			b.Fatalf("batch %d", code)
		}
	}
	imported := time.Since(start)
	rec.waitFor(b, 10000)
	rec.mu.Lock()
	first, last := rec.at[0], rec.at[len(rec.at)-1]
	rec.mu.Unlock()
	b.ReportMetric(10000/last.Sub(first).Seconds(), "events/s")
	b.ReportMetric(10000/last.Sub(start).Seconds(), "events/s_incl_import")
	b.Logf("import took %s; deliveries from first to last %s", imported, last.Sub(first))

	// Latency: 300 single changes, one at a time.
	var delays []time.Duration
	for range 300 {
		before := rec.n()
		if code := sendJSON(b, http.MethodPost, p.URL+"/v1/candidates", key, e2eCandidate, nil); code != 201 {
			b.Fatalf("create %d", code)
		}
		committed := time.Now()
		rec.waitFor(b, before+1)
		rec.mu.Lock()
		d := max(rec.at[before].Sub(committed), 0)
		rec.mu.Unlock()
		delays = append(delays, d)
	}
	slices.Sort(delays)
	b.ReportMetric(float64(delays[len(delays)/2].Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(delays[len(delays)*99/100].Microseconds())/1000, "p99_ms")
}
