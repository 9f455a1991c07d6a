package api

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/rungs/rungs/repository/repotest"
)

// BenchmarkExport streams 5,000 candidates (500 of them assessed) as
// NDJSON; ns/op is per candidate.
func BenchmarkExport(b *testing.B) {
	for _, backend := range repotest.Backends(b) {
		b.Run(backend.Name, func(b *testing.B) {
			db := backend.Open(b)
			s := newAuthServerOn(b, db, Config{}, cheapArgon2)
			f := &candidateFlow{authServer: s}
			f.admin = s.admin()
			f.orgX = s.org(f.admin, "Org X")
			f.recX = s.recruiter(f.admin, f.orgX)
			for i := range 5 {
				body := strings.ReplaceAll(batchBody(1000, -1, i == 0), `"external_id":"ext-`, `"external_id":"b`+string(rune('0'+i))+`-`)
				if rec := postWithKey(s.e, "/v1/candidates/batch", f.recX, "", body); rec.Code != http.StatusOK {
					b.Fatalf("seed: %d", rec.Code)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i += 5000 {
				rec := getExport(s.e, f.orgX, f.recX, "", "")
				if rec.Code != http.StatusOK {
					b.Fatal(rec.Code)
				}
				_, _ = io.Copy(io.Discard, rec.Body)
			}
		})
	}
}

// BenchmarkImport imports batches of 1,000 candidates without scoring;
// ns/op is per candidate.
func BenchmarkImport(b *testing.B) {
	for _, backend := range repotest.Backends(b) {
		b.Run(backend.Name, func(b *testing.B) {
			s := newAuthServerOn(b, backend.Open(b), Config{}, cheapArgon2)
			admin := s.admin()
			org := s.org(admin, "Org X")
			rec := s.recruiter(admin, org)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i += 1000 {
				b.StopTimer()
				body := strings.ReplaceAll(batchBody(1000, -1, false), `"external_id":"ext-`, `"external_id":"`+strconv.Itoa(i)+`-`)
				b.StartTimer()
				if r := postWithKey(s.e, "/v1/candidates/batch", rec, "", body); r.Code != http.StatusOK {
					b.Fatalf("import: %d", r.Code)
				}
			}
		})
	}
}
