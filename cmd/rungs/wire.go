package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

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
	limiters, err := sharedLimits(ctx, cfg, log)
	if err != nil {
		return api.Deps{}, nil, err
	}
	return api.Deps{
		Limiters:    limiters,
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

// sharedLimits connects to RUNGS_REDIS_URL, when set, for rate limits
// shared by every process. Redis not answering at start is no reason to
// stop: each process limits on its own until it answers.
func sharedLimits(ctx context.Context, cfg config, log *slog.Logger) (api.LimiterFactory, error) {
	if cfg.RedisURL == "" {
		return nil, nil
	}
	opts, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return nil, fmt.Errorf("RUNGS_REDIS_URL: %w", err)
	}
	opts.DialTimeout, opts.ReadTimeout, opts.WriteTimeout = time.Second, 200*time.Millisecond, 200*time.Millisecond
	client := redis.NewClient(opts)
	pctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := client.Ping(pctx).Err(); err != nil {
		log.Warn("Redis does not answer; each process limits on its own until it does", slog.String("error", err.Error()))
	} else {
		log.Info("rate limits shared through Redis")
	}
	return api.NewSharedLimits(client, log, nil), nil
}
