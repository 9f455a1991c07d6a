// Package api is Rungs' HTTP layer: Echo handlers, request and response
// types, one error handler writing application/problem+json, middleware and
// the OpenAPI annotations.
package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
)

// Problem is an RFC 9457 problem detail.
type Problem struct {
	Type      string              `json:"type" example:"/problems/validation"`
	Title     string              `json:"title" example:"Unprocessable Entity"`
	Status    int                 `json:"status" example:"422"`
	Detail    string              `json:"detail" example:"years must be between 0 and 60"`
	Instance  string              `json:"instance" example:"/v1/transfer-map"`
	RequestID string              `json:"request_id" example:"9f1c2b7e-2c1e-4d3a-9a55-1b2c3d4e5f60"`
	Errors    []domain.FieldError `json:"errors,omitempty"`
}

const problemContentType = "application/problem+json"

// statusByCategory is the one table from domain error category to HTTP status.
var statusByCategory = []struct {
	category error
	status   int
	slug     string
}{
	{domain.ErrInvalid, http.StatusUnprocessableEntity, "validation"},
	{domain.ErrNotFound, http.StatusNotFound, "not-found"},
	{domain.ErrConflict, http.StatusConflict, "conflict"},
	{domain.ErrUnauthorized, http.StatusUnauthorized, "unauthorized"},
	{domain.ErrForbidden, http.StatusForbidden, "forbidden"},
	{domain.ErrRateLimited, http.StatusTooManyRequests, "rate-limited"},
	{domain.ErrUnavailable, http.StatusServiceUnavailable, "unavailable"},
	{domain.ErrPreconditionRequired, http.StatusPreconditionRequired, "precondition-required"},
	{domain.ErrPreconditionFailed, http.StatusPreconditionFailed, "precondition-failed"},
}

// badRequest is a malformed request: unreadable JSON, unknown field, wrong type.
type badRequest struct {
	status int
	msg    string
	fields []domain.FieldError
}

func (e *badRequest) Error() string { return e.msg }

func newBadRequest(msg string) error { return &badRequest{status: http.StatusBadRequest, msg: msg} }

// ErrorHandler returns Echo's HTTPErrorHandler: every error, Echo's own
// included, becomes problem+json; unclassified ones are logged and answered
// with a generic 500.
func ErrorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p := toProblem(err, c, log)
		var ra *domain.RetryAfterError
		if errors.As(err, &ra) && ra.Seconds > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(ra.Seconds))
		}
		writeProblem(c, p)
	}
}

func toProblem(err error, c echo.Context, log *slog.Logger) Problem {
	p := Problem{Instance: c.Request().URL.Path, RequestID: requestID(c)}
	var (
		he  *echo.HTTPError
		br  *badRequest
		ve  *domain.ValidationError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &ve):
		p.Status, p.Type = http.StatusUnprocessableEntity, "validation"
		p.Detail, p.Errors = ve.Error(), ve.Fields
	case errors.As(err, &mbe):
		p.Status, p.Type, p.Detail = http.StatusRequestEntityTooLarge, "too-large", "The request body is larger than the limit."
	case errors.As(err, &br):
		p.Status, p.Type, p.Detail, p.Errors = br.status, problemSlug(br.status), br.msg, br.fields
	case errors.As(err, &he):
		p.Status, p.Type = he.Code, problemSlug(he.Code)
		p.Detail = echoDetail(he)
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads this answer.
		p.Status, p.Type, p.Detail = 499, "canceled", "The request was canceled."
	case errors.Is(err, context.DeadlineExceeded):
		p.Status, p.Type, p.Detail = http.StatusServiceUnavailable, "unavailable", "The request took too long; try again."
	default:
		for _, row := range statusByCategory {
			if errors.Is(err, row.category) {
				p.Status, p.Type, p.Detail = row.status, row.slug, err.Error()
				break
			}
		}
	}
	if p.Status == 0 || p.Status == http.StatusInternalServerError {
		log.ErrorContext(c.Request().Context(), "unhandled error",
			slog.String("request_id", p.RequestID), slog.String("route", c.Path()), slog.Any("error", err))
		p.Status, p.Type, p.Detail = http.StatusInternalServerError, "internal", "Something went wrong on our side. Quote the request id if you report it."
	}
	if p.Status == 499 {
		p.Title = "Client Closed Request"
	} else {
		p.Title = http.StatusText(p.Status)
	}
	p.Type = "/problems/" + p.Type
	return p
}

func problemSlug(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "bad-request"
	case http.StatusNotFound:
		return "not-found"
	case http.StatusMethodNotAllowed:
		return "method-not-allowed"
	case http.StatusRequestEntityTooLarge:
		return "too-large"
	case http.StatusUnsupportedMediaType:
		return "unsupported-media-type"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusTooManyRequests:
		return "rate-limited"
	case http.StatusServiceUnavailable:
		return "unavailable"
	case http.StatusInternalServerError:
		return "internal"
	}
	return "http-" + strconv.Itoa(status)
}

func echoDetail(he *echo.HTTPError) string {
	switch he.Code {
	case http.StatusNotFound:
		return "No resource at this path."
	case http.StatusMethodNotAllowed:
		return "This path does not accept this method."
	case http.StatusRequestEntityTooLarge:
		return "The request body is larger than the limit."
	case http.StatusInternalServerError:
		return ""
	}
	if msg, ok := he.Message.(string); ok {
		return msg
	}
	return http.StatusText(he.Code)
}

func writeProblem(c echo.Context, p Problem) {
	c.Response().Header().Set(echo.HeaderContentType, problemContentType)
	c.Response().WriteHeader(p.Status)
	_ = jsonEncode(c.Response(), p)
}
