package main

import (
	"context"
	"log/slog"

	"github.com/rungs/rungs/api"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/service"
)

// wire builds the services on db and returns the API's dependencies.
func wire(ctx context.Context, cfg config, db *repository.DB, log *slog.Logger) (api.Deps, error) {
	frameworks, err := wireFrameworks(ctx, db, log)
	if err != nil {
		return api.Deps{}, err
	}
	acc, err := wireAuth(ctx, cfg, db, log, frameworks)
	if err != nil {
		return api.Deps{}, err
	}
	return api.Deps{
		Log:         log,
		DB:          db,
		Metrics:     api.NewMetrics(db.SQL()),
		TransferMap: service.NewTransferMap(frameworks),
		Frameworks:  frameworks,
		Auth:        acc.auth,
		Users:       acc.users,
		Orgs:        acc.orgs,
		APIKeys:     acc.apiKeys,
		Policy:      acc.policy,
		Candidates:  acc.candidates,
		Idempotency: acc.idempotency,
	}, nil
}
