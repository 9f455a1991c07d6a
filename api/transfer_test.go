package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// defaultSource serves the embedded default framework as the only published version.
type defaultSource struct{ f *domain.Framework }

func (d defaultSource) Resolve(_ context.Context, ref string) (*domain.Framework, error) {
	if ref == "" || ref == d.f.Ref() {
		return d.f, nil
	}
	return nil, domain.Errorf(domain.ErrNotFound, "framework %s not found", ref)
}

func newTransferServer(t *testing.T, cfg Config) *echo.Echo {
	t.Helper()
	f, err := domain.DefaultFramework()
	if err != nil {
		t.Fatal(err)
	}
	return New(cfg, Deps{DB: okPinger{}, TransferMap: service.NewTransferMap(defaultSource{f})})
}

func postJSON(e http.Handler, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

func TestTransferMapForAFundraiser(t *testing.T) {
	e := newTransferServer(t, Config{})
	rec := postJSON(e, "/v1/transfer-map", `{"experiences":[{"title":"Major Gifts Officer","years":8}]}`)
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

func TestTransferMapRejectsBadInput(t *testing.T) {
	e := newTransferServer(t, Config{})
	many := make([]string, 10000)
	for i := range many {
		many[i] = `{"background":"sales","years":1}`
	}
	cases := []struct {
		name, body string
		status     int
		field      string
	}{
		{"wrong type for years", `{"experiences":[{"title":"Teacher","years":"ten"}]}`, 400, ""},
		{"unknown field", `{"experiences":[{"title":"Teacher","years":1}],"age":40}`, 400, ""},
		{"missing experiences", `{}`, 422, "experiences"},
		{"empty experiences", `{"experiences":[]}`, 422, "experiences"},
		{"missing years", `{"experiences":[{"title":"Teacher"}]}`, 422, "experiences[0].years"},
		{"negative years", `{"experiences":[{"title":"Teacher","years":-1}]}`, 422, "experiences[0].years"},
		{"years over 60", `{"experiences":[{"title":"Teacher","years":61}]}`, 422, "experiences[0].years"},
		{"neither background nor title", `{"experiences":[{"years":3}]}`, 422, "experiences[0].title"},
		{"10,000 experiences", `{"experiences":[` + strings.Join(many, ",") + `]}`, 422, "experiences"},
		{"unknown background", `{"experiences":[{"background":"astronaut","years":3}]}`, 422, "experiences[0].background"},
		{"unknown competency", `{"experiences":[{"background":"sales","years":3}],"self_ratings":[{"competency":"juggling","proficiency":2}]}`, 422, "self_ratings[0].competency"},
		{"proficiency out of range", `{"experiences":[{"background":"sales","years":3}],"self_ratings":[{"competency":"content","proficiency":7}]}`, 422, "self_ratings[0].proficiency"},
		{"title that matches nothing", `{"experiences":[{"title":"xyzzy qwerty","years":3}]}`, 422, "experiences[0].title"},
		{"a 2 MiB string", `{"experiences":[{"title":"` + strings.Repeat("a", 2<<20) + `","years":3}]}`, 413, ""},
		{"not JSON at all", `experiences=1`, 400, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := postJSON(e, "/v1/transfer-map", tc.body)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %.300s", rec.Code, tc.status, rec.Body.String())
			}
			var p Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Header().Get("Content-Type") != "application/problem+json" {
				t.Fatalf("not problem+json: %v", err)
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
	e := newTransferServer(t, Config{})
	rec := postJSON(e, "/v1/transfer-map", `{"experiences":[{"title":"Gardening Officer","years":3}]}`)
	if rec.Code != 422 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	var p Problem
	_ = json.Unmarshal(rec.Body.Bytes(), &p)
	if len(p.Errors) != 1 || p.Errors[0].Value != "Gardening Officer" || len(p.Errors[0].Suggestions) == 0 || len(p.Errors[0].Suggestions) > 3 {
		t.Fatalf("errors %+v", p.Errors)
	}
}

func TestTransferMapUnknownFrameworkIs404(t *testing.T) {
	e := newTransferServer(t, Config{})
	rec := postJSON(e, "/v1/transfer-map?framework=community-management@1999.1", `{"experiences":[{"background":"sales","years":3}]}`)
	if rec.Code != 404 {
		t.Fatalf("status %d", rec.Code)
	}
}

func TestTransferMapIsRateLimitedPerClientIP(t *testing.T) {
	e := newTransferServer(t, Config{TransferMapPerMinute: 1, TransferMapBurst: 2})
	body := `{"experiences":[{"background":"teaching","years":10}]}`
	for i := 0; i < 2; i++ {
		if rec := postJSON(e, "/v1/transfer-map", body); rec.Code != 200 {
			t.Fatalf("request %d: %d", i, rec.Code)
		}
	}
	rec := postJSON(e, "/v1/transfer-map", body)
	if rec.Code != 429 || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	req := httptest.NewRequest(http.MethodPost, "/v1/transfer-map", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = "198.51.100.7:4242"
	other := httptest.NewRecorder()
	e.ServeHTTP(other, req)
	if other.Code != 200 {
		t.Fatalf("another client was limited: %d", other.Code)
	}
}
