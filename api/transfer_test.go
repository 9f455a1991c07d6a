package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rungs/rungs/api/apitest"
	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// defaultSource serves the embedded default framework as the only published version.
type defaultSource struct{ v *service.FrameworkView }

func (d defaultSource) Resolve(_ context.Context, ref string) (*service.FrameworkView, error) {
	if ref == "" || ref == d.v.Ref() {
		return d.v, nil
	}
	return nil, domain.Errorf(domain.ErrNotFound, "framework %s not found", ref)
}

// transferServer is the real Echo instance behind the contract checker: strict checks every
// request too, loose lets a test send bodies the contract forbids (answers are still checked).
type transferServer struct{ strict, loose http.Handler }

func newTransferServer(t *testing.T, cfg Config) transferServer {
	return newTransferServerWith(t, cfg, nil)
}

// newTransferServerWith takes the rate limits' factory (nil: in process).
func newTransferServerWith(t *testing.T, cfg Config, limiters LimiterFactory) transferServer {
	t.Helper()
	f, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		t.Fatal(err)
	}
	e := New(cfg, Deps{DB: okPinger{}, TransferMap: service.NewTransferMap(defaultSource{service.NewFrameworkView(f)}), Limiters: limiters})
	return transferServer{strict: apitest.Handler(t, e), loose: apitest.Handler(t, e, apitest.SkipRequestValidation())}
}

func postJSON(h http.Handler, path, contentType, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestTransferMapForAFundraiser(t *testing.T) {
	s := newTransferServer(t, Config{})
	rec := postJSON(s.strict, "/v1/transfer-map", "application/json", `{"experiences":[{"title":"Major Gifts Officer","years":8}]}`)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	var res domain.Result
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	tm := res.TransferMap
	if len(tm) != 1 || tm[0].Background.Slug != "fundraising" || tm[0].Message != "You already have a community: your donors." {
		t.Fatalf("transfer map %+v", tm)
	}
	if res.Framework.Slug != "community-management" || len(res.Competencies) != 13 || len(res.Levels) != 5 {
		t.Fatalf("incomplete result: %+v", res.Framework)
	}
	if res.RecommendedLevel == nil || res.NextLevel == nil || len(res.DevelopmentPlan) == 0 {
		t.Fatalf("no recommendation or plan: %+v %+v", res.RecommendedLevel, res.NextLevel)
	}
}

func TestTransferMapAcceptsSlugsSelfRatingsAndAFrameworkVersion(t *testing.T) {
	s := newTransferServer(t, Config{})
	body := `{"experiences":[{"background":"teaching","title":"Maths teacher","years":10.5,"community_served":"my students","highlights":["Ran the debate club"]}],
		"self_ratings":[{"competency":"social-media","proficiency":3,"evidence":"Ran the school's Instagram for two years"}]}`
	rec := postJSON(s.strict, "/v1/transfer-map?framework=community-management@2026.1", "application/json", body)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	var res domain.Result
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if res.TransferMap[0].Message != "You already have a community: your students." || res.Framework.Version != "2026.1" {
		t.Errorf("transfer map %+v, framework %+v", res.TransferMap[0], res.Framework)
	}
	for _, c := range res.Competencies {
		if c.Slug == "social-media" && (len(c.Sources) != 2 || c.Sources[1].Kind != domain.SourceSelf || c.Sources[1].Weight != 0.6) {
			t.Errorf("social media sources %+v; want experience and a supported self-rating", c.Sources)
		}
	}
}

func TestTransferMapRejectsBadInput(t *testing.T) {
	// A budget for every case: the rate limit has its own test.
	s := newTransferServer(t, Config{TransferMapPerMinute: 600, TransferMapBurst: 100})
	many := func(n int) string {
		exps := make([]string, n)
		for i := range exps {
			exps[i] = `{"background":"sales","years":1}`
		}
		return `{"experiences":[` + strings.Join(exps, ",") + `]}`
	}
	const js = "application/json"
	cases := []struct {
		name, contentType, body string
		status                  int
		field                   string
	}{
		// Malformed JSON, wrong types, unknown fields: 400.
		{"wrong type for years", js, `{"experiences":[{"title":"Teacher","years":"ten"}]}`, 400, ""},
		{"wrong type for experiences", js, `{"experiences":{"title":"Teacher","years":1}}`, 400, ""},
		{"wrong type for a title", js, `{"experiences":[{"title":42,"years":1}]}`, 400, ""},
		{"wrong type for a proficiency", js, `{"experiences":[{"background":"sales","years":1}],"self_ratings":[{"competency":"content","proficiency":"high"}]}`, 400, ""},
		{"fractional proficiency", js, `{"experiences":[{"background":"sales","years":1}],"self_ratings":[{"competency":"content","proficiency":2.5}]}`, 400, ""},
		{"years too large for a number", js, `{"experiences":[{"title":"Teacher","years":1e400}]}`, 400, ""},
		{"a list instead of an object", js, `[{"title":"Teacher","years":1}]`, 400, ""},
		{"unknown field", js, `{"experiences":[{"title":"Teacher","years":1}],"age":40}`, 400, ""},
		{"unknown field in an experience", js, `{"experiences":[{"title":"Teacher","years":1,"gender":"f"}]}`, 400, ""},
		{"reviews are not taken anonymously", js, `{"experiences":[{"title":"Teacher","years":1}],"reviews":[]}`, 400, ""},
		{"empty body", js, ``, 400, ""},
		{"truncated JSON", js, `{"experiences":[{"title":"Teacher"`, 400, ""},
		{"two JSON values", js, `{"experiences":[{"title":"Teacher","years":1}]} {}`, 400, ""},
		{"not JSON at all", js, `experiences=1`, 400, ""},
		{"not sent as JSON", "application/x-www-form-urlencoded", `experiences=1`, 415, ""},
		// Too large: 413 before it is read.
		{"a 2 MiB string", js, `{"experiences":[{"title":"` + strings.Repeat("a", 2<<20) + `","years":3}]}`, 413, ""},
		// Well-formed but invalid: 422 naming the field.
		{"missing experiences", js, `{}`, 422, "experiences"},
		{"null body", js, `null`, 422, "experiences"},
		{"empty experiences", js, `{"experiences":[]}`, 422, "experiences"},
		{"21 experiences", js, many(21), 422, "experiences"},
		{"10,000 experiences", js, many(10000), 422, "experiences"},
		{"missing years", js, `{"experiences":[{"title":"Teacher"}]}`, 422, "experiences[0].years"},
		{"null years", js, `{"experiences":[{"title":"Teacher","years":null}]}`, 422, "experiences[0].years"},
		{"negative years", js, `{"experiences":[{"title":"Teacher","years":-1}]}`, 422, "experiences[0].years"},
		{"years over 60", js, `{"experiences":[{"title":"Teacher","years":61}]}`, 422, "experiences[0].years"},
		{"neither background nor title", js, `{"experiences":[{"years":3}]}`, 422, "experiences[0].title"},
		{"a title over 200 characters", js, `{"experiences":[{"title":"` + strings.Repeat("a", 201) + `","years":3}]}`, 422, "experiences[0].title"},
		{"too many highlights", js, `{"experiences":[{"background":"sales","years":3,"highlights":["a","b","c","d","e","f","g","h","i","j","k"]}]}`, 422, "experiences[0].highlights"},
		{"unknown background", js, `{"experiences":[{"background":"astronaut","years":3}]}`, 422, "experiences[0].background"},
		{"missing competency", js, `{"experiences":[{"background":"sales","years":3}],"self_ratings":[{"proficiency":2}]}`, 422, "self_ratings[0].competency"},
		{"missing proficiency", js, `{"experiences":[{"background":"sales","years":3}],"self_ratings":[{"competency":"content"}]}`, 422, "self_ratings[0].proficiency"},
		{"unknown competency", js, `{"experiences":[{"background":"sales","years":3}],"self_ratings":[{"competency":"juggling","proficiency":2}]}`, 422, "self_ratings[0].competency"},
		{"proficiency out of range", js, `{"experiences":[{"background":"sales","years":3}],"self_ratings":[{"competency":"content","proficiency":7}]}`, 422, "self_ratings[0].proficiency"},
		{"a competency rated twice", js, `{"experiences":[{"background":"sales","years":3}],"self_ratings":[{"competency":"content","proficiency":2},{"competency":"content","proficiency":3}]}`, 422, "self_ratings[1].competency"},
		{"title that matches nothing", js, `{"experiences":[{"title":"xyzzy qwerty","years":3}]}`, 422, "experiences[0].title"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := postJSON(s.loose, "/v1/transfer-map", tc.contentType, tc.body)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %.300s", rec.Code, tc.status, rec.Body.String())
			}
			var p Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Header().Get("Content-Type") != problemContentType {
				t.Fatalf("not problem+json (%q): %v", rec.Header().Get("Content-Type"), err)
			}
			if p.Status != tc.status || p.Title == "" || p.Detail == "" {
				t.Errorf("problem %+v", p)
			}
			if tc.field == "" {
				return
			}
			for _, f := range p.Errors {
				if f.Field == tc.field {
					return
				}
			}
			t.Fatalf("no error for %s in %+v", tc.field, p.Errors)
		})
	}
}

func TestUnmatchedTitleSuggestsThreeBackgrounds(t *testing.T) {
	s := newTransferServer(t, Config{})
	for _, title := range []string{"Gardening Officer", "Accountant", "xyzzy qwerty"} {
		rec := postJSON(s.strict, "/v1/transfer-map", "application/json", `{"experiences":[{"background":"sales","years":2},{"title":"`+title+`","years":3}]}`)
		if rec.Code != 422 {
			t.Fatalf("%s: status %d: %s", title, rec.Code, rec.Body.String())
		}
		var p Problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Errors) != 1 || p.Errors[0].Field != "experiences[1].title" || p.Errors[0].Value != title || len(p.Errors[0].Suggestions) != 3 {
			t.Errorf("%s: errors %+v", title, p.Errors)
		}
	}
}

func TestTransferMapUnknownFrameworkIs404(t *testing.T) {
	s := newTransferServer(t, Config{})
	rec := postJSON(s.strict, "/v1/transfer-map?framework=community-management@1999.1", "application/json", `{"experiences":[{"background":"sales","years":3}]}`)
	if rec.Code != 404 || rec.Header().Get("Content-Type") != problemContentType {
		t.Fatalf("status %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
}

func TestTransferMapIsRateLimitedPerClientIP(t *testing.T) {
	s := newTransferServer(t, Config{TransferMapPerMinute: 1, TransferMapBurst: 2})
	body := `{"experiences":[{"background":"teaching","years":10}]}`
	for i := 0; i < 2; i++ {
		if rec := postJSON(s.strict, "/v1/transfer-map", "application/json", body); rec.Code != 200 {
			t.Fatalf("request %d: %d", i, rec.Code)
		}
	}
	rec := postJSON(s.strict, "/v1/transfer-map", "application/json", body)
	if rec.Code != 429 || rec.Header().Get("Retry-After") == "" || rec.Header().Get("Content-Type") != problemContentType {
		t.Fatalf("status %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	req := httptest.NewRequest(http.MethodPost, "/v1/transfer-map", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = "198.51.100.7:4242"
	other := httptest.NewRecorder()
	s.strict.ServeHTTP(other, req)
	if other.Code != 200 {
		t.Fatalf("another client was limited: %d", other.Code)
	}

	// IPv6: addresses of one /64 share a bucket; another /64 has its own.
	from := func(addr string) int {
		req := httptest.NewRequest(http.MethodPost, "/v1/transfer-map", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		s.strict.ServeHTTP(rec, req)
		return rec.Code
	}
	for i, addr := range []string{"[2001:db8:1:2::1]:1", "[2001:db8:1:2::2]:1", "[2001:db8:1:2:ffff::9]:1"} {
		want := 200
		if i == 2 {
			want = 429
		}
		if code := from(addr); code != want {
			t.Fatalf("%s: %d, want %d", addr, code, want)
		}
	}
	if code := from("[2001:db8:1:3::1]:1"); code != 200 {
		t.Fatalf("another /64 was limited: %d", code)
	}
}
