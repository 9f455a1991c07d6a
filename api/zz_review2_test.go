package api

import (
	"context"
	"encoding/json"
	"io"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

func zzReq(h http.Handler, method, path, token string, hdr map[string]string, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func short(s string) string {
	if len(s) > 400 {
		return s[:400] + "..."
	}
	return s
}

func TestZZReadOnlyKeyReplay(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, w := f.key(f.recX, f.orgX, "candidates:write", "assessments:write")
		_, ro := f.key(f.recX, f.orgX, "search")
		a := postWithKey(f.e, "/v1/candidates", w, "shared-k", profileBody)
		b := postWithKey(f.e, "/v1/candidates", ro, "shared-k", profileBody)
		c := postWithKey(f.e, "/v1/candidates", ro, "fresh-k", profileBody)
		t.Logf("%s: write key %d; search-only key same Idempotency-Key: %d replayed=%q body=%s; search-only fresh key: %d",
			db.Dialect(), a.Code, b.Code, b.Header().Get(headerIdempotentReplayed), short(b.Body.String()), c.Code)
	})
}

func TestZZDeleteThenRetry(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, w := f.key(f.recX, f.orgX, "candidates:write", "assessments:write")
		body := `{"candidates":[{"display_name":"A"},{"display_name":"B"},{"display_name":"C"}]}`
		r1 := postWithKey(f.e, "/v1/candidates/batch", w, "batch-k", body)
		var res BatchResult
		decode(t, r1, &res)
		n0 := f.countCandidates(t, f.orgX)
		d := zzReq(f.e, http.MethodDelete, "/v1/candidates/"+res.Items[0].ID, w, map[string]string{"If-Match": "*"}, "")
		r2 := postWithKey(f.e, "/v1/candidates/batch", w, "batch-k", body)
		t.Logf("%s: batch %d (%d cands); delete item0 %d; retry same key: %d replayed=%q; candidates now %d",
			db.Dialect(), r1.Code, n0, d.Code, r2.Code, r2.Header().Get(headerIdempotentReplayed), f.countCandidates(t, f.orgX))
	})
}

func TestZZSeekerUnshareReplay(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		shared := strings.Replace(profileBody, `"display_name"`, `"visibility":"recruiters","display_name"`, 1)
		c, _ := f.putProfile(f.seeker, shared, "", http.StatusCreated)
		a1 := postWithKey(f.e, "/v1/candidates/"+c.ID+"/assessments", f.recX, "as-k", "")
		var doc struct {
			ID string `json:"id"`
		}
		decode(t, a1, &doc)
		private := strings.Replace(profileBody, `"display_name"`, `"visibility":"private","display_name"`, 1)
		u := zzReq(f.e, http.MethodPut, "/v1/me/candidate", f.seeker, map[string]string{"If-Match": "*"}, private)
		g := zzReq(f.e, http.MethodGet, "/v1/assessments/"+doc.ID, f.recX, nil, "")
		a2 := postWithKey(f.e, "/v1/candidates/"+c.ID+"/assessments", f.recX, "as-k", "")
		t.Logf("%s: assess %d; unshare %d; GET assessment %d; replay %d replayed=%q contains display/name=%v len=%d",
			db.Dialect(), a1.Code, u.Code, g.Code, a2.Code, a2.Header().Get(headerIdempotentReplayed), strings.Contains(a2.Body.String(), doc.ID), a2.Body.Len())
		// Seeker's own assessment, then delete profile, replay
		m1 := postWithKey(f.e, "/v1/me/candidate/assessments", f.seeker, "me-k", "")
		del := zzReq(f.e, http.MethodDelete, "/v1/me/candidate", f.seeker, map[string]string{"If-Match": "*"}, "")
		m2 := postWithKey(f.e, "/v1/me/candidate/assessments", f.seeker, "me-k", "")
		t.Logf("%s: me assess %d; delete profile %d; replay %d replayed=%q", db.Dialect(), m1.Code, del.Code, m2.Code, m2.Header().Get(headerIdempotentReplayed))
	})
}

func TestZZRaceBatches(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, w := f.key(f.recX, f.orgX, "candidates:write", "assessments:write")
		for _, q := range []string{"", "?upsert=true"} {
			for round := range 3 {
				var b strings.Builder
				b.WriteString(`{"candidates":[`)
				for i := range 50 {
					if i > 0 {
						b.WriteByte(',')
					}
					fmt.Fprintf(&b, `{"external_id":"r%s%d-%d","display_name":"X"}`, strings.TrimPrefix(q, "?"), round, i)
				}
				b.WriteString(`]}`)
				var wg sync.WaitGroup
				codes := make([]string, 4)
				for g := range 4 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						r := postWithKey(f.e, "/v1/candidates/batch"+q, w, "", b.String())
						var res BatchResult
						_ = decodeQuiet(r.Body.Bytes(), &res)
						codes[g] = fmt.Sprintf("%d(c%d u%d f%d)", r.Code, res.Created, res.Updated, res.Failed)
						if r.Code >= 500 || r.Code == 409 {
							codes[g] += " " + short(r.Body.String())
						}
					}()
				}
				wg.Wait()
				t.Logf("%s %s round %d: %v", db.Dialect(), q, round, codes)
			}
		}
	})
}

func TestZZOddExternalIDs(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, w := f.key(f.recX, f.orgX, "candidates:write")
		ids := []string{`NULL`, `null`, `a b`, `{`, `}`, `,`, `\\`, `a\\`, `\"`, `é`, `e\u0301x`, `😀`, `''`, `a,b`, `{\"x\"}`, `"'`, `\\\"`, `NULL,NULL`, ` `, `\t`, `a\u0000b`, `\u2028`, `\ud800`}
		for _, id := range ids {
			body := `{"candidates":[{"external_id":"` + id + `","display_name":"Odd"}]}`
			r1 := postWithKey(f.e, "/v1/candidates/batch", w, "", body)
			r2 := postWithKey(f.e, "/v1/candidates/batch?upsert=true", w, "", body)
			var a, b BatchResult
			_ = decodeQuiet(r1.Body.Bytes(), &a)
			_ = decodeQuiet(r2.Body.Bytes(), &b)
			t.Logf("%s id %s: create %d c%d f%d ; upsert %d u%d c%d f%d %s", db.Dialect(), id, r1.Code, a.Created, a.Failed, r2.Code, b.Updated, b.Created, b.Failed, short(r2.Body.String()))
		}
	})
}

func TestZZWeirdKeysAndBodies(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, w := f.key(f.recX, f.orgX, "candidates:write", "assessments:write")
		for _, k := range []string{"\xff\xfe", strings.Repeat("😀", 255), strings.Repeat("😀", 256), "a b", "%_%", "ü", "e\u0301", "\u2028"} {
			r := postWithKey(f.e, "/v1/candidates", w, k, profileBody)
			t.Logf("%s key %q: %d %s", db.Dialect(), short(k), r.Code, short(r.Body.String()))
		}
		for i, body := range []string{"", "null", `{"candidates":null}`, `{"candidates":{}}`, `{"candidates":[null,[],"x",1,true,{}]}`,
			`{"candidates":[{"display_name":"A","display_name":"B"}]}`, `{"candidates":[{"display_name":"A"}],"candidates":[]}`,
			`{"candidates":[` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `]}`,
			`{"candidates":[{"display_name":"A","experiences":null,"self_ratings":null,"external_id":null}]}`,
		} {
			for _, k := range []string{"", fmt.Sprintf("body-%d", i)} {
				r := postWithKey(f.e, "/v1/candidates/batch", w, k, body)
				t.Logf("%s body %d key %q: %d %s", db.Dialect(), i, k, r.Code, short(r.Body.String()))
			}
		}
		// GET / HEAD with key
		for _, m := range []string{http.MethodGet, http.MethodHead} {
			r := zzReq(f.e, m, "/v1/candidates", w, map[string]string{headerIdempotencyKey: "g"}, "")
			t.Logf("%s %s with key: %d", db.Dialect(), m, r.Code)
		}
	})
}

func TestZZExportEdges(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, w := f.key(f.recX, f.orgX, "candidates:write", "candidates:read")
		_, wy := f.key(f.recY, f.orgY, "candidates:read")
		e := getExport(f.e, f.orgX, w, "text/csv", "")
		t.Logf("%s empty CSV: %d %q", db.Dialect(), e.Code, e.Body.String())
		e = getExport(f.e, f.orgX, w, "", "")
		t.Logf("%s empty NDJSON: %d %q", db.Dialect(), e.Code, e.Body.String())
		e = getExport(f.e, f.orgX, wy, "", "")
		t.Logf("%s Y key on X export: %d", db.Dialect(), e.Code)
		e = getExport(f.e, f.orgX, f.recY, "", "")
		t.Logf("%s Y recruiter on X export: %d", db.Dialect(), e.Code)
		r := postWithKey(f.e, "/v1/candidates", w, "", strings.Replace(profileBody, "Ada Lovelace", " =HYPERLINK(\\\"http://x\\\")", 1))
		var c Candidate
		decode(t, r, &c)
		ts := c.UpdatedAt.Format(time.RFC3339Nano)
		for _, q := range []string{ts, c.UpdatedAt.Add(-time.Microsecond).Format(time.RFC3339Nano), c.UpdatedAt.Add(time.Microsecond).Format(time.RFC3339Nano),
			c.UpdatedAt.In(time.FixedZone("x", 3600)).Format(time.RFC3339Nano), c.UpdatedAt.Truncate(time.Second).Format(time.RFC3339)} {
			e = getExport(f.e, f.orgX, w, "", "?updated_since="+strings.ReplaceAll(q, "+", "%2B"))
			t.Logf("%s since %s (updated_at %s): %d lines=%d", db.Dialect(), q, ts, e.Code, strings.Count(e.Body.String(), "\n"))
		}
		e = getExport(f.e, f.orgX, w, "text/csv", "")
		lines := strings.Split(e.Body.String(), "\n")
		t.Logf("%s CSV row: %q", db.Dialect(), short(lines[1]))
		// NUL external id on an item
		r = postWithKey(f.e, "/v1/candidates/batch", w, "", `{"candidates":[{"external_id":"a\u0000b","display_name":"x"},{"display_name":"ok"}]}`)
		t.Logf("%s NUL ext: %d logs: %s", db.Dialect(), r.Code, func() string { l := f.logs.String(); i := strings.Index(l, "byte sequence"); if i < 0 { return "none" }; return l[max(0, i-250):min(len(l), i+40)] }())
	})
}

type zzFailStore struct {
	*repository.Candidates
	calls atomic.Int32
}

func (s *zzFailStore) ExportPage(ctx context.Context, orgID, after string, since *time.Time, limit int) ([]domainCandidate, map[string]domainAssessment, error) {
	if s.calls.Add(1) >= 2 {
		return nil, nil, errors.New("connection reset")
	}
	return s.Candidates.ExportPage(ctx, orgID, after, since, limit)
}

func TestZZExportMidStreamError(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		fs := &zzFailStore{Candidates: repository.NewCandidates(db)}
		s := newAuthServerWith(t, db, Config{}, cheapArgon2, func(d *Deps) {
			d.Candidates = service.NewCandidates(service.CandidatesDeps{
				Tx: db, Store: fs, Orgs: repository.NewOrganisations(db), Audit: service.NewAudit(repository.NewAuditLog(db), nil),
				AuditLog: repository.NewAuditLog(db), Policy: d.Policy, Frameworks: d.Frameworks,
			})
		})
		f := &candidateFlow{authServer: s}
		f.admin = s.admin()
		f.orgX = s.org(f.admin, "Org X")
		f.recX = s.recruiter(f.admin, f.orgX)
		_, w := f.key(f.recX, f.orgX, "candidates:write", "candidates:read")
		for i := range 2 {
			f.mustStatus(postWithKey(s.e, "/v1/candidates/batch", w, "", strings.ReplaceAll(batchBody(600, -1, false), "ext-", fmt.Sprintf("ext%d-", i))), http.StatusOK)
		}
		srv := httptest.NewServer(s.e)
		defer srv.Close()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v1/orgs/"+f.orgX+"/candidates/export", nil)
		req.Header.Set("Authorization", "Bearer "+w)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		_, rerr := ioCopy(&sb, resp.Body)
		resp.Body.Close()
		t.Logf("%s: 1200 candidates, store fails on page 2: status %d, lines %d, read error %v, trailer %v", db.Dialect(), resp.StatusCode, strings.Count(sb.String(), "\n"), rerr, resp.Trailer)
	})
}

type domainCandidate = domain.Candidate
type domainAssessment = domain.Assessment

func decodeQuiet(b []byte, v any) error { return json.Unmarshal(b, v) }

func ioCopy(w io.Writer, r io.Reader) (int64, error) { return io.Copy(w, r) }
