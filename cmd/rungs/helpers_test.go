package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
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

// startServer boots run() with env over a temp SQLite database and port 0
// and waits for its "listening" log line.
func startServer(t *testing.T, env map[string]string) *testServer {
	t.Helper()
	full := map[string]string{
		"RUNGS_ADDR":        "127.0.0.1:0",
		"RUNGS_SQLITE_PATH": filepath.Join(t.TempDir(), "rungs.db"),
		"RUNGS_LOG_LEVEL":   "info",
	}
	for k, v := range env {
		full[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &testServer{Logs: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		s.done <- run(ctx, nil, func(k string) string { return full[k] }, strings.NewReader(""), io.Discard, s.Logs)
	}()
	t.Cleanup(func() { s.Stop(t) })
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if addr := listenAddr(s.Logs.String()); addr != "" {
			s.URL = "http://" + addr
			return s
		}
		select {
		case err := <-s.done:
			t.Fatalf("run returned before listening: %v\n%s", err, s.Logs.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("server did not start:\n%s", s.Logs.String())
	return nil
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

func listenAddr(logs string) string {
	sc := bufio.NewScanner(strings.NewReader(logs))
	for sc.Scan() {
		var line struct {
			Msg  string `json:"msg"`
			Addr string `json:"addr"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
			return line.Addr
		}
	}
	return ""
}

func getJSON(t *testing.T, url string, out any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("GET %s: decode: %v", url, err)
		}
	}
	return resp.StatusCode
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
