package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// oddBody has one field of every kind a request type uses.
type oddBody struct {
	Name   string            `json:"name" validate:"required,max=50"`
	Score  *float64          `json:"score" validate:"required"`
	Count  int               `json:"count" validate:"gte=0"`
	Tags   []string          `json:"tags,omitempty" validate:"max=5,dive,max=20"`
	Labels map[string]string `json:"labels,omitempty"`
	Inner  *struct {
		Level *int `json:"level" validate:"required"`
	} `json:"inner,omitempty"`
}

// newOddServer is the real Echo instance with a small body limit and a route
// that binds and validates oddBody.
func newOddServer() *echo.Echo {
	e := New(Config{BodyLimit: 1 << 20, MetricsToken: testMetricsToken}, Deps{DB: okPinger{}})
	e.POST("/test/odd", func(c echo.Context) error {
		var b oddBody
		if err := bindValid(c, &b); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, b)
	})
	return e
}

// checkAnswer fails when an answer is a 5xx, or an error that is not problem+json.
func checkAnswer(t testing.TB, method string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code >= 500 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	if rec.Code < 400 || method == http.MethodHead || method == http.MethodOptions {
		return
	}
	if ct := rec.Header().Get("Content-Type"); ct != problemContentType {
		t.Fatalf("status %d with content type %q", rec.Code, ct)
	}
	var p Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != rec.Code || p.RequestID == "" {
		t.Fatalf("problem %+v (%v) from %s", p, err, rec.Body.String())
	}
}

func TestOddInputsGetA4xxNeverA500(t *testing.T) {
	e := newOddServer()
	const ok = `{"name":"a","score":1}`
	deep := strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)
	cases := []struct {
		name, method, path, ctype, body string
		chunked                         bool
		header                          map[string]string
		status                          int
		detailHas                       string
	}{
		{"accepts a well-formed body", "POST", "/test/odd", "application/json", ok, false, nil, 200, ""},
		{"accepts a charset parameter", "POST", "/test/odd", "application/json; charset=utf-8", ok, false, nil, 200, ""},
		{"accepts a +json media type", "POST", "/test/odd", "application/merge-patch+json", ok, false, nil, 200, ""},
		{"accepts an upper-case media type", "POST", "/test/odd", "Application/JSON", ok, false, nil, 200, ""},
		{"refuses invalid UTF-8", "POST", "/test/odd", "application/json", "{\"name\":\"\xff\xfe\",\"score\":1}", false, nil, 400, `Field "name" is not valid UTF-8.`},
		{"refuses deep nesting", "POST", "/test/odd", "application/json", deep, false, nil, 400, "must be an object"},
		{"refuses deep nesting inside an object field", "POST", "/test/odd", "application/json", `{"inner":` + strings.Repeat(`{"x":`, 20_000) + "1" + strings.Repeat("}", 20_000) + `}`, false, nil, 400, ""},
		{"refuses deep nesting inside a field", "POST", "/test/odd", "application/json", `{"labels":` + deep + `}`, false, nil, 400, `"labels" must be an object`},
		{"refuses a float out of range", "POST", "/test/odd", "application/json", `{"name":"a","score":1e400}`, false, nil, 400, `"score" is out of range: 1e400`},
		{"refuses a fraction for an integer", "POST", "/test/odd", "application/json", `{"name":"a","score":1,"count":1.5}`, false, nil, 400, `"count" must be an integer in range, not 1.5`},
		{"refuses an integer out of range", "POST", "/test/odd", "application/json", `{"name":"a","score":1,"count":1e30}`, false, nil, 400, `"count" must be an integer in range`},
		{"cuts a long number short", "POST", "/test/odd", "application/json", `{"name":"a","score":1,"count":1` + strings.Repeat("0", 1000) + `}`, false, nil, 400, "0000...."},
		{"names a nested field", "POST", "/test/odd", "application/json", `{"name":"a","score":1,"inner":{"level":"x"}}`, false, nil, 400, `"inner.level" must be an integer`},
		{"null for a required field", "POST", "/test/odd", "application/json", `{"name":null,"score":null}`, false, nil, 422, "2 invalid fields"},
		{"null for a nested required field", "POST", "/test/odd", "application/json", `{"name":"a","score":1,"inner":{"level":null}}`, false, nil, 422, "inner.level"},
		{"null as the whole body", "POST", "/test/odd", "application/json", `null`, false, nil, 422, "2 invalid fields"},
		{"a string as the whole body", "POST", "/test/odd", "application/json", `"x"`, false, nil, 400, "The JSON body must be an object."},
		{"a byte-order mark", "POST", "/test/odd", "application/json", "\ufeff" + ok, false, nil, 400, "Malformed JSON"},
		{"refuses duplicate keys", "POST", "/test/odd", "application/json", `{"name":"a","name":"b","score":1}`, false, nil, 400, `Field "name" appears more than once`},
		{"a chunked body over the limit", "POST", "/test/odd", "application/json", `{"name":"` + strings.Repeat("a", 2<<20) + `","score":1}`, true, nil, 413, "larger than the limit"},
		{"a declared body over the limit", "POST", "/test/odd", "application/json", `{"name":"` + strings.Repeat("a", 2<<20) + `","score":1}`, false, nil, 413, "larger than the limit"},
		{"a form", "POST", "/test/odd", "application/x-www-form-urlencoded", "name=a", false, nil, 415, "application/json"},
		{"a malformed content type", "POST", "/test/odd", "application/json; =", ok, false, nil, 415, "application/json"},
		{"a huge request id is replaced", "GET", "/healthz", "", "", false, map[string]string{"X-Request-Id": strings.Repeat("x", 1<<20)}, 200, ""},
		{"a huge bearer on /v1", "GET", "/v1/levels", "", "", false, map[string]string{"Authorization": "Bearer " + strings.Repeat("x", 1<<20)}, 401, "Authorization: Bearer"},
		{"HEAD of a GET route", "HEAD", "/healthz", "", "", false, nil, 200, ""},
		{"HEAD of an unknown path", "HEAD", "/nope", "", "", false, nil, 404, ""},
		{"HEAD of a POST route", "HEAD", "/test/odd", "", "", false, nil, 405, ""},
		{"OPTIONS without CORS", "OPTIONS", "/healthz", "", "", false, nil, 204, ""},
		{"an invented method", "BREW", "/healthz", "", "", false, nil, 405, "does not accept"},
		{"a dot-dot path", "GET", "/v1/../../healthz", "", "", false, nil, 404, "No resource"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader = strings.NewReader(tc.body)
			if tc.chunked {
				body = io.MultiReader(body) // hides the length: sent chunked
			}
			req := httptest.NewRequest(tc.method, tc.path, body)
			if tc.chunked {
				req.ContentLength = -1
			}
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %.300s", rec.Code, tc.status, rec.Body.String())
			}
			checkAnswer(t, tc.method, rec)
			if tc.method == http.MethodHead {
				if rec.Body.Len() != 0 {
					t.Fatalf("HEAD answered a body: %.100s", rec.Body.String())
				}
				return
			}
			if tc.status < 400 {
				return
			}
			var p Problem
			_ = json.Unmarshal(rec.Body.Bytes(), &p)
			if !strings.Contains(p.Detail, tc.detailHas) {
				t.Fatalf("detail %q lacks %q", p.Detail, tc.detailHas)
			}
		})
	}
}

// HEAD is counted and logged as HEAD, not as the GET that served it, and
// keeps the GET's headers.
func TestHeadIsAnsweredAsGetWithoutABody(t *testing.T) {
	e := newOddServer()
	get, head := httptest.NewRecorder(), httptest.NewRecorder()
	e.ServeHTTP(get, httptest.NewRequest(http.MethodGet, "/openapi.yaml", nil))
	e.ServeHTTP(head, httptest.NewRequest(http.MethodHead, "/openapi.yaml", nil))
	if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("Content-Type") != get.Header().Get("Content-Type") || get.Body.Len() == 0 {
		t.Fatalf("GET %d %q %d bytes; HEAD %d %q %d bytes", get.Code, get.Header().Get("Content-Type"), get.Body.Len(),
			head.Code, head.Header().Get("Content-Type"), head.Body.Len())
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, metricsRequest())
	if want := `rungs_http_requests_total{method="HEAD",route="/openapi.yaml",status="200"} 1`; !strings.Contains(rec.Body.String(), want) {
		t.Fatalf("metrics lack %s", want)
	}
}
