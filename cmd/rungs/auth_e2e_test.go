package main

import (
	"context"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

func TestAdminCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rungs.db")
	admin := func(stdin string, args ...string) (string, error) {
		return cli(t, path, stdin, append([]string{"admin"}, args...)...)
	}
	out, err := admin("", "create", "--email", "Root@Example.org")
	if err != nil {
		t.Fatal(err)
	}
	const shown = "password (shown once, store it now): "
	_, after, ok := strings.Cut(out, shown)
	generated := strings.TrimSpace(after)
	if !strings.Contains(out, "created admin root@example.org") || !ok || len(generated) < 20 || strings.Count(out, generated) != 1 {
		t.Fatalf("output %q", out)
	}
	// The password printed is the one stored.
	cfg, err := loadConfig(env(map[string]string{"RUNGS_SQLITE_PATH": path}))
	if err != nil {
		t.Fatal(err)
	}
	db, err := openDB(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := wireAuth(context.Background(), cfg, db, slog.New(slog.DiscardHandler), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.auth.Login(context.Background(), "root@example.org", generated); err != nil {
		t.Fatalf("login with the printed password: %v", err)
	}
	_ = db.Close()
	out, err = admin("a long and unusual passphrase\n", "create", "--email", "ops@example.org", "--name", "Ops")
	if err != nil || strings.Contains(out, "passphrase") || strings.Contains(out, "password") {
		t.Fatalf("piped password: %q %v", out, err)
	}
	for name, tc := range map[string]struct {
		stdin string
		args  []string
	}{
		"taken email":     {"", []string{"create", "--email", "root@example.org"}},
		"weak password":   {"password1234\n", []string{"create", "--email", "weak@example.org"}},
		"bad email":       {"", []string{"create", "--email", "root"}},
		"no email":        {"", []string{"create"}},
		"no subcommand":   {"", nil},
		"unknown command": {"", []string{"delete", "--email", "root@example.org"}},
	} {
		if out, err := admin(tc.stdin, tc.args...); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: accepted (%q) or multi-line error %v", name, out, err)
		}
	}
}

// TestAccountsEndToEnd boots the binary's run() without any auth
// configuration: an admin made at the command line creates an organisation,
// a job seeker signs up and logs in, and an access token issued before a
// restart still verifies after it, because the generated signing secret is
// kept in a file beside the database.
func TestAccountsEndToEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rungs.db")
	vars := map[string]string{"RUNGS_SQLITE_PATH": path}
	const pw = "an admin passphrase of some length"
	if _, err := cli(t, path, pw+"\n", "admin", "create", "--email", "root@example.org"); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, vars)
	var tokens struct {
		AccessToken string `json:"access_token"`
	}
	if code := sendJSON(t, http.MethodPost, s.URL+"/v1/auth/login", "", `{"email":"root@example.org","password":"`+pw+`"}`, &tokens); code != 200 {
		t.Fatalf("admin login %d", code)
	}
	if code := sendJSON(t, http.MethodPost, s.URL+"/v1/orgs", tokens.AccessToken, `{"name":"Acme"}`, nil); code != 201 {
		t.Fatalf("create org %d", code)
	}
	if code := sendJSON(t, http.MethodPost, s.URL+"/v1/auth/signup", "", `{"email":"ada@example.org","password":"a long and unusual passphrase","display_name":"Ada"}`, nil); code != 201 {
		t.Fatalf("signup %d", code)
	}
	s.Stop(t)
	if strings.Contains(s.Logs.String(), pw) {
		t.Fatal("the password reached the logs")
	}
	s2 := startServer(t, vars)
	var me struct {
		Email string `json:"email"`
		Role  string `json:"role"`
	}
	if code := sendJSON(t, http.MethodGet, s2.URL+"/v1/me", tokens.AccessToken, "", &me); code != 200 || me.Role != "admin" {
		t.Fatalf("me after restart: %d %+v", code, me)
	}
}
