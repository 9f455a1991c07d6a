package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// TestAnAssessmentReadsTheSameAYearLater: the clock moves a year, a new
// framework version is published and the profile changes; the stored
// assessment still reads back byte for byte, and its explanation still
// uses the version it was scored with.
func TestAnAssessmentReadsTheSameAYearLater(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		var offset atomic.Int64
		clock := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
		s := newAuthServerWith(t, db, Config{}, cheapArgon2, func(d *Deps) {
			d.Now = clock
			d.Candidates = service.NewCandidates(service.CandidatesDeps{
				Tx: db, Store: repository.NewCandidates(db), Orgs: repository.NewOrganisations(db),
				Audit: service.NewAudit(repository.NewAuditLog(db), clock), AuditLog: repository.NewAuditLog(db),
				Policy: d.Policy, Frameworks: d.Frameworks, Now: clock,
			})
		})
		email := s.email("ada")
		s.signup(email)
		seeker := s.login(email).AccessToken
		f := &candidateFlow{authServer: s}
		_, etag := f.putProfile(seeker, profileBody, "", http.StatusCreated)
		doc, created := f.assess(seeker, "/v1/me/candidate/assessments")
		explained := s.do(http.MethodGet, "/v1/assessments/"+doc.ID+"/explain", seeker, "").Body.String()

		offset.Store(int64(366 * 24 * time.Hour))
		admin := s.admin()
		rec := s.do(http.MethodPost, "/v1/frameworks/community-management/drafts", admin, "")
		s.mustStatus(rec, http.StatusCreated)
		var draft DraftResponse
		decode(t, rec, &draft)
		s.mustStatus(s.do(http.MethodPost, "/v1/frameworks/community-management/"+draft.Framework.Version+"/publish", admin, ""), http.StatusOK)
		f.putProfile(seeker, strings.Replace(profileBody, `"years":8`, `"years":9`, 1), etag, http.StatusOK)
		newer, _ := f.assess(seeker, "/v1/me/candidate/assessments")
		if newer.Framework.Version != draft.Framework.Version || doc.Framework.Version == newer.Framework.Version {
			t.Fatalf("framework versions %s then %s", doc.Framework.Version, newer.Framework.Version)
		}

		got := s.do(http.MethodGet, "/v1/assessments/"+doc.ID, seeker, "")
		s.mustStatus(got, http.StatusOK)
		if got.Body.String() != string(created) {
			t.Fatalf("the assessment changed:\nthen %s\nnow  %s", created, got.Body.String())
		}
		if again := s.do(http.MethodGet, "/v1/assessments/"+doc.ID+"/explain", seeker, "").Body.String(); again != explained {
			t.Fatalf("the explanation changed:\nthen %s\nnow  %s", explained, again)
		}
	})
}

// TestDeletingTheAccountLeavesNoTrace: after DELETE /v1/me no row in any
// table (read from the schema) holds the person's id, email, name, or
// their candidate's or assessments' ids (an organisation's assessments and
// scorecards of the person go too), on SQLite and PostgreSQL.
func TestDeletingTheAccountLeavesNoTrace(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		const name = "Zephyrine Quillfeather"
		email := fmt.Sprintf("zephyrine.%d@example.org", time.Now().UnixNano())
		rec := f.do(http.MethodPost, "/v1/auth/signup", "", fmt.Sprintf(`{"email":%q,"password":%q,"display_name":%q}`, email, testPassword, name))
		f.mustStatus(rec, http.StatusCreated)
		var u User
		decode(t, rec, &u)
		token := f.login(email).AccessToken
		profile := strings.NewReplacer("Ada Lovelace", name, "ada.contact@example.org", "z.contact@example.org").Replace(profileBody)
		profile = strings.Replace(profile, `"display_name"`, `"visibility":"recruiters","display_name"`, 1)
		c, _ := f.putProfile(token, profile, "", http.StatusCreated)
		own, _ := f.assess(token, "/v1/me/candidate/assessments")
		path := "/v1/candidates/" + c.ID
		f.mustStatus(f.do(http.MethodGet, path, f.recX, ""), http.StatusOK)
		sc := `{"ratings":[{"competency":"stakeholder-influence","proficiency":3,"note":"Thoughtful."}],"overall_recommendation":"yes"}`
		f.mustStatus(f.do(http.MethodPost, path+"/scorecards", f.recX, sc), http.StatusCreated)
		byX, _ := f.assess(f.recX, path+"/assessments")
		// Stored answers of retried creates hold the person's data too: the
		// person's own (their account's scope) and an organisation's.
		f.mustStatus(postWithKey(f.e, "/v1/me/candidate/assessments", token, "mine-1", ""), http.StatusCreated)
		f.mustStatus(postWithKey(f.e, path+"/scorecards", f.recX, "x-1", sc), http.StatusCreated)
		f.mustStatus(f.do(http.MethodGet, "/v1/assessments/"+byX.ID, f.recY, ""), http.StatusNotFound)
		f.mustStatus(f.do(http.MethodGet, "/v1/assessments/"+own.ID, f.recY, ""), http.StatusOK)

		// The export holds all of it first.
		rec = f.do(http.MethodGet, "/v1/me/export", token, "")
		f.mustStatus(rec, http.StatusOK)
		var export MyExport
		decode(t, rec, &export)
		if export.Account.Email != email || export.Candidate == nil || export.Candidate.ID != c.ID ||
			len(export.Assessments) != 3 || export.ScorecardCount != 2 || len(export.Consents) != 1 || len(export.AccessLog) < 2 {
			t.Fatalf("export %+v", export)
		}
		if strings.Contains(rec.Body.String(), "Thoughtful") {
			t.Fatal("the export holds an organisation's interview note")
		}
		if held := tablesHolding(t, db, c.ID); !slices.Contains(held, "idempotency_keys") {
			t.Fatalf("no stored answer names the profile before the deletion: %v", held)
		}
		for _, needle := range []string{u.ID, email, name, c.ID, own.ID, byX.ID} {
			if len(tablesHolding(t, db, needle)) == 0 {
				t.Fatalf("%q is in no table before the deletion: the check below would prove nothing", needle)
			}
		}

		f.mustStatus(f.do(http.MethodDelete, "/v1/me", token, ""), http.StatusNoContent)
		for _, needle := range []string{u.ID, email, name, "z.contact@example.org", c.ID, own.ID, byX.ID} {
			if tables := tablesHolding(t, db, needle); len(tables) > 0 {
				t.Errorf("%q is still in %v", needle, tables)
			}
		}
		f.mustStatus(f.do(http.MethodGet, path, f.recX, ""), http.StatusNotFound)
		// Tombstones: the deletion itself is recorded, with no id.
		var n int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'me:delete' AND principal_id = '' AND object_id = ''`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("%d anonymous deletion tombstones", n)
		}
	})
}
