package main

import (
	"context"
	"log/slog"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/service"
)

// wireFrameworks builds the framework service and makes sure the embedded
// default framework is stored; safe when several processes start at once.
func wireFrameworks(ctx context.Context, db *repository.DB, log *slog.Logger) (*service.Frameworks, error) {
	fw := newFrameworkService(db)
	st, err := fw.EnsureDefault(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case st.Created:
		log.Info("default framework stored", slog.String("framework", st.Ref))
	case st.Differs:
		log.Warn("the stored default framework differs from the embedded one; the stored version is kept (published versions never change): give the new content a new version",
			slog.String("framework", st.Ref))
	}
	return fw, nil
}

// newFrameworkService is the framework use case on db, with authoring writes audited.
func newFrameworkService(db *repository.DB) *service.Frameworks {
	return service.NewFrameworks(repository.NewFrameworks(db), service.FrameworksOptions{
		Tx:    db,
		Audit: service.NewAudit(repository.NewAuditLog(db), nil),
	})
}
