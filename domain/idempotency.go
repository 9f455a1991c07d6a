package domain

import "time"

// Idempotency-Key rules.
const (
	MaxIdempotencyKeyLength = 255
	// IdempotencyTTL is how long a first answer is kept for replay.
	IdempotencyTTL = 24 * time.Hour
)

// StoredAnswer is the first answer to a request sent with an
// Idempotency-Key, replayed on a retry of the same request.
type StoredAnswer struct {
	RequestHash string
	Status      int
	Headers     map[string]string
	Body        []byte
}
