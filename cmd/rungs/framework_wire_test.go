package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

// TestConcurrentStartsStoreTheDefaultOnce starts several "processes" (each
// its own connection pool) on one database at once: the default framework
// is stored exactly once and no start fails.
func TestConcurrentStartsStoreTheDefaultOnce(t *testing.T) {
	backends := map[string]func(t *testing.T) repository.Options{
		repository.DialectSQLite: func(t *testing.T) repository.Options {
			return repository.Options{SQLitePath: filepath.Join(t.TempDir(), "rungs.db")}
		},
	}
	if u := repotest.PostgresURL(t); u != "" {
		backends[repository.DialectPostgres] = func(t *testing.T) repository.Options {
			return repository.Options{URL: repotest.SchemaURL(t, u), MaxOpenConns: 2}
		}
	}
	for name, options := range backends {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			opts := options(t)
			const starts = 4
			dbs := make([]*repository.DB, starts)
			for i := range dbs {
				db, err := repository.Open(ctx, opts)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = db.Close() })
				dbs[i] = db
			}
			if _, err := dbs[0].Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			logs := &syncBuffer{}
			log := slog.New(slog.NewJSONHandler(logs, nil))
			var wg sync.WaitGroup
			errs := make([]error, starts)
			for i, db := range dbs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = wireFrameworks(ctx, db, log)
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("start %d: %v", i, err)
				}
			}
			if n := strings.Count(logs.String(), `"msg":"default framework stored"`); n != 1 {
				t.Fatalf("stored %d times:\n%s", n, logs)
			}
			if strings.Contains(logs.String(), "differs") {
				t.Fatalf("a start saw a different default:\n%s", logs)
			}
			all, err := repository.NewFrameworks(dbs[0]).List(ctx)
			if err != nil || len(all) != len(domain.DefaultFrameworkFiles) || all[len(all)-1].Ref() != "community-management@2026.2" {
				t.Fatalf("versions %+v %v", all, err)
			}
		})
	}
}
