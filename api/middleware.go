package api

import (
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

const headerRequestID = "X-Request-Id"

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestID keeps a well-formed incoming X-Request-Id (so a caller can
// trace across services) or makes one, and echoes it in the response.
func withRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(headerRequestID)
		if !validRequestID.MatchString(id) {
			id = uuid.NewString()
		}
		c.Set(headerRequestID, id)
		c.Response().Header().Set(headerRequestID, id)
		return next(c)
	}
}

func requestID(c echo.Context) string {
	id, _ := c.Get(headerRequestID).(string)
	return id
}

// withAccessLog writes one structured line per request: never bodies, query
// strings, tokens or passwords.
func withAccessLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				// Let the error handler write the response now so that the status logged is the one sent.
				c.Error(err)
			}
			status := c.Response().Status
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			if !log.Enabled(c.Request().Context(), level) {
				return nil
			}
			log.LogAttrs(c.Request().Context(), level, "request",
				slog.String("method", requestMethod(c)),
				slog.String("route", routeLabel(c)),
				slog.Int("status", status),
				slog.Float64("latency_ms", float64(time.Since(start).Microseconds())/1000),
				slog.Int64("bytes", c.Response().Size),
				slog.String("request_id", requestID(c)),
			)
			return nil
		}
	}
}

// withSecurityHeaders sets headers that make browsers treat answers as data.
func withSecurityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		return next(c)
	}
}

// withBodyLimit refuses bodies over limit bytes: at once when Content-Length
// says so, otherwise when the reader crosses the limit.
func withBodyLimit(limit int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			limit := limit
			if c.Path() == batchPath {
				limit = max(limit, batchBodyLimit)
			}
			req := c.Request()
			if req.ContentLength > limit {
				return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, limit)
			return next(c)
		}
	}
}

// routeLabel is the route template, never the raw path, so that labels and
// logs neither explode in number nor carry ids from the URL.
func routeLabel(c echo.Context) string {
	p := c.Path()
	if p == "" || c.Response().Status == http.StatusNotFound && isUnmatched(c) {
		return "unmatched"
	}
	return p
}

func isUnmatched(c echo.Context) bool {
	for _, r := range c.Echo().Routes() {
		if r.Path == c.Path() && r.Method == c.Request().Method {
			return false
		}
	}
	return true
}
