package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/rungs/rungs/domain"
)

// Metrics holds the Prometheus registry of one server: request count and
// latency by route template, method and status, the Go runtime, the process
// and the database pool.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	// Webhook attempts by outcome (delivered, retry, failed) and latency.
	webhookAttempts *prometheus.CounterVec
	webhookLatency  prometheus.Histogram
}

// NewMetrics registers the collectors; pool may be nil.
func NewMetrics(pool *sql.DB) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rungs_http_requests_total",
			Help: "HTTP requests by route template, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "rungs_http_request_duration_seconds",
			Help:    "HTTP request latency by route template, method and status.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method", "status"}),
		webhookAttempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rungs_webhook_attempts_total",
			Help: "Webhook delivery attempts by outcome: delivered, retry (to be tried again) or failed (given up).",
		}, []string{"outcome"}),
		webhookLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "rungs_webhook_attempt_duration_seconds",
			Help:    "Webhook delivery attempt latency, answered or not.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}),
	}
	reg.MustRegister(m.requests, m.latency, m.webhookAttempts, m.webhookLatency,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if pool != nil {
		reg.MustRegister(collectors.NewDBStatsCollector(pool, "rungs"))
	}
	return m
}

func (m *Metrics) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		route, method, status := routeLabel(c), methodLabel(requestMethod(c)), strconv.Itoa(c.Response().Status)
		m.requests.WithLabelValues(route, method, status).Inc()
		m.latency.WithLabelValues(route, method, status).Observe(time.Since(start).Seconds())
		return nil
	}
}

// methodLabel keeps the label set fixed whatever method a client invents.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
		http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}

// Handler serves the metrics in the Prometheus text format, for the
// separate metrics listener.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// getMetrics godoc
//
//	@Summary		Metrics (with the metrics token)
//	@Description	Request count and latency by route template, method and status; the Go runtime, the process and the database pool. Prometheus text exposition format. Served on the main listener only when the server has a metrics token (RUNGS_METRICS_TOKEN), sent as a bearer token; otherwise only on the separate metrics listener (RUNGS_METRICS_ADDR).
//	@Tags			operations
//	@Produce		plain
//	@Security		MetricsToken
//	@Success		200	{string}	string	"Prometheus text exposition format"
//	@Failure		401	{object}	Problem	"no or wrong metrics token"
//	@Router			/metrics [get]
func (m *Metrics) tokenHandler(token string) echo.HandlerFunc {
	h := echo.WrapHandler(m.Handler())
	want := sha256.Sum256([]byte("Bearer " + token))
	return func(c echo.Context) error {
		got := sha256.Sum256([]byte(c.Request().Header.Get(echo.HeaderAuthorization)))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="metrics"`)
			return domain.Errorf(domain.ErrUnauthorized, "Send the metrics token as a bearer token.")
		}
		return h(c)
	}
}

// WebhookAttempt counts one webhook delivery attempt and its latency.
func (m *Metrics) WebhookAttempt(outcome string, latency time.Duration) {
	m.webhookAttempts.WithLabelValues(outcome).Inc()
	m.webhookLatency.Observe(latency.Seconds())
}
