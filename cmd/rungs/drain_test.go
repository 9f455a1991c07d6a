package main

import (
	"net/http"
	"testing"
	"time"
)

// Asked to stop, the process answers /readyz 503 at once while it still
// serves requests, then closes its listener and returns without error.
func TestShutdownTurnsReadyzOffFirst(t *testing.T) {
	s := startServer(t, map[string]string{"RUNGS_SHUTDOWN_DRAIN": "1500ms"})
	if code := getJSON(t, s.URL+"/readyz", nil); code != http.StatusOK {
		t.Fatalf("readyz %d before the stop", code)
	}
	s.cancel()
	s.cancel = nil
	deadline := time.Now().Add(time.Second)
	for {
		resp, err := http.Get(s.URL + "/readyz")
		if err != nil {
			t.Fatalf("not serving during the drain: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("readyz still %d after the stop", resp.StatusCode)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if code := getJSON(t, s.URL+"/healthz", nil); code != http.StatusOK {
		t.Fatalf("healthz %d during the drain", code)
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Fatalf("run returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after the drain")
	}
}
