package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// testRedis connects to RUNGS_TEST_REDIS_URL (default the local Redis);
// outside CI a missing Redis skips, in CI it fails.
func testRedis(t *testing.T) *redis.Client {
	t.Helper()
	u := os.Getenv("RUNGS_TEST_REDIS_URL")
	if u == "" {
		u = "redis://127.0.0.1:6379/0"
	}
	opts, err := redis.ParseURL(u)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opts)
	t.Cleanup(func() { _ = c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but Redis at %s does not answer: %v", u, err)
		}
		t.Skipf("Redis at %s does not answer: %v", u, err)
	}
	return c
}

func uniqueName(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + "-" + hex.EncodeToString(b)
}

// Two processes using one Redis share one budget per address.
func TestSharedRateLimitsAcrossProcesses(t *testing.T) {
	a := NewSharedLimits(testRedis(t), slog.New(slog.DiscardHandler), nil)
	b := NewSharedLimits(testRedis(t), slog.New(slog.DiscardHandler), nil)
	name := uniqueName("test")
	la, lb := a(name, 3, 3), b(name, 3, 3)
	for i, l := range []Limiter{la, la, lb} {
		if ok, _ := l.Allow("203.0.113.7"); !ok {
			t.Fatalf("request %d refused within the burst", i)
		}
	}
	for _, l := range []Limiter{lb, la} {
		if ok, retry := l.Allow("203.0.113.7"); ok || retry < 1 {
			t.Fatalf("over the shared budget: allowed %v, retry %d", ok, retry)
		}
	}
	if ok, _ := la.Allow("198.51.100.9"); !ok {
		t.Fatal("another address shares the budget")
	}
}

// With Redis gone, requests are still limited, by this process alone, and
// the log says so once.
func TestSharedRateLimitsFallBackWhenRedisIsDown(t *testing.T) {
	dead := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", DialTimeout: 20 * time.Millisecond, MaxRetries: -1})
	t.Cleanup(func() { _ = dead.Close() })
	logs := &logBuffer{}
	l := NewSharedLimits(dead, slog.New(slog.NewJSONHandler(logs, nil)), nil)("test", 2, 2)
	got := []bool{}
	for range 3 {
		ok, _ := l.Allow("203.0.113.7")
		got = append(got, ok)
	}
	if !got[0] || !got[1] || got[2] {
		t.Fatalf("fallback limiter answered %v, want allow, allow, refuse", got)
	}
	if n := strings.Count(logs.String(), "rate limits fall back to this process"); n != 1 {
		t.Fatalf("warned %d times:\n%s", n, logs)
	}
}

// Through HTTP: two servers sharing Redis refuse the third transfer-map
// request of one address with a burst of two, whichever server gets it.
func TestTransferMapLimitSharedByTwoServers(t *testing.T) {
	name := uniqueName("transfer")
	shared := func() LimiterFactory {
		f := NewSharedLimits(testRedis(t), slog.New(slog.DiscardHandler), nil)
		return func(_ string, perMinute float64, burst int) Limiter { return f(name, perMinute, burst) }
	}
	f1 := newTransferServerWith(t, Config{TransferMapPerMinute: 2, TransferMapBurst: 2}, shared())
	f2 := newTransferServerWith(t, Config{TransferMapPerMinute: 2, TransferMapBurst: 2}, shared())
	body := `{"experiences":[{"background":"teaching","years":3}]}`
	for i, h := range []http.Handler{f1.strict, f2.strict, f1.strict} {
		rec := postJSON(h, "/v1/transfer-map", "application/json", body)
		want := http.StatusOK
		if i == 2 {
			want = http.StatusTooManyRequests
		}
		if rec.Code != want {
			t.Fatalf("request %d: %d, want %d", i, rec.Code, want)
		}
	}
}
