package service

import (
	"strings"
	"testing"
)

func TestSecretBox(t *testing.T) {
	b, err := NewSecretBox("a key of at least thirty-two bytes long", "webhook signing secret")
	if err != nil {
		t.Fatal(err)
	}
	sealed := b.Seal("whsec_abc")
	if !strings.HasPrefix(sealed, sealedPrefix) || strings.Contains(sealed, "abc") || sealed == b.Seal("whsec_abc") {
		t.Fatalf("sealed %q: not sealed, or the same twice", sealed)
	}
	if got, err := b.Open(sealed); err != nil || got != "whsec_abc" {
		t.Fatalf("open: %q %v", got, err)
	}
	if got, err := b.Open("whsec_plain"); err != nil || got != "whsec_plain" {
		t.Fatalf("a value stored before the key: %q %v", got, err)
	}
	other, _ := NewSecretBox("another key of at least thirty-two bytes", "webhook signing secret")
	otherUse, _ := NewSecretBox("a key of at least thirty-two bytes long", "something else")
	var none *SecretBox
	for name, box := range map[string]*SecretBox{"another key": other, "another purpose": otherUse, "no key": none} {
		if _, err := box.Open(sealed); err == nil {
			t.Errorf("%s opened it", name)
		}
	}
	if _, err := b.Open(sealedPrefix + "!!"); err == nil {
		t.Error("a malformed value opened")
	}
	if none.Seal("x") != "x" || b.Seal("") != "" {
		t.Error("a nil box or an empty secret changed")
	}
}
