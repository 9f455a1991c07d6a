package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/rungs/rungs/api"
)

// serve migrates the database, wires the services and serves until ctx ends,
// then lets in-flight requests finish within the shutdown timeout.
func serve(ctx context.Context, cfg config, log *slog.Logger) error {
	start := time.Now()
	db, n, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if n > 0 {
		log.Info("migrated", slog.Int("applied", n), slog.String("dialect", db.Dialect()))
	}
	deps, worker, err := wire(ctx, cfg, db, log)
	if err != nil {
		return err
	}
	var draining atomic.Bool
	deps.Draining = draining.Load
	// The worker stops with the process: deliveries in flight finish (each
	// within its 10 s timeout); what is left is delivered after a restart.
	wctx, stopWorker := context.WithCancel(context.WithoutCancel(ctx))
	workerDone := make(chan struct{})
	if worker != nil {
		go func() { defer close(workerDone); worker.Run(wctx) }()
	} else {
		close(workerDone)
	}
	defer func() { stopWorker(); <-workerDone }()
	handler := api.New(apiConfig(cfg), deps)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadTimeout:       cfg.ReadTimeout,
		ReadHeaderTimeout: min(cfg.ReadTimeout, 10*time.Second),
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", slog.String("addr", ln.Addr().String()), slog.String("dialect", db.Dialect()),
		slog.String("version", buildVersion()), slog.Float64("startup_ms", float64(time.Since(start).Microseconds())/1000))

	msrv, mln, err := metricsServer(cfg, deps.Metrics, log)
	if err != nil {
		ln.Close()
		return err
	}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if msrv != nil {
		go func() {
			if err := msrv.Serve(mln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("metrics listener: %w", err)
			}
		}()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", slog.String("timeout", cfg.ShutdownTimeout.String()))
	// Not ready first, still serving: a load balancer sees /readyz 503 and
	// stops sending; then the listener closes and in-flight requests finish.
	draining.Store(true)
	drain := min(cfg.ShutdownDrain, cfg.ShutdownTimeout/2)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if drain > 0 {
		select {
		case <-time.After(drain):
		case err := <-errc:
			return err
		}
	}
	if msrv != nil {
		_ = msrv.Close()
	}
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// metricsServer listens on RUNGS_METRICS_ADDR for /metrics alone; nil when
// that is "off".
func metricsServer(cfg config, m *api.Metrics, log *slog.Logger) (*http.Server, net.Listener, error) {
	if cfg.MetricsAddr == "off" {
		return nil, nil, nil
	}
	ln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, nil, fmt.Errorf("listen on RUNGS_METRICS_ADDR %s: %w (set another address, or off)", cfg.MetricsAddr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	log.Info("metrics listening", slog.String("addr", ln.Addr().String()))
	return &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}, ln, nil
}

func apiConfig(cfg config) api.Config {
	return api.Config{
		BodyLimit:            cfg.BodyLimit,
		CORSOrigins:          cfg.CORSOrigins,
		TrustProxyHeaders:    cfg.TrustProxyHeaders,
		ReadyTimeout:         time.Second,
		TransferMapPerMinute: cfg.TransferMapRate,
		TransferMapBurst:     cfg.TransferMapBurst,
		AuthPerMinute:        cfg.AuthRate,
		AuthBurst:            cfg.AuthBurst,
		MetricsToken:         cfg.MetricsToken,
	}
}
