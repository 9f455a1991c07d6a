package main

import (
	"context"
	"log/slog"

	"github.com/rungs/rungs/api"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/service"
)

// wire builds the services on db and returns the API's dependencies, and
// the webhook delivery worker (nil when RUNGS_WEBHOOK_WORKERS is 0).
func wire(ctx context.Context, cfg config, db *repository.DB, log *slog.Logger) (api.Deps, *service.WebhookWorker, error) {
	frameworks, err := wireFrameworks(ctx, db, log)
	if err != nil {
		return api.Deps{}, nil, err
	}
	acc, err := wireAuth(ctx, cfg, db, log, frameworks)
	if err != nil {
		return api.Deps{}, nil, err
	}
	metrics := api.NewMetrics(db.SQL())
	var worker *service.WebhookWorker
	if cfg.WebhookWorkers > 0 {
		worker = service.NewWebhookWorker(service.WorkerConfig{Concurrency: cfg.WebhookWorkers, Observe: metrics.WebhookAttempt, Box: acc.box},
			repository.NewWebhooks(db), acc.guard.Client(), acc.webhooks.Woken(), log, nil)
	}
	return api.Deps{
		Log:         log,
		DB:          db,
		Metrics:     metrics,
		TransferMap: service.NewTransferMap(frameworks),
		Frameworks:  frameworks,
		Auth:        acc.auth,
		Users:       acc.users,
		Orgs:        acc.orgs,
		APIKeys:     acc.apiKeys,
		Policy:      acc.policy,
		Candidates:  acc.candidates,
		Idempotency: acc.idempotency,
		Webhooks:    acc.webhooks,
	}, worker, nil
}
