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

// batchBody is n candidates with external ids ext-0…, item bad (if ≥ 0)
// with 61 years.
func batchBody(n, bad int, assess bool) string {
	var b strings.Builder
	b.WriteString(`{"candidates":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		years := 3
		if i == bad {
			years = 61
		}
		fmt.Fprintf(&b, `{"external_id":"ext-%d","display_name":"Candidate %d","experiences":[{"title":"Major Gifts Officer","years":%d},{"background":"teaching","years":2}]}`, i, i, years)
	}
	fmt.Fprintf(&b, `],"assess":%t}`, assess)
	return b.String()
}

func TestBulkImportWritesAllOrReportsByIndex(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, key := f.key(f.recX, f.orgX, "candidates:write", "assessments:write")
		body := batchBody(1000, 500, false)

		before := rowCounts(t, db)
		rec := postWithKey(f.e, "/v1/candidates/batch?atomic=true", key, "", body)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("atomic: %d %.300s", rec.Code, rec.Body.String())
		}
		if p := problemOf(t, rec); len(p.Errors) != 1 || p.Errors[0].Field != "candidates[500].experiences[0].years" {
			t.Fatalf("atomic errors %+v", p.Errors)
		}
		if after := rowCounts(t, db); !maps.Equal(before, after) {
			t.Fatalf("an atomic batch with an invalid item wrote rows: %v → %v", before, after)
		}

		rec = postWithKey(f.e, "/v1/candidates/batch", key, "", body)
		f.mustStatus(rec, http.StatusOK)
		var res BatchResult
		decode(t, rec, &res)
		if res.Created != 999 || res.Failed != 1 || len(res.Items) != 1000 {
			t.Fatalf("created %d failed %d items %d", res.Created, res.Failed, len(res.Items))
		}
		bad := res.Items[500]
		if bad.Index != 500 || bad.Status != "error" || bad.ID != "" || len(bad.Errors) != 1 || bad.Errors[0].Field != "experiences[0].years" {
			t.Fatalf("item 500: %+v", bad)
		}
		if it := res.Items[501]; it.Index != 501 || it.Status != "created" || it.ExternalID != "ext-501" || it.ID == "" {
			t.Fatalf("item 501: %+v", it)
		}
		after := rowCounts(t, db)
		if after["candidates"]-before["candidates"] != 999 || after["candidate_consents"]-before["candidate_consents"] != 999 {
			t.Fatalf("rows: %v → %v", before, after)
		}
		if n := f.countCandidates(t, f.orgX); n != 999 {
			t.Fatalf("%d candidates", n)
		}

		// The same external ids again: refused without upsert, updated with it
		// (and scored with assess); item 500 is now valid and created.
		again := batchBody(3, -1, true)
		rec = postWithKey(f.e, "/v1/candidates/batch", key, "", again)
		decode(t, rec, &res)
		if res.Failed != 3 || res.Items[0].Errors[0].Rule != "exists" {
			t.Fatalf("without upsert: %+v", res)
		}
		rec = postWithKey(f.e, "/v1/candidates/batch?upsert=true", key, "", strings.Replace(again, "Candidate 1", "Candidate One", 1))
		f.mustStatus(rec, http.StatusOK)
		decode(t, rec, &res)
		if res.Updated != 3 || res.Items[1].Status != "updated" || res.Items[1].AssessmentID == "" {
			t.Fatalf("upsert: %+v", res)
		}
		var c Candidate
		decode(t, f.do(http.MethodGet, "/v1/candidates/"+res.Items[1].ID, f.recX, ""), &c)
		if c.DisplayName != "Candidate One" || c.ExternalID != "ext-1" {
			t.Fatalf("updated candidate %+v", c)
		}
		f.mustStatus(f.do(http.MethodGet, "/v1/assessments/"+res.Items[1].AssessmentID, f.recX, ""), http.StatusOK)

		// Limits and bad input.
		if rec := postWithKey(f.e, "/v1/candidates/batch", key, "", batchBody(1001, -1, false)); rec.Code != http.StatusRequestEntityTooLarge ||
			!strings.Contains(problemOf(t, rec).Detail, "1000") {
			t.Fatalf("1,001 items: %d %s", rec.Code, rec.Body.String())
		}
		dup := `{"candidates":[{"external_id":"d","display_name":"A"},{"external_id":"d","display_name":"B"},{"display_name":"C","gender":"x"},5]}`
		rec = postWithKey(f.e, "/v1/candidates/batch", key, "", dup)
		decode(t, rec, &res)
		if res.Created != 1 || res.Items[1].Errors[0].Rule != "unique" || res.Items[2].Errors[0].Field != "gender" || res.Items[3].Status != "error" {
			t.Fatalf("duplicates and unknown fields: %+v", res)
		}
		// External ids with quotes, backslashes and commas are found again.
		odd := `{"candidates":[{"external_id":"a\"b\\c,{d}","display_name":"Odd"}]}`
		f.mustStatus(postWithKey(f.e, "/v1/candidates/batch", key, "", odd), http.StatusOK)
		rec = postWithKey(f.e, "/v1/candidates/batch?upsert=true", key, "", odd)
		f.mustStatus(rec, http.StatusOK)
		var oddRes BatchResult
		decode(t, rec, &oddRes)
		if oddRes.Updated != 1 || oddRes.Items[0].ExternalID != `a"b\c,{d}` {
			t.Fatalf("odd external id: %+v", oddRes)
		}
		if rec := postWithKey(f.e, "/v1/candidates/batch?atomic=maybe", key, "", dup); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("atomic=maybe: %d", rec.Code)
		}
		if rec := postWithKey(f.e, "/v1/candidates/batch", f.seeker, "", dup); rec.Code != http.StatusForbidden {
			t.Fatalf("job seeker: %d", rec.Code)
		}
	})
}
