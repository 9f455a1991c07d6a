package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
)

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Health is the body of /healthz and /readyz.
type Health struct {
	Status string `json:"status" example:"ok"`
}

// healthz godoc
//
//	@Summary		Liveness
//	@Description	200 while the process runs.
//	@Tags			operations
//	@Produce		json
//	@Success		200	{object}	Health
//	@Router			/healthz [get]
func healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, Health{Status: "ok"})
}

// readyz godoc
//
//	@Summary		Readiness
//	@Description	200 when the database answers within one second; 503 with Retry-After otherwise, and from the moment the process is asked to stop (so that a load balancer stops sending before in-flight requests finish). Recovers by itself when the database returns.
//	@Tags			operations
//	@Produce		json
//	@Success		200	{object}	Health
//	@Failure		503	{object}	Problem	"database not answering"
//	@Header			503	{integer}	Retry-After	"seconds to wait before asking again"
//	@Router			/readyz [get]
func readyz(db Pinger, timeout time.Duration, draining func() bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		if draining != nil && draining() {
			return &domain.RetryAfterError{Category: domain.ErrUnavailable, Msg: "This process is shutting down.", Seconds: 5}
		}
		ctx, cancel := context.WithTimeout(c.Request().Context(), timeout)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			return &domain.RetryAfterError{Category: domain.ErrUnavailable, Msg: "The database is not answering.", Seconds: 5}
		}
		return c.JSON(http.StatusOK, Health{Status: "ok"})
	}
}
