package api

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/rungs/rungs/service"
)

// Config is the HTTP layer's share of the process configuration.
type Config struct {
	BodyLimit         int64
	CORSOrigins       []string
	TrustProxyHeaders bool
	ReadyTimeout      time.Duration
	// Per client IP, for anonymous scoring.
	TransferMapPerMinute float64
	TransferMapBurst     int
	// Per client IP, for login, signup and refresh.
	AuthPerMinute float64
	AuthBurst     int
	// MetricsToken, when set, opens /metrics on this handler to callers
	// that send it as a bearer token; otherwise /metrics is not routed here
	// (the process serves it on its own metrics listener).
	MetricsToken string
}

// Deps are the services the handlers call.
type Deps struct {
	Log     *slog.Logger
	DB      Pinger
	Metrics *Metrics
	Now     func() time.Time

	TransferMap *service.TransferMap
	Frameworks  *service.Frameworks

	// Accounts and access; without Auth the /v1/auth, /v1/me and /v1/orgs
	// routes are not registered and every bearer credential is refused.
	Auth    *service.Auth
	Users   *service.Users
	Orgs    *service.Orgs
	APIKeys *service.APIKeys
	Policy  *service.Policy

	// Candidates, assessments and scorecards; without it their routes are
	// not registered.
	Candidates *service.Candidates
	// Idempotency stores first answers for Idempotency-Key retries; nil
	// runs every request as it comes.
	Idempotency *service.Idempotency
	// Webhooks manages organisations' webhooks; nil leaves their routes out.
	Webhooks *service.Webhooks
	// Limiters builds the per-address rate limits; nil limits in this
	// process alone (NewSharedLimits shares them through Redis).
	Limiters LimiterFactory
	// Draining, when it reports true, turns /readyz 503: the process has
	// been asked to stop.
	Draining func() bool
}

// server carries the dependencies every handler shares.
type server struct {
	cfg  Config
	deps Deps
	now  func() time.Time
}

// New returns the Echo instance with every middleware and route.
func New(cfg Config, deps Deps) *echo.Echo {
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	if deps.Metrics == nil {
		deps.Metrics = NewMetrics(nil)
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if cfg.ReadyTimeout <= 0 {
		cfg.ReadyTimeout = time.Second
	}
	if cfg.TransferMapPerMinute <= 0 || cfg.TransferMapBurst <= 0 {
		cfg.TransferMapPerMinute, cfg.TransferMapBurst = 60, 20
	}
	if cfg.AuthPerMinute <= 0 || cfg.AuthBurst <= 0 {
		cfg.AuthPerMinute, cfg.AuthBurst = 30, 10
	}
	if cfg.BodyLimit <= 0 {
		cfg.BodyLimit = 1 << 20
	}
	s := &server{cfg: cfg, deps: deps, now: deps.Now}

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = ErrorHandler(deps.Log)
	e.Validator = NewValidator()
	e.JSONSerializer = compactJSON{}
	if cfg.TrustProxyHeaders {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	} else {
		e.IPExtractor = echo.ExtractIPDirect()
	}
	e.Pre(withHeadAsGet)
	// Order matters: the request id first so that every later line carries it;
	// the access log and metrics outside recovery so that a panic is counted as the 500 it became.
	e.Use(withRequestID, withAccessLog(deps.Log), deps.Metrics.middleware)
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			deps.Log.ErrorContext(c.Request().Context(), "panic",
				slog.String("request_id", requestID(c)), slog.Any("error", err), slog.String("stack", string(stack)))
			return err
		},
		DisablePrintStack: true,
	}))
	e.Use(withSecurityHeaders, withBodyLimit(cfg.BodyLimit))
	if len(cfg.CORSOrigins) > 0 {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins:  cfg.CORSOrigins,
			AllowMethods:  []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete},
			AllowHeaders:  []string{echo.HeaderAuthorization, echo.HeaderContentType, "Idempotency-Key", headerRequestID, "If-None-Match", "If-Match"},
			ExposeHeaders: []string{headerRequestID, "ETag", "Retry-After", echo.HeaderLocation, "Idempotent-Replayed"},
			MaxAge:        600,
		}))
	}
	s.routes(e)
	return e
}
