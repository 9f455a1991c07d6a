package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSIGTERMLetsAnInFlightRequestFinish builds the real binary, starts a
// request whose body is still arriving, sends SIGTERM, then completes the
// body: the request must get its answer and the process must exit 0.
func TestSIGTERMLetsAnInFlightRequestFinish(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "rungs")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	logs := &syncBuffer{}
	cmd := exec.Command(bin)
	cmd.Env = []string{"RUNGS_ADDR=127.0.0.1:0", "RUNGS_METRICS_ADDR=127.0.0.1:0", "RUNGS_SQLITE_PATH=" + filepath.Join(dir, "rungs.db"), "PATH=/usr/bin:/bin"}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	addr := waitForLog(t, logs, func(l string) string { return listenAddr(l) })
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Expect: 100-continue makes the server say "100 Continue" only once the
	// handler starts reading the body: from then on the request is in flight.
	// (A request whose headers are read after shutdown began is dropped by
	// net/http, so waiting for the accept alone is not enough.)
	body := `{"experiences":[{"background":"hospitality","years":3}]}`
	fmt.Fprintf(conn, "POST /v1/transfer-map HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: %d\r\n\r\n", len(body))
	br := bufio.NewReader(conn)
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	cont, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("no 100 Continue: %v", err)
	}
	if cont.StatusCode != http.StatusContinue {
		t.Fatalf("status %d before the body was sent", cont.StatusCode)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitForLog(t, logs, func(l string) string {
		if strings.Contains(l, `"msg":"shutting down"`) {
			return "yes"
		}
		return ""
	})
	if _, err := conn.Write([]byte(body)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("no response after SIGTERM: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("process did not exit")
	}
}
