package api

import (
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

// hostileEndpoint is one route with a body, a valid body for it, and the
// text fields in that body: field's JSON path → the exact string literal
// (quotes included) it holds in body, which the cases mutate.
type hostileEndpoint struct {
	method, path, token string
	body                string
	fields              map[string]string
	multiline           map[string]bool
	// dups: a field's path → a member to insert, a comma, and the text
	// it goes before (the same field, so the key appears twice).
	dups map[string][2]string
}

// hostileCase is one hostile request and the exact problem it must get.
type hostileCase struct {
	name                string
	method, path, token string
	body                string
	field, rule, detail string // field and rule are "" when the body as a whole is refused
}

// hostileCases derives, for each endpoint, duplicate keys (top level and
// nested), invalid UTF-8, a lone surrogate, trailing data, and control
// characters in every text field.
func hostileCases(endpoints []hostileEndpoint) []hostileCase {
	var out []hostileCase
	controlDetail := func(path string, multi bool, r rune) string {
		note := ""
		if multi {
			note = " other than newline and tab"
		}
		return fmt.Sprintf("Field %q must not contain control characters%s (found %U at character 1).", path, note, r)
	}
	for _, ep := range endpoints {
		label := ep.method + " " + ep.path
		add := func(name, body, field, rule, detail string) {
			out = append(out, hostileCase{name: label + ": " + name, method: ep.method, path: ep.path, token: ep.token,
				body: body, field: field, rule: rule, detail: detail})
		}
		add("trailing data", ep.body+` {}`, "", "", "The body must hold exactly one JSON value.")
		add("a second value after whitespace", ep.body+"\n"+ep.body, "", "", "The body must hold exactly one JSON value.")
		for path, dup := range ep.dups {
			member, before := dup[0], dup[1]
			if !strings.Contains(ep.body, before) {
				panic("no " + before + " in " + ep.body)
			}
			body := strings.Replace(ep.body, before, member+","+before, 1)
			add("duplicate "+path, body, path, "duplicate",
				fmt.Sprintf("Field %q appears more than once; send each field once.", path))
		}
		for path, literal := range ep.fields {
			if !strings.Contains(ep.body, literal) {
				panic("no " + literal + " in " + ep.body)
			}
			inject := func(prefix string) string {
				return strings.Replace(ep.body, literal, `"`+prefix+literal[1:], 1)
			}
			add("invalid UTF-8 in "+path, inject("\xff"), path, "utf8", fmt.Sprintf("Field %q is not valid UTF-8.", path))
			add("a lone surrogate in "+path, inject(`\ud800`), path, "utf8",
				fmt.Sprintf("Field %q holds a lone surrogate escape (such as \\ud800); send valid UTF-8.", path))
			multi := ep.multiline[path]
			controls := []struct {
				escape string
				r      rune
			}{{`\u0000`, 0}, {`\u0001`, 1}, {`\u001b`, 0x1b}, {`\u007f`, 0x7f}, {`\u0085`, 0x85}, {`\u009f`, 0x9f}}
			if !multi {
				controls = append(controls, struct {
					escape string
					r      rune
				}{`\t`, '\t'}, struct {
					escape string
					r      rune
				}{`\n`, '\n'}, struct {
					escape string
					r      rune
				}{`\u2028`, 0x2028})
			}
			for _, c := range controls {
				add(fmt.Sprintf("%U in %s", c.r, path), inject(c.escape), path, "text", controlDetail(path, multi, c.r))
			}
		}
	}
	return out
}

// TestHostileBodiesAreRefusedAndChangeNothing sends hostile bodies to every
// endpoint with a body, on SQLite and PostgreSQL: each gets the exact 400
// problem naming the field, none a 5xx, and no table gains or loses a row.
func TestHostileBodiesAreRefusedAndChangeNothing(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		s := newAuthServerOn(t, db, Config{}, cheapArgon2)
		admin := s.admin()
		org := s.org(admin, "Acme")
		email := s.email("ada")
		s.signup(email)
		pair := s.login(email)
		setPassword := s.invite(admin, org, s.email("grace"))

		rec := s.do(http.MethodPost, "/v1/frameworks/community-management/drafts", admin, "")
		s.mustStatus(rec, http.StatusCreated)
		var draft DraftResponse
		decode(t, rec, &draft)
		// The draft's own competencies, the first with text the cases can find.
		comps := draft.Framework.Competencies
		comps[0].Name, comps[0].Description, comps[0].Anchors[2] = "Hostile name", "Hostile description", "Hostile anchor"
		compBody := `{"competencies":` + mustJSON(t, comps) + `}`

		password := fmt.Sprintf("%q", testPassword)
		endpoints := []hostileEndpoint{
			{method: "POST", path: "/v1/auth/signup",
				body:   `{"email":"newcomer@example.org","password":` + password + `,"display_name":"Newcomer"}`,
				fields: map[string]string{"email": `"newcomer@example.org"`, "display_name": `"Newcomer"`},
				dups:   map[string][2]string{"email": {`"email":"first"`, `"email":`}, "display_name": {`"display_name":"first"`, `"display_name":`}}},
			{method: "POST", path: "/v1/auth/login",
				body:   fmt.Sprintf(`{"email":%q,"password":%s}`, email, password),
				fields: map[string]string{"email": fmt.Sprintf("%q", email)},
				dups:   map[string][2]string{"email": {`"email":"first"`, `"email":`}, "password": {`"password":"first"`, `"password":`}}},
			{method: "POST", path: "/v1/auth/refresh",
				body: fmt.Sprintf(`{"refresh_token":%q}`, pair.RefreshToken),
				dups: map[string][2]string{"refresh_token": {`"refresh_token":"first"`, `"refresh_token":`}}},
			{method: "POST", path: "/v1/auth/logout",
				body: fmt.Sprintf(`{"refresh_token":%q}`, pair.RefreshToken),
				dups: map[string][2]string{"refresh_token": {`"refresh_token":"first"`, `"refresh_token":`}}},
			{method: "POST", path: "/v1/auth/set-password",
				body: fmt.Sprintf(`{"token":%q,"password":%s}`, setPassword, password),
				dups: map[string][2]string{"token": {`"token":"first"`, `"token":`}}},
			{method: "PATCH", path: "/v1/me", token: pair.AccessToken,
				body:   `{"display_name":"Ada Renamed"}`,
				fields: map[string]string{"display_name": `"Ada Renamed"`},
				dups:   map[string][2]string{"display_name": {`"display_name":"first"`, `"display_name":`}}},
			{method: "POST", path: "/v1/orgs", token: admin,
				body:   `{"name":"Hostile Org"}`,
				fields: map[string]string{"name": `"Hostile Org"`},
				dups:   map[string][2]string{"name": {`"name":"first"`, `"name":`}}},
			{method: "POST", path: "/v1/orgs/" + org + "/members", token: admin,
				body:   `{"email":"member@example.org","display_name":"Member"}`,
				fields: map[string]string{"email": `"member@example.org"`, "display_name": `"Member"`},
				dups:   map[string][2]string{"email": {`"email":"first"`, `"email":`}}},
			{method: "POST", path: "/v1/orgs/" + org + "/api-keys", token: admin,
				body:   `{"name":"ATS","scopes":["search","candidates:read"]}`,
				fields: map[string]string{"name": `"ATS"`, "scopes[1]": `"candidates:read"`},
				dups:   map[string][2]string{"scopes": {`"scopes":["search"]`, `"scopes":`}}},
			{method: "POST", path: "/v1/transfer-map",
				body: `{"experiences":[{"title":"Major Gifts Officer","years":8,"community_served":"donors","highlights":["Ran a donor circle"]},` +
					`{"background":"teaching","years":3}],"self_ratings":[{"competency":"stakeholder-influence","proficiency":3,"evidence":"Closed a gift"}]}`,
				fields: map[string]string{
					"experiences[0].title": `"Major Gifts Officer"`, "experiences[0].community_served": `"donors"`,
					"experiences[0].highlights[0]": `"Ran a donor circle"`, "experiences[1].background": `"teaching"`,
					"self_ratings[0].competency": `"stakeholder-influence"`, "self_ratings[0].evidence": `"Closed a gift"`,
				},
				multiline: map[string]bool{"experiences[0].highlights[0]": true, "self_ratings[0].evidence": true},
				dups:      map[string][2]string{"experiences": {`"experiences":[{"background":"sales","years":2}]`, `"experiences":`}, "experiences[0].title": {`"title":"first"`, `"title":`}, "experiences[1].years": {`"years":1`, `"years":3`}, "self_ratings[0].proficiency": {`"proficiency":4`, `"proficiency":`}}},
			{method: "PUT", path: "/v1/frameworks/community-management/" + draft.Framework.Version + "/competencies", token: admin,
				body: compBody,
				fields: map[string]string{
					"competencies[0].name": `"Hostile name"`, "competencies[0].description": `"Hostile description"`,
					"competencies[0].anchors[2]": `"Hostile anchor"`,
				},
				multiline: map[string]bool{"competencies[0].description": true, "competencies[0].anchors[2]": true},
				dups:      map[string][2]string{"competencies[0].weight": {`"weight":2`, `"weight":`}}},
		}
		cases := hostileCases(endpoints)
		if len(cases) < 40 {
			t.Fatalf("only %d hostile cases", len(cases))
		}
		t.Logf("%d hostile bodies across %d endpoints", len(cases), len(endpoints))

		draftPath := "/v1/frameworks/community-management/" + draft.Framework.Version
		draftBefore := s.do(http.MethodGet, draftPath, admin, "").Body.String()
		before := rowCounts(t, db)
		for _, tc := range cases {
			rec := s.send(s.loose, tc.method, tc.path, tc.token, tc.body)
			if rec.Code != http.StatusBadRequest {
				t.Errorf("%s: status %d, want 400: %.300s", tc.name, rec.Code, rec.Body.String())
				continue
			}
			p := problemOf(t, rec)
			if p.Detail != tc.detail {
				t.Errorf("%s: detail %q, want %q", tc.name, p.Detail, tc.detail)
			}
			switch {
			case tc.field == "" && len(p.Errors) != 0:
				t.Errorf("%s: field errors %+v for a body refused as a whole", tc.name, p.Errors)
			case tc.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != tc.field || p.Errors[0].Rule != tc.rule):
				t.Errorf("%s: errors %+v, want field %q rule %q", tc.name, p.Errors, tc.field, tc.rule)
			}
			if after := rowCounts(t, db); !maps.Equal(before, after) {
				t.Fatalf("%s: row counts changed from %v to %v", tc.name, before, after)
			}
		}
		// The valid bodies the cases were made from are accepted (so each
		// refusal above was the hostile part's doing), and the draft and
		// the account are as they were.
		if got := s.do(http.MethodGet, draftPath, admin, "").Body.String(); got != draftBefore {
			t.Fatal("a refused edit changed the draft")
		}
		for _, ep := range endpoints {
			if ep.path == "/v1/auth/logout" || ep.path == "/v1/auth/refresh" {
				continue // spends the refresh token the other checks use
			}
			if rec := s.send(s.loose, ep.method, ep.path, ep.token, ep.body); rec.Code >= 300 {
				t.Errorf("valid body for %s %s: %d %.300s", ep.method, ep.path, rec.Code, rec.Body.String())
			}
		}
		if rec := s.do(http.MethodPost, "/v1/auth/refresh", "", fmt.Sprintf(`{"refresh_token":%q}`, pair.RefreshToken)); rec.Code != http.StatusOK {
			t.Errorf("the refresh token stopped working: %d", rec.Code)
		}
	})
}
