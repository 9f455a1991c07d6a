package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// config is the whole process configuration, filled from environment
// variables with the defaults below and validated before anything starts.
type config struct {
	Addr              string
	DatabaseURL       string
	SQLitePath        string
	LogLevel          slog.Level
	CORSOrigins       []string
	BodyLimit         int64
	DBMaxOpenConns    int
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	ShutdownTimeout   time.Duration
	ShutdownDrain     time.Duration
	TransferMapRate   float64
	TransferMapBurst  int
	AuthRate          float64
	AuthBurst         int
	TrustProxyHeaders bool
	JWTSecret         string
	JWTSecretFile     string
	JWTSecretPrevious string
	SecretKey         string
	MetricsAddr       string
	MetricsToken      string
	AccessTokenTTL    time.Duration
	RefreshTokenTTL   time.Duration
	LoginMaxFailures  int
	LoginLockout      time.Duration
	// Webhooks: private and plain-http receivers allowed; deliveries at once.
	WebhookAllowPrivate bool
	WebhookWorkers      int
	// RedisURL, when set, shares the rate limits of every process.
	RedisURL string
}

// setting describes one environment variable for loading and for --help.
type setting struct {
	env, def, help string
	set            func(c *config, v string) error
}

func settings() []setting {
	return []setting{
		{"RUNGS_ADDR", ":8080", "listen address", func(c *config, v string) error { c.Addr = v; return nil }},
		{"DATABASE_URL", "", "postgres://... for PostgreSQL; empty for the embedded SQLite file", func(c *config, v string) error {
			if v != "" && !strings.HasPrefix(v, "postgres://") && !strings.HasPrefix(v, "postgresql://") {
				return fmt.Errorf("must start with postgres:// or be empty")
			}
			c.DatabaseURL = v
			return nil
		}},
		{"RUNGS_SQLITE_PATH", "rungs.db", "SQLite database file when DATABASE_URL is empty", func(c *config, v string) error {
			if v == "" {
				return fmt.Errorf("must not be empty")
			}
			c.SQLitePath = v
			return nil
		}},
		{"RUNGS_LOG_LEVEL", "info", "debug, info, warn or error", func(c *config, v string) error {
			return c.LogLevel.UnmarshalText([]byte(v))
		}},
		{"RUNGS_CORS_ORIGINS", "", "comma-separated origins allowed to call the API from a browser", func(c *config, v string) error {
			c.CORSOrigins = nil
			for _, o := range strings.Split(v, ",") {
				if o = strings.TrimSpace(o); o == "" {
					continue
				}
				if o != "*" && !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
					return fmt.Errorf("origin %q must start with http:// or https://", o)
				}
				c.CORSOrigins = append(c.CORSOrigins, o)
			}
			return nil
		}},
		{"RUNGS_BODY_LIMIT", "1MiB", "largest request body (bytes, or with KiB/MiB)", func(c *config, v string) (err error) {
			c.BodyLimit, err = parseSize(v)
			return err
		}},
		{"RUNGS_DB_MAX_OPEN_CONNS", "10", "PostgreSQL pool size", intSetting(func(c *config) *int { return &c.DBMaxOpenConns }, 1, 1000)},
		{"RUNGS_READ_TIMEOUT", "15s", "server read timeout", durSetting(func(c *config) *time.Duration { return &c.ReadTimeout })},
		{"RUNGS_WRITE_TIMEOUT", "30s", "server write timeout", durSetting(func(c *config) *time.Duration { return &c.WriteTimeout })},
		{"RUNGS_IDLE_TIMEOUT", "120s", "keep-alive idle timeout", durSetting(func(c *config) *time.Duration { return &c.IdleTimeout })},
		{"RUNGS_SHUTDOWN_TIMEOUT", "20s", "how long in-flight requests may finish after SIGTERM", durSetting(func(c *config) *time.Duration { return &c.ShutdownTimeout })},
		{"RUNGS_SHUTDOWN_DRAIN", "2s", "after SIGTERM, how long /readyz answers 503 while requests are still served, before the listener closes (at most half of RUNGS_SHUTDOWN_TIMEOUT); 0s for none", func(c *config, v string) error {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				return fmt.Errorf("must be a duration of 0s or more, such as 2s")
			}
			c.ShutdownDrain = d
			return nil
		}},
		{"RUNGS_TRANSFER_MAP_RATE", "60", "anonymous transfer-map requests per minute per client IP", floatSetting(func(c *config) *float64 { return &c.TransferMapRate })},
		{"RUNGS_TRANSFER_MAP_BURST", "20", "burst of transfer-map requests per client IP", intSetting(func(c *config) *int { return &c.TransferMapBurst }, 1, 100000)},
		{"RUNGS_AUTH_RATE", "30", "signup, login and refresh requests per minute per client IP", floatSetting(func(c *config) *float64 { return &c.AuthRate })},
		{"RUNGS_AUTH_BURST", "10", "burst of auth requests per client IP", intSetting(func(c *config) *int { return &c.AuthBurst }, 1, 100000)},
		{"RUNGS_TRUST_PROXY_HEADERS", "false", "take the client IP from X-Forwarded-For (only behind a trusted proxy)", func(c *config, v string) (err error) {
			c.TrustProxyHeaders, err = strconv.ParseBool(v)
			return err
		}},
		{"RUNGS_JWT_SECRET", "", "HS256 signing secret, 32+ random bytes; required with PostgreSQL; empty with SQLite: generated once into a file beside the database", func(c *config, v string) error {
			if v != "" {
				if why := weakSecret(v); why != "" {
					return errors.New(why)
				}
			}
			c.JWTSecret = v
			return nil
		}},
		{"RUNGS_JWT_SECRET_FILE", "", "file holding the signing secret, instead of RUNGS_JWT_SECRET", func(c *config, v string) error { c.JWTSecretFile = v; return nil }},
		{"RUNGS_JWT_SECRET_PREVIOUS", "", "the signing secret before a rotation: tokens it signed verify until they expire", func(c *config, v string) error {
			if v != "" {
				if why := weakSecret(v); why != "" {
					return errors.New(why)
				}
			}
			c.JWTSecretPrevious = v
			return nil
		}},
		{"RUNGS_SECRET_KEY", "", "key (32+ bytes) that encrypts the generated signing secret file (SQLite) and seals webhook signing secrets in the database", func(c *config, v string) error {
			if v != "" {
				if why := weakSecret(v); why != "" {
					return errors.New(why)
				}
			}
			c.SecretKey = v
			return nil
		}},
		{"RUNGS_ACCESS_TOKEN_TTL", "15m", "access token lifetime", durSetting(func(c *config) *time.Duration { return &c.AccessTokenTTL })},
		{"RUNGS_REFRESH_TOKEN_TTL", "720h", "refresh token lifetime", durSetting(func(c *config) *time.Duration { return &c.RefreshTokenTTL })},
		{"RUNGS_LOGIN_MAX_FAILURES", "5", "wrong passwords allowed per account and client address before delays start (1s, 2s, 4s, ...)", intSetting(func(c *config) *int { return &c.LoginMaxFailures }, 1, 1000)},
		{"RUNGS_LOGIN_LOCKOUT", "15m", "longest delay between login attempts after wrong passwords", durSetting(func(c *config) *time.Duration { return &c.LoginLockout })},
		{"RUNGS_WEBHOOK_ALLOW_PRIVATE", "false", "let webhooks use http and private, loopback or link-local addresses (tests and private deployments only)", func(c *config, v string) (err error) {
			c.WebhookAllowPrivate, err = strconv.ParseBool(v)
			return err
		}},
		{"RUNGS_WEBHOOK_WORKERS", "16", "webhook deliveries this process makes at once; 0: it delivers none (another process does)", intSetting(func(c *config) *int { return &c.WebhookWorkers }, 0, 256)},
		{"RUNGS_REDIS_URL", "", "redis:// or rediss:// URL: rate limits are shared by every process using it; empty: each process limits on its own", func(c *config, v string) error {
			if v != "" {
				if _, err := redis.ParseURL(v); err != nil {
					return fmt.Errorf("must be a redis:// or rediss:// URL")
				}
			}
			c.RedisURL = v
			return nil
		}},
		{"RUNGS_METRICS_ADDR", "127.0.0.1:9090", "separate listener for /metrics (loopback by default); \"off\" for none", func(c *config, v string) error {
			if v != "off" {
				if _, _, err := net.SplitHostPort(v); err != nil {
					return fmt.Errorf("must be host:port or off")
				}
			}
			c.MetricsAddr = v
			return nil
		}},
		{"RUNGS_METRICS_TOKEN", "", "bearer token that opens /metrics on the main listener too (16+ bytes); empty: not served there", func(c *config, v string) error {
			if v != "" && len(v) < 16 {
				return fmt.Errorf("must be at least 16 bytes")
			}
			c.MetricsToken = v
			return nil
		}},
	}
}

// loadConfig reads every variable; the first bad value stops start-up with
// one line naming it (the value itself is not echoed: it may be a secret).
func loadConfig(getenv func(string) string) (config, error) {
	var c config
	for _, s := range settings() {
		v, ok := getenv(s.env), true
		if v == "" {
			v, ok = s.def, false
		}
		if err := s.set(&c, v); err != nil {
			if ok {
				return config{}, fmt.Errorf("invalid %s: %v", s.env, err)
			}
			return config{}, fmt.Errorf("default of %s: %v", s.env, err)
		}
	}
	if c.JWTSecretFile != "" {
		if c.JWTSecret != "" {
			return config{}, fmt.Errorf("set RUNGS_JWT_SECRET or RUNGS_JWT_SECRET_FILE, not both")
		}
		data, err := os.ReadFile(c.JWTSecretFile)
		if err != nil {
			return config{}, fmt.Errorf("invalid RUNGS_JWT_SECRET_FILE: %v", err)
		}
		secret := strings.TrimRight(string(data), "\r\n")
		if why := weakSecret(secret); why != "" {
			return config{}, fmt.Errorf("invalid RUNGS_JWT_SECRET_FILE: the secret %s", why)
		}
		c.JWTSecret = secret
	}
	return c, nil
}

func intSetting(field func(*config) *int, lo, hi int) func(*config, string) error {
	return func(c *config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return fmt.Errorf("must be an integer from %d to %d", lo, hi)
		}
		*field(c) = n
		return nil
	}
}

func floatSetting(field func(*config) *float64) func(*config, string) error {
	return func(c *config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 1e6 {
			return fmt.Errorf("must be a positive number")
		}
		*field(c) = f
		return nil
	}
}

func durSetting(field func(*config) *time.Duration) func(*config, string) error {
	return func(c *config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("must be a positive duration such as 30s or 15m")
		}
		*field(c) = d
		return nil
	}
}

// parseSize reads "1048576", "512KiB" or "1MiB" (KB and MB are read as powers of 1024 too).
func parseSize(v string) (int64, error) {
	s := strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"MIB", 1 << 20}, {"KIB", 1 << 10}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n > (1<<30)/mult {
		return 0, fmt.Errorf("must be a size from 1 byte to 1GiB, such as 1MiB")
	}
	return n * mult, nil
}

func usage() string {
	var b strings.Builder
	b.WriteString(`Rungs: career paths and skills assessment for community roles.

Usage:
  rungs [serve]          start the API (migrates and seeds the database first)
  rungs migrate [up|status]
  rungs admin create --email EMAIL [--name NAME]
                         create an administrator; the password is read from
                         stdin, or generated and printed once
  rungs framework validate FILE|-
  rungs framework import FILE|-
  rungs framework export SLUG@VERSION
                         check, store or print a competency framework (JSON)
  rungs healthcheck [--ready]
                         exit 0 when the server on RUNGS_ADDR answers /healthz
                         (with --ready: /readyz); for container health checks
  rungs version
  rungs --help

Environment:
`)
	for _, s := range settings() {
		def := s.def
		if def == "" {
			def = `""`
		}
		fmt.Fprintf(&b, "  %-26s %s (default %s)\n", s.env, s.help, def)
	}
	return b.String()
}
