// Package apitest holds API tests to the published contract: every request
// a test sends and every answer it gets back through Handler is checked
// against openapi/openapi.yaml, so an undocumented path, method, status,
// content type or field fails the test that produced it.
//
// Wrap the Echo instance and use the wrapper wherever the test would have
// used the instance:
//
//	e := api.New(cfg, deps)
//	h := apitest.Handler(t, e)
//	rec := httptest.NewRecorder()
//	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
//
// or serve it for a client: httptest.NewServer(apitest.Handler(t, e)).
//
// A test that deliberately sends a request the contract forbids (a malformed
// body, a missing field, no token) passes SkipRequestValidation(): the answer
// is still checked, so the 400 or 422 it provokes must be documented.
// Security is only checked for form: any "Bearer ..." satisfies it, since
// who may do what is tested by the authorization tests.
//
// Objects in answers are held to the properties the document names (the
// published document itself stays open to additions), required fields must
// be present, and null is accepted only where the document says nullable.
// When a check fails, the fix is nearly always an annotation: @Success or
// @Failure for the status, a field's json tag (omitempty makes it optional),
// or `binding:"optional"` on a request field the server does not require.
// Then run `make openapi`.
package apitest
