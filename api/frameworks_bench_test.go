package api

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// BenchmarkReadThroughput serves the real API on loopback and measures
// requests per second with 64 concurrent keep-alive clients; /healthz in the
// same run is the yardstick. Run with -benchtime=5s for steadier figures.
func BenchmarkReadThroughput(b *testing.B) {
	db := repotest.SQLite(b)
	fw := service.NewFrameworks(repository.NewFrameworks(db), service.FrameworksOptions{})
	if _, err := fw.EnsureDefault(context.Background()); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(New(Config{}, Deps{DB: db, Frameworks: fw}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}}
	for _, path := range []string{"/healthz", "/v1/levels", "/v1/backgrounds?q=account", "/v1/backgrounds?q=Sr.%20Acount%20Executve"} {
		b.Run(path, func(b *testing.B) {
			b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := client.Get(srv.URL + path)
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					_ = resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("%s: %d", path, resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
		})
	}
}
