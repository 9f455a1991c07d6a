package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestFrameworkReadEndpoints(t *testing.T) {
	s := newFrameworkServer(t)
	const named = "?framework=community-management@2026.1"
	cases := []struct {
		name   string
		path   string
		status int
		check  func(t *testing.T, body []byte)
	}{
		{"lists versions and marks the latest", "/v1/frameworks", 200, func(t *testing.T, b []byte) {
			var l FrameworkList
			decodeInto(t, b, &l)
			if len(l.Items) != 1 || l.Items[0].Ref != "community-management@2026.1" || !l.Items[0].Latest || l.Items[0].PublishedAt == nil {
				t.Fatalf("%+v", l.Items)
			}
		}},
		{"the versions of one framework", "/v1/frameworks/community-management", 200, func(t *testing.T, b []byte) {
			var l FrameworkList
			decodeInto(t, b, &l)
			if len(l.Items) != 1 || l.Items[0].Ref != "community-management@2026.1" || !l.Items[0].Latest || l.Items[0].Status != "published" {
				t.Fatalf("%+v", l.Items)
			}
		}},
		{"the versions of a malformed slug", "/v1/frameworks/Community_Management", 400, nil},
		{"a named version", "/v1/frameworks/community-management/2026.1", 200, wholeDefault},
		{"latest as a version", "/v1/frameworks/community-management/latest", 200, wholeDefault},
		{"unknown framework", "/v1/frameworks/nursing", 404, nil},
		{"unknown version", "/v1/frameworks/community-management/1999.1", 404, nil},
		{"malformed version", "/v1/frameworks/community-management/v1", 400, nil},
		{"competencies with rubrics", "/v1/competencies", 200, func(t *testing.T, b []byte) {
			var l CompetencyList
			decodeInto(t, b, &l)
			if len(l.Items) != 13 || len(l.Items[0].Rubric) != 5 || l.Items[0].Rubric[4].Proficiency != 4 || l.Items[0].DimensionName == "" {
				t.Fatalf("%d competencies: %+v", len(l.Items), l.Items[0])
			}
		}},
		{"one competency with expectations and actions", "/v1/competencies/stakeholder-influence", 200, func(t *testing.T, b []byte) {
			var d CompetencyDetail
			decodeInto(t, b, &d)
			if d.Competency.Dimension != "influence" || len(d.Actions) < 3 || len(d.ExpectedBy) == 0 {
				t.Fatalf("%+v", d)
			}
			for _, a := range d.Actions {
				if a.Competency != "stakeholder-influence" {
					t.Fatalf("action of %s", a.Competency)
				}
			}
		}},
		{"unknown competency", "/v1/competencies/juggling", 404, nil},
		{"levels in rank order with names", "/v1/levels", 200, func(t *testing.T, b []byte) {
			var l LevelList
			decodeInto(t, b, &l)
			want := []string{"community-coordinator", "community-manager", "senior-community-manager", "community-director", "chief-community-officer"}
			var got []string
			for i, lv := range l.Items {
				got = append(got, lv.Slug)
				if lv.Rank != i+1 || len(lv.Expectations) == 0 || lv.Expectations[0].CompetencyName == "" || lv.Expectations[0].Anchor == "" {
					t.Fatalf("level %+v", lv)
				}
			}
			if !slices.Equal(got, want) || l.Framework != "community-management@2026.1" {
				t.Fatalf("levels %v of %s", got, l.Framework)
			}
		}},
		{"one level", "/v1/levels/community-director", 200, func(t *testing.T, b []byte) {
			var d LevelDetail
			decodeInto(t, b, &d)
			if d.Level.Rank != 4 || d.Level.Title != "Community Director" {
				t.Fatalf("%+v", d.Level)
			}
		}},
		{"unknown level", "/v1/levels/intern", 404, nil},
		{"the ladder rises rung by rung", "/v1/ladder", 200, func(t *testing.T, b []byte) {
			var l Ladder
			decodeInto(t, b, &l)
			if len(l.Rungs) != 5 || len(l.Rungs[0].Rises) == 0 {
				t.Fatalf("%+v", l)
			}
			for _, r := range l.Rungs {
				for _, x := range r.Rises {
					if x.To < x.From || (x.To == x.From && x.Kind != "required") || x.CompetencyName == "" {
						t.Fatalf("rung %s: %+v is no rise", r.Slug, x)
					}
				}
			}
		}},
		{"every background without q", "/v1/backgrounds", 200, func(t *testing.T, b []byte) {
			var l BackgroundList
			decodeInto(t, b, &l)
			if len(l.Items) < 20 || l.Items[0].MatchScore != nil || l.Query != "" {
				t.Fatalf("%d backgrounds", len(l.Items))
			}
		}},
		{"the first n backgrounds", "/v1/backgrounds?limit=3", 200, func(t *testing.T, b []byte) {
			var l BackgroundList
			decodeInto(t, b, &l)
			if len(l.Items) != 3 {
				t.Fatalf("%d backgrounds", len(l.Items))
			}
		}},
		{"search ranks matches", "/v1/backgrounds?q=account", 200, func(t *testing.T, b []byte) {
			var l BackgroundList
			decodeInto(t, b, &l)
			if len(l.Items) == 0 || l.Query != "account" {
				t.Fatalf("%+v", l)
			}
			for i, it := range l.Items {
				if it.MatchScore == nil || *it.MatchScore <= 0 || *it.MatchScore > 1 || it.MatchedOn == "" {
					t.Fatalf("item %+v", it)
				}
				if i > 0 && *it.MatchScore > *l.Items[i-1].MatchScore {
					t.Fatal("not ranked")
				}
			}
		}},
		{"search tolerates typos and seniority", "/v1/backgrounds?limit=2&q=" + url.QueryEscape("Sr. Acount Executve"), 200, func(t *testing.T, b []byte) {
			var l BackgroundList
			decodeInto(t, b, &l)
			if len(l.Items) == 0 || len(l.Items) > 2 || l.Items[0].Slug != "sales" {
				t.Fatalf("%+v", l.Items)
			}
		}},
		{"search for nothing known", "/v1/backgrounds?q=xyzzy", 200, func(t *testing.T, b []byte) {
			var l BackgroundList
			decodeInto(t, b, &l)
			if len(l.Items) != 0 {
				t.Fatalf("%+v", l.Items)
			}
		}},
		{"limit of 0", "/v1/backgrounds?q=sales&limit=0", 400, problemNames("limit")},
		{"limit that is not a number", "/v1/backgrounds?limit=ten", 400, problemNames("limit")},
		{"limit over 100", "/v1/backgrounds?q=sales&limit=101", 400, problemNames("limit")},
		{"q over 200 characters", "/v1/backgrounds?q=" + strings.Repeat("a", 201), 400, problemNames("q")},
		{"one background with evidence", "/v1/backgrounds/fundraising", 200, func(t *testing.T, b []byte) {
			var d BackgroundDetail
			decodeInto(t, b, &d)
			if d.Background.CommunityServed == "" || len(d.Evidence) != 13 || d.Evidence[0].CompetencyName == "" || d.Evidence[0].Rationale == "" {
				t.Fatalf("%+v", d)
			}
		}},
		{"unknown background", "/v1/backgrounds/astronaut", 404, nil},
		{"every action", "/v1/actions", 200, func(t *testing.T, b []byte) {
			var l ActionList
			decodeInto(t, b, &l)
			if len(l.Items) < 39 {
				t.Fatalf("%d actions", len(l.Items))
			}
		}},
		{"actions of one competency", "/v1/actions?competency=content", 200, func(t *testing.T, b []byte) {
			var l ActionList
			decodeInto(t, b, &l)
			if len(l.Items) < 3 {
				t.Fatalf("%d actions", len(l.Items))
			}
			for _, a := range l.Items {
				if a.Competency != "content" {
					t.Fatalf("%+v", a)
				}
			}
		}},
		{"actions of one kind", "/v1/actions?kind=volunteering", 200, func(t *testing.T, b []byte) {
			var l ActionList
			decodeInto(t, b, &l)
			for _, a := range l.Items {
				if a.Kind != "volunteering" {
					t.Fatalf("%+v", a)
				}
			}
		}},
		{"actions of an unknown competency", "/v1/actions?competency=juggling", 404, nil},
		{"actions of an unknown kind", "/v1/actions?kind=reading", 400, problemNames("kind")},
		{"a named version of the levels", "/v1/levels" + named, 200, nil},
		{"an unknown framework version", "/v1/levels?framework=community-management@2020.1", 404, nil},
		{"an unknown framework", "/v1/competencies?framework=nursing", 404, nil},
		{"a malformed framework parameter", "/v1/backgrounds?framework=" + url.QueryEscape("Community Management"), 400, problemNames("framework")},
	}
	// These requests break the contract on purpose (a typed parameter of the wrong type).
	loose := map[string]bool{"limit that is not a number": true, "actions of an unknown kind": true}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := s.do(request{path: tc.path, loose: loose[tc.name]})
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body.String())
			}
			if tc.status >= 400 {
				if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
					t.Fatalf("content type %q", ct)
				}
			} else if rec.Header().Get("ETag") == "" || rec.Header().Get("Cache-Control") == "" {
				t.Fatalf("no ETag or Cache-Control: %v", rec.Header())
			}
			if tc.check != nil {
				tc.check(t, rec.Body.Bytes())
			}
		})
	}
}

func decodeInto(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode: %v: %s", err, b)
	}
}

func wholeDefault(t *testing.T, b []byte) {
	t.Helper()
	var d FrameworkDocument
	decodeInto(t, b, &d)
	if d.Ref != "community-management@2026.1" || d.Status != "published" || len(d.Competencies) != 13 || len(d.Levels) != 5 ||
		len(d.Backgrounds) < 20 || len(d.Actions) < 39 || d.Scoring.ReviewerWeight == 0 || len(d.Competencies[0].Anchors) != 5 {
		t.Fatalf("document %s: %d competencies", d.Ref, len(d.Competencies))
	}
}

// problemNames checks that a 400 names the query parameter at fault.
func problemNames(param string) func(*testing.T, []byte) {
	return func(t *testing.T, b []byte) {
		t.Helper()
		var p Problem
		decodeInto(t, b, &p)
		if !strings.Contains(p.Detail, `"`+param+`"`) {
			t.Fatalf("detail %q does not name %s", p.Detail, param)
		}
	}
}

func TestEveryFrameworkReadAnswers304ToItsETag(t *testing.T) {
	s := newFrameworkServer(t)
	paths := []string{
		"/v1/frameworks", "/v1/frameworks/community-management", "/v1/frameworks/community-management/2026.1",
		"/v1/competencies", "/v1/competencies/communication", "/v1/levels", "/v1/levels/community-manager",
		"/v1/ladder", "/v1/backgrounds", "/v1/backgrounds?q=teacher", "/v1/backgrounds/teaching",
		"/v1/actions", "/v1/actions?competency=content&kind=practice",
		"/v1/levels?framework=community-management@2026.1",
	}
	// The same representation at two addresses (latest and its named version) shares its ETag.
	etags := map[string]string{}
	bodies := map[string]string{}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			first := s.get(path, nil)
			etag := first.Header().Get("ETag")
			if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
				t.Fatalf("ETag %q is not strong", etag)
			}
			if other, dup := etags[etag]; dup && bodies[other] != first.Body.String() {
				t.Fatalf("same ETag as %s for a different body", other)
			}
			etags[etag], bodies[path] = path, first.Body.String()
			if again := s.get(path, nil); again.Header().Get("ETag") != etag || again.Body.String() != first.Body.String() {
				t.Fatal("a second read differs")
			}
			for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
				rec := s.do(request{path: path, header: map[string]string{"If-None-Match": inm}})
				if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag || rec.Header().Get("Cache-Control") == "" {
					t.Fatalf("If-None-Match %s: %d %q", inm, rec.Code, rec.Body.String())
				}
			}
			if rec := s.do(request{path: path, header: map[string]string{"If-None-Match": `"stale"`}}); rec.Code != http.StatusOK {
				t.Fatalf("a stale ETag got %d", rec.Code)
			}
		})
	}
}

func TestCacheControlFollowsWhatCanChange(t *testing.T) {
	s := newFrameworkServer(t)
	for path, want := range map[string]string{
		"/v1/levels": cacheShort,
		"/v1/levels?framework=community-management@latest": cacheShort,
		"/v1/levels?framework=community-management@2026.1": cacheImmutable,
		"/v1/frameworks/community-management/2026.1":       cacheShort,
		"/v1/frameworks/community-management":              cacheShort,
		"/v1/frameworks":                                   cacheShort,
	} {
		if got := s.get(path, nil).Header().Get("Cache-Control"); got != want {
			t.Errorf("%s: Cache-Control %q, want %q", path, got, want)
		}
	}
}
