package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// candidateETag is the strong ETag of a candidate's version: its id and
// version, so that a profile deleted and made again never matches a tag of
// the old one.
func candidateETag(c domain.Candidate) string { return service.TagOf(c).ETag() }

// writeCandidate answers one candidate with its ETag; never cached by
// shared caches, and revalidated by private ones.
func writeCandidate(c echo.Context, status int, cand domain.Candidate) error {
	h := c.Response().Header()
	h.Set("ETag", candidateETag(cand))
	h.Set(echo.HeaderCacheControl, "private, no-cache")
	if status == http.StatusOK && etagMatches(c.Request().Header.Get("If-None-Match"), candidateETag(cand)) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.JSON(status, toCandidate(cand))
}

// precondition reads If-Match: "*", or a list of ETags this API issued.
// A tag of another shape never matches.
func precondition(c echo.Context) service.Precondition {
	raw := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if raw == "" {
		return service.Precondition{}
	}
	p := service.Precondition{Present: true}
	for _, t := range strings.Split(raw, ",") {
		t = strings.TrimSpace(t)
		if t == "*" {
			p.Any = true
			continue
		}
		// If-Match uses the strong comparison: a weak tag, or one this API
		// never issued, matches nothing.
		if m := etagPattern.FindStringSubmatch(t); m != nil {
			if n, err := strconv.Atoi(m[2]); err == nil {
				p.Tags = append(p.Tags, service.CandidateTag{ID: m[1], Version: n})
			}
		}
	}
	return p
}
