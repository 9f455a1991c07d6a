package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

func (f *candidateFlow) countCandidates(t *testing.T, org string) int {
	t.Helper()
	var n int
	q := `SELECT count(*) FROM candidates WHERE organisation_id = ?`
	if f.db.Dialect() == repository.DialectPostgres {
		q = `SELECT count(*) FROM candidates WHERE organisation_id = $1`
	}
	if err := f.db.SQL().QueryRow(q, org).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func postWithKey(h http.Handler, path, token, key, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if key != "" {
		req.Header.Set(headerIdempotencyKey, key)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestARetryNeverDuplicates: 50 concurrent requests with one key create one
// candidate; a retry replays the first answer byte for byte; the key with
// another body is a 422; on SQLite and PostgreSQL.
func TestARetryNeverDuplicates(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, key := f.key(f.recX, f.orgX, "candidates:write", "assessments:write")
		const racers = 50
		answers := make([]*httptest.ResponseRecorder, racers)
		var wg sync.WaitGroup
		for i := range racers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				answers[i] = postWithKey(f.e, "/v1/candidates", key, "import-42", profileBody)
			}()
		}
		wg.Wait()
		if n := f.countCandidates(t, f.orgX); n != 1 {
			t.Fatalf("%d candidates from one key", n)
		}
		var first *httptest.ResponseRecorder
		originals, busy := 0, 0
		for _, rec := range answers {
			switch {
			case rec.Code == http.StatusConflict:
				busy++
				problemOf(t, rec)
			case rec.Code != http.StatusCreated:
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			case rec.Header().Get(headerIdempotentReplayed) == "":
				originals++
				first = rec
			}
		}
		if originals != 1 {
			t.Fatalf("%d original answers", originals)
		}
		t.Logf("%s: 1 created, %d replayed, %d told to retry later", db.Dialect(), racers-1-busy, busy)
		for _, rec := range answers {
			if rec.Code == http.StatusCreated && rec.Body.String() != first.Body.String() {
				t.Fatal("a replay differs from the first answer")
			}
		}
		// A later retry: the same bytes and headers, marked as replayed.
		again := postWithKey(f.e, "/v1/candidates", key, "import-42", profileBody)
		if again.Code != http.StatusCreated || again.Body.String() != first.Body.String() ||
			again.Header().Get(headerIdempotentReplayed) != "true" ||
			again.Header().Get("Location") != first.Header().Get("Location") || again.Header().Get("ETag") != first.Header().Get("ETag") {
			t.Fatalf("replay: %d %v", again.Code, again.Header())
		}
		// The key with another body is refused, and writes nothing.
		before := rowCounts(t, db)
		other := postWithKey(f.e, "/v1/candidates", key, "import-42", strings.Replace(profileBody, "Ada", "Eve", 1))
		if other.Code != http.StatusUnprocessableEntity || problemOf(t, other).Errors[0].Field != headerIdempotencyKey {
			t.Fatalf("reused key: %d %s", other.Code, other.Body.String())
		}
		// A refused request is answered the same way on a retry, and writes nothing.
		bad := postWithKey(f.e, "/v1/candidates", key, "bad-1", `{"display_name":""}`)
		replay := postWithKey(f.e, "/v1/candidates", key, "bad-1", `{"display_name":""}`)
		if bad.Code != http.StatusUnprocessableEntity || replay.Body.String() != bad.Body.String() || replay.Header().Get(headerIdempotentReplayed) != "true" {
			t.Fatalf("refused request: %d then %d %v\n%s\n%s", bad.Code, replay.Code, replay.Header(), bad.Body.String(), replay.Body.String())
		}
		after := rowCounts(t, db)
		delete(before, "idempotency_keys")
		delete(after, "idempotency_keys")
		for table, n := range before {
			if after[table] != n {
				t.Fatalf("%s: %d rows, then %d", table, n, after[table])
			}
		}
		// Keys are per organisation: Y's same key is its own request.
		if rec := postWithKey(f.e, "/v1/candidates", f.recY, "import-42", profileBody); rec.Code != http.StatusCreated || rec.Header().Get(headerIdempotentReplayed) != "" {
			t.Fatalf("Y's key: %d %v", rec.Code, rec.Header())
		}
		// Bad keys.
		for _, k := range []string{strings.Repeat("k", 256), "tab\there"} {
			if rec := postWithKey(f.e, "/v1/candidates", key, k, profileBody); rec.Code != http.StatusBadRequest {
				t.Fatalf("key %q: %d", k, rec.Code)
			}
		}
		// Assessments too: one snapshot per key.
		c := decodeCandidate(t, first)
		a1 := postWithKey(f.e, "/v1/candidates/"+c.ID+"/assessments", key, "assess-1", "")
		a2 := postWithKey(f.e, "/v1/candidates/"+c.ID+"/assessments", key, "assess-1", "")
		if a1.Code != http.StatusCreated || a2.Body.String() != a1.Body.String() {
			t.Fatalf("assessment replay: %d %d", a1.Code, a2.Code)
		}
	})
}

func decodeCandidate(t *testing.T, rec *httptest.ResponseRecorder) Candidate {
	t.Helper()
	var c Candidate
	decode(t, rec, &c)
	return c
}

// failingPut is a store that cannot keep answers.
type failingPut struct{ service.IdempotencyStore }

func (failingPut) Put(context.Context, string, string, domain.StoredAnswer, time.Time, time.Time) error {
	return errors.New("disk full")
}

// TestTheChangeAndItsStoredAnswerCommitTogether: when the answer cannot be
// stored, the change it answers is rolled back too.
func TestTheChangeAndItsStoredAnswerCommitTogether(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		s := newAuthServerWith(t, db, Config{}, cheapArgon2, func(d *Deps) {
			d.Idempotency = service.NewIdempotency(db, failingPut{repository.NewIdempotencyKeys(db)}, nil)
		})
		f := &candidateFlow{authServer: s}
		f.admin = s.admin()
		f.orgX = s.org(f.admin, "Org X")
		f.recX = s.recruiter(f.admin, f.orgX)
		rec := postWithKey(s.e, "/v1/candidates", f.recX, "k1", profileBody)
		if rec.Code != http.StatusInternalServerError {
			t.Fatalf("status %d", rec.Code)
		}
		if n := f.countCandidates(t, f.orgX); n != 0 {
			t.Fatalf("%d candidates written without their stored answer", n)
		}
	})
}
