package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestNoSecretIsStoredOrLoggedInClear creates a user, a session, an
// invitation and an API key, uses them, then reads every row of every table
// and every log line, looking for the password, the refresh token, the
// set-password token and the key secret (with and without its prefix).
func TestNoSecretIsStoredOrLoggedInClear(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	email := s.email("ada")
	s.signup(email)
	pair := s.login(email)
	admin := s.admin()
	org := s.org(admin, "Acme")
	invite := s.invite(admin, org, s.email("grace"))
	s.mustStatus(s.do(http.MethodPost, "/v1/auth/set-password", "", fmt.Sprintf(`{"token":%q,"password":%q}`, invite, testPassword+" two")), http.StatusNoContent)
	_, secret := s.key(admin, org, "search", "candidates:read")
	s.mustStatus(s.do(http.MethodGet, "/v1/orgs/"+org+"/api-keys", admin, ""), http.StatusOK)
	s.do(http.MethodGet, "/v1/me", secret, "")
	rec := s.do(http.MethodPost, "/v1/auth/refresh", "", fmt.Sprintf(`{"refresh_token":%q}`, pair.RefreshToken))
	s.mustStatus(rec, http.StatusOK)
	var next TokenPair
	decode(t, rec, &next)
	// A failed login and a failed refresh log too.
	s.do(http.MethodPost, "/v1/auth/login", "", fmt.Sprintf(`{"email":%q,"password":"%s wrong"}`, email, testPassword))
	s.do(http.MethodPost, "/v1/auth/refresh", "", fmt.Sprintf(`{"refresh_token":%q}`, pair.RefreshToken))

	secrets := map[string]string{
		"password":              testPassword,
		"refresh token":         pair.RefreshToken,
		"rotated refresh token": next.RefreshToken,
		"set-password token":    invite,
		"API key secret":        secret,
		"API key random part":   strings.TrimPrefix(secret, "rk_"),
		"access token":          pair.AccessToken,
	}
	dump := dumpTables(t, s)
	if !strings.Contains(dump, email) {
		t.Fatal("the table dump missed the users table: the search proves nothing")
	}
	logs := s.logs.String()
	if !strings.Contains(logs, `"route":"/v1/auth/login"`) {
		t.Fatal("no access log captured: the search proves nothing")
	}
	for name, value := range secrets {
		if strings.Contains(dump, value) {
			t.Errorf("the %s is stored in clear", name)
		}
		if strings.Contains(logs, value) {
			t.Errorf("the %s is in the logs", name)
		}
	}
}

// dumpTables renders every row of every table of the SQLite database as text.
func dumpTables(t *testing.T, s *authServer) string {
	t.Helper()
	ctx := context.Background()
	db := s.db.SQL()
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	_ = rows.Close()
	var b strings.Builder
	for _, table := range tables {
		rows, err := db.QueryContext(ctx, `SELECT * FROM "`+table+`"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if raw, ok := v.([]byte); ok {
					v = string(raw)
				}
				fmt.Fprintf(&b, "%v\t", v)
			}
			b.WriteString(table + "\n")
		}
		_ = rows.Close()
	}
	return b.String()
}
