package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/rungs/rungs/api/apitest"
	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// The version being calibrated answers through the real handler and the
// contract: seniority inferred from the title and shown, its lift a source
// with its reason, the hiring view, and what blocks the next rung.
func TestTransferMapOnTheLatestFramework(t *testing.T) {
	f, err := domain.DefaultFrameworkVersion("2026.2")
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{}, Deps{DB: okPinger{}, TransferMap: service.NewTransferMap(defaultSource{service.NewFrameworkView(f)})})
	h := apitest.Handler(t, e)
	rec := postJSON(h, "/v1/transfer-map", "application/json",
		`{"experiences":[{"title":"Head of Community","years":10,"people_led":6,"highlights":["Reported to the board every quarter on retention and activation"]}]}`)
	if rec.Code != http.StatusOK {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	var res domain.Result
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	tm := res.TransferMap[0]
	if tm.Background.Slug != "community-management" || tm.Seniority != "director" || !tm.SeniorityInferred {
		t.Fatalf("transfer entry %+v", tm)
	}
	if res.RecommendedLevel == nil || res.RecommendedLevel.Rank < 3 {
		t.Fatalf("a head of community with a decade recommended %+v", res.RecommendedLevel)
	}
	if res.HiringView == nil || len(res.HiringView.RoleKinds) == 0 || len(res.HiringView.InterviewQuestions) == 0 || res.HiringView.RungConfidence <= 0 {
		t.Fatalf("hiring view %+v", res.HiringView)
	}
	var lift, quote bool
	for _, c := range res.Competencies {
		for _, s := range c.Sources {
			lift = lift || (s.Kind == domain.SourceSeniority && strings.Contains(s.Reason, "director, 6 people led"))
			quote = quote || (s.Kind == domain.SourceHighlight && s.Quote != "")
		}
	}
	if !lift || !quote {
		t.Fatalf("seniority source %v, highlight source %v: %s", lift, quote, rec.Body)
	}
	if res.NextLevel != nil && (res.BlockedBy == nil || !strings.HasPrefix(res.BlockedBy.Summary, "You meet ")) {
		t.Fatalf("blocked_by %+v", res.BlockedBy)
	}
	// A near miss is accepted and flagged; a title matching nothing well
	// lists its suggestions with their scores.
	rec = postJSON(h, "/v1/transfer-map", "application/json", `{"experiences":[{"title":"Evening Class Tutor","years":3}]}`)
	var near domain.Result
	if err := json.Unmarshal(rec.Body.Bytes(), &near); err != nil || rec.Code != 200 || !near.TransferMap[0].LowConfidenceMatch || near.TransferMap[0].MatchScore >= f.Scoring.MatchMinScore {
		t.Fatalf("near miss: %d %s", rec.Code, rec.Body)
	}
	rec = postJSON(h, "/v1/transfer-map", "application/json", `{"experiences":[{"title":"Hospital Porter","years":3}]}`)
	if p := problemOf(t, rec); rec.Code != http.StatusUnprocessableEntity || len(p.Errors[0].Suggestions) == 0 || len(p.Errors[0].Scores) != len(p.Errors[0].Suggestions) {
		t.Fatalf("unmatched: %d %s", rec.Code, rec.Body)
	}
	loose := apitest.Handler(t, e, apitest.SkipRequestValidation())
	for body, field := range map[string]string{
		`{"experiences":[{"title":"Teacher","years":3,"seniority":"boss"}]}`: "experiences[0].seniority",
		`{"experiences":[{"title":"Teacher","years":3,"people_led":-1}]}`:    "experiences[0].people_led",
	} {
		rec := postJSON(loose, "/v1/transfer-map", "application/json", body)
		if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec).Errors[0].Field != field {
			t.Fatalf("%s: %d %s", body, rec.Code, rec.Body)
		}
	}
}

// A candidate's experiences keep seniority and people led, checked like the rest.
func TestCandidateExperienceSeniority(t *testing.T) {
	f := newCandidateFlow(t, repotest.SQLite(t))
	body := `{"display_name":"Ada","experiences":[{"title":"Head of Community","years":10,"seniority":"director","people_led":6}]}`
	rec := f.do(http.MethodPost, "/v1/candidates", f.recX, body)
	f.mustStatus(rec, http.StatusCreated)
	var c Candidate
	decode(t, rec, &c)
	if e := c.Experiences[0]; e.Seniority != "director" || e.PeopleLed != 6 {
		t.Fatalf("stored %+v", e)
	}
	bad := f.send(f.loose, http.MethodPost, "/v1/candidates", f.recX, strings.Replace(body, `"director"`, `"boss"`, 1))
	if bad.Code != http.StatusUnprocessableEntity || problemOf(t, bad).Errors[0].Field != "experiences[0].seniority" {
		t.Fatalf("seniority boss: %d %s", bad.Code, bad.Body)
	}
}
