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
		"RUNGS_BODY_LIMIT":        "lots",
		"RUNGS_LOG_LEVEL":         "loud",
		"DATABASE_URL":            "mysql://x",
		"RUNGS_DB_MAX_OPEN_CONNS": "0",
		"RUNGS_SHUTDOWN_TIMEOUT":  "soon",
		"RUNGS_CORS_ORIGINS":      "app.example",
		"RUNGS_JWT_SECRET":        "short",
	}
	for env, val := range cases {
		t.Run(env, func(t *testing.T) {
			err := run(context.Background(), nil, func(k string) string {
				if k == env {
					return val
				}
				return ""
			}, strings.NewReader(""), io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), env) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %v", err)
			}
			if env == "RUNGS_JWT_SECRET" && strings.Contains(err.Error(), val) {
				t.Fatal("secret echoed")
			}
		})
	}
}

func TestUnreachableDatabaseFailsWithOneLine(t *testing.T) {
	err := run(context.Background(), nil, func(k string) string {
		if k == "DATABASE_URL" {
			return "postgres://rungs:topsecret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"
		}
		return ""
	}, strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "topsecret") || !strings.Contains(err.Error(), "not reachable") {
		t.Fatalf("error %q", err)
	}
}

func TestHelpListsEveryVariable(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), []string{"--help"}, func(string) string { return "" }, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, s := range settings() {
		if !strings.Contains(out.String(), s.env) {
			t.Fatalf("help lacks %s", s.env)
		}
	}
}

func TestMigrateStatusAndUp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rungs.db")
	getenv := func(k string) string {
		if k == "RUNGS_SQLITE_PATH" {
			return path
		}
		return ""
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"migrate", "status"}, getenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "pending") {
		t.Fatalf("status before up: %s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"migrate", "up"}, getenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	_ = run(context.Background(), []string{"migrate", "status"}, getenv, nil, &out, io.Discard)
	if strings.Contains(out.String(), "pending") || !strings.Contains(out.String(), "applied") {
		t.Fatalf("status after up: %s", out.String())
	}
	if err := run(context.Background(), []string{"migrate", "down"}, getenv, nil, &out, io.Discard); err == nil {
		t.Fatal("migrate down accepted")
	}
	if err := run(context.Background(), []string{"nonsense"}, getenv, nil, &out, io.Discard); err == nil {
		t.Fatal("unknown command accepted")
	}
}
