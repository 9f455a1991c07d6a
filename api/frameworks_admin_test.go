package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// part returns the JSON body of a PUT that sends doc's part unchanged, or changed by edit.
func part(t *testing.T, doc FrameworkDocument, name string, edit func(*FrameworkDocument)) string {
	t.Helper()
	// A deep copy: edits must not reach the caller's document through shared slices.
	var cp FrameworkDocument
	decodeInto(t, []byte(mustJSON(t, doc)), &cp)
	doc = cp
	if edit != nil {
		edit(&doc)
	}
	var v any
	switch name {
	case "competencies":
		v = doc.Competencies
	case "levels":
		v = doc.Levels
	case "backgrounds":
		v = doc.Backgrounds
	case "actions":
		v = doc.Actions
	}
	return fmt.Sprintf(`{%q:%s}`, name, mustJSON(t, v))
}

func problemFields(t *testing.T, body []byte) []string {
	t.Helper()
	var p Problem
	decodeInto(t, body, &p)
	var out []string
	for _, f := range p.Errors {
		out = append(out, f.Field)
	}
	return out
}

func TestAuthoringRefusesCallersWhoAreNotAuthors(t *testing.T) {
	s := newFrameworkServer(t)
	const base = "/v1/frameworks/community-management"
	body := `{"actions":[]}`
	routes := []struct{ method, path, body string }{
		{http.MethodPost, base + "/drafts", ""},
		{http.MethodPut, base + "/2026.2/competencies", `{"competencies":[]}`},
		{http.MethodPut, base + "/2026.2/levels", `{"levels":[]}`},
		{http.MethodPut, base + "/2026.2/backgrounds", `{"backgrounds":[]}`},
		{http.MethodPut, base + "/2026.2/actions", body},
		{http.MethodPost, base + "/2026.2/publish", ""},
		{http.MethodPost, base + "/2026.1/retire", ""},
	}
	for _, r := range routes {
		for _, who := range []struct {
			name, token string
			status      int
		}{{"anonymous", "", 401}, {"job seeker", s.seeker, 403}, {"bad token", "not-a-token", 401}} {
			t.Run(r.method+" "+r.path+" as "+who.name, func(t *testing.T) {
				rec := s.do(request{method: r.method, path: r.path, token: who.token, body: r.body, loose: true})
				if rec.Code != who.status || rec.Header().Get("Content-Type") != "application/problem+json" {
					t.Fatalf("status %d, want %d: %s", rec.Code, who.status, rec.Body.String())
				}
			})
		}
	}
	// Nothing happened: 2026.1 is still the only version, and published.
	var l FrameworkList
	s.get("/v1/frameworks", &l)
	if len(l.Items) != 1 || l.Items[0].Status != "published" {
		t.Fatalf("%+v", l.Items)
	}
}

func TestAuthoringLifecycle(t *testing.T) {
	s := newFrameworkServer(t)
	const base = "/v1/frameworks/community-management"
	const draft = base + "/2026.2"
	before := s.get("/v1/levels", nil).Header().Get("ETag")

	// A draft: a copy of the latest with the next version, visible to its authors only.
	rec := s.do(request{method: http.MethodPost, path: base + "/drafts", token: s.admin})
	if rec.Code != http.StatusCreated || rec.Header().Get("Location") != draft {
		t.Fatalf("create draft: %d %q %s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	var created DraftResponse
	decodeInto(t, rec.Body.Bytes(), &created)
	doc := created.Framework
	if doc.Version != "2026.2" || doc.Status != "draft" || doc.PublishedAt != nil || len(created.Pending) != 0 || len(doc.Competencies) != 13 {
		t.Fatalf("draft %s %s, %d pending", doc.Version, doc.Status, len(created.Pending))
	}
	if rec := s.do(request{method: http.MethodPost, path: base + "/drafts", token: s.admin}); rec.Code != http.StatusConflict {
		t.Fatalf("second draft: %d", rec.Code)
	}
	if rec := s.do(request{method: http.MethodPost, path: "/v1/frameworks/nursing/drafts", token: s.admin}); rec.Code != http.StatusNotFound {
		t.Fatalf("draft of an unknown framework: %d", rec.Code)
	}
	for _, path := range []string{draft, "/v1/levels?framework=community-management@2026.2"} {
		if rec := s.do(request{path: path}); rec.Code != http.StatusNotFound {
			t.Fatalf("anonymous read of the draft %s: %d", path, rec.Code)
		}
		if rec := s.do(request{path: path, token: s.seeker}); rec.Code != http.StatusNotFound {
			t.Fatalf("job seeker's read of the draft %s: %d", path, rec.Code)
		}
		rec := s.do(request{path: path, token: s.admin})
		if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != cacheDraft {
			t.Fatalf("author's read of the draft %s: %d %q", path, rec.Code, rec.Header().Get("Cache-Control"))
		}
	}
	var listed FrameworkList
	decodeInto(t, s.do(request{path: "/v1/frameworks", token: s.admin}).Body.Bytes(), &listed)
	if len(listed.Items) != 2 || listed.Items[1].Status != "draft" || listed.Items[1].Latest {
		t.Fatalf("author's list %+v", listed.Items)
	}
	decodeInto(t, s.do(request{path: base, token: s.admin}).Body.Bytes(), &listed)
	if len(listed.Items) != 2 || listed.Items[1].Ref != "community-management@2026.2" {
		t.Fatalf("author's versions %+v", listed.Items)
	}
	for _, token := range []string{"", s.seeker} {
		rec := s.do(request{path: base, token: token})
		decodeInto(t, rec.Body.Bytes(), &listed)
		if rec.Code != http.StatusOK || len(listed.Items) != 1 || listed.Items[0].Status != "published" {
			t.Fatalf("versions seen by a non-author: %d %+v", rec.Code, listed.Items)
		}
	}
	if s.get("/v1/levels", nil).Header().Get("ETag") != before {
		t.Fatal("a draft changed the latest")
	}

	// Refused edits: malformed, unknown field, wrong shape, rules of the part, missing proficiency.
	dropContent := func(d *FrameworkDocument) {
		d.Competencies = slices.DeleteFunc(d.Competencies, func(c CompetencyDoc) bool { return c.Slug == "content" })
	}
	refused := []struct {
		name, path, body string
		status           int
		fields           []string
	}{
		{"malformed JSON", draft + "/competencies", `{"competencies":[`, 400, nil},
		{"unknown field", draft + "/competencies", `{"competencies":[],"status":"published"}`, 400, nil},
		{"four anchors", draft + "/competencies", part(t, doc, "competencies", func(d *FrameworkDocument) {
			d.Competencies[0].Anchors = d.Competencies[0].Anchors[:4]
		}), 422, []string{"competencies[0].anchors"}},
		{"every problem of the part at once", draft + "/competencies", part(t, doc, "competencies", func(d *FrameworkDocument) {
			d.Competencies[0].Weight = -1
			d.Competencies[1].Slug = d.Competencies[0].Slug
		}), 422, []string{"competencies[0].weight", "competencies[1].slug"}},
		{"a proficiency of 7", draft + "/levels", part(t, doc, "levels", func(d *FrameworkDocument) {
			d.Levels[0].Expectations[0].MinProficiency = 7
		}), 422, []string{"levels[0].expectations[0].min_proficiency"}},
		{"a missing proficiency", draft + "/levels", strings.Replace(part(t, doc, "levels", nil), `"min_proficiency":2,`, ``, 1), 422, []string{"levels[0].expectations[0].min_proficiency"}},
		{"a dangling reference in the part", draft + "/actions", part(t, doc, "actions", func(d *FrameworkDocument) {
			d.Actions[0].Competency = "juggling"
		}), 422, []string{"actions[0].competency"}},
		{"an unknown version", base + "/2030.1/actions", part(t, doc, "actions", nil), 404, nil},
		{"latest is not a version to edit", base + "/latest/actions", part(t, doc, "actions", nil), 400, nil},
		{"a published version", base + "/2026.1/actions", part(t, doc, "actions", nil), 409, nil},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			rec := s.do(request{method: http.MethodPut, path: tc.path, token: s.admin, body: tc.body, loose: true})
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body.String())
			}
			if got := problemFields(t, rec.Body.Bytes()); tc.fields != nil && !slices.Equal(got, tc.fields) {
				t.Fatalf("fields %v, want %v", got, tc.fields)
			}
		})
	}
	var unchanged FrameworkDocument
	decodeInto(t, s.do(request{path: draft, token: s.admin}).Body.Bytes(), &unchanged)
	if mustJSON(t, unchanged.Competencies) != mustJSON(t, doc.Competencies) || mustJSON(t, unchanged.Levels) != mustJSON(t, doc.Levels) {
		t.Fatal("a refused edit changed the draft")
	}

	// Dropping a competency is accepted; what now dangles is pending and blocks publishing.
	rec = s.do(request{method: http.MethodPut, path: draft + "/competencies", token: s.admin, body: part(t, doc, "competencies", dropContent)})
	var edited DraftResponse
	decodeInto(t, rec.Body.Bytes(), &edited)
	if rec.Code != http.StatusOK || len(edited.Framework.Competencies) != 12 || len(edited.Pending) == 0 {
		t.Fatalf("drop a competency: %d, %d pending", rec.Code, len(edited.Pending))
	}
	rec = s.do(request{method: http.MethodPost, path: draft + "/publish", token: s.admin})
	if rec.Code != http.StatusUnprocessableEntity || len(problemFields(t, rec.Body.Bytes())) != len(edited.Pending) {
		t.Fatalf("publish with %d pending: %d %s", len(edited.Pending), rec.Code, rec.Body.String())
	}

	// Fix the other parts, then publish.
	fix := func(d *FrameworkDocument) {
		for i := range d.Levels {
			d.Levels[i].Expectations = slices.DeleteFunc(slices.Clone(d.Levels[i].Expectations), func(e ExpectationDoc) bool { return e.Competency == "content" })
		}
		for i := range d.Backgrounds {
			d.Backgrounds[i].Evidence = slices.DeleteFunc(slices.Clone(d.Backgrounds[i].Evidence), func(e EvidenceDoc) bool { return e.Competency == "content" })
		}
		d.Actions = slices.DeleteFunc(slices.Clone(d.Actions), func(a ActionDoc) bool { return a.Competency == "content" })
	}
	for _, name := range []string{"levels", "backgrounds", "actions"} {
		rec := s.do(request{method: http.MethodPut, path: draft + "/" + name, token: s.admin, body: part(t, doc, name, fix)})
		if rec.Code != http.StatusOK {
			t.Fatalf("PUT %s: %d %s", name, rec.Code, rec.Body.String())
		}
		decodeInto(t, rec.Body.Bytes(), &edited)
	}
	if len(edited.Pending) != 0 {
		t.Fatalf("still pending: %+v", edited.Pending)
	}
	rec = s.do(request{method: http.MethodPost, path: draft + "/publish", token: s.admin})
	var published FrameworkDocument
	decodeInto(t, rec.Body.Bytes(), &published)
	if rec.Code != http.StatusOK || published.Status != "published" || published.PublishedAt == nil {
		t.Fatalf("publish: %d %s", rec.Code, rec.Body.String())
	}

	// Published: the latest at once, immutable from now on.
	var levels LevelList
	after := s.get("/v1/levels", &levels).Header().Get("ETag")
	if levels.Framework != "community-management@2026.2" || after == before {
		t.Fatalf("latest is %s", levels.Framework)
	}
	if rec := s.do(request{path: "/v1/competencies/content"}); rec.Code != http.StatusNotFound {
		t.Fatalf("a dropped competency in the latest: %d", rec.Code)
	}
	if rec := s.do(request{path: "/v1/competencies/content?framework=community-management@2026.1"}); rec.Code != http.StatusOK {
		t.Fatalf("the older version: %d", rec.Code)
	}
	for _, r := range []struct{ method, path, body string }{
		{http.MethodPut, draft + "/actions", part(t, doc, "actions", fix)},
		{http.MethodPost, draft + "/publish", ""},
	} {
		if rec := s.do(request{method: r.method, path: r.path, token: s.admin, body: r.body}); rec.Code != http.StatusConflict {
			t.Fatalf("%s %s after publishing: %d", r.method, r.path, rec.Code)
		}
	}

	// Retire: the latest falls back; the retired version stays readable by version.
	rec = s.do(request{method: http.MethodPost, path: draft + "/retire", token: s.admin})
	var retired FrameworkDocument
	decodeInto(t, rec.Body.Bytes(), &retired)
	if rec.Code != http.StatusOK || retired.Status != "retired" {
		t.Fatalf("retire: %d %s", rec.Code, rec.Body.String())
	}
	if rec := s.do(request{method: http.MethodPost, path: draft + "/retire", token: s.admin}); rec.Code != http.StatusConflict {
		t.Fatalf("retire twice: %d", rec.Code)
	}
	if s.get("/v1/levels", &levels); levels.Framework != "community-management@2026.1" {
		t.Fatalf("latest after retiring: %s", levels.Framework)
	}
	var old FrameworkDocument
	if s.get(draft, &old); old.Status != "retired" {
		t.Fatalf("retired version reads as %s", old.Status)
	}
	if rec := s.do(request{method: http.MethodPost, path: "/v1/frameworks/community-management/2030.1/publish", token: s.admin}); rec.Code != http.StatusNotFound {
		t.Fatalf("publish an unknown version: %d", rec.Code)
	}
}

func TestRoutesAnswer503WithoutTheFrameworkService(t *testing.T) {
	e := New(Config{}, Deps{DB: okPinger{}})
	rec := newRecorder(e, http.MethodGet, "/v1/levels")
	var p Problem
	if rec.Code != http.StatusServiceUnavailable || json.Unmarshal(rec.Body.Bytes(), &p) != nil {
		t.Fatalf("%d %s", rec.Code, rec.Body.String())
	}
}
