// Package repository implements Rungs' storage with GORM on SQLite (embedded,
// the default) or PostgreSQL. Row structs are private; converters map them to
// domain types.
package repository

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialects.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// Options configures Open.
type Options struct {
	// URL is a postgres:// URL; empty selects embedded SQLite at SQLitePath.
	URL          string
	SQLitePath   string
	MaxOpenConns int
	// ConnectTimeout bounds the first ping.
	ConnectTimeout time.Duration
}

// DB is an open, not necessarily migrated, database.
type DB struct {
	gorm    *gorm.DB
	sql     *sql.DB
	dialect string
}

// Open connects to the configured database and checks that it answers.
func Open(ctx context.Context, opts Options) (*DB, error) {
	var (
		dialector gorm.Dialector
		dialect   string
	)
	switch {
	case opts.URL == "":
		dsn, err := sqliteDSN(opts.SQLitePath)
		if err != nil {
			return nil, err
		}
		dialector, dialect = sqlite.Open(dsn), DialectSQLite
	case strings.HasPrefix(opts.URL, "postgres://"), strings.HasPrefix(opts.URL, "postgresql://"):
		if _, err := url.Parse(opts.URL); err != nil {
			return nil, errors.New("DATABASE_URL is not a valid URL")
		}
		dialector, dialect = postgres.Open(opts.URL), DialectPostgres
	default:
		return nil, errors.New("DATABASE_URL must start with postgres:// (or be empty for embedded SQLite)")
	}
	gdb, err := gorm.Open(dialector, &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		TranslateError:         true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("%s database is not reachable: %s", dialect, redact(err))
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	configurePool(sqlDB, dialect, opts.MaxOpenConns)
	db := &DB{gorm: gdb, sql: sqlDB, dialect: dialect}
	timeout := opts.ConnectTimeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := sqlDB.PingContext(pctx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("%s database is not reachable: %s", dialect, redact(err))
	}
	return db, nil
}

func sqliteDSN(path string) (string, error) {
	if path == "" {
		path = "rungs.db"
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return "", fmt.Errorf("create SQLite directory: %w", err)
		}
	}
	// WAL lets readers run beside the writer; the busy timeout makes a writer
	// wait for the lock instead of failing at once.
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode(), nil
}

func configurePool(sqlDB *sql.DB, dialect string, maxOpen int) {
	if maxOpen <= 0 {
		maxOpen = 10
	}
	if dialect == DialectSQLite {
		// One writer at a time is SQLite's model; a few connections serve readers.
		maxOpen = min(maxOpen, 4)
	}
	sqlDB.SetMaxOpenConns(maxOpen)
	sqlDB.SetMaxIdleConns(maxOpen)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	sqlDB.SetConnMaxLifetime(30 * time.Minute)
}

// redact keeps a driver message on one line and never echoes a password from a URL.
func redact(err error) string {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	if i := strings.Index(msg, "://"); i >= 0 {
		if j := strings.Index(msg[i:], "@"); j > 0 {
			msg = msg[:i+3] + "***" + msg[i+j:]
		}
	}
	return msg
}

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect }

// SQL returns the underlying pool (for pool metrics).
func (db *DB) SQL() *sql.DB { return db.sql }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return err
	}
	// A pooled connection can look alive while the server is gone: run a query.
	var one int
	return db.sql.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Close releases the pool.
func (db *DB) Close() error { return db.sql.Close() }
