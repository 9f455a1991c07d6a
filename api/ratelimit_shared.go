package api

import (
	"context"
	"log/slog"
	"math"
	"sync"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// Limiter takes a token for a key (a client address, an account): false
// with the whole seconds to wait when none is left.
type Limiter interface {
	Allow(key string) (bool, int)
}

// LimiterFactory builds the limiter of one budget, named so that budgets
// never share tokens.
type LimiterFactory func(name string, perMinute float64, burst int) Limiter

// sharedTimeout bounds one Redis call: a slow Redis never slows a request
// by more than this before the process's own limiter decides.
const sharedTimeout = 50 * time.Millisecond

// NewSharedLimits enforces each budget across every process that uses the
// same Redis, with GCRA (github.com/go-redis/redis_rate). When Redis does
// not answer, each process limits on its own until it does, and says so in
// the log at most once a minute.
func NewSharedLimits(client *redis.Client, log *slog.Logger, now func() time.Time) LimiterFactory {
	rl := redis_rate.NewLimiter(client)
	warn := &onceAMinute{logger: log}
	return func(name string, perMinute float64, burst int) Limiter {
		return &sharedLimiter{
			redis: rl, name: name, warn: warn,
			limit: redis_rate.Limit{Rate: max(1, int(math.Round(perMinute))), Burst: max(1, burst), Period: time.Minute},
			local: NewRateLimiter(perMinute, burst, now),
		}
	}
}

type sharedLimiter struct {
	redis *redis_rate.Limiter
	name  string
	limit redis_rate.Limit
	local *RateLimiter
	warn  *onceAMinute
}

func (l *sharedLimiter) Allow(key string) (bool, int) {
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	res, err := l.redis.Allow(ctx, "rungs:limit:"+l.name+":"+key, l.limit)
	if err != nil {
		l.warn.warn("rate limits fall back to this process: Redis does not answer", err)
		return l.local.Allow(key)
	}
	if res.Allowed > 0 {
		return true, 0
	}
	return false, max(1, int(math.Ceil(res.RetryAfter.Seconds())))
}

// onceAMinute logs a warning at most once a minute.
type onceAMinute struct {
	logger *slog.Logger
	mu     sync.Mutex
	last   time.Time
}

func (o *onceAMinute) warn(msg string, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if time.Since(o.last) < time.Minute {
		return
	}
	o.last = time.Now()
	o.logger.Warn(msg, slog.String("error", err.Error()))
}
