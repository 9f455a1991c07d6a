package api

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/service"
)

// tableNames lists the schema's tables (goose's bookkeeping aside) from
// the database's catalogue, so that a new table is covered without a
// change here.
func tableNames(t testing.TB, db *repository.DB) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if db.Dialect() == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := db.SQL().Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != "goose_db_version" {
			names = append(names, n)
		}
	}
	if len(names) < 5 {
		t.Fatalf("only %d tables found: %v", len(names), names)
	}
	return names
}

// tablesHolding names the tables with a row in which some column's text
// contains needle.
func tablesHolding(t testing.TB, db *repository.DB, needle string) []string {
	t.Helper()
	var found []string
	for _, n := range tableNames(t, db) {
		rows, err := db.SQL().Query(`SELECT * FROM "` + n + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]sql.RawBytes, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		hit := false
		for rows.Next() && !hit {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if strings.Contains(string(v), needle) {
					hit = true
				}
			}
		}
		rows.Close()
		if hit {
			found = append(found, n)
		}
	}
	return found
}

// rowCounts counts the rows of every table in the schema (goose's own
// bookkeeping aside), read from the database's catalogue so that a new
// table is counted without a change here.
func rowCounts(t testing.TB, db *repository.DB) map[string]int {
	t.Helper()
	names := tableNames(t, db)
	counts := map[string]int{}
	for _, n := range names {
		var c int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM "` + n + `"`).Scan(&c); err != nil {
			t.Fatalf("count %s: %v", n, err)
		}
		counts[n] = c
	}
	return counts
}

// TestSignupForATakenEmailLooksLikeANewOne: same status, same body keys,
// the same time (medians within 20 %), and nothing written.
func TestSignupForATakenEmailLooksLikeANewOne(t *testing.T) {
	if testing.Short() {
		t.Skip("hashes passwords at the production cost")
	}
	s := newAuthServer(t, Config{}, service.DefaultArgon2)
	taken := s.email("taken")
	s.signup(taken)
	owner := s.login(taken)

	keys := func(body []byte) []string {
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		var k []string
		for key := range m {
			k = append(k, key)
		}
		slices.Sort(k)
		return k
	}
	signup := func(email string) (time.Duration, int, []string) {
		body := fmt.Sprintf(`{"email":%q,"password":"another long passphrase","display_name":"Someone"}`, email)
		start := time.Now()
		rec := s.do(http.MethodPost, "/v1/auth/signup", "", body)
		return time.Since(start), rec.Code, keys(rec.Body.Bytes())
	}

	before := rowCounts(t, s.db)
	_, code, takenKeys := signup(taken)
	if code != http.StatusCreated {
		t.Fatalf("taken email: status %d", code)
	}
	if after := rowCounts(t, s.db); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("rows changed by a signup for a taken email:\nbefore %v\nafter  %v", before, after)
	}
	_, code, newKeys := signup(s.email("fresh"))
	if code != http.StatusCreated || !slices.Equal(takenKeys, newKeys) {
		t.Fatalf("new email: status %d, keys %v; taken email: keys %v", code, newKeys, takenKeys)
	}
	// The owner is untouched: same password, session still live.
	s.mustStatus(s.do(http.MethodGet, "/v1/me", owner.AccessToken, ""), http.StatusOK)
	s.login(taken)

	// The server learns how long a committed signup takes from the last
	// few; a running server has seen them, a fresh one needs a handful.
	for range 5 {
		signup(s.email("warm-up"))
	}
	const rounds = 21
	var takenTimes, newTimes []time.Duration
	for range rounds {
		d, _, _ := signup(taken)
		takenTimes = append(takenTimes, d)
		d, _, _ = signup(s.email("fresh"))
		newTimes = append(newTimes, d)
	}
	slices.Sort(takenTimes)
	slices.Sort(newTimes)
	mt, mn := takenTimes[len(takenTimes)/2], newTimes[len(newTimes)/2]
	if ratio := float64(mt) / float64(mn); ratio < 0.8 || ratio > 1.2 {
		t.Fatalf("median signup time: taken email %v, new email %v (ratio %.2f, want within 20 %%)", mt, mn, ratio)
	}
	t.Logf("median signup time: taken email %v, new email %v", mt, mn)
}
