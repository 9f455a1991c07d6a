package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

const testJWTSecret = "kq3Xb8vN1rT6yW0zLm4Pd7Hs2Jf9Gc5A-Q7w"

// signIn signs up a job seeker and logs in, returning the access token.
func signIn(t *testing.T, base, email string) string {
	t.Helper()
	body := `{"email":"` + email + `","password":"a long and unusual passphrase","display_name":"Ada"}`
	if code := sendJSON(t, http.MethodPost, base+"/v1/auth/signup", "", body, nil); code != 201 {
		t.Fatalf("signup %d", code)
	}
	var tokens struct {
		AccessToken string `json:"access_token"`
	}
	if code := sendJSON(t, http.MethodPost, base+"/v1/auth/login", "", `{"email":"`+email+`","password":"a long and unusual passphrase"}`, &tokens); code != 200 {
		t.Fatalf("login %d", code)
	}
	return tokens.AccessToken
}

func meStatus(t *testing.T, base, token string) int {
	t.Helper()
	return sendJSON(t, http.MethodGet, base+"/v1/me", token, "", nil)
}

// noSecretIn fails when secret occurs in any file under paths (a file or a
// directory), of those modified since since.
func noSecretIn(t *testing.T, secret string, since time.Time, paths ...string) int {
	t.Helper()
	searched := 0
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return nil
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			info, err := d.Info()
			if err != nil || info.ModTime().Before(since) || !info.Mode().IsRegular() {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil // a file PostgreSQL removed meanwhile
			}
			searched++
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("the signing secret is in %s", path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return searched
}

// The generated secret is kept in a file beside the database, mode 0600,
// reused on restart, and is in neither the database file, its WAL, nor the
// log.
func TestGeneratedSecretIsAFileBesideTheDatabase(t *testing.T) {
	start := time.Now().Add(-time.Second)
	dir := t.TempDir()
	path := filepath.Join(dir, "rungs.db")
	vars := map[string]string{"RUNGS_SQLITE_PATH": path, "RUNGS_LOG_LEVEL": "debug"}
	s := startServer(t, vars)
	token := signIn(t, s.URL, "ada@example.org")
	s.Stop(t)

	file := path + ".signing-secret"
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("secret file mode %v, want 0600", info.Mode().Perm())
	}
	data, _ := os.ReadFile(file)
	secret := strings.TrimPrefix(strings.TrimSpace(string(data)), secretFilePlain)
	if len(secret) < 32 || secret == strings.TrimSpace(string(data)) {
		t.Fatalf("secret file %q", data)
	}
	s2 := startServer(t, vars)
	if code := meStatus(t, s2.URL, token); code != 200 {
		t.Fatalf("a token from before the restart: %d", code)
	}
	s2.Stop(t)

	db, err := repository.Open(context.Background(), repository.Options{SQLitePath: path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repository.NewSettings(db).Get(context.Background(), jwtSecretSetting); err != repository.ErrSettingNotFound {
		t.Fatalf("a signing secret in the settings table: %v", err)
	}
	db.Close()
	if n := noSecretIn(t, secret, start, path, path+"-wal", path+"-shm"); n == 0 {
		t.Fatal("no database file searched")
	}
	for i, logs := range []string{s.Logs.String(), s2.Logs.String()} {
		if !strings.Contains(logs, `"msg":"listening"`) {
			t.Fatalf("start %d: no logs captured: the search proves nothing", i+1)
		}
		if strings.Contains(logs, secret) {
			t.Fatalf("start %d logged the signing secret", i+1)
		}
	}
}

// With RUNGS_SECRET_KEY the file holds the secret encrypted; without the
// key, or with another, the start stops with one line naming the variable.
func TestSecretKeyEncryptsTheSecretFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rungs.db")
	file := path + ".signing-secret"
	const key = "Zr8w1Qp4Lx7Vb2Nc5Hm9Tk3Jd6Gf0Sa-Q7w"

	// A plain file from a start without the key is encrypted in place.
	s := startServer(t, map[string]string{"RUNGS_SQLITE_PATH": path})
	token := signIn(t, s.URL, "ada@example.org")
	s.Stop(t)
	plain, _ := os.ReadFile(file)
	secret := strings.TrimPrefix(strings.TrimSpace(string(plain)), secretFilePlain)

	s = startServer(t, map[string]string{"RUNGS_SQLITE_PATH": path, "RUNGS_SECRET_KEY": key})
	if code := meStatus(t, s.URL, token); code != 200 {
		t.Fatalf("token after encrypting the file: %d", code)
	}
	s.Stop(t)
	sealed, _ := os.ReadFile(file)
	if !strings.HasPrefix(string(sealed), secretFileEncrypted) || bytes.Contains(sealed, []byte(secret)) {
		t.Fatalf("file not encrypted: %q", sealed)
	}
	if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", info.Mode().Perm())
	}
	got, err := decryptSecret(key, strings.TrimPrefix(strings.TrimSpace(string(sealed)), secretFileEncrypted))
	if err != nil || got != secret {
		t.Fatalf("decrypts to another secret: %v", err)
	}

	for name, vars := range map[string]map[string]string{
		"without the key":  {"RUNGS_SQLITE_PATH": path},
		"with another key": {"RUNGS_SQLITE_PATH": path, "RUNGS_SECRET_KEY": "Another0Key1With2Enough3Bytes4x5-Q7w"},
	} {
		err := run(context.Background(), nil, env(vars), strings.NewReader(""), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "RUNGS_SECRET_KEY") || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), secret) {
			t.Fatalf("%s: %v", name, err)
		}
	}

	// A file readable by others is refused.
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	err = run(context.Background(), nil, env(map[string]string{"RUNGS_SQLITE_PATH": path, "RUNGS_SECRET_KEY": key}), strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("world-readable secret file: %v", err)
	}
}

// A secret an earlier version stored in the settings table moves to the
// file and leaves the table; its tokens keep working.
func TestSecretInTheSettingsTableMovesToTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rungs.db")
	const legacy = "Lg7Yt2Wq9Er4Ui1Op6As3Df8Gh5Jk0Zx-Q7w"
	cfg, err := loadConfig(env(map[string]string{"RUNGS_SQLITE_PATH": path}))
	if err != nil {
		t.Fatal(err)
	}
	db, _, err := openMigrated(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)`, jwtSecretSetting, legacy, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s := startServer(t, map[string]string{"RUNGS_SQLITE_PATH": path})
	s.Stop(t)
	data, _ := os.ReadFile(path + ".signing-secret")
	if strings.TrimSpace(string(data)) != secretFilePlain+legacy {
		t.Fatalf("file %q does not hold the stored secret", data)
	}
	db, err = repository.Open(context.Background(), repository.Options{SQLitePath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := repository.NewSettings(db).Get(context.Background(), jwtSecretSetting); err != repository.ErrSettingNotFound {
		t.Fatalf("the secret is still in the table: %v", err)
	}
	if !strings.Contains(s.Logs.String(), "removed a signing secret stored in the settings table") || strings.Contains(s.Logs.String(), legacy) {
		t.Fatalf("logs:\n%s", s.Logs.String())
	}
}

// RUNGS_JWT_SECRET_PREVIOUS keeps tokens of the rotated secret verifying;
// without it they are refused.
func TestRotatedSecretKeepsTokensWhilePrevious(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rungs.db")
	const next = "Nx5Rt8Yu1Io4Pa7Sd0Fg3Hj6Kl9Zc2Vb-Q7w"
	s := startServer(t, map[string]string{"RUNGS_SQLITE_PATH": path, "RUNGS_JWT_SECRET": testJWTSecret})
	token := signIn(t, s.URL, "ada@example.org")
	s.Stop(t)
	s = startServer(t, map[string]string{"RUNGS_SQLITE_PATH": path, "RUNGS_JWT_SECRET": next, "RUNGS_JWT_SECRET_PREVIOUS": testJWTSecret})
	if code := meStatus(t, s.URL, token); code != 200 {
		t.Fatalf("with the previous secret: %d", code)
	}
	fresh := signIn(t, s.URL, "bob@example.org")
	s.Stop(t)
	s = startServer(t, map[string]string{"RUNGS_SQLITE_PATH": path, "RUNGS_JWT_SECRET": next})
	if code := meStatus(t, s.URL, token); code != 401 {
		t.Fatalf("old token after the previous secret was dropped: %d", code)
	}
	if code := meStatus(t, s.URL, fresh); code != 200 {
		t.Fatalf("token of the new secret: %d", code)
	}
}

// PostgreSQL needs RUNGS_JWT_SECRET; with it, the secret reaches neither
// the data directory nor the log.
func TestPostgresSigningSecret(t *testing.T) {
	raw := repotest.PostgresURL(t)
	if raw == "" {
		t.Skip("RUNGS_TEST_POSTGRES_URL not set")
	}
	schemaURL := repotest.SchemaURL(t, raw)
	err := run(context.Background(), nil, env(map[string]string{"DATABASE_URL": schemaURL}), strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || err.Error() != errSecretRequired.Error() {
		t.Fatalf("start without a secret: %v", err)
	}

	start := time.Now().Add(-time.Second)
	secret := service.GenerateSecret()
	s := startServer(t, map[string]string{"DATABASE_URL": schemaURL, "RUNGS_JWT_SECRET": secret, "RUNGS_LOG_LEVEL": "debug"})
	token := signIn(t, s.URL, "ada@example.org")
	if code := meStatus(t, s.URL, token); code != 200 {
		t.Fatalf("me %d", code)
	}
	s.Stop(t)
	if strings.Contains(s.Logs.String(), secret) {
		t.Fatal("the signing secret was logged")
	}

	db, err := sql.Open("pgx", raw)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var dataDir string
	if _, err := db.Exec(`CHECKPOINT`); err != nil {
		t.Fatalf("checkpoint: %v", err)
	}
	if err := db.QueryRow(`SHOW data_directory`).Scan(&dataDir); err != nil {
		t.Fatalf("data directory: %v", err)
	}
	if _, err := os.Stat(dataDir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the PostgreSQL data directory is not readable here: %v", err)
		}
		t.Skipf("the PostgreSQL data directory is not readable here: %v", err)
	}
	if n := noSecretIn(t, secret, start, dataDir); n == 0 {
		t.Fatal("no file of the data directory was written since the test began: the search proves nothing")
	}
}
