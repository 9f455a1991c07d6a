package api

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

func getExport(h http.Handler, org, token, accept, query string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "/v1/orgs/"+org+"/candidates/export"+query, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestTheExportStreamsEveryCandidate: 1,204 candidates (two pages of
// reads) come out once each as NDJSON and as CSV that Python's csv module
// reads, with the latest assessment's scores; updated_since narrows it.
func TestTheExportStreamsEveryCandidate(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, key := f.key(f.recX, f.orgX, "candidates:read", "candidates:write", "assessments:write")
		for i, n := range []int{1000, 203} {
			body := batchBody(n, -1, i == 1)
			body = strings.ReplaceAll(body, `"external_id":"ext-`, `"external_id":"b`+string(rune('0'+i))+`-`)
			f.mustStatus(postWithKey(f.e, "/v1/candidates/batch", key, "", body), http.StatusOK)
		}
		// A formula in a name stays text in a spreadsheet.
		f.mustStatus(f.do(http.MethodPost, "/v1/candidates", key, `{"display_name":"=HYPERLINK(\"x\")"}`), http.StatusCreated)
		f.mustStatus(f.do(http.MethodPost, "/v1/candidates", f.recY, profileBody), http.StatusCreated)
		const total = 1204

		rec := getExport(f.e, f.orgX, key, "", "")
		f.mustStatus(rec, http.StatusOK)
		if ct := rec.Header().Get("Content-Type"); ct != mimeNDJSON {
			t.Fatalf("content type %q", ct)
		}
		seen := map[string]bool{}
		assessed := 0
		sc := bufio.NewScanner(rec.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var line ExportLine
			if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
				t.Fatalf("line %q: %v", sc.Text(), err)
			}
			if seen[line.Candidate.ID] || line.Candidate.OrganisationID != f.orgX {
				t.Fatalf("duplicate or foreign candidate %+v", line.Candidate)
			}
			seen[line.Candidate.ID] = true
			if a := line.LatestAssessment; a != nil {
				assessed++
				if len(a.Competencies) != 13 || len(a.Levels) != 5 || a.Framework == "" {
					t.Fatalf("assessment in brief %+v", a)
				}
			}
		}
		if len(seen) != total || assessed != 203 {
			t.Fatalf("%d candidates, %d assessed", len(seen), assessed)
		}

		rec = getExport(f.e, f.orgX, f.recX, "text/csv", "")
		f.mustStatus(rec, http.StatusOK)
		if _, err := exec.LookPath("python3"); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("CI=true but python3 is missing: the CSV is checked with Python's csv module")
			}
			t.Skip("python3 not installed: the CSV check needs Python's csv module")
		}
		py := exec.Command("python3", "-c", `
import csv, sys
rows = list(csv.DictReader(sys.stdin))
assessed = [r for r in rows if r["assessment_id"]]
formula = [r for r in rows if r["display_name"].startswith("'=")]
print(len(rows), len(assessed), len(formula), len(rows[0]), assessed[0]["score_stakeholder-influence"] != "")
`)
		py.Stdin = strings.NewReader(rec.Body.String())
		out, err := py.CombinedOutput()
		if err != nil {
			t.Fatalf("python3: %v: %s", err, out)
		}
		if got := strings.TrimSpace(string(out)); got != "1204 203 1 34 True" {
			t.Fatalf("python's csv read %q", got)
		}

		// Nothing changed since now: an empty incremental sync.
		rec = getExport(f.e, f.orgX, key, mimeNDJSON, "?updated_since=2999-01-01T00:00:00Z")
		if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
			t.Fatalf("incremental: %d %d bytes", rec.Code, rec.Body.Len())
		}
		for _, tc := range []struct {
			token, accept, org string
			status             int
		}{
			{f.recY, "", f.orgX, http.StatusNotFound}, {f.seeker, "", f.orgX, http.StatusForbidden},
			{f.admin, "", f.orgX, http.StatusForbidden}, {key, "application/json", f.orgX, http.StatusNotAcceptable},
		} {
			if rec := getExport(f.e, tc.org, tc.token, tc.accept, ""); rec.Code != tc.status {
				t.Fatalf("%+v: %d", tc, rec.Code)
			}
		}
	})
}
