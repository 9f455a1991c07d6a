package api

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
)

// writeAssessment answers a stored assessment byte for byte. Its bytes
// never change, so its id is a strong ETag (no hashing per request).
func writeAssessment(c echo.Context, status int, a domain.Assessment) error {
	etag := `"` + a.ID + `"`
	h := c.Response().Header()
	h.Set("ETag", etag)
	h.Set(echo.HeaderCacheControl, "private, no-cache")
	if status == http.StatusOK && etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(status, echo.MIMEApplicationJSON, a.Body)
}

// writeAssessments answers a page of stored assessments.
func writeAssessments(c echo.Context, list []domain.Assessment, next string) error {
	out := struct {
		Items      []json.RawMessage `json:"items"`
		NextCursor string            `json:"next_cursor,omitempty"`
	}{Items: make([]json.RawMessage, len(list))}
	for i, a := range list {
		out.Items[i] = a.Body
	}
	if next != "" {
		out.NextCursor = encodeCursor(next)
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "private, no-cache")
	return c.JSON(http.StatusOK, out)
}
