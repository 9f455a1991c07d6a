package api

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// TestAReplayIsOnlyForWhoMayMakeTheRequest: another key of the
// organisation without the scope is refused, and an organisation's stored
// answer about a profile is gone once the person stops sharing it.
func TestAReplayIsOnlyForWhoMayMakeTheRequest(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, writer := f.key(f.recX, f.orgX, "candidates:write", "assessments:write")
		_, reader := f.key(f.recX, f.orgX, "search")
		f.mustStatus(postWithKey(f.e, "/v1/candidates", writer, "c-1", profileBody), http.StatusCreated)
		if rec := postWithKey(f.e, "/v1/candidates", reader, "c-1", profileBody); rec.Code != http.StatusForbidden {
			t.Fatalf("replay to a key without the scope: %d", rec.Code)
		}
		// Query order does not make another request.
		f.mustStatus(postWithKey(f.e, "/v1/candidates/batch?atomic=true&upsert=true", writer, "b-1", batchBody(2, -1, false)), http.StatusOK)
		if rec := postWithKey(f.e, "/v1/candidates/batch?upsert=true&atomic=true", writer, "b-1", batchBody(2, -1, false)); rec.Header().Get(headerIdempotentReplayed) != "true" {
			t.Fatalf("reordered query: %d", rec.Code)
		}

		shared := strings.Replace(profileBody, `"display_name"`, `"visibility":"recruiters","display_name"`, 1)
		c, etag := f.putProfile(f.seeker, shared, "", http.StatusCreated)
		path := "/v1/candidates/" + c.ID + "/assessments"
		f.mustStatus(postWithKey(f.e, path, writer, "a-1", ""), http.StatusCreated)
		f.mustStatus(postWithKey(f.e, "/v1/me/candidate/assessments", f.seeker, "mine-1", ""), http.StatusCreated)
		f.putProfile(f.seeker, profileBody, etag, http.StatusOK) // private again
		if rec := postWithKey(f.e, path, writer, "a-1", ""); rec.Code != http.StatusGone || strings.Contains(rec.Body.String(), "Major Gifts") {
			t.Fatalf("the organisation's retry after withdrawal: %d %.200s", rec.Code, rec.Body.String())
		}
		// The person's own stored answer is theirs to replay.
		if rec := postWithKey(f.e, "/v1/me/candidate/assessments", f.seeker, "mine-1", ""); rec.Code != http.StatusCreated || rec.Header().Get(headerIdempotentReplayed) != "true" {
			t.Fatalf("the person's replay: %d", rec.Code)
		}
	})
}

// TestDeletingOneCandidateOfABatchDoesNotRunItAgain: the batch's stored
// answer is redacted, its key stays taken, and a retry creates nothing.
func TestDeletingOneCandidateOfABatchDoesNotRunItAgain(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		body := `{"candidates":[{"display_name":"One"},{"display_name":"Two"},{"display_name":"Three"}]}`
		rec := postWithKey(f.e, "/v1/candidates/batch", f.recX, "k", body)
		f.mustStatus(rec, http.StatusOK)
		var res BatchResult
		decode(t, rec, &res)
		f.mustStatus(f.doWith(http.MethodDelete, "/v1/candidates/"+res.Items[0].ID, f.recX, "", map[string]string{"If-Match": "*"}), http.StatusNoContent)
		if rec := postWithKey(f.e, "/v1/candidates/batch", f.recX, "k", body); rec.Code != http.StatusGone {
			t.Fatalf("retry: %d", rec.Code)
		}
		if n := f.countCandidates(t, f.orgX); n != 2 {
			t.Fatalf("%d candidates after the retry", n)
		}
		// A NUL in an item's external_id is that item's error, on both databases.
		rec = postWithKey(f.e, "/v1/candidates/batch", f.recX, "", `{"candidates":[{"external_id":"a\u0000b","display_name":"A"},{"external_id":"z","display_name":""},{"external_id":"z","display_name":"Z"}]}`)
		f.mustStatus(rec, http.StatusOK)
		decode(t, rec, &res)
		if res.Items[0].Status != "error" || res.Items[0].Errors[0].Field != "external_id" || res.Items[2].Status != "created" {
			t.Fatalf("items %+v", res.Items)
		}
	})
}

// panickyStore panics where it would create a candidate.
type panickyStore struct{ *repository.Candidates }

func (panickyStore) Create(context.Context, domain.Candidate) error { panic("disk on fire") }

// failingExport fails on the second page of an export.
type failingExport struct {
	*repository.Candidates
	pages int
}

func (s *failingExport) ExportPage(ctx context.Context, org, after string, since *time.Time, limit int) ([]domain.Candidate, map[string]domain.Assessment, error) {
	s.pages++
	if s.pages > 1 {
		return nil, nil, context.DeadlineExceeded
	}
	return s.Candidates.ExportPage(ctx, org, after, since, limit)
}

// TestFailuresReachTheClient: a panic under an Idempotency-Key is a 500,
// an export that fails midway cuts the connection, and an empty CSV export
// still has its header row.
func TestFailuresReachTheClient(t *testing.T) {
	db := repotest.SQLite(t)
	store := &failingExport{Candidates: repository.NewCandidates(db)}
	s := newAuthServerWith(t, db, Config{}, cheapArgon2, func(d *Deps) {
		d.Candidates = service.NewCandidates(service.CandidatesDeps{Tx: db, Store: store, Orgs: repository.NewOrganisations(db),
			Audit: service.NewAudit(repository.NewAuditLog(db), nil), AuditLog: repository.NewAuditLog(db), Policy: d.Policy, Frameworks: d.Frameworks})
	})
	admin := s.admin()
	org := s.org(admin, "Org X")
	rec := s.recruiter(admin, org)
	empty := getExport(s.e, org, rec, "text/csv", "")
	if lines := strings.Split(strings.TrimSpace(empty.Body.String()), "\n"); empty.Code != http.StatusOK || len(lines) != 1 || !strings.HasPrefix(lines[0], "id,external_id") {
		t.Fatalf("empty CSV: %d %q", empty.Code, empty.Body.String())
	}
	for i := range 2 {
		body := strings.ReplaceAll(batchBody(1000, -1, false), `"external_id":"ext-`, `"external_id":"`+string(rune('a'+i))+`-`)
		if r := postWithKey(s.e, "/v1/candidates/batch", rec, "", body); r.Code != http.StatusOK {
			t.Fatal(r.Code)
		}
	}
	store.pages = 0
	srv := httptest.NewServer(s.e)
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v1/orgs/"+org+"/candidates/export", nil)
	req.Header.Set("Authorization", "Bearer "+rec)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || err == nil {
		t.Fatalf("a failed export read as complete: %d %v", res.StatusCode, err)
	}

	s2 := newAuthServerWith(t, db, Config{}, cheapArgon2, func(d *Deps) {
		d.Candidates = service.NewCandidates(service.CandidatesDeps{Tx: db, Store: panickyStore{repository.NewCandidates(db)}, Orgs: repository.NewOrganisations(db),
			Audit: service.NewAudit(repository.NewAuditLog(db), nil), AuditLog: repository.NewAuditLog(db), Policy: d.Policy, Frameworks: d.Frameworks})
	})
	srv2 := httptest.NewServer(s2.e)
	defer srv2.Close()
	req, _ = http.NewRequest(http.MethodPost, srv2.URL+"/v1/candidates", strings.NewReader(profileBody))
	req.Header.Set("Authorization", "Bearer "+rec)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(headerIdempotencyKey, "p-1")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("a panic under an Idempotency-Key answered %d", res.StatusCode)
	}
}
