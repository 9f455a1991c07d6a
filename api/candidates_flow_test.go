package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

const profileBody = `{"display_name":"Ada Lovelace","headline":"Fundraiser moving into community","contact_email":"ada.contact@example.org",
"experiences":[{"title":"Major Gifts Officer","years":8,"community_served":"donors","highlights":["Grew a donor circle\nfrom 10 to 80"]},
{"background":"teaching","years":3}],
"self_ratings":[{"competency":"stakeholder-influence","proficiency":3,"evidence":"Closed a $2M gift."}]}`

// candidateFlow is a server with a job seeker, two organisations with a
// recruiter each, and keys of organisation X.
type candidateFlow struct {
	*authServer
	admin, seeker, seekerB, recX, recY string
	seekerEmail                        string
	orgX, orgY                         string
}

func newCandidateFlow(t *testing.T, db *repository.DB) *candidateFlow {
	s := newAuthServerOn(t, db, Config{}, cheapArgon2)
	f := &candidateFlow{authServer: s}
	f.admin = s.admin()
	f.orgX, f.orgY = s.org(f.admin, "Org X"), s.org(f.admin, "Org Y")
	f.seekerEmail = s.email("ada")
	s.signup(f.seekerEmail)
	f.seeker = s.login(f.seekerEmail).AccessToken
	b := s.email("bob")
	s.signup(b)
	f.seekerB = s.login(b).AccessToken
	f.recX, f.recY = s.recruiter(f.admin, f.orgX), s.recruiter(f.admin, f.orgY)
	return f
}

func (f *candidateFlow) putProfile(token, body, ifMatch string, want int) (Candidate, string) {
	f.t.Helper()
	h := map[string]string{}
	if ifMatch != "" {
		h["If-Match"] = ifMatch
	}
	rec := f.doWith(http.MethodPut, "/v1/me/candidate", token, body, h)
	f.mustStatus(rec, want)
	var c Candidate
	decode(f.t, rec, &c)
	return c, rec.Header().Get("ETag")
}

func (f *candidateFlow) assess(token, path string) (domain.AssessmentDoc, []byte) {
	f.t.Helper()
	rec := f.do(http.MethodPost, path, token, "")
	f.mustStatus(rec, http.StatusCreated)
	var doc domain.AssessmentDoc
	decode(f.t, rec, &doc)
	return doc, rec.Body.Bytes()
}

func TestAJobSeekerKeepsAProfileAndWatchesItImprove(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		if rec := f.do(http.MethodGet, "/v1/me/candidate", f.seeker, ""); rec.Code != http.StatusNotFound {
			t.Fatalf("before saving: %d", rec.Code)
		}
		c, etag := f.putProfile(f.seeker, profileBody, "", http.StatusCreated)
		if c.Owner != "person" || c.Visibility != "private" || etag != tag(c.ID, 1) || len(c.Experiences) != 2 {
			t.Fatalf("created %+v %s", c, etag)
		}
		if c.Experiences[0].Highlights[0] != "Grew a donor circle\nfrom 10 to 80" {
			t.Fatalf("highlight %q", c.Experiences[0].Highlights[0])
		}
		// Replacing needs If-Match; a stale one is refused.
		f.putProfile(f.seeker, profileBody, "", http.StatusPreconditionRequired)
		f.putProfile(f.seeker, profileBody, tag(c.ID, 7), http.StatusPreconditionFailed)
		f.putProfile(f.seeker, profileBody, "W/"+tag(c.ID, 1), http.StatusPreconditionFailed)
		f.putProfile(f.seeker, profileBody, `"`+c.ID+`.01"`, http.StatusPreconditionFailed)

		first, firstBytes := f.assess(f.seeker, "/v1/me/candidate/assessments")
		if first.Progress != nil || first.MadeBy != "person" || first.Framework.Version == "" || len(first.Result.Competencies) != 13 {
			t.Fatalf("first assessment: %+v", first)
		}
		// Growth: a community role and more self-ratings.
		patch := `{"experiences":[{"title":"Major Gifts Officer","years":8,"community_served":"donors"},{"title":"Community Manager","years":2}],"self_ratings":[{"competency":"stakeholder-influence","proficiency":4,"evidence":"Led the partner council."}]}`
		rec := f.doWith(http.MethodPatch, "/v1/me/candidate", f.seeker, patch, map[string]string{"If-Match": etag, "Content-Type": mimeMergePatch})
		f.mustStatus(rec, http.StatusOK)
		if rec.Header().Get("ETag") != tag(c.ID, 2) {
			t.Fatalf("etag after patch %q", rec.Header().Get("ETag"))
		}
		second, _ := f.assess(f.seeker, "/v1/me/candidate/assessments")
		if second.Progress == nil || second.Progress.PreviousAssessmentID != first.ID {
			t.Fatalf("progress %+v", second.Progress)
		}
		grew := false
		for _, ch := range second.Progress.Competencies {
			grew = grew || ch.Change > 0
		}
		if !grew {
			t.Fatalf("no competency grew: %+v", second.Progress.Competencies)
		}
		// The first assessment reads back byte for byte.
		got := f.do(http.MethodGet, "/v1/assessments/"+first.ID, f.seeker, "")
		f.mustStatus(got, http.StatusOK)
		if got.Body.String() != string(firstBytes) {
			t.Fatalf("assessment changed:\n%s\n%s", got.Body.String(), firstBytes)
		}
		// Newest first.
		var list struct{ Items []domain.AssessmentDoc }
		decode(t, f.do(http.MethodGet, "/v1/me/candidate/assessments", f.seeker, ""), &list)
		if len(list.Items) != 2 || list.Items[0].ID != second.ID {
			t.Fatalf("list %+v", list.Items)
		}
		// Explanations in plain words.
		var ex struct {
			Summary      string
			Communities  []string
			Competencies []struct {
				Competency string
				Sentences  []string
			}
		}
		decode(t, f.do(http.MethodGet, "/v1/assessments/"+second.ID+"/explain", f.seeker, ""), &ex)
		if !strings.HasPrefix(ex.Summary, "The rung that fits now") && !strings.HasPrefix(ex.Summary, "No rung fits") {
			t.Fatalf("summary %q", ex.Summary)
		}
		found := false
		for _, c := range ex.Competencies {
			for _, s := range c.Sentences {
				found = found || strings.Contains(s, "Eight years as a major gifts officer")
			}
		}
		if !found || len(ex.Communities) == 0 {
			t.Fatalf("explanations %+v", ex)
		}
	})
}

func TestRecruitersSeeAPersonOnlyWhileShared(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		c, etag := f.putProfile(f.seeker, profileBody, "", http.StatusCreated)
		path := "/v1/candidates/" + c.ID
		for _, tok := range []string{f.recX, f.seekerB} {
			if rec := f.do(http.MethodGet, path, tok, ""); rec.Code != http.StatusNotFound {
				t.Fatalf("private profile read: %d", rec.Code)
			}
		}
		mine, _ := f.assess(f.seeker, "/v1/me/candidate/assessments")
		// Another job seeker finds nothing of A's: not the profile, its
		// assessments, their chart or explanation, and cannot change it (404, not 403).
		for _, r := range []struct{ method, path string }{
			{"GET", path + "/assessments"}, {"POST", path + "/assessments"}, {"GET", "/v1/assessments/" + mine.ID},
			{"GET", "/v1/assessments/" + mine.ID + "/chart.svg"}, {"GET", "/v1/assessments/" + mine.ID + "/explain"},
		} {
			if rec := f.do(r.method, r.path, f.seekerB, ""); rec.Code != http.StatusNotFound {
				t.Fatalf("B: %s %s: %d", r.method, r.path, rec.Code)
			}
		}
		if rec := f.doWith(http.MethodPatch, path, f.seekerB, `{"headline":"x"}`, map[string]string{"If-Match": etag, "Content-Type": mimeMergePatch}); rec.Code != http.StatusNotFound {
			t.Fatalf("B patched A's profile: %d", rec.Code)
		}
		if rec := f.doWith(http.MethodDelete, path, f.seekerB, "", map[string]string{"If-Match": etag}); rec.Code != http.StatusNotFound {
			t.Fatalf("B deleted A's profile: %d", rec.Code)
		}
		shared := strings.Replace(profileBody, `"display_name"`, `"visibility":"recruiters","display_name"`, 1)
		_, etag = f.putProfile(f.seeker, shared, etag, http.StatusOK)
		f.mustStatus(f.do(http.MethodGet, path, f.recX, ""), http.StatusOK)
		f.mustStatus(f.do(http.MethodGet, "/v1/assessments/"+mine.ID, f.recY, ""), http.StatusOK)
		if rec := f.do(http.MethodGet, path, f.seekerB, ""); rec.Code != http.StatusNotFound {
			t.Fatalf("another job seeker read a shared profile: %d", rec.Code)
		}
		// Recruiters never change it.
		rec := f.doWith(http.MethodPatch, path, f.recX, `{"headline":"x"}`, map[string]string{"If-Match": etag, "Content-Type": mimeMergePatch})
		if rec.Code != http.StatusForbidden {
			t.Fatalf("recruiter patch: %d", rec.Code)
		}
		// X scores it with an interview; Y never sees X's assessment.
		sc := `{"ratings":[{"competency":"stakeholder-influence","proficiency":4,"note":"Brought two skeptical partners to one plan."}],"overall_recommendation":"strong_yes","interview":"Panel"}`
		f.mustStatus(f.do(http.MethodPost, path+"/scorecards", f.recX, sc), http.StatusCreated)
		byX, xBytes := f.assess(f.recX, path+"/assessments")
		if byX.MadeBy != "organisation" || len(byX.Scorecards) != 1 || len(byX.Inputs.Reviews) != 1 || byX.Inputs.Reviews[0].Note != "" {
			t.Fatalf("X's assessment: %+v", byX.Inputs.Reviews)
		}
		if strings.Contains(string(xBytes), "skeptical") {
			t.Fatal("a scorecard note is in the assessment")
		}
		if rec := f.do(http.MethodGet, "/v1/assessments/"+byX.ID, f.recY, ""); rec.Code != http.StatusNotFound {
			t.Fatalf("Y read X's assessment: %d", rec.Code)
		}
		var ylist struct{ Items []domain.AssessmentDoc }
		decode(t, f.do(http.MethodGet, path+"/assessments", f.recY, ""), &ylist)
		if len(ylist.Items) != 1 || ylist.Items[0].ID != mine.ID {
			t.Fatalf("Y's list: %+v", ylist.Items)
		}
		// The person sees X's scores and how many scorecards exist, not the notes.
		f.mustStatus(f.do(http.MethodGet, "/v1/assessments/"+byX.ID, f.seeker, ""), http.StatusOK)
		var n ScorecardCount
		decode(t, f.do(http.MethodGet, "/v1/me/candidate/scorecards", f.seeker, ""), &n)
		if n.Count != 1 {
			t.Fatalf("count %d", n.Count)
		}
		// Withdrawing consent hides it again, and the record says who and when.
		_, _ = f.putProfile(f.seeker, profileBody, `"`+c.ID+`.9", `+etag, http.StatusOK)
		if rec := f.do(http.MethodGet, path, f.recY, ""); rec.Code != http.StatusNotFound {
			t.Fatalf("hidden profile read: %d", rec.Code)
		}
		var consents ConsentList
		decode(t, f.do(http.MethodGet, "/v1/me/candidate/consents", f.seeker, ""), &consents)
		if len(consents.Items) != 3 || consents.Items[1].Visibility != "recruiters" || consents.Items[2].Visibility != "private" || consents.Items[1].ChangedBy != "you" {
			t.Fatalf("consents %+v", consents.Items)
		}
		// The access log names the organisations that read.
		var log AccessLog
		decode(t, f.do(http.MethodGet, "/v1/me/access-log", f.seeker, ""), &log)
		orgs := map[string]bool{}
		for _, e := range log.Items {
			orgs[e.OrganisationName] = true
		}
		if !orgs["Org X"] || !orgs["Org Y"] {
			t.Fatalf("access log %+v", log.Items)
		}
	})
}

func TestAnOrganisationKeepsItsCandidates(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, key := f.key(f.recX, f.orgX, "candidates:read", "candidates:write")
		var ids []string
		for i := range 3 {
			rec := f.do(http.MethodPost, "/v1/candidates", key, strings.Replace(profileBody, "Ada Lovelace", fmt.Sprintf("Candidate %d", i), 1))
			f.mustStatus(rec, http.StatusCreated)
			var c Candidate
			decode(t, rec, &c)
			if c.Owner != "organisation" || c.OrganisationID != f.orgX || rec.Header().Get("Location") != "/v1/candidates/"+c.ID {
				t.Fatalf("created %+v", c)
			}
			ids = append(ids, c.ID)
		}
		f.mustStatus(f.do(http.MethodPost, "/v1/candidates", f.recY, profileBody), http.StatusCreated)
		// Two pages of two, in creation order; Y's candidate is not listed.
		var page CandidateList
		decode(t, f.do(http.MethodGet, "/v1/candidates?limit=2", key, ""), &page)
		if len(page.Items) != 2 || page.Items[0].ID != ids[0] || page.NextCursor == "" {
			t.Fatalf("page 1 %+v", page)
		}
		var page2 CandidateList
		decode(t, f.do(http.MethodGet, "/v1/candidates?limit=2&cursor="+page.NextCursor, key, ""), &page2)
		if len(page2.Items) != 1 || page2.Items[0].ID != ids[2] || page2.NextCursor != "" {
			t.Fatalf("page 2 %+v", page2)
		}
		// A merge patch removes with null and keeps what it does not name.
		rec := f.doWith(http.MethodPatch, "/v1/candidates/"+ids[1], f.recX, `{"headline":null,"contact_email":"new@example.org"}`,
			map[string]string{"If-Match": tag(ids[1], 1), "Content-Type": mimeMergePatch})
		f.mustStatus(rec, http.StatusOK)
		var c Candidate
		decode(t, rec, &c)
		if c.Headline != "" || c.ContactEmail != "new@example.org" || c.DisplayName != "Candidate 1" || len(c.Experiences) != 2 {
			t.Fatalf("patched %+v", c)
		}
		since := c.UpdatedAt.Format("2006-01-02T15:04:05.999999Z07:00")
		decode(t, f.do(http.MethodGet, "/v1/candidates?updated_since="+since, key, ""), &page)
		if len(page.Items) != 1 || page.Items[0].ID != ids[1] {
			t.Fatalf("updated_since: %+v", page.Items)
		}
		// An organisation cannot share a candidate for them.
		rec = f.doWith(http.MethodPatch, "/v1/candidates/"+ids[1], f.recX, `{"visibility":"recruiters"}`,
			map[string]string{"If-Match": tag(ids[1], 2), "Content-Type": mimeMergePatch})
		if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec).Errors[0].Field != "visibility" {
			t.Fatalf("org sharing: %d %s", rec.Code, rec.Body.String())
		}
		// Delete needs the current ETag.
		f.mustStatus(f.doWith(http.MethodDelete, "/v1/candidates/"+ids[1], f.recX, "", nil), http.StatusPreconditionRequired)
		f.mustStatus(f.doWith(http.MethodDelete, "/v1/candidates/"+ids[1], f.recX, "", map[string]string{"If-Match": tag(ids[1], 1)}), http.StatusPreconditionFailed)
		f.mustStatus(f.doWith(http.MethodDelete, "/v1/candidates/"+ids[1], f.recX, "", map[string]string{"If-Match": tag(ids[1], 2)}), http.StatusNoContent)
		f.mustStatus(f.do(http.MethodGet, "/v1/candidates/"+ids[1], f.recX, ""), http.StatusNotFound)
	})
}

func TestTheRadarChartIsAnAccessibleSVG(t *testing.T) {
	f := newCandidateFlow(t, repotest.SQLite(t))
	f.putProfile(f.seeker, profileBody, "", http.StatusCreated)
	doc, _ := f.assess(f.seeker, "/v1/me/candidate/assessments")
	rec := f.do(http.MethodGet, "/v1/assessments/"+doc.ID+"/chart.svg", f.seeker, "")
	f.mustStatus(rec, http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "image/svg+xml") {
		t.Fatalf("content type %q", ct)
	}
	svg := rec.Body.String()
	for _, want := range []string{"<title", "<desc", "Stakeholder influence", "stroke-dasharray"} {
		if !strings.Contains(svg, want) {
			t.Fatalf("SVG lacks %q", want)
		}
	}
	etag := rec.Header().Get("ETag")
	again := f.doWith(http.MethodGet, "/v1/assessments/"+doc.ID+"/chart.svg", f.seeker, "", map[string]string{"If-None-Match": etag})
	if again.Code != http.StatusNotModified {
		t.Fatalf("revalidation: %d", again.Code)
	}
	if rec := f.do(http.MethodGet, "/v1/assessments/"+doc.ID+"/chart.svg", f.seekerB, ""); rec.Code != http.StatusNotFound {
		t.Fatalf("B read A's chart: %d", rec.Code)
	}
}

// tag is the ETag of a candidate's version.
func tag(id string, version int) string { return fmt.Sprintf(`"%s.%d"`, id, version) }
