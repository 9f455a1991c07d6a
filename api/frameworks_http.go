package api

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// Cache-Control for framework reads. A named published version never
// changes, so its parts are immutable; "latest" moves when a version is
// published, and a whole document carries a status that retiring changes,
// so those are fresh for a short while and then revalidated by ETag.
const (
	cacheImmutable = "public, max-age=86400, immutable"
	cacheShort     = "public, max-age=60"
	cacheDraft     = "private, no-cache"
)

// encoded is a response body with its strong ETag.
type encoded struct {
	body []byte
	etag string
}

// encodeBody encodes v; the ETag hashes the framework reference and the body.
func encodeBody(ref string, v any) (encoded, error) {
	var b strings.Builder
	if err := jsonEncode(&b, v); err != nil {
		return encoded{}, err
	}
	body := []byte(b.String())
	return encoded{body: body, etag: strongETag([]byte(ref), body)}, nil
}

// strongETag hashes parts (separated by a zero byte) into a strong ETag.
func strongETag(parts ...[]byte) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write(p)
	}
	return `"` + base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:18]) + `"`
}

// writeEncoded answers 304 when If-None-Match holds the current ETag, else the body.
func writeEncoded(c echo.Context, e encoded, cacheControl string) error {
	h := c.Response().Header()
	h.Set("ETag", e.etag)
	h.Set(echo.HeaderCacheControl, cacheControl)
	if etagMatches(c.Request().Header.Get("If-None-Match"), e.etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, e.body)
}

// writeFresh encodes v for this request only (an answer that is not memoised)
// and writes it as writeEncoded does.
func writeFresh(c echo.Context, ref string, v any, cacheControl string) error {
	e, err := encodeBody(ref, v)
	if err != nil {
		return err
	}
	return writeEncoded(c, e, cacheControl)
}

// etagMatches applies If-None-Match's weak comparison (RFC 9110 13.1.2).
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// frameworkRead is the version a read names and how its answers may be cached.
type frameworkRead struct {
	view  *service.FrameworkView
	cache string
}

// readFramework resolves ?framework= (default: the latest published
// default). Drafts are shown only to those who may author them; to anyone
// else they do not exist.
func (s *server) readFramework(c echo.Context) (frameworkRead, error) {
	slug, version, err := service.ParseFrameworkRef(c.QueryParam("framework"))
	if err != nil {
		return frameworkRead{}, newBadRequest(`Query parameter "framework" must be slug@version, such as community-management@2026.1, or slug@latest.`)
	}
	return s.frameworkVersion(c, slug, version, cacheImmutable)
}

// frameworkVersion resolves slug and version ("latest" allowed); named is the
// Cache-Control for a named published version.
func (s *server) frameworkVersion(c echo.Context, slug, version, named string) (frameworkRead, error) {
	v, err := s.deps.Frameworks.Version(c.Request().Context(), slug, version)
	if err != nil {
		return frameworkRead{}, err
	}
	switch {
	case v.Draft():
		if s.mayAuthorFrameworks(c, slug) != nil {
			return frameworkRead{}, domain.Errorf(domain.ErrNotFound, "framework %s not found", v.Ref())
		}
		return frameworkRead{view: v, cache: cacheDraft}, nil
	case version == service.LatestVersion:
		return frameworkRead{view: v, cache: cacheShort}, nil
	}
	return frameworkRead{view: v, cache: named}, nil
}

// respond writes the answer built by build, memoised per version under key.
// key must come from a fixed set or from a slug already found in the version.
func (r frameworkRead) respond(c echo.Context, key string, build func() any) error {
	got, err := r.view.Memo(key, func() (any, error) { return encodeBody(r.view.Ref(), build()) })
	if err != nil {
		return err
	}
	return writeEncoded(c, got.(encoded), r.cache)
}

// queryLimit reads ?limit= between 1 and hi; def when absent.
func queryLimit(c echo.Context, def, hi int) (int, error) {
	raw := c.QueryParam("limit")
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > hi {
		return 0, newBadRequest("Query parameter \"limit\" must be an integer from 1 to " + strconv.Itoa(hi) + ".")
	}
	return n, nil
}

// notFoundIn is a slug missing from a framework version.
func notFoundIn(what, slug string, v *service.FrameworkView) error {
	return domain.Errorf(domain.ErrNotFound, "%s %q not found in %s", what, slug, v.Ref())
}
