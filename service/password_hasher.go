package service

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2Params are argon2id's cost parameters.
type Argon2Params struct {
	// Memory in KiB.
	Memory  uint32
	Time    uint32
	Threads uint8
}

// DefaultArgon2 is OWASP's first recommended argon2id configuration:
// 19 MiB, two passes, one lane.
var DefaultArgon2 = Argon2Params{Memory: 19 * 1024, Time: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
)

var b64 = base64.RawStdEncoding

// PasswordHasher hashes and verifies passwords with argon2id, in the PHC
// string format so that a hash carries its own parameters and old hashes
// still verify after the defaults change. At most a few hashes run at once:
// each takes Memory KiB, and a burst of logins must not exhaust the process.
type PasswordHasher struct {
	params Argon2Params
	slots  chan struct{}
}

// NewPasswordHasher returns a hasher with params.
func NewPasswordHasher(params Argon2Params) *PasswordHasher {
	return &PasswordHasher{params: params, slots: make(chan struct{}, max(2, 2*runtime.GOMAXPROCS(0)))}
}

// Params returns the parameters new hashes use.
func (h *PasswordHasher) Params() Argon2Params { return h.params }

// Hash returns the encoded argon2id hash of pw with a fresh salt.
func (h *PasswordHasher) Hash(ctx context.Context, pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := h.derive(ctx, pw, salt, h.params, keyLen)
	if err != nil {
		return "", err
	}
	return encodeHash(h.params, salt, key), nil
}

// DummyHash returns a well-formed hash with this hasher's cost that no
// password matches: verifying against it costs what a real check costs,
// without paying for a hash (and its memory) up front.
func (h *PasswordHasher) DummyHash() (string, error) {
	salt, key := make([]byte, saltLen), make([]byte, keyLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	if _, err := rand.Read(key); err != nil {
		return "", err
	}
	return encodeHash(h.params, salt, key), nil
}

func encodeHash(p Argon2Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Verify reports whether pw matches encoded, in time independent of where they differ.
func (h *PasswordHasher) Verify(ctx context.Context, pw, encoded string) (bool, error) {
	p, salt, want, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got, err := h.derive(ctx, pw, salt, p, uint32(len(want)))
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

func (h *PasswordHasher) derive(ctx context.Context, pw string, salt []byte, p Argon2Params, n uint32) ([]byte, error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.slots }()
	return argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, n), nil
}

var errBadHash = errors.New("password hash is not a well-formed argon2id hash")

// decodeHash parses $argon2id$v=19$m=..,t=..,p=..$salt$key, refusing
// parameters so large that verifying would exhaust the machine.
func decodeHash(s string) (Argon2Params, []byte, []byte, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return Argon2Params{}, nil, nil, errBadHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return Argon2Params{}, nil, nil, errBadHash
	}
	var p Argon2Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return Argon2Params{}, nil, nil, errBadHash
	}
	if p.Memory < 8*uint32(p.Threads) || p.Memory > 1<<20 || p.Time < 1 || p.Time > 32 || p.Threads < 1 || p.Threads > 16 {
		return Argon2Params{}, nil, nil, errBadHash
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return Argon2Params{}, nil, nil, errBadHash
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return Argon2Params{}, nil, nil, errBadHash
	}
	return p, salt, key, nil
}
