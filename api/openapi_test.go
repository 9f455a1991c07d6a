package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/api/apitest"
	"github.com/rungs/rungs/openapi"
)

// echoParam is an Echo path parameter (":id"), written {id} in OpenAPI.
var echoParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

// servedRoutes lists the server's routes as "METHOD /path" in OpenAPI's
// spelling, leaving out Echo's own (route-not-found) and Swagger UI.
func servedRoutes(e *echo.Echo) []string {
	var out []string
	for _, r := range e.Routes() {
		if strings.HasPrefix(r.Path, "/docs") || methodLabel(r.Method) == "OTHER" {
			continue
		}
		out = append(out, r.Method+" "+echoParam.ReplaceAllString(r.Path, "{$1}"))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// The server of the authorization tests is the whole surface: its Deps wire
// every service the routes need (and a metrics token opens /metrics).
func TestEveryRouteIsDocumentedAndNothingElse(t *testing.T) {
	served := servedRoutes(newAuthServer(t, Config{MetricsToken: testMetricsToken}, cheapArgon2).e)
	documented, err := apitest.Routes()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range served {
		if !slices.Contains(documented, r) {
			t.Errorf("%s is served but not in openapi/openapi.yaml: annotate its handler (@Router) and run make openapi", r)
		}
	}
	for _, r := range documented {
		if !slices.Contains(served, r) {
			t.Errorf("%s is in openapi/openapi.yaml but not served: remove its annotation or register the route, then run make openapi", r)
		}
	}
	if len(served) < 5 {
		t.Fatalf("only %d routes served: %v", len(served), served)
	}
}

func TestServesTheAPIDescription(t *testing.T) {
	h := apitest.Handler(t, New(Config{}, Deps{DB: okPinger{}}))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.yaml", nil))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/yaml" || !bytes.Equal(rec.Body.Bytes(), openapi.YAML()) {
		t.Fatalf("/openapi.yaml: %d %q, %d bytes", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
	}

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("/openapi.json is not JSON: %v", err)
	}
	if rec.Code != 200 || doc.OpenAPI != "3.0.3" || doc.Paths["/healthz"]["get"] == nil {
		t.Fatalf("/openapi.json: %d, openapi %q, %d paths", rec.Code, doc.OpenAPI, len(doc.Paths))
	}
}

func TestServesSwaggerUI(t *testing.T) {
	e := New(Config{}, Deps{DB: okPinger{}})
	for _, path := range []string{"/docs", "/docs/"} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/docs/index.html" {
			t.Fatalf("%s: %d to %q", path, rec.Code, rec.Header().Get("Location"))
		}
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/docs/index.html", nil))
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, `url: "\/openapi.json"`) || strings.Contains(body, "doc.json") || !strings.Contains(body, "swagger-ui-bundle.js") {
		t.Fatalf("index: %d %.200s", rec.Code, body)
	}
	// The UI boots from an inline script: the policy must allow it, and only from here.
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self' 'unsafe-inline'") || !strings.Contains(csp, "default-src 'self'") {
		t.Fatalf("Content-Security-Policy %q", csp)
	}
	rec = httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/docs/swagger-ui-bundle.js", nil))
	if rec.Code != 200 || rec.Body.Len() < 100_000 {
		t.Fatalf("bundle: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	// Swagger UI's own handler would answer doc.json with a 500 and other
	// names with plain text.
	for _, path := range []string{"/docs/doc.json", "/docs/doc.yaml", "/docs/nope.js", "/docs/.", "/docs/..%2fgo.mod"} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Type") != problemContentType {
			t.Fatalf("%s: %d %q", path, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}
