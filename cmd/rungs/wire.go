package main

import (
	"context"
	"log/slog"

	"github.com/rungs/rungs/api"
	"github.com/rungs/rungs/repository"
)

// wire builds the services on db and returns the API's dependencies.
func wire(_ context.Context, _ config, db *repository.DB, log *slog.Logger) (api.Deps, error) {
	return api.Deps{
		Log:     log,
		DB:      db,
		Metrics: api.NewMetrics(db.SQL()),
	}, nil
}
