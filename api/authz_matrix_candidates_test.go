package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rungs/rungs/domain"
)

// Columns: anonymous, job seeker A, job seeker B, recruiter of X, recruiter
// of Y, key of X with the scope, key of X without it, admin.

// orgXCandidate is for routes on a candidate organisation X keeps: its
// recruiters and keys see it; job seekers and Y find nothing; admins do
// not read candidates.
func orgXCandidate(ok int) [callerCount]int {
	return [callerCount]int{401, 404, 404, ok, 404, ok, 403, 403}
}

// ownProfile is for /v1/me/candidate routes when A has a profile and B
// has none: job seekers only.
func ownProfile(okA, okB int) [callerCount]int {
	return [callerCount]int{401, okA, okB, 403, 403, 403, 403, 403}
}

// newCandX saves a candidate of organisation X as its recruiter.
func (m *matrix) newCandX() string {
	m.s.t.Helper()
	rec := m.s.do(http.MethodPost, "/v1/candidates", m.tokens[recruiterX], profileBody)
	m.s.mustStatus(rec, http.StatusCreated)
	var c Candidate
	decode(m.s.t, rec, &c)
	return c.ID
}

// fixtures makes X's candidate with an assessment, and A's own profile.
func (m *matrix) fixtures() {
	if m.candX != "" {
		return
	}
	m.candX = m.newCandX()
	rec := m.s.do(http.MethodPost, "/v1/candidates/"+m.candX+"/assessments", m.tokens[recruiterX], "")
	m.s.mustStatus(rec, http.StatusCreated)
	var doc domain.AssessmentDoc
	decode(m.s.t, rec, &doc)
	m.assessX = doc.ID
	m.s.mustStatus(m.s.do(http.MethodPut, "/v1/me/candidate", m.tokens[seekerA], profileBody), http.StatusCreated)
}

func candidateMatrixRows() []matrixRow {
	onX := func(suffix, body string) func(*matrix, caller) (string, string) {
		return func(m *matrix, _ caller) (string, string) {
			m.fixtures()
			return "/v1/candidates/" + m.candX + suffix, body
		}
	}
	newX := func(m *matrix, _ caller) (string, string) { return "/v1/candidates/" + m.newCandX(), "" }
	assessment := func(suffix string) func(*matrix, caller) (string, string) {
		return func(m *matrix, _ caller) (string, string) {
			m.fixtures()
			return "/v1/assessments/" + m.assessX + suffix, ""
		}
	}
	me := func(path, body string) func(*matrix, caller) (string, string) {
		return func(m *matrix, _ caller) (string, string) {
			m.fixtures()
			return path, body
		}
	}
	// A fresh job seeker saves a profile first, so that there is one to change.
	saved := func(m *matrix, who caller, token string) {
		if who == seekerA || who == seekerB {
			m.s.mustStatus(m.s.do(http.MethodPut, "/v1/me/candidate", token, profileBody), http.StatusCreated)
		}
	}
	patch := map[string]string{"If-Match": "*", "Content-Type": mimeMergePatch}
	ifMatch := map[string]string{"If-Match": "*"}
	scorecard := `{"ratings":[{"competency":"stakeholder-influence","proficiency":3,"note":"Calm with a hard partner."}],"overall_recommendation":"yes"}`
	return []matrixRow{
		{route: "POST /v1/candidates", scope: domain.ScopeCandidatesWrite, want: [callerCount]int{401, 403, 403, 201, 201, 201, 403, 403},
			request: func(*matrix, caller) (string, string) { return "/v1/candidates", profileBody }},
		{route: "POST /v1/candidates/batch", scope: domain.ScopeCandidatesWrite, want: [callerCount]int{401, 403, 403, 200, 200, 200, 403, 403},
			request: func(*matrix, caller) (string, string) {
				return "/v1/candidates/batch", `{"candidates":[{"display_name":"Batch one"},{"display_name":"Batch two"}]}`
			}},
		{route: "GET /v1/orgs/:id/candidates/export", scope: domain.ScopeCandidatesRead, want: [callerCount]int{401, 403, 403, 200, 404, 200, 403, 403},
			request: func(m *matrix, _ caller) (string, string) { return "/v1/orgs/" + m.orgX + "/candidates/export", "" }},
		{route: "GET /v1/candidates", scope: domain.ScopeCandidatesRead, want: [callerCount]int{401, 403, 403, 200, 200, 200, 403, 403},
			request: func(*matrix, caller) (string, string) { return "/v1/candidates", "" }},
		{route: "GET /v1/candidates/:id", scope: domain.ScopeCandidatesRead, want: orgXCandidate(200), request: onX("", "")},
		{route: "PATCH /v1/candidates/:id", scope: domain.ScopeCandidatesWrite, want: orgXCandidate(200), headers: patch,
			request: func(m *matrix, who caller) (string, string) { p, _ := newX(m, who); return p, `{"headline":"Patched"}` }},
		{route: "DELETE /v1/candidates/:id", scope: domain.ScopeCandidatesWrite, want: orgXCandidate(204), headers: ifMatch, request: newX},
		{route: "POST /v1/candidates/:id/assessments", scope: domain.ScopeAssessmentsWrite, want: orgXCandidate(201), request: onX("/assessments", "")},
		{route: "GET /v1/candidates/:id/assessments", scope: domain.ScopeAssessmentsRead, want: orgXCandidate(200), request: onX("/assessments", "")},
		{route: "POST /v1/candidates/:id/scorecards", scope: domain.ScopeScorecardsWrite, want: [callerCount]int{401, 403, 403, 201, 404, 201, 403, 403},
			request: onX("/scorecards", scorecard)},
		{route: "GET /v1/assessments/:id", scope: domain.ScopeAssessmentsRead, want: orgXCandidate(200), request: assessment("")},
		{route: "GET /v1/assessments/:id/explain", scope: domain.ScopeAssessmentsRead, want: orgXCandidate(200), request: assessment("/explain")},
		{route: "GET /v1/assessments/:id/chart.svg", scope: domain.ScopeAssessmentsRead, want: orgXCandidate(200), request: assessment("/chart.svg")},

		{route: "GET /v1/me/candidate", want: ownProfile(200, 404), request: me("/v1/me/candidate", "")},
		{route: "PUT /v1/me/candidate", want: ownProfile(201, 201), fresh: true, request: me("/v1/me/candidate", profileBody)},
		{route: "PATCH /v1/me/candidate", want: ownProfile(200, 200), fresh: true, prepare: saved, headers: patch,
			request: me("/v1/me/candidate", `{"headline":"Patched"}`)},
		{route: "DELETE /v1/me/candidate", want: ownProfile(204, 204), fresh: true, prepare: saved, headers: ifMatch,
			request: me("/v1/me/candidate", "")},
		{route: "GET /v1/me/candidate/consents", want: ownProfile(200, 404), request: me("/v1/me/candidate/consents", "")},
		{route: "GET /v1/me/candidate/scorecards", want: ownProfile(200, 404), request: me("/v1/me/candidate/scorecards", "")},
		{route: "POST /v1/me/candidate/assessments", want: ownProfile(201, 404), request: me("/v1/me/candidate/assessments", "")},
		{route: "GET /v1/me/candidate/assessments", want: ownProfile(200, 404), request: me("/v1/me/candidate/assessments", "")},
		{route: "GET /v1/me/access-log", want: ownProfile(200, 404), request: me("/v1/me/access-log", "")},
		{route: "GET /v1/me/export", want: signedIn(200), request: me("/v1/me/export", "")},
	}
}

// TestAuthorizationMatrixOnAPersonsProfile asks the candidate routes about
// job seeker A's own profile, shared with recruiters, as every caller: B
// finds nothing (404); recruiters and keys of any organisation read and
// assess it but never change it (403); X's assessment of it stays X's.
func TestAuthorizationMatrixOnAPersonsProfile(t *testing.T) {
	m := newMatrix(t)
	shared := strings.Replace(profileBody, `"display_name"`, `"visibility":"recruiters","display_name"`, 1)
	rec := m.s.do(http.MethodPut, "/v1/me/candidate", m.tokens[seekerA], shared)
	m.s.mustStatus(rec, http.StatusCreated)
	var c Candidate
	decode(t, rec, &c)
	assess := func(token string) string {
		rec := m.s.do(http.MethodPost, "/v1/candidates/"+c.ID+"/assessments", token, "")
		m.s.mustStatus(rec, http.StatusCreated)
		var doc domain.AssessmentDoc
		decode(t, rec, &doc)
		return doc.ID
	}
	own, byX := assess(m.tokens[seekerA]), assess(m.tokens[recruiterX])
	at := func(path, body string) func(*matrix, caller) (string, string) {
		return func(*matrix, caller) (string, string) { return path, body }
	}
	profile := "/v1/candidates/" + c.ID
	scorecard := `{"ratings":[{"competency":"stakeholder-influence","proficiency":3}],"overall_recommendation":"yes"}`
	readable := [callerCount]int{401, 200, 404, 200, 200, 200, 403, 403}
	xOnly := [callerCount]int{401, 200, 404, 200, 404, 200, 403, 403}
	runMatrix(t, m, []matrixRow{
		{route: "GET /v1/candidates/:id", scope: domain.ScopeCandidatesRead, want: readable, request: at(profile, "")},
		// A write-only key cannot read the profile, so for it the profile is not there.
		{route: "PATCH /v1/candidates/:id", scope: domain.ScopeCandidatesWrite, want: [callerCount]int{401, 200, 404, 403, 403, 404, 403, 403},
			headers: map[string]string{"If-Match": "*", "Content-Type": mimeMergePatch}, request: at(profile, `{"headline":"Patched"}`)},
		{route: "GET /v1/candidates/:id/assessments", scope: domain.ScopeAssessmentsRead, want: readable, request: at(profile+"/assessments", "")},
		{route: "POST /v1/candidates/:id/assessments", scope: domain.ScopeAssessmentsWrite, want: [callerCount]int{401, 201, 404, 201, 201, 201, 403, 403},
			request: at(profile+"/assessments", "")},
		{route: "POST /v1/candidates/:id/scorecards", scope: domain.ScopeScorecardsWrite, want: [callerCount]int{401, 403, 403, 201, 201, 201, 403, 403},
			request: at(profile+"/scorecards", scorecard)},
		{route: "GET /v1/assessments/:id", scope: domain.ScopeAssessmentsRead, want: readable, request: at("/v1/assessments/"+own, "")},
		{route: "GET /v1/assessments/:id (X's)", scope: domain.ScopeAssessmentsRead, want: xOnly, request: at("/v1/assessments/"+byX, "")},
		{route: "GET /v1/assessments/:id/chart.svg (X's)", scope: domain.ScopeAssessmentsRead, want: xOnly, request: at("/v1/assessments/"+byX+"/chart.svg", "")},
		{route: "GET /v1/me/candidate/scorecards", want: ownProfile(200, 404), request: at("/v1/me/candidate/scorecards", "")},
	})
}
