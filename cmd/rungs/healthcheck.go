package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// healthcheckCommand asks the server running beside it for /healthz (or
// /readyz with --ready): the container image has no shell or curl, so its
// HEALTHCHECK runs the binary itself. Any answer but 200 is an error, which
// makes the exit status 1.
func healthcheckCommand(ctx context.Context, cfg config, args []string, stdout io.Writer) error {
	path := "/healthz"
	switch {
	case len(args) == 1 && args[0] == "--ready":
		path = "/readyz"
	case len(args) > 0:
		return fmt.Errorf("usage: rungs healthcheck [--ready]")
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil || port == "" || port == "0" {
		return fmt.Errorf("RUNGS_ADDR %q names no port to check", cfg.Addr)
	}
	// A server listening on every address answers on loopback.
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	url := "http://" + net.JoinHostPort(host, port) + path
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %d", url, resp.StatusCode)
	}
	_, err = fmt.Fprintln(stdout, "ok")
	return err
}
