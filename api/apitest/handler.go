package apitest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// Option adjusts what Handler checks.
type Option func(*checker)

// SkipRequestValidation lets a test send a request the contract forbids;
// the answer is still checked.
func SkipRequestValidation() Option {
	return func(c *checker) { c.skipRequest = true }
}

// Handler returns h wrapped so that every request through it and every
// answer out of it is checked against openapi/openapi.yaml; each mismatch
// is reported with t.Errorf, naming the method, path, status and reason.
func Handler(t testing.TB, h http.Handler, opts ...Option) http.Handler {
	t.Helper()
	c, err := loadContract()
	if err != nil {
		t.Fatalf("contract: %v", err)
	}
	return newChecker(t, h, c, opts)
}

func newChecker(t testing.TB, h http.Handler, c *contract, opts []Option) *checker {
	ck := &checker{t: t, next: h, contract: c}
	for _, o := range opts {
		o(ck)
	}
	return ck
}

type checker struct {
	t           testing.TB
	next        http.Handler
	contract    *contract
	skipRequest bool
}

func (c *checker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.t.Helper()
	body, err := readBody(r)
	if err != nil {
		c.t.Errorf("contract: %s %s: reading the request body: %v", r.Method, r.URL.Path, err)
	}
	route, params, routeErr := c.contract.router.FindRoute(r)
	if routeErr != nil {
		c.t.Errorf("contract: %s %s: undocumented path or method: %v", r.Method, r.URL.Path, routeErr)
	}
	opts := &openapi3filter.Options{
		IncludeResponseStatus: true,
		MultiError:            true,
		AuthenticationFunc:    anyBearer,
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts}
	if routeErr == nil && !c.skipRequest {
		if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
			c.t.Errorf("contract: %s %s: request breaks the contract: %s", r.Method, r.URL.Path, describe(err))
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
	}

	rec := httptest.NewRecorder()
	c.next.ServeHTTP(rec, r)
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())

	if routeErr != nil {
		return
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 rec.Code,
		Header:                 rec.Header(),
		Options:                opts,
	}
	out.SetBodyBytes(rec.Body.Bytes())
	// The request is done; its context may be canceled, the check must still run.
	if err := openapi3filter.ValidateResponse(context.WithoutCancel(r.Context()), out); err != nil {
		c.t.Errorf("contract: %s %s -> %d: answer breaks the contract: %s", r.Method, r.URL.Path, rec.Code, describe(err))
	}
}

// readBody buffers the request body and puts it back for the handler.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	body, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, err
}

// anyBearer accepts any bearer credential: the contract says a token is
// needed, the authorization tests say which.
func anyBearer(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	s := in.SecurityScheme
	if s == nil || s.Type != "apiKey" || s.In != "header" {
		return nil
	}
	v := in.RequestValidationInput.Request.Header.Get(s.Name)
	if token, ok := strings.CutPrefix(v, "Bearer "); !ok || strings.TrimSpace(token) == "" {
		return errors.New(`no "Bearer <token>" in ` + s.Name)
	}
	return nil
}
