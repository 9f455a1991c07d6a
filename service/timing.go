package service

import (
	"context"
	"slices"
	"sync"
	"time"
)

// durationEstimate is the median of the last few durations of something,
// robust to one slow first run or a pause.
type durationEstimate struct {
	mu   sync.Mutex
	last [31]time.Duration
	n    int
}

func (e *durationEstimate) observe(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.last[e.n%len(e.last)] = d
	e.n++
}

func (e *durationEstimate) get() time.Duration {
	e.mu.Lock()
	n := min(e.n, len(e.last))
	ds := slices.Clone(e.last[:n])
	e.mu.Unlock()
	if n == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[(n-1)/2]
}

// sleepCtx waits d (nothing when d <= 0) or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
