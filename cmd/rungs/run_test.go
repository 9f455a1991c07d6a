package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func TestServesOnAFreshDatabaseAndReusesIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "rungs.db")
	env := map[string]string{"RUNGS_SQLITE_PATH": path}
	s := startServer(t, env)
	var h struct{ Status string }
	if code := getJSON(t, s.URL+"/readyz", &h); code != 200 || h.Status != "ok" {
		t.Fatalf("readyz %d %+v", code, h)
	}
	if !strings.Contains(s.Logs.String(), `"msg":"migrated"`) {
		t.Fatal("first start did not migrate")
	}
	s.Stop(t)
	if !fileExists(path) {
		t.Fatal("database file not created")
	}
	s2 := startServer(t, env)
	if strings.Contains(s2.Logs.String(), `"msg":"migrated"`) {
		t.Fatal("second start migrated again")
	}
	if code := getJSON(t, s2.URL+"/healthz", nil); code != 200 {
		t.Fatalf("healthz %d", code)
	}
}

func TestBadConfigurationStopsStartUpWithOneLine(t *testing.T) {
	cases := map[string]string{
		"RUNGS_BODY_LIMIT":          "lots",
		"RUNGS_LOG_LEVEL":           "loud",
		"DATABASE_URL":              "mysql://x",
		"RUNGS_DB_MAX_OPEN_CONNS":   "0",
		"RUNGS_SHUTDOWN_TIMEOUT":    "soon",
		"RUNGS_CORS_ORIGINS":        "app.example",
		"RUNGS_JWT_SECRET":          "short",
		"RUNGS_JWT_SECRET_PREVIOUS": "abababababababababababababababababababab",
		"RUNGS_SECRET_KEY":          "0000000000000000000000000000000000000000",
		"RUNGS_JWT_SECRET_FILE":     "/no/such/secret/file",
		"RUNGS_METRICS_ADDR":        "nowhere",
		"RUNGS_METRICS_TOKEN":       "short",
		"RUNGS_REDIS_URL":           "memcached://127.0.0.1",
		"RUNGS_WEBHOOK_WORKERS":     "-1",
		"RUNGS_SHUTDOWN_DRAIN":      "-1s",
	}
	for name, val := range cases {
		t.Run(name, func(t *testing.T) {
			err := run(context.Background(), nil, env(map[string]string{name: val}), strings.NewReader(""), io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), name) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %v", err)
			}
			if strings.Contains(name, "SECRET") && !strings.HasSuffix(name, "_FILE") && strings.Contains(err.Error(), val) {
				t.Fatal("secret echoed")
			}
		})
	}
}

func TestUnreachableDatabaseFailsWithOneLine(t *testing.T) {
	err := run(context.Background(), nil, env(map[string]string{
		"DATABASE_URL": "postgres://rungs:topsecret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2",
	}), strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "topsecret") || !strings.Contains(err.Error(), "not reachable") {
		t.Fatalf("error %q", err)
	}
}

func TestHelpListsEveryVariable(t *testing.T) {
	out, err := cli(t, "", "", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range settings() {
		if !strings.Contains(out, s.env) {
			t.Fatalf("help lacks %s", s.env)
		}
	}
}

func TestMigrateStatusAndUp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rungs.db")
	out, err := cli(t, path, "", "migrate", "status")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "pending") {
		t.Fatalf("status before up: %s", out)
	}
	if _, err := cli(t, path, "", "migrate", "up"); err != nil {
		t.Fatal(err)
	}
	out, _ = cli(t, path, "", "migrate", "status")
	if strings.Contains(out, "pending") || !strings.Contains(out, "applied") {
		t.Fatalf("status after up: %s", out)
	}
	if _, err := cli(t, path, "", "migrate", "down"); err == nil {
		t.Fatal("migrate down accepted")
	}
	if _, err := cli(t, path, "", "nonsense"); err == nil {
		t.Fatal("unknown command accepted")
	}
}
