package main

import (
	"context"
	"log/slog"

	"github.com/rungs/rungs/api"
	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/service"
)

// wire builds the services on db and returns the API's dependencies.
func wire(_ context.Context, _ config, db *repository.DB, log *slog.Logger) (api.Deps, error) {
	def, err := domain.DefaultFramework()
	if err != nil {
		return api.Deps{}, err
	}
	return api.Deps{
		Log:         log,
		DB:          db,
		Metrics:     api.NewMetrics(db.SQL()),
		TransferMap: service.NewTransferMap(embeddedFrameworks{def}),
	}, nil
}

// embeddedFrameworks serves the embedded default framework.
type embeddedFrameworks struct{ f *domain.Framework }

func (e embeddedFrameworks) Resolve(_ context.Context, ref string) (*domain.Framework, error) {
	if ref == "" || ref == e.f.Ref() {
		return e.f, nil
	}
	return nil, domain.Errorf(domain.ErrNotFound, "framework %s not found", ref)
}
