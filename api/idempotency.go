package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

const (
	headerIdempotencyKey      = "Idempotency-Key"
	headerIdempotentReplayed  = "Idempotent-Replayed"
	idempotencyHeaderReplayed = "true"
)

// replayedHeaders are the answer headers kept with a stored answer.
var replayedHeaders = []string{echo.HeaderContentType, echo.HeaderLocation, "ETag", echo.HeaderCacheControl}

// idempotent makes a creating POST safe to retry: with an Idempotency-Key
// header, the first answer is stored in the transaction of the change and
// replayed byte for byte on a retry of the same request (with
// Idempotent-Replayed: true); the key with another request is a 422, and a
// retry while the first runs a 409. Without the header the request runs as
// usual.
func (s *server) idempotent(action service.Action) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return s.idempotentRun(action, next)
	}
}

func (s *server) idempotentRun(action service.Action, next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		key := c.Request().Header.Get(headerIdempotencyKey)
		pr := principalOf(c)
		if key == "" || s.deps.Idempotency == nil || !pr.Authenticated() {
			return next(c)
		}
		if err := checkIdempotencyKey(key); err != nil {
			return err
		}
		// A stored answer is replayed only to a caller who may make the
		// request now: another key of the organisation without the scope,
		// or a role that may not, is refused as the handler would refuse it.
		// (What the object's own visibility allows is kept in the stored
		// answers: they are redacted when a profile stops being shared.)
		if err := s.deps.Policy.Permits(pr, action); err != nil {
			return err
		}
		body, err := io.ReadAll(c.Request().Body)
		if err != nil {
			return decodeError(err)
		}
		h := sha256.New()
		// The query in a canonical order: ?a=1&b=2 and ?b=2&a=1 are one request.
		for _, part := range []string{c.Request().Method, c.Request().URL.Path, c.Request().URL.Query().Encode(), c.Request().Header.Get(echo.HeaderContentType)} {
			h.Write([]byte(part))
			h.Write([]byte{0})
		}
		h.Write(body)
		hash := hex.EncodeToString(h.Sum(nil))

		req := c.Request()
		ans, replayed, err := s.deps.Idempotency.Do(req.Context(), service.IdempotencyScope(pr), key, hash, func(ctx context.Context) (domain.StoredAnswer, error) {
			c.SetRequest(req.WithContext(ctx))
			c.Request().Body = io.NopCloser(bytes.NewReader(body))
			return capture(c, next), nil
		})
		c.SetRequest(req)
		if err != nil {
			return err
		}
		out := c.Response().Header()
		for k, v := range ans.Headers {
			out.Set(k, v)
		}
		if replayed {
			out.Set(headerIdempotentReplayed, idempotencyHeaderReplayed)
		}
		c.Response().WriteHeader(ans.Status)
		_, err = c.Response().Write(ans.Body)
		return err
	}
}

func checkIdempotencyKey(key string) error {
	if _, err := domain.CleanText(domain.SingleLine, key); err != nil {
		return fieldBadRequest(headerIdempotencyKey, "text", err.Error(), "Header "+headerIdempotencyKey+" "+err.Error()+".")
	}
	if n := domain.TextLength(key); n > domain.MaxIdempotencyKeyLength {
		return fieldBadRequest(headerIdempotencyKey, "max", "must have at most 255 characters", "Header "+headerIdempotencyKey+" must have at most 255 characters.")
	}
	return nil
}

// capture runs next with the answer kept in memory instead of sent: its
// status, the headers worth replaying and its body. Errors are written by
// the error handler as they would be.
func capture(c echo.Context, next echo.HandlerFunc) domain.StoredAnswer {
	res := c.Response()
	orig := res.Writer
	rec := &captureWriter{header: http.Header{}}
	res.Writer = rec
	// A panic still reaches the real writer: the recover middleware
	// answers it there, and the transaction rolls back.
	defer func() {
		if r := recover(); r != nil {
			res.Writer, res.Committed, res.Status, res.Size = orig, false, 0, 0
			panic(r)
		}
	}()
	if err := next(c); err != nil {
		c.Error(err)
	}
	res.Writer, res.Committed, res.Status, res.Size = orig, false, 0, 0
	ans := domain.StoredAnswer{Status: rec.status, Headers: map[string]string{}, Body: rec.body.Bytes()}
	if ans.Status == 0 {
		ans.Status = http.StatusOK
	}
	for _, h := range replayedHeaders {
		if v := rec.header.Get(h); v != "" {
			ans.Headers[h] = v
		}
	}
	return ans
}

type captureWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *captureWriter) Header() http.Header { return w.header }

func (w *captureWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *captureWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(p)
}
