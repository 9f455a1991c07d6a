package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer is run() serving on a free port.
type testServer struct {
	URL    string
	Logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// startServer boots run() with vars over a temp SQLite database and port 0
// and waits for its "listening" log line.
func startServer(t *testing.T, vars map[string]string) *testServer {
	t.Helper()
	full := map[string]string{
		"RUNGS_ADDR":         "127.0.0.1:0",
		"RUNGS_METRICS_ADDR": "127.0.0.1:0",
		"RUNGS_SQLITE_PATH":  filepath.Join(t.TempDir(), "rungs.db"),
		"RUNGS_LOG_LEVEL":    "info",
		// Tests stop servers often; the drain has a test of its own.
		"RUNGS_SHUTDOWN_DRAIN": "0s",
	}
	maps.Copy(full, vars)
	ctx, cancel := context.WithCancel(context.Background())
	s := &testServer{Logs: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		s.done <- run(ctx, nil, env(full), strings.NewReader(""), io.Discard, s.Logs)
	}()
	t.Cleanup(func() { s.Stop(t) })
	s.URL = "http://" + waitForLog(t, s.Logs, func(logs string) string {
		if addr := listenAddr(logs); addr != "" {
			return addr
		}
		select {
		case err := <-s.done:
			t.Fatalf("run returned before listening: %v\n%s", err, logs)
		default:
		}
		return ""
	})
	return s
}

// Stop cancels run's context (as SIGTERM does) and checks it returns nil.
func (s *testServer) Stop(t *testing.T) {
	t.Helper()
	if s.cancel == nil {
		return
	}
	s.cancel()
	s.cancel = nil
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("run returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("run did not return after cancel")
	}
}

func listenAddr(logs string) string { return logAddr(logs, "listening") }

// logAddr returns the addr of the first log line with message msg.
func logAddr(logs, msg string) string {
	sc := bufio.NewScanner(strings.NewReader(logs))
	for sc.Scan() {
		var line struct {
			Msg  string `json:"msg"`
			Addr string `json:"addr"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == msg {
			return line.Addr
		}
	}
	return ""
}

// waitForLog polls found with the logs so far until it returns a value.
func waitForLog(t testing.TB, logs *syncBuffer, found func(string) string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if v := found(logs.String()); v != "" {
			return v
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out; logs:\n%s", logs.String())
	return ""
}

// env is a getenv over m.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// cli runs `rungs args...` on the SQLite database at dbPath.
func cli(t *testing.T, dbPath, stdin string, args ...string) (string, error) {
	t.Helper()
	var out strings.Builder
	err := run(context.Background(), args, env(map[string]string{"RUNGS_SQLITE_PATH": dbPath}), strings.NewReader(stdin), &out, io.Discard)
	return out.String(), err
}

// writeTemp writes data to a file called name in a new temp directory.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func getJSON(t *testing.T, url string, out any) int {
	t.Helper()
	return sendJSON(t, http.MethodGet, url, "", "", out)
}

// sendJSON sends body (none when empty) with the bearer token (none when
// empty), decodes the answer into out unless it is nil, and returns the status.
func sendJSON(t testing.TB, method, url, token, body string, out any) int {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: decode: %v", method, url, err)
		}
	}
	return resp.StatusCode
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
