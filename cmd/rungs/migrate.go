package main

import (
	"context"
	"fmt"
	"io"

	"github.com/rungs/rungs/repository"
)

func openDB(ctx context.Context, cfg config) (*repository.DB, error) {
	return repository.Open(ctx, repository.Options{
		URL:          cfg.DatabaseURL,
		SQLitePath:   cfg.SQLitePath,
		MaxOpenConns: cfg.DBMaxOpenConns,
	})
}

// openMigrated opens the database and applies pending migrations, n of them.
func openMigrated(ctx context.Context, cfg config) (db *repository.DB, n int, err error) {
	if db, err = openDB(ctx, cfg); err != nil {
		return nil, 0, err
	}
	if n, err = db.Migrate(ctx); err != nil {
		_ = db.Close()
		return nil, 0, err
	}
	return db, n, nil
}

func migrateCommand(ctx context.Context, cfg config, args []string, stdout io.Writer) error {
	sub := "up"
	if len(args) > 0 {
		sub = args[0]
	}
	if len(args) > 1 || (sub != "up" && sub != "status") {
		return fmt.Errorf("usage: rungs migrate [up|status]")
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if sub == "up" {
		n, err := db.Migrate(ctx)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "applied %d migration(s)\n", n)
		return err
	}
	st, err := db.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	for _, s := range st {
		state := "pending"
		if s.Applied {
			state = "applied"
		}
		if _, err := fmt.Fprintf(stdout, "%05d  %-8s %s\n", s.Version, state, s.Name); err != nil {
			return err
		}
	}
	return nil
}
