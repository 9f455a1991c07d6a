package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository/repotest"
)

// benchProfile has five experiences, as the benchmark goal asks.
const benchProfile = `{"display_name":"Bench Candidate","experiences":[
{"title":"Major Gifts Officer","years":8,"community_served":"donors","highlights":["Grew a donor circle"]},
{"background":"teaching","years":3},{"title":"Account Executive","years":2},
{"title":"Hotel Front Desk Manager","years":1.5},{"title":"Volunteer Coordinator","years":4}],
"self_ratings":[{"competency":"stakeholder-influence","proficiency":3,"evidence":"Closed a gift."}]}`

// benchAssessments sets up, on each backend, an organisation's candidate
// with five experiences and three scorecards, and an API key.
func benchAssessments(b *testing.B, run func(b *testing.B, s *authServer, key, cand, assessment string)) {
	for _, backend := range repotest.Backends(b) {
		b.Run(backend.Name, func(b *testing.B) {
			s := newAuthServerOn(b, backend.Open(b), Config{}, cheapArgon2)
			s.db.SQL().SetMaxOpenConns(20)
			admin := s.admin()
			org := s.org(admin, "Bench")
			_, key := s.key(admin, org, domain.ScopeCandidatesWrite, domain.ScopeAssessmentsWrite, domain.ScopeAssessmentsRead, domain.ScopeScorecardsWrite)
			rec := s.do(http.MethodPost, "/v1/candidates", key, benchProfile)
			s.mustStatus(rec, http.StatusCreated)
			var c Candidate
			decode(b, rec, &c)
			for range 3 {
				sc := `{"ratings":[{"competency":"stakeholder-influence","proficiency":3,"note":"n"},{"competency":"relationship-building","proficiency":2}],"overall_recommendation":"yes"}`
				s.mustStatus(s.do(http.MethodPost, "/v1/candidates/"+c.ID+"/scorecards", key, sc), http.StatusCreated)
			}
			rec = s.do(http.MethodPost, "/v1/candidates/"+c.ID+"/assessments", key, "")
			s.mustStatus(rec, http.StatusCreated)
			var doc domain.AssessmentDoc
			decode(b, rec, &doc)
			run(b, s, key, c.ID, doc.ID)
		})
	}
}

func BenchmarkCreateAssessment(b *testing.B) {
	benchAssessments(b, func(b *testing.B, s *authServer, key, cand, _ string) {
		path := "/v1/candidates/" + cand + "/assessments"
		b.ReportAllocs()
		// Like a server under load: many requests wait on the database at once.
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(""))
				req.Header.Set("Authorization", "Bearer "+key)
				rec := httptest.NewRecorder()
				s.e.ServeHTTP(rec, req)
				if rec.Code != http.StatusCreated {
					b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
				}
			}
		})
	})
}

func BenchmarkGetAssessment(b *testing.B) {
	benchAssessments(b, func(b *testing.B, s *authServer, key, _, assessment string) {
		path := "/v1/assessments/" + assessment
		b.ReportAllocs()
		// Like a server under load: many requests wait on the database at once.
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.Header.Set("Authorization", "Bearer "+key)
				rec := httptest.NewRecorder()
				s.e.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	})
}
