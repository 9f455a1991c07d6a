package service

import (
	"strings"
	"testing"
)

// The lock-out table must not let anyone who reads it confirm which emails
// were tried: its key is keyed with the process secret.
func TestLockoutKeyIsKeyedWithTheSecret(t *testing.T) {
	a := &Auth{cfg: AuthConfig{Secret: []byte(strings.Repeat("a", 32))}}
	b := &Auth{cfg: AuthConfig{Secret: []byte(strings.Repeat("b", 32))}}
	email := "ada@example.org"
	ka := a.accountKey(email)
	if ka != a.accountKey(email) {
		t.Fatal("key not stable")
	}
	if ka == b.accountKey(email) || ka == hashToken("login:"+email) || ka == hashToken(email) {
		t.Fatal("key does not depend on the secret")
	}
	if strings.Contains(ka, "ada") || len(ka) != 64 {
		t.Fatalf("key %q", ka)
	}
}
