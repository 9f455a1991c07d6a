package apitest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/rungs/rungs/openapi"
)

// recordingTB collects what the checker reports instead of failing.
type recordingTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, strings.TrimSpace(strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", " ")))
}

func answer(status int, ctype, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	})
}

func fixtureSpec(t testing.TB) []byte {
	t.Helper()
	spec, err := os.ReadFile("testdata/contract.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func realSpec() []byte { return openapi.YAML() }

func fixture(t *testing.T) *contract {
	t.Helper()
	c, err := parseContract(fixtureSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestHandlerReportsWhatBreaksTheContract(t *testing.T) {
	c := fixture(t)
	const item = `{"name":"a","count":1}`
	cases := []struct {
		name         string
		method, path string
		auth, body   string
		handler      http.Handler
		opts         []Option
		want         string // "" means no report
	}{
		{"accepts a documented answer", "GET", "/items/7", "Bearer x", "", answer(200, "application/json", item), nil, ""},
		{"accepts null where nullable", "GET", "/items/7", "Bearer x", "", answer(200, "application/json", `{"name":"a","count":1,"parent":null}`), nil, ""},
		{"accepts a documented problem", "GET", "/items/7", "Bearer x", "", answer(404, "application/problem+json", `{"status":404,"title":"Not Found"}`), nil, ""},
		{"reports an undocumented field", "GET", "/items/7", "Bearer x", "", answer(200, "application/json", `{"name":"a","count":1,"secret":"s"}`), nil, `GET /items/7 -> 200: answer breaks the contract: response body doesn't match schema #/components/schemas/Item: at /: property "secret" is unsupported`},
		{"reports a field of a schema that names none", "GET", "/empty", "", "", answer(200, "application/json", `{"status":"ok"}`), nil, `GET /empty -> 200: answer breaks the contract: response body doesn't match schema #/components/schemas/Empty: at /: property "status" is unsupported`},
		{"reports a missing required field", "GET", "/items/7", "Bearer x", "", answer(200, "application/json", `{"name":"a"}`), nil, `property "count" is missing`},
		{"reports a wrong field type", "GET", "/items/7", "Bearer x", "", answer(200, "application/json", `{"name":"a","count":"1"}`), nil, `at /count: value must be an integer`},
		{"reports null where not nullable", "GET", "/items/7", "Bearer x", "", answer(200, "application/json", `{"name":null,"count":1}`), nil, `at /name: Value is not nullable`},
		{"reports an undocumented status", "GET", "/items/7", "Bearer x", "", answer(418, "application/json", `{}`), nil, `GET /items/7 -> 418: answer breaks the contract: status is not supported`},
		{"reports an undocumented content type", "GET", "/items/7", "Bearer x", "", answer(404, "application/json", `{"status":404,"title":"Not Found"}`), nil, `response header Content-Type has unexpected value: "application/json"`},
		{"reports an undocumented path", "GET", "/nowhere", "", "", answer(404, "application/problem+json", `{}`), nil, `GET /nowhere: undocumented path or method`},
		{"reports an undocumented method", "DELETE", "/items/7", "Bearer x", "", answer(204, "", ""), nil, `DELETE /items/7: undocumented path or method`},
		{"reports a missing bearer", "GET", "/items/7", "", "", answer(200, "application/json", item), nil, `request breaks the contract: security: no "Bearer <token>" in Authorization`},
		{"reports an invalid request body", "POST", "/items", "", `{"name":"a"}`, answer(201, "application/json", item), nil, `POST /items: request breaks the contract: request body doesn't match schema #/components/schemas/Item: at /count: property "count" is missing`},
		{"skips the request but checks the answer", "POST", "/items", "", `{"name":5}`, answer(422, "application/problem+json", `{"status":422,"title":"Unprocessable Entity"}`), []Option{SkipRequestValidation()}, ""},
		{"checks the answer when the request is skipped", "POST", "/items", "", `{"name":5}`, answer(400, "application/problem+json", `{}`), []Option{SkipRequestValidation()}, `POST /items -> 400: answer breaks the contract: status is not supported`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rt := &recordingTB{TB: t}
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			req := httptest.NewRequest(tc.method, tc.path, body)
			if body != nil {
				req.Header.Set("Content-Type", "application/json")
			}
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			rec := httptest.NewRecorder()
			newChecker(rt, tc.handler, c, tc.opts).ServeHTTP(rec, req)
			got := strings.Join(rt.errs, " | ")
			switch {
			case tc.want == "" && got != "":
				t.Fatalf("unexpected report: %s", got)
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Fatalf("report %q lacks %q", got, tc.want)
			}
		})
	}
}

func TestHandlerPassesTheAnswerThrough(t *testing.T) {
	rt := &recordingTB{TB: t}
	h := answer(201, "application/json", `{"name":"a","count":1}`)
	req := httptest.NewRequest("POST", "/items", strings.NewReader(`{"name":"a","count":1}`))
	req.Header.Set("Content-Type", "application/json")
	var seen string
	echoBody := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen = string(b)
		w.Header().Set("X-Test", "yes")
		h.ServeHTTP(w, r)
	})
	rec := httptest.NewRecorder()
	newChecker(rt, echoBody, fixture(t), nil).ServeHTTP(rec, req)
	if len(rt.errs) > 0 {
		t.Fatalf("reports: %v", rt.errs)
	}
	if seen != `{"name":"a","count":1}` {
		t.Fatalf("handler read body %q after validation", seen)
	}
	if rec.Code != 201 || rec.Header().Get("X-Test") != "yes" || rec.Body.String() != `{"name":"a","count":1}` {
		t.Fatalf("answer changed: %d %v %q", rec.Code, rec.Header(), rec.Body.String())
	}
}
