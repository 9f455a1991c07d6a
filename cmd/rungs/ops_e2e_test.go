package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// The operational surface over real HTTP: metrics, a problem+json 404, an
// oversize header, and the health check the container image runs.
func TestOperationsOverRealHTTP(t *testing.T) {
	s := startServer(t, nil)

	resp, err := http.Get(s.URL + "/no/such/page")
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Status    int    `json:"status"`
		Instance  string `json:"instance"`
		RequestID string `json:"request_id"`
	}
	err = json.NewDecoder(resp.Body).Decode(&p)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 404 || resp.Header.Get("Content-Type") != "application/problem+json" ||
		p.Status != 404 || p.Instance != "/no/such/page" || p.RequestID != resp.Header.Get("X-Request-Id") {
		t.Fatalf("404: %d %q %+v %v", resp.StatusCode, resp.Header.Get("Content-Type"), p, err)
	}

	req, _ := http.NewRequest(http.MethodGet, s.URL+"/healthz", nil)
	req.Header.Set("X-Padding", strings.Repeat("x", 128<<10))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("128 KiB header: %d", resp.StatusCode)
	}

	// /metrics is on the metrics listener, not on the API's.
	resp, err = http.Get(s.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("/metrics on the API listener: %d", resp.StatusCode)
	}
	metricsAddr := waitForLog(t, s.Logs, func(logs string) string { return logAddr(logs, "metrics listening") })
	resp, err = http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`rungs_http_requests_total{method="GET",route="unmatched",status="404"} 2`,
		`rungs_http_request_duration_seconds_bucket{method="GET",route="unmatched",status="404"`,
		`go_sql_max_open_connections{db_name="rungs"}`,
		"go_goroutines", "process_resident_memory_bytes",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	addr := strings.TrimPrefix(s.URL, "http://")
	for _, args := range [][]string{{"healthcheck"}, {"healthcheck", "--ready"}} {
		var out strings.Builder
		if err := run(context.Background(), args, env(map[string]string{"RUNGS_ADDR": addr}), nil, &out, io.Discard); err != nil || out.String() != "ok\n" {
			t.Fatalf("%v: %v %q", args, err, out.String())
		}
	}
}

func TestHealthcheckFailsWhenNothingAnswers(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	for _, tc := range []struct {
		addr string
		args []string
		want string
	}{
		{addr, nil, "connection refused"},
		{":0", nil, "names no port"},
		{addr, []string{"--live"}, "usage"},
	} {
		err := run(context.Background(), append([]string{"healthcheck"}, tc.args...), env(map[string]string{"RUNGS_ADDR": tc.addr}), nil, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Fatalf("%s %v: %v", tc.addr, tc.args, err)
		}
	}
}

// With RUNGS_METRICS_TOKEN the API listener serves /metrics to that bearer
// token alone; RUNGS_METRICS_ADDR=off starts no metrics listener.
func TestMetricsTokenOnTheAPIListener(t *testing.T) {
	const token = "a long metrics scrape token"
	s := startServer(t, map[string]string{"RUNGS_METRICS_TOKEN": token, "RUNGS_METRICS_ADDR": "off"})
	for h, want := range map[string]int{"": 401, "Bearer nope": 401, "Bearer " + token: 200} {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/metrics", nil)
		if h != "" {
			req.Header.Set("Authorization", h)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("Authorization %q: %d, want %d", h, resp.StatusCode, want)
		}
	}
	if strings.Contains(s.Logs.String(), "metrics listening") {
		t.Fatal("a metrics listener started with RUNGS_METRICS_ADDR=off")
	}
	if strings.Contains(s.Logs.String(), token) {
		t.Fatal("the metrics token was logged")
	}
}
