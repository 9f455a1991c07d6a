package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/api/apitest"
	"github.com/rungs/rungs/domain"
)

type okPinger struct{ err error }

func (p okPinger) Ping(context.Context) error { return p.err }

type echoBody struct {
	Name  string `json:"name" validate:"required,max=10"`
	Count int    `json:"count" validate:"gte=0,lte=5"`
}

// newTestServer is the real Echo instance plus a body-reading route used to
// exercise the binder and the error handler.
func newTestServer(t *testing.T, db Pinger) *echo.Echo {
	t.Helper()
	e := New(Config{BodyLimit: 1 << 20, MetricsToken: testMetricsToken}, Deps{DB: db})
	e.POST("/test/echo", func(c echo.Context) error {
		var b echoBody
		if err := bindValid(c, &b); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, b)
	})
	e.GET("/test/panic", func(echo.Context) error { panic("boom") })
	e.GET("/test/secret-error", func(echo.Context) error { return errors.New("pq: password=hunter2 leaked") })
	e.GET("/test/conflict", func(echo.Context) error { return domain.Errorf(domain.ErrConflict, "slug taken") })
	return e
}

func TestErrorsAreProblemJSON(t *testing.T) {
	e := newTestServer(t, okPinger{})
	big := `{"name":"` + strings.Repeat("a", 2<<20) + `"}`
	cases := []struct {
		name, method, path, ctype, body string
		status                          int
		detailHas                       string
	}{
		{"unknown route", http.MethodGet, "/nope", "", "", 404, "No resource"},
		{"wrong method", http.MethodDelete, "/healthz", "", "", 405, "does not accept"},
		{"malformed JSON", http.MethodPost, "/test/echo", "application/json", `{"name":`, 400, "ends too early"},
		{"syntax error", http.MethodPost, "/test/echo", "application/json", `{"name" "x"}`, 400, "Malformed JSON"},
		{"rejects unknown fields", http.MethodPost, "/test/echo", "application/json", `{"name":"a","role":"admin"}`, 400, `Unknown field "role"`},
		{"rejects wrong types", http.MethodPost, "/test/echo", "application/json", `{"name":5}`, 400, `"name" must be a string`},
		{"rejects trailing data", http.MethodPost, "/test/echo", "application/json", `{"name":"a"} {}`, 400, "exactly one JSON value"},
		{"rejects an empty body", http.MethodPost, "/test/echo", "application/json", ``, 400, "empty"},
		{"rejects a non-object body", http.MethodPost, "/test/echo", "application/json", `[1]`, 400, "The JSON body must be an object."},
		{"2 MiB body", http.MethodPost, "/test/echo", "application/json", big, 413, "larger than the limit"},
		{"wrong content type", http.MethodPost, "/test/echo", "text/plain", `{"name":"a"}`, 415, "application/json"},
		{"missing content type", http.MethodPost, "/test/echo", "", `{"name":"a"}`, 415, "application/json"},
		{"validation lists every field", http.MethodPost, "/test/echo", "application/json", `{"name":"","count":9}`, 422, "2 invalid fields"},
		{"domain category maps to status", http.MethodGet, "/test/conflict", "", "", 409, "slug taken"},
		{"panic becomes 500", http.MethodGet, "/test/panic", "", "", 500, "Something went wrong"},
		{"500 hides the error text", http.MethodGet, "/test/secret-error", "", "", 500, "Something went wrong"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body.String())
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("content type %q", ct)
			}
			var p Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatalf("body is not JSON: %v", err)
			}
			if p.Status != tc.status || p.Instance != tc.path || p.RequestID == "" || p.RequestID != rec.Header().Get("X-Request-Id") || !strings.HasPrefix(p.Type, "/problems/") {
				t.Fatalf("incomplete problem: %+v", p)
			}
			if !strings.Contains(p.Detail, tc.detailHas) {
				t.Fatalf("detail %q does not contain %q", p.Detail, tc.detailHas)
			}
			if strings.Contains(rec.Body.String(), "hunter2") {
				t.Fatal("error text leaked")
			}
		})
	}
}

func TestValidationNamesFieldsByJSONName(t *testing.T) {
	e := newTestServer(t, okPinger{})
	req := httptest.NewRequest(http.MethodPost, "/test/echo", strings.NewReader(`{"name":"","count":9}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	var p Problem
	_ = json.Unmarshal(rec.Body.Bytes(), &p)
	got := map[string]string{}
	for _, f := range p.Errors {
		got[f.Field] = f.Rule
	}
	if got["name"] != "required" || got["count"] != "lte" || len(got) != 2 {
		t.Fatalf("errors %+v", p.Errors)
	}
}

func TestReadyzFollowsTheDatabase(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		status int
	}{{"answers", nil, 200}, {"down", errors.New("connection refused"), 503}} {
		t.Run(tc.name, func(t *testing.T) {
			h := apitest.Handler(t, newTestServer(t, okPinger{err: tc.err}))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
			if rec.Code != tc.status {
				t.Fatalf("status %d", rec.Code)
			}
			if tc.status == 503 && rec.Header().Get("Retry-After") == "" {
				t.Fatal("no Retry-After")
			}
			if strings.Contains(rec.Body.String(), "refused") {
				t.Fatal("driver error leaked")
			}
		})
	}
}

func TestRequestIDIsKeptWhenWellFormed(t *testing.T) {
	e := apitest.Handler(t, newTestServer(t, okPinger{}))
	for in, keep := range map[string]bool{"abc-123": true, "bad id with spaces": false, strings.Repeat("x", 100): false} {
		req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		req.Header.Set("X-Request-Id", in)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if got := rec.Header().Get("X-Request-Id"); (got == in) != keep || got == "" {
			t.Fatalf("in %q out %q", in, got)
		}
	}
}

func TestSecurityHeadersAndMetrics(t *testing.T) {
	e := newTestServer(t, okPinger{})
	checked := apitest.Handler(t, e)
	rec := httptest.NewRecorder()
	checked.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	for h, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
		if rec.Header().Get(h) != v {
			t.Fatalf("%s = %q", h, rec.Header().Get(h))
		}
	}
	e.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("BREW", "/no/such/42", nil))
	rec = httptest.NewRecorder()
	checked.ServeHTTP(rec, metricsRequest())
	body := rec.Body.String()
	for _, want := range []string{
		`rungs_http_requests_total{method="GET",route="/healthz",status="200"} 1`,
		`route="unmatched"`, `method="OTHER"`, "go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Fatalf("metrics lack %q", want)
		}
	}
	if strings.Contains(body, "/no/such/42") {
		t.Fatal("raw path in metric labels")
	}
}

func TestCORSAllowsConfiguredOriginsOnly(t *testing.T) {
	e := New(Config{CORSOrigins: []string{"https://app.example"}}, Deps{DB: okPinger{}})
	for origin, allowed := range map[string]bool{"https://app.example": true, "https://evil.example": false} {
		req := httptest.NewRequest(http.MethodOptions, "/healthz", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "GET")
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if got := rec.Header().Get("Access-Control-Allow-Origin") == origin; got != allowed {
			t.Fatalf("origin %s allowed=%v", origin, got)
		}
	}
}

func TestRateLimiterRefusesOverBurstAndSaysWhen(t *testing.T) {
	now := func() time.Time { return time.Unix(1000, 0) }
	l := NewRateLimiter(60, 2, now)
	for i := 0; i < 2; i++ {
		if ok, _ := l.Allow("1.2.3.4"); !ok {
			t.Fatalf("request %d refused", i)
		}
	}
	ok, retry := l.Allow("1.2.3.4")
	if ok || retry != 1 {
		t.Fatalf("third: ok=%v retry=%d", ok, retry)
	}
	if ok, _ := l.Allow("5.6.7.8"); !ok {
		t.Fatal("other client refused")
	}
}

const testMetricsToken = "a metrics token for tests"

func metricsRequest() *http.Request {
	req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+testMetricsToken)
	return req
}

// /metrics opens only to the metrics token, compared in constant time;
// without a token configured it is not routed at all.
func TestMetricsNeedTheMetricsToken(t *testing.T) {
	e := newTestServer(t, okPinger{})
	for _, h := range []string{"", "Bearer wrong", "Bearer " + testMetricsToken + "x", testMetricsToken} {
		req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		if h != "" {
			req.Header.Set("Authorization", h)
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized || strings.Contains(rec.Body.String(), "go_goroutines") {
			t.Fatalf("Authorization %q: %d %s", h, rec.Code, rec.Body.String())
		}
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, metricsRequest())
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "go_goroutines") {
		t.Fatalf("with the token: %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	New(Config{BodyLimit: 1 << 20}, Deps{DB: okPinger{}}).ServeHTTP(rec, metricsRequest())
	if rec.Code != http.StatusNotFound {
		t.Fatalf("without a metrics token configured: %d", rec.Code)
	}
}
