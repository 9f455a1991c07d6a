package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

const headContextKey = "rungs.head"

// withHeadAsGet answers HEAD as the GET of the same path without its body:
// HTTP requires both of a general-purpose server, and Echo routes HEAD
// nowhere by itself. It runs before routing (Echo.Pre), since the router
// reads the method from the request itself.
func withHeadAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req, res := c.Request(), c.Response()
		if req.Method != http.MethodHead {
			return next(c)
		}
		w := res.Writer
		req.Method, res.Writer = http.MethodGet, bodyless{w}
		c.Set(headContextKey, true)
		// Put HEAD back so that net/http, which holds the same request,
		// finishes the answer as one to HEAD (no Content-Length: 0).
		defer func() { req.Method, res.Writer = http.MethodHead, w }()
		if err := next(c); err != nil {
			c.Error(err)
		}
		return nil
	}
}

// requestMethod is the method the client sent, HEAD included.
func requestMethod(c echo.Context) string {
	if head, _ := c.Get(headContextKey).(bool); head {
		return http.MethodHead
	}
	return c.Request().Method
}

// bodyless passes the status and headers of an answer through and drops its body.
type bodyless struct{ http.ResponseWriter }

func (b bodyless) Write(p []byte) (int, error) { return len(p), nil }

func (b bodyless) Unwrap() http.ResponseWriter { return b.ResponseWriter }
