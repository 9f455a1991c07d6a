package service

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
)

// SecretBox encrypts secrets Rungs must read back (webhook signing
// secrets) with AES-256-GCM under a key from RUNGS_SECRET_KEY, so that a
// copy of the database alone does not reveal them. A nil box stores them
// as they are.
type SecretBox struct {
	aead cipher.AEAD
	aad  []byte
}

// sealedPrefix marks a sealed value; a value without it was stored before
// a key was set and is read as it is.
const sealedPrefix = "sealed:v1:"

// NewSecretBox derives the AES key from key (SHA-256); purpose binds the
// ciphertexts to one use, so one cannot stand in for another.
func NewSecretBox(key, purpose string) (*SecretBox, error) {
	if key == "" {
		return nil, errors.New("a secret key is required")
	}
	k := sha256.Sum256([]byte(key))
	block, err := aes.NewCipher(k[:])
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &SecretBox{aead: aead, aad: []byte(purpose)}, nil
}

// Seal encrypts s; "" stays "".
func (b *SecretBox) Seal(s string) string {
	if b == nil || s == "" {
		return s
	}
	nonce := make([]byte, b.aead.NonceSize())
	_, _ = rand.Read(nonce)
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(b.aead.Seal(nonce, nonce, []byte(s), b.aad))
}

// Open decrypts a sealed value; a value stored unsealed is returned as it
// is. A sealed value without the key, or under another key, is an error.
func (b *SecretBox) Open(s string) (string, error) {
	if !strings.HasPrefix(s, sealedPrefix) {
		return s, nil
	}
	if b == nil {
		return "", errors.New("secret is sealed and no RUNGS_SECRET_KEY is set")
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(s, sealedPrefix))
	n := b.aead.NonceSize()
	if err != nil || len(raw) < n {
		return "", errors.New("sealed secret is malformed")
	}
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], b.aad)
	if err != nil {
		return "", errors.New("sealed secret does not open with RUNGS_SECRET_KEY (was the key changed?)")
	}
	return string(plain), nil
}
