package api

import (
	"encoding/base64"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

// profileWith is profileBody with one member added at the top level.
func profileWith(member string) string {
	return strings.Replace(profileBody, `{"display_name"`, `{`+member+`,"display_name"`, 1)
}

// TestMalformedCandidateRequestsChangeNothing: each bad request gets its
// exact 4xx problem naming the field, and no table gains or loses a row,
// on SQLite and PostgreSQL.
func TestMalformedCandidateRequestsChangeNothing(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, etag := f.putProfile(f.seeker, profileBody, "", http.StatusCreated)
		rec := f.do(http.MethodPost, "/v1/candidates", f.recX, profileBody)
		f.mustStatus(rec, http.StatusCreated)
		var orgCand Candidate
		decode(t, rec, &orgCand)
		cand := "/v1/candidates/" + orgCand.ID
		exp := func(e string) string { return `{"display_name":"A","experiences":[` + e + `]}` }
		many := strings.TrimSuffix(strings.Repeat(`{"background":"teaching","years":1},`, 21), ",")
		highlights := `"highlights":[` + strings.TrimSuffix(strings.Repeat(`"h",`, 11), ",") + `]`
		patch := map[string]string{"If-Match": tag(orgCand.ID, 1), "Content-Type": mimeMergePatch}

		type bad struct {
			name, method, path, token, body string
			headers                         map[string]string
			status                          int
			field                           string // "" when the problem names none
		}
		cases := []bad{
			{"a number for a name", "POST", "/v1/candidates", f.recX, `{"display_name":5}`, nil, 400, "display_name"},
			{"a 101-character name", "POST", "/v1/candidates", f.recX, fmt.Sprintf(`{"display_name":%q}`, strings.Repeat("n", 101)), nil, 422, "display_name"},
			{"a 201-character headline", "POST", "/v1/candidates", f.recX, fmt.Sprintf(`{"display_name":"A","headline":%q}`, strings.Repeat("h", 201)), nil, 422, "headline"},
			{"21 experiences", "POST", "/v1/candidates", f.recX, exp(many), nil, 422, "experiences"},
			{"negative years", "POST", "/v1/candidates", f.recX, exp(`{"background":"teaching","years":-1}`), nil, 422, "experiences[0].years"},
			{"61 years", "POST", "/v1/candidates", f.recX, exp(`{"background":"teaching","years":61}`), nil, 422, "experiences[0].years"},
			{"years as text", "POST", "/v1/candidates", f.recX, exp(`{"background":"teaching","years":"eight"}`), nil, 400, "experiences[0].years"},
			{"no title or background", "POST", "/v1/candidates", f.recX, exp(`{"years":3}`), nil, 422, "experiences[0].title"},
			{"an unknown background", "POST", "/v1/candidates", f.recX, exp(`{"background":"astronaut","years":3}`), nil, 422, "experiences[0].background"},
			{"11 highlights", "POST", "/v1/candidates", f.recX, exp(`{"background":"teaching","years":3,` + highlights + `}`), nil, 422, "experiences[0].highlights"},
			{"a 501-character highlight", "POST", "/v1/candidates", f.recX, exp(fmt.Sprintf(`{"background":"teaching","years":3,"highlights":[%q]}`, strings.Repeat("x", 501))), nil, 422, "experiences[0].highlights[0]"},
			{"an unknown competency", "POST", "/v1/candidates", f.recX, `{"display_name":"A","self_ratings":[{"competency":"juggling","proficiency":2}]}`, nil, 422, "self_ratings[0].competency"},
			{"proficiency 5", "POST", "/v1/candidates", f.recX, `{"display_name":"A","self_ratings":[{"competency":"stakeholder-influence","proficiency":5}]}`, nil, 422, "self_ratings[0].proficiency"},
			{"a competency rated twice", "POST", "/v1/candidates", f.recX, `{"display_name":"A","self_ratings":[{"competency":"stakeholder-influence","proficiency":2},{"competency":"stakeholder-influence","proficiency":3}]}`, nil, 422, "self_ratings[1].competency"},
			{"visibility public", "POST", "/v1/candidates", f.recX, `{"display_name":"A","visibility":"public"}`, nil, 422, "visibility"},
			{"an organisation sharing a candidate", "POST", "/v1/candidates", f.recX, `{"display_name":"A","visibility":"recruiters"}`, nil, 422, "visibility"},
			{"a bad contact email", "POST", "/v1/candidates", f.recX, `{"display_name":"A","contact_email":"not an address"}`, nil, 422, "contact_email"},
			{"a gender", "POST", "/v1/candidates", f.recX, profileWith(`"gender":"female"`), nil, 400, "gender"},
			{"a birth date", "POST", "/v1/candidates", f.recX, profileWith(`"birth_date":"1990-01-01"`), nil, 400, "birth_date"},
			{"an age", "POST", "/v1/candidates", f.recX, profileWith(`"age":36`), nil, 400, "age"},
			{"a nationality", "PUT", "/v1/me/candidate", f.seeker, profileWith(`"nationality":"FR"`), map[string]string{"If-Match": etag}, 400, "nationality"},
			{"a photo", "PUT", "/v1/me/candidate", f.seeker, profileWith(`"photo":"data:image/png;base64,AAAA"`), map[string]string{"If-Match": etag}, 400, "photo"},
			{"a NUL in the name", "POST", "/v1/candidates", f.recX, `{"display_name":"A\u0000B"}`, nil, 400, "display_name"},
			{"a bell in the headline", "POST", "/v1/candidates", f.recX, `{"display_name":"A","headline":"x\u0007y"}`, nil, 400, "headline"},
			{"a newline in a title", "POST", "/v1/candidates", f.recX, exp(`{"title":"Major\nGifts","years":3}`), nil, 400, "experiences[0].title"},
			{"a NUL in evidence", "POST", "/v1/candidates", f.recX, `{"display_name":"A","self_ratings":[{"competency":"stakeholder-influence","proficiency":2,"evidence":"a\u0000"}]}`, nil, 400, "self_ratings[0].evidence"},
			{"a duplicate key", "PUT", "/v1/me/candidate", f.seeker, `{"display_name":"A","display_name":"B"}`, map[string]string{"If-Match": etag}, 400, "display_name"},
			{"a replace without If-Match", "PUT", "/v1/me/candidate", f.seeker, profileBody, nil, 428, ""},
			{"a replace with a stale If-Match", "PUT", "/v1/me/candidate", f.seeker, profileBody, map[string]string{"If-Match": strings.Replace(etag, `.1"`, `.9"`, 1)}, 412, ""},
			{"a merge patch nulling the name", "PATCH", cand, f.recX, `{"display_name":null}`, patch, 422, "display_name"},
			{"a merge patch with a gender", "PATCH", cand, f.recX, `{"gender":"male"}`, patch, 400, "gender"},
			{"a merge patch with years as text", "PATCH", cand, f.recX, `{"experiences":[{"background":"teaching","years":"two"}]}`, patch, 400, "experiences[0].years"},
			{"a merge patch that is an array", "PATCH", cand, f.recX, `[]`, patch, 400, ""},
			{"a merge patch as text/plain", "PATCH", cand, f.recX, `{"headline":"x"}`, map[string]string{"If-Match": tag(orgCand.ID, 1), "Content-Type": "text/plain"}, 415, ""},
			{"a patch without If-Match", "PATCH", cand, f.recX, `{"headline":"x"}`, map[string]string{"Content-Type": mimeMergePatch}, 428, ""},
			{"a patch with a stale If-Match", "PATCH", cand, f.recX, `{"headline":"x"}`, map[string]string{"If-Match": tag(orgCand.ID, 2), "Content-Type": mimeMergePatch}, 412, ""},
			{"a delete without If-Match", "DELETE", cand, f.recX, "", nil, 428, ""},
			{"a forged cursor", "GET", "/v1/candidates?cursor=" + base64.RawURLEncoding.EncodeToString([]byte("'; DROP TABLE candidates; --")), f.recX, "", nil, 422, "cursor"},
			{"a cursor that is not base64", "GET", "/v1/candidates?cursor=not*base64!", f.recX, "", nil, 422, "cursor"},
			{"limit 0", "GET", "/v1/candidates?limit=0", f.recX, "", nil, 422, "limit"},
			{"updated_since in words", "GET", "/v1/candidates?updated_since=yesterday", f.recX, "", nil, 422, "updated_since"},
			{"a scorecard with proficiency 5", "POST", cand + "/scorecards", f.recX, `{"ratings":[{"competency":"stakeholder-influence","proficiency":5}],"overall_recommendation":"yes"}`, nil, 422, "ratings[0].proficiency"},
			{"a scorecard recommending maybe", "POST", cand + "/scorecards", f.recX, `{"ratings":[{"competency":"stakeholder-influence","proficiency":3}],"overall_recommendation":"maybe"}`, nil, 422, "overall_recommendation"},
			{"a scorecard without ratings", "POST", cand + "/scorecards", f.recX, `{"ratings":[],"overall_recommendation":"yes"}`, nil, 422, "ratings"},
			{"a NUL in a scorecard note", "POST", cand + "/scorecards", f.recX, `{"ratings":[{"competency":"stakeholder-influence","proficiency":3,"note":"\u0000"}],"overall_recommendation":"yes"}`, nil, 400, "ratings[0].note"},
			{"a control character in an organisation name", "POST", "/v1/orgs", f.admin, `{"name":"Acme\u0085"}`, nil, 400, "name"},
			{"an unknown framework version", "POST", cand + "/assessments?framework=community-management@1999.1", f.recX, "", nil, 404, ""},
		}
		if len(cases) < 30 {
			t.Fatalf("only %d cases", len(cases))
		}
		before := rowCounts(t, db)
		for _, tc := range cases {
			rec := f.sendWith(f.loose, tc.method, tc.path, tc.token, tc.body, tc.headers)
			if rec.Code != tc.status {
				t.Errorf("%s: status %d, want %d: %.300s", tc.name, rec.Code, tc.status, rec.Body.String())
				continue
			}
			p := problemOf(t, rec)
			if tc.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != tc.field) {
				t.Errorf("%s: errors %+v, want field %q", tc.name, p.Errors, tc.field)
			}
			if after := rowCounts(t, db); !maps.Equal(before, after) {
				t.Fatalf("%s: row counts changed from %v to %v", tc.name, before, after)
			}
		}
	})
}
