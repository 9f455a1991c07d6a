package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestFrameworkParameterFormats(t *testing.T) {
	s := newFrameworkServer(t)
	readers := []string{
		"/v1/competencies", "/v1/competencies/communication", "/v1/levels", "/v1/levels/community-manager",
		"/v1/ladder", "/v1/backgrounds", "/v1/backgrounds/sales", "/v1/actions",
	}
	cases := []struct {
		ref    string
		status int
	}{
		{"community-management@2026.1", 200},
		{"community-management@latest", 200},
		{"community-management", 200},
		{"community-management@", 400},
		{"@2026.1", 400},
		{"@", 400},
		{"community-management@v1", 400},
		{"community-management@2026", 400},
		{"community-management@2026.1@2", 400},
		{"community-management@2026.1.2.3.4", 400},
		{"community-management@1234567890.1", 400},
		{"community-management@LATEST", 400},
		{"Community-Management@2026.1", 400},
		{"community management", 400},
		{"community-management@2026.1 ", 400},
		{"community-management\x00@2026.1", 400},
		{strings.Repeat("a", 65) + "@2026.1", 400},
		{strings.Repeat("x", 5000), 400},
		{"community-management@2099.1", 404},
		{"community-management@2026.01", 404},
		{"nursing@2026.1", 404},
		{"nursing", 404},
	}
	for _, path := range readers {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s?framework=%.40q", path, tc.ref), func(t *testing.T) {
				rec := s.do(request{path: path + "?framework=" + url.QueryEscape(tc.ref)})
				if rec.Code != tc.status {
					t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body.String())
				}
				if tc.status == 400 {
					problemNames("framework")(t, rec.Body.Bytes())
				}
			})
		}
	}
	for path, status := range map[string]int{
		"/v1/frameworks/community-management/2026.1@2": 400,
		"/v1/frameworks/community-management/%00":      400,
		"/v1/frameworks/community-management/LATEST":   400,
		"/v1/frameworks/%20/2026.1":                    400,
		"/v1/frameworks/community-management/2026.01":  404,
		"/v1/frameworks/nursing/latest":                404,
		"/v1/frameworks/nursing/2026.1":                404,
	} {
		if rec := s.do(request{path: path}); rec.Code != status {
			t.Errorf("%s: status %d, want %d: %s", path, rec.Code, status, rec.Body.String())
		}
	}
}

// TestAuthoringRefusesBadInputWith4xx sends an author's bad bodies to every
// PUT of a draft: each is refused with a 4xx problem, none reaches a 5xx, and
// the draft is left as it was.
func TestAuthoringRefusesBadInputWith4xx(t *testing.T) {
	s := newFrameworkServer(t)
	const base = "/v1/frameworks/community-management"
	const draft = base + "/2026.2"
	rec := s.do(request{method: http.MethodPost, path: base + "/drafts", token: s.admin})
	if rec.Code != http.StatusCreated {
		t.Fatalf("create draft: %d %s", rec.Code, rec.Body.String())
	}
	var created DraftResponse
	decodeInto(t, rec.Body.Bytes(), &created)
	doc := created.Framework
	before := s.do(request{path: draft, token: s.admin}).Body.String()

	repeat := func(item string, n int) string {
		return "[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]"
	}
	comp := mustJSON(t, doc.Competencies[0])
	level := mustJSON(t, doc.Levels[0])
	bg := mustJSON(t, doc.Backgrounds[0])
	exp := mustJSON(t, doc.Levels[0].Expectations[0])
	ev := mustJSON(t, doc.Backgrounds[0].Evidence[0])
	cases := []struct {
		name, part, body string
		contentType      string
		status           int
		field            string // a field the problem must name, when 422
	}{
		{name: "malformed JSON", part: "competencies", body: `{"competencies":[{`, status: 400},
		{name: "malformed JSON", part: "levels", body: `{"levels":}`, status: 400},
		{name: "malformed JSON", part: "backgrounds", body: `{"backgrounds":[1,]}`, status: 400},
		{name: "malformed JSON", part: "actions", body: `not json`, status: 400},
		{name: "empty body", part: "actions", body: "", status: 400},
		{name: "two JSON values", part: "actions", body: `{"actions":[]} {}`, status: 400},
		{name: "an array, not an object", part: "levels", body: `[]`, status: 400},
		{name: "null body", part: "levels", body: `null`, status: 422, field: "levels"},
		{name: "null part", part: "backgrounds", body: `{"backgrounds":null}`, status: 422, field: "backgrounds"},
		{name: "unknown top-level field", part: "actions", body: `{"actions":[],"status":"published"}`, status: 400},
		{name: "unknown field in an item", part: "competencies", body: `{"competencies":[{"slug":"x","colour":"red"}]}`, status: 400},
		{name: "unknown field in an expectation", part: "levels", body: `{"levels":[{"expectations":[{"competency":"content","min_proficiency":1,"bonus":1}]}]}`, status: 400},
		{name: "wrong type", part: "levels", body: `{"levels":[{"rank":"one"}]}`, status: 400},
		{name: "a fractional rank", part: "levels", body: `{"levels":[{"rank":1.5}]}`, status: 400},
		{name: "a proficiency beyond int64", part: "backgrounds", body: `{"backgrounds":[{"evidence":[{"proficiency":1e30}]}]}`, status: 400},
		{name: "a weight beyond float64", part: "competencies", body: `{"competencies":[{"weight":1e400}]}`, status: 400},
		{name: "not JSON content", part: "actions", body: `{"actions":[]}`, contentType: "text/plain", status: 415},
		{name: "a sixth anchor", part: "competencies", body: `{"competencies":[` + strings.Replace(comp, `"]`, `","Writes the book on it."]`, 1) + `]}`, status: 422, field: "competencies[0].anchors"},
		{name: "no anchors", part: "competencies", body: `{"competencies":[{"slug":"x","name":"X","dimension":"people","weight":1,"description":"d"}]}`, status: 422, field: "competencies[0].anchors"},
		{name: "a huge rank", part: "levels", body: `{"levels":[` + strings.Replace(level, `"rank":1`, `"rank":9007199254740993`, 1) + `]}`, status: 422, field: "levels[0].rank"},
		{name: "a NUL in a name", part: "competencies", body: `{"competencies":[` + strings.Replace(comp, `"name":"`, `"name":"\u0000`, 1) + `]}`, status: 400, field: "competencies[0].name"},
		{name: "101 competencies", part: "competencies", body: `{"competencies":` + repeat(comp, 101) + `}`, status: 422, field: "competencies"},
		{name: "21 levels", part: "levels", body: `{"levels":` + repeat(level, 21) + `}`, status: 422, field: "levels"},
		{name: "101 expectations", part: "levels", body: `{"levels":[{"slug":"x","expectations":` + repeat(exp, 101) + `}]}`, status: 422, field: "levels[0].expectations"},
		{name: "501 backgrounds", part: "backgrounds", body: `{"backgrounds":` + repeat(`{"slug":"x"}`, 501) + `}`, status: 422, field: "backgrounds"},
		{name: "51 aliases", part: "backgrounds", body: `{"backgrounds":[{"slug":"x","aliases":` + repeat(`"a"`, 51) + `}]}`, status: 422, field: "backgrounds[0].aliases"},
		{name: "101 evidence items", part: "backgrounds", body: `{"backgrounds":[{"slug":"x","evidence":` + repeat(ev, 101) + `}]}`, status: 422, field: "backgrounds[0].evidence"},
		{name: "2001 actions", part: "actions", body: `{"actions":` + repeat(`{}`, 2001) + `}`, status: 422, field: "actions"},
		{name: "a body over the limit", part: "backgrounds", body: `{"backgrounds":[` + strings.Replace(bg, `"summary":"`, `"summary":"`+strings.Repeat("x", 1<<20), 1) + `]}`, status: 413},
		{name: "an overlong background title", part: "backgrounds", body: `{"backgrounds":[` + strings.Replace(bg, `"title":"`, `"title":"`+strings.Repeat("x", 300), 1) + `]}`, status: 422, field: "backgrounds[0].title"},
	}
	for _, tc := range cases {
		t.Run(tc.part+": "+tc.name, func(t *testing.T) {
			req := request{method: http.MethodPut, path: draft + "/" + tc.part, token: s.admin, body: tc.body, loose: true}
			if tc.contentType != "" {
				req.header = map[string]string{"Content-Type": tc.contentType}
			}
			if tc.body == "" {
				req.header = map[string]string{"Content-Type": "application/json"}
			}
			rec := s.do(req)
			if rec.Code != tc.status || rec.Header().Get("Content-Type") != "application/problem+json" {
				t.Fatalf("status %d %q, want %d: %.300s", rec.Code, rec.Header().Get("Content-Type"), tc.status, rec.Body.String())
			}
			if tc.field != "" {
				fields := problemFields(t, rec.Body.Bytes())
				if !containsString(fields, tc.field) {
					t.Fatalf("fields %v do not name %s", fields, tc.field)
				}
			}
		})
	}
	if after := s.do(request{path: draft, token: s.admin}).Body.String(); after != before {
		t.Fatal("a refused edit changed the draft")
	}
	for _, path := range []string{base + "/drafts", draft + "/publish", base + "/2026.1/retire"} {
		rec := s.do(request{method: http.MethodPost, path: path, token: s.admin, body: strings.Repeat("x", 2<<20), loose: true})
		if rec.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("POST %s with a 2 MiB body: %d", path, rec.Code)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
