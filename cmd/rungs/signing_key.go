package main

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"strings"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/service"
)

// jwtSecretSetting is where earlier versions kept a generated signing
// secret, in the settings table; it is moved out at the first start.
const jwtSecretSetting = "jwt_secret"

const (
	secretFilePlain     = "rungs-signing-secret-v1 plain "
	secretFileEncrypted = "rungs-signing-secret-v1 aes-256-gcm "
)

// errSecretRequired is the one line a PostgreSQL start without a secret gets.
var errSecretRequired = errors.New("RUNGS_JWT_SECRET (or RUNGS_JWT_SECRET_FILE) is required with PostgreSQL (DATABASE_URL): set 32 or more random bytes, for example from `openssl rand -base64 48`")

// weakSecret says why s is too weak to sign tokens, or "".
func weakSecret(s string) string {
	if len(s) < 32 {
		return "must be at least 32 bytes"
	}
	distinct := map[byte]bool{}
	for i := 0; i < len(s); i++ {
		distinct[s[i]] = true
	}
	if len(distinct) < 8 || float64(len(s))*math.Log2(float64(len(distinct))) < 128 {
		return "is too repetitive to be random; use 32 or more random bytes"
	}
	return ""
}

// signingSecrets returns the secret that signs access tokens and the
// previous one that still verifies. With PostgreSQL the secret must come
// from the environment. With the embedded SQLite database it may be
// generated at the first start and kept in a file beside the database
// (mode 0600), encrypted with RUNGS_SECRET_KEY when that is set. It is
// never kept in a table: a secret found in the settings table by an
// earlier version is moved to the file (SQLite) and deleted.
func signingSecrets(ctx context.Context, cfg config, db *repository.DB, log *slog.Logger) (current, previous []byte, err error) {
	settings := repository.NewSettings(db)
	legacy, err := settings.Get(ctx, jwtSecretSetting)
	if err != nil && !errors.Is(err, repository.ErrSettingNotFound) {
		return nil, nil, fmt.Errorf("read settings: %w", err)
	}
	secret := cfg.JWTSecret
	switch {
	case secret != "":
	case cfg.DatabaseURL != "":
		return nil, nil, errSecretRequired
	default:
		path := secretFilePath(cfg)
		if secret, err = loadOrCreateSecretFile(path, cfg.SecretKey, legacy); err != nil {
			return nil, nil, err
		}
	}
	if legacy != "" {
		if err := settings.Delete(ctx, jwtSecretSetting); err != nil {
			return nil, nil, fmt.Errorf("remove the signing secret from the settings table: %w", err)
		}
		log.Warn("removed a signing secret stored in the settings table by an earlier version",
			slog.Bool("moved_to_file", cfg.JWTSecret == "" && cfg.DatabaseURL == ""))
	}
	if cfg.JWTSecretPrevious != "" {
		previous = []byte(cfg.JWTSecretPrevious)
	}
	return []byte(secret), previous, nil
}

// secretFilePath is beside the SQLite database.
func secretFilePath(cfg config) string { return cfg.SQLitePath + ".signing-secret" }

// loadOrCreateSecretFile reads the secret kept at path, or creates the file
// with legacy (when an earlier version stored one) or a new random secret.
func loadOrCreateSecretFile(path, key, legacy string) (string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		secret := legacy
		if secret == "" {
			secret = service.GenerateSecret()
		}
		if err := writeSecretFile(path, key, secret); err != nil {
			if errors.Is(err, fs.ErrExist) {
				// Another process created it first: use that one.
				return loadOrCreateSecretFile(path, key, "")
			}
			return "", fmt.Errorf("create the signing secret file %s: %w", path, err)
		}
		return secret, nil
	}
	if err != nil {
		return "", fmt.Errorf("read the signing secret file %s: %w", path, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if st.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("the signing secret file %s is readable by others (mode %v): run chmod 600 on it", path, st.Mode().Perm())
	}
	text := strings.TrimSpace(string(data))
	switch {
	case strings.HasPrefix(text, secretFileEncrypted):
		if key == "" {
			return "", fmt.Errorf("the signing secret file %s is encrypted: set RUNGS_SECRET_KEY to the key it was written with", path)
		}
		secret, err := decryptSecret(key, strings.TrimPrefix(text, secretFileEncrypted))
		if err != nil {
			return "", fmt.Errorf("the signing secret file %s does not decrypt with RUNGS_SECRET_KEY: %w", path, err)
		}
		return secret, nil
	case strings.HasPrefix(text, secretFilePlain):
		secret := strings.TrimPrefix(text, secretFilePlain)
		if key != "" {
			// RUNGS_SECRET_KEY was set since: encrypt the file in place.
			if err := replaceSecretFile(path, key, secret); err != nil {
				return "", err
			}
		}
		return secret, nil
	}
	return "", fmt.Errorf("the signing secret file %s is not one Rungs wrote; move it away to generate a new secret", path)
}

func secretFileContent(key, secret string) (string, error) {
	if key == "" {
		return secretFilePlain + secret + "\n", nil
	}
	sealed, err := encryptSecret(key, secret)
	if err != nil {
		return "", err
	}
	return secretFileEncrypted + sealed + "\n", nil
}

// writeSecretFile creates path (never overwriting one) with mode 0600.
func writeSecretFile(path, key, secret string) error {
	content, err := secretFileContent(key, secret)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(content); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// replaceSecretFile rewrites path atomically (a new file renamed over it).
func replaceSecretFile(path, key, secret string) error {
	tmp := path + ".new"
	_ = os.Remove(tmp)
	if err := writeSecretFile(tmp, key, secret); err != nil {
		return fmt.Errorf("encrypt the signing secret file %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("encrypt the signing secret file %s: %w", path, err)
	}
	return nil
}

func secretAEAD(key string) (cipher.AEAD, error) {
	k := sha256.Sum256([]byte(key))
	block, err := aes.NewCipher(k[:])
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func encryptSecret(key, secret string) (string, error) {
	aead, err := secretAEAD(key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	sealed := aead.Seal(nonce, nonce, []byte(secret), []byte(secretFileEncrypted))
	return base64.RawStdEncoding.EncodeToString(sealed), nil
}

func decryptSecret(key, text string) (string, error) {
	aead, err := secretAEAD(key)
	if err != nil {
		return "", err
	}
	raw, err := base64.RawStdEncoding.DecodeString(text)
	if err != nil || len(raw) < aead.NonceSize() {
		return "", errors.New("the file is damaged")
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(secretFileEncrypted))
	if err != nil {
		return "", errors.New("wrong key or damaged file")
	}
	return string(plain), nil
}
