package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rungs/rungs/repository/repotest"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds the real binary once for the tests that run it as a process.
func binary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rungs-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "rungs")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = err
			t.Logf("%s", out)
		}
	})
	if binErr != nil {
		t.Fatalf("build: %v", binErr)
	}
	return binPath
}

// process is the binary running with its own environment.
type process struct {
	cmd  *exec.Cmd
	URL  string
	Logs *syncBuffer
	done chan error
}

func startProcess(t testing.TB, vars map[string]string) *process {
	t.Helper()
	p := &process{Logs: &syncBuffer{}, done: make(chan error, 1)}
	p.cmd = exec.Command(binary(t))
	p.cmd.Env = []string{"PATH=/usr/bin:/bin", "RUNGS_ADDR=127.0.0.1:0", "RUNGS_METRICS_ADDR=off", "RUNGS_WEBHOOK_ALLOW_PRIVATE=true"}
	for k, v := range vars {
		p.cmd.Env = append(p.cmd.Env, k+"="+v)
	}
	p.cmd.Stderr = p.Logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() { _ = p.cmd.Process.Kill(); <-p.done })
	p.URL = "http://" + waitForLog(t, p.Logs, func(l string) string { return listenAddr(l) })
	return p
}

// kill ends the process with SIGKILL: no shutdown, no cleanup.
func (p *process) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done
	p.done <- nil // for the cleanup
}

// hookReceiver counts requests by webhook-id and answers 200.
type hookReceiver struct {
	srv   *httptest.Server
	mu    sync.Mutex
	byID  map[string]int
	types []string
	delay time.Duration
}

func newHookReceiver(t *testing.T, delay time.Duration) *hookReceiver {
	r := &hookReceiver{byID: map[string]int{}, delay: delay}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		var ev struct {
			Type string `json:"type"`
		}
		_ = json.Unmarshal(body, &ev)
		time.Sleep(r.delay)
		r.mu.Lock()
		r.byID[req.Header.Get("webhook-id")]++
		r.types = append(r.types, ev.Type)
		r.mu.Unlock()
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *hookReceiver) count() (ids, requests int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.byID {
		requests += n
	}
	return len(r.byID), requests
}

func (r *hookReceiver) waitFor(t *testing.T, ids int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if n, _ := r.count(); n >= ids {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	n, _ := r.count()
	t.Fatalf("receiver got %d of %d events", n, ids)
}

// orgWithWebhook makes an admin (with the command line, on vars' database),
// an organisation, a key for candidates and webhooks, and a webhook to url;
// it returns the key.
func orgWithWebhook(t testing.TB, vars map[string]string, base, url string) string {
	t.Helper()
	const pw = "an admin passphrase of some length"
	var out strings.Builder
	if err := run(context.Background(), []string{"admin", "create", "--email", "root@example.org"}, env(vars),
		strings.NewReader(pw+"\n"), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var tokens struct {
		AccessToken string `json:"access_token"`
	}
	if code := sendJSON(t, http.MethodPost, base+"/v1/auth/login", "", `{"email":"root@example.org","password":"`+pw+`"}`, &tokens); code != 200 {
		t.Fatalf("login %d", code)
	}
	var org struct {
		ID string `json:"id"`
	}
	if code := sendJSON(t, http.MethodPost, base+"/v1/orgs", tokens.AccessToken, `{"name":"Acme"}`, &org); code != 201 {
		t.Fatalf("org %d", code)
	}
	var key struct {
		Secret string `json:"secret"`
	}
	if code := sendJSON(t, http.MethodPost, base+"/v1/orgs/"+org.ID+"/api-keys", tokens.AccessToken,
		`{"name":"ATS","scopes":["candidates:write","webhooks"]}`, &key); code != 201 {
		t.Fatalf("key %d", code)
	}
	if code := sendJSON(t, http.MethodPost, base+"/v1/orgs/"+org.ID+"/webhooks", key.Secret,
		`{"url":"`+url+`","events":["candidate.created"]}`, nil); code != 201 {
		t.Fatalf("webhook %d", code)
	}
	return key.Secret
}

const e2eCandidate = `{"display_name":"Ada","experiences":[{"title":"Major Gifts Officer","years":8}]}`

// A process killed (SIGKILL) after committing a change and before
// delivering its event leaves the event in the database; the next process
// delivers it.
func TestWebhookSurvivesAKillBeforeDelivery(t *testing.T) {
	vars := map[string]string{"RUNGS_SQLITE_PATH": filepath.Join(t.TempDir(), "rungs.db")}
	rcv := newHookReceiver(t, 0)
	// The first process delivers nothing, so it dies with the event
	// committed and not yet sent.
	first := startProcess(t, map[string]string{"RUNGS_SQLITE_PATH": vars["RUNGS_SQLITE_PATH"], "RUNGS_WEBHOOK_WORKERS": "0"})
	key := orgWithWebhook(t, vars, first.URL, rcv.srv.URL)
	if code := sendJSON(t, http.MethodPost, first.URL+"/v1/candidates", key, e2eCandidate, nil); code != 201 {
		t.Fatalf("create %d", code)
	}
	first.kill(t)
	if n, _ := rcv.count(); n != 0 {
		t.Fatalf("%d events before the restart", n)
	}
	startProcess(t, vars)
	rcv.waitFor(t, 1)
	time.Sleep(200 * time.Millisecond)
	if ids, reqs := rcv.count(); ids != 1 || reqs != 1 || rcv.types[0] != "candidate.created" {
		t.Fatalf("after the restart: %d events, %d requests, %v", ids, reqs, rcv.types)
	}
}

// Two processes on one PostgreSQL, both delivering, send each event once.
func TestTwoProcessesDeliverEachEventOnce(t *testing.T) {
	raw := repotest.PostgresURL(t)
	if raw == "" {
		t.Skip("RUNGS_TEST_POSTGRES_URL not set")
	}
	vars := map[string]string{"DATABASE_URL": repotest.SchemaURL(t, raw), "RUNGS_JWT_SECRET": testJWTSecret, "RUNGS_LOG_LEVEL": "debug"}
	rcv := newHookReceiver(t, 5*time.Millisecond)
	a, b := startProcess(t, vars), startProcess(t, vars)
	key := orgWithWebhook(t, vars, a.URL, rcv.srv.URL)
	const n = 300
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			base := a.URL
			if i%2 == 1 {
				base = b.URL
			}
			if code := sendJSON(t, http.MethodPost, base+"/v1/candidates", key, e2eCandidate, nil); code != 201 {
				t.Errorf("create %d", code)
			}
		}()
		if i%20 == 19 {
			wg.Wait()
		}
	}
	wg.Wait()
	rcv.waitFor(t, n)
	time.Sleep(300 * time.Millisecond)
	ids, reqs := rcv.count()
	if ids != n || reqs != n {
		t.Fatalf("%d events in %d requests, want %d each", ids, reqs, n)
	}
	byA, byB := strings.Count(a.Logs.String(), `"webhook delivered"`), strings.Count(b.Logs.String(), `"webhook delivered"`)
	if byA+byB != n || byA == 0 || byB == 0 {
		t.Fatalf("process A delivered %d, B %d: both should share the %d", byA, byB, n)
	}
	t.Logf("process A delivered %d, B %d", byA, byB)
}
