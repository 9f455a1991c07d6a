package main

import (
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/repository/repotest"
)

// tcpProxy forwards a local port to PostgreSQL and can cut every connection,
// which to the server looks like the database going away.
type tcpProxy struct {
	addr, target string
	mu           sync.Mutex
	ln           net.Listener
	conns        []net.Conn
}

func (p *tcpProxy) start(t *testing.T) {
	t.Helper()
	addr := p.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var ln net.Listener
	var err error
	// The port was ours a moment ago; the kernel may hold it briefly.
	for i := 0; i < 100; i++ {
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("proxy listen: %v", err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				_ = c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); _ = up.Close() }()
			go func() { _, _ = io.Copy(c, up); _ = c.Close() }()
		}
	}()
}

func (p *tcpProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.ln.Close()
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
}

// waitForStatus polls url until it answers want, within a bounded deadline:
// the pool notices a dead or revived server on its next attempt, not at once.
func waitForStatus(t *testing.T, url string, want int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	last := 0
	for time.Now().Before(deadline) {
		if last = getJSON(t, url, nil); last == want {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s answered %d, want %d", url, last, want)
}

func TestServesFromPostgresAndReadyzFollowsIt(t *testing.T) {
	raw := repotest.PostgresURL(t)
	if raw == "" {
		t.Skip("RUNGS_TEST_POSTGRES_URL not set")
	}
	schemaURL := repotest.SchemaURL(t, raw)
	u, err := url.Parse(schemaURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := &tcpProxy{target: u.Host}
	proxy.start(t)
	t.Cleanup(proxy.cut)
	u.Host = proxy.addr
	q := u.Query()
	q.Set("connect_timeout", "1")
	u.RawQuery = q.Encode()

	s := startServer(t, map[string]string{"DATABASE_URL": u.String(), "RUNGS_JWT_SECRET": testJWTSecret})
	waitForStatus(t, s.URL+"/readyz", 200)

	proxy.cut()
	waitForStatus(t, s.URL+"/readyz", 503)

	proxy.start(t)
	waitForStatus(t, s.URL+"/readyz", 200)
}
