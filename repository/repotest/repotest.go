// Package repotest opens migrated test databases: SQLite in a temp dir always,
// PostgreSQL (a fresh schema per test) when RUNGS_TEST_POSTGRES_URL is set.
// With CI=true the PostgreSQL suite must run: a missing or unreachable
// database fails the test instead of skipping it.
package repotest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for schema set-up

	"github.com/rungs/rungs/repository"
)

// Backend is one database kind a suite runs on.
type Backend struct {
	Name string
	Open func(tb testing.TB) *repository.DB
}

// Backends lists SQLite, and PostgreSQL when configured.
func Backends(tb testing.TB) []Backend {
	tb.Helper()
	out := []Backend{{Name: repository.DialectSQLite, Open: SQLite}}
	if PostgresURL(tb) != "" {
		out = append(out, Backend{Name: repository.DialectPostgres, Open: Postgres})
	}
	return out
}

// Each runs fn as a subtest on every backend with a fresh migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *repository.DB)) {
	t.Helper()
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) { fn(t, b.Open(t)) })
	}
}

// PostgresURL returns the test database URL, failing under CI=true when unset.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("RUNGS_TEST_POSTGRES_URL")
	if u == "" && os.Getenv("CI") == "true" {
		tb.Fatal("CI=true but RUNGS_TEST_POSTGRES_URL is not set: the PostgreSQL suite must run")
	}
	return u
}

// SQLite opens a migrated SQLite database in a temp dir.
func SQLite(tb testing.TB) *repository.DB {
	tb.Helper()
	return open(tb, repository.Options{SQLitePath: filepath.Join(tb.TempDir(), "rungs.db")})
}

// Postgres opens a migrated PostgreSQL database in a schema of its own,
// dropped when the test ends. It skips when no URL is set outside CI.
func Postgres(tb testing.TB) *repository.DB {
	tb.Helper()
	u := PostgresURL(tb)
	if u == "" {
		tb.Skip("RUNGS_TEST_POSTGRES_URL not set")
	}
	return open(tb, repository.Options{URL: SchemaURL(tb, u), MaxOpenConns: 4})
}

// SchemaURL creates a fresh schema and returns u with search_path set to it.
func SchemaURL(tb testing.TB, u string) string {
	tb.Helper()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", u)
	if err != nil {
		tb.Fatalf("postgres: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		_ = admin.Close()
		tb.Fatalf("postgres at RUNGS_TEST_POSTGRES_URL is not usable: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE")
		_ = admin.Close()
	})
	parsed, err := url.Parse(u)
	if err != nil {
		tb.Fatalf("RUNGS_TEST_POSTGRES_URL: %v", err)
	}
	q := parsed.Query()
	q.Set("search_path", schema)
	parsed.RawQuery = q.Encode()
	return parsed.String()
}

func open(tb testing.TB, opts repository.Options) *repository.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := repository.Open(ctx, opts)
	if err != nil {
		tb.Fatalf("open database: %v", err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db
}
