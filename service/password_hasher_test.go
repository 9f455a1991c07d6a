package service

import (
	"context"
	"strings"
	"testing"
)

var cheapArgon2 = Argon2Params{Memory: 64, Time: 1, Threads: 1}

func TestPasswordHasherRoundTrip(t *testing.T) {
	ctx := context.Background()
	h := NewPasswordHasher(cheapArgon2)
	enc, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") || strings.Contains(enc, "horse") {
		t.Fatalf("encoding %q", enc)
	}
	again, _ := h.Hash(ctx, "correct horse battery")
	if again == enc {
		t.Fatal("same hash twice: salt not random")
	}
	for pw, want := range map[string]bool{"correct horse battery": true, "correct horse batterY": false, "": false} {
		if ok, err := h.Verify(ctx, pw, enc); ok != want || err != nil {
			t.Fatalf("Verify(%q) = %v, %v", pw, ok, err)
		}
	}
	// A hash made with other parameters still verifies: they travel with it.
	other := NewPasswordHasher(Argon2Params{Memory: 128, Time: 2, Threads: 2})
	if ok, _ := other.Verify(ctx, "correct horse battery", enc); !ok {
		t.Fatal("parameters not read from the hash")
	}
}

func TestPasswordHasherRefusesMalformedHashes(t *testing.T) {
	h := NewPasswordHasher(cheapArgon2)
	good, _ := h.Hash(context.Background(), "x")
	parts := strings.Split(good, "$")
	for _, bad := range []string{
		"", "plain", "$argon2i$v=19$m=64,t=1,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=18$m=64,t=1,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=4194304,t=1,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=64,t=1000,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=64,t=1,p=1$!!$" + parts[5],
		"$argon2id$v=19$m=64,t=1,p=1$" + parts[4] + "$",
	} {
		if ok, err := h.Verify(context.Background(), "x", bad); ok || err == nil {
			t.Fatalf("Verify accepted %q", bad)
		}
	}
}

func TestPasswordHasherStopsWaitingWhenTheRequestEnds(t *testing.T) {
	h := NewPasswordHasher(cheapArgon2)
	for i := 0; i < cap(h.slots); i++ {
		h.slots <- struct{}{}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "x"); err == nil {
		t.Fatal("hashed with every slot taken and the context done")
	}
}

func TestDummyHashIsWellFormedAndMatchesNothing(t *testing.T) {
	ctx := context.Background()
	h := NewPasswordHasher(cheapArgon2)
	d, err := h.DummyHash()
	if err != nil {
		t.Fatal(err)
	}
	real, _ := h.Hash(ctx, "x")
	if strings.Count(d, "$") != strings.Count(real, "$") || len(d) != len(real) || !strings.HasPrefix(d, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("dummy %q does not look like %q", d, real)
	}
	for _, pw := range []string{"", "x", "correct horse battery"} {
		if ok, err := h.Verify(ctx, pw, d); ok || err != nil {
			t.Fatalf("Verify(%q) = %v, %v", pw, ok, err)
		}
	}
}
