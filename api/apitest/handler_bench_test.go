package apitest

import (
	"net/http/httptest"
	"testing"
)

// BenchmarkHandler is the cost the contract check adds to one request and
// answer in a test.
func BenchmarkHandler(b *testing.B) {
	spec := fixtureSpec(b)
	c, err := parseContract(spec)
	if err != nil {
		b.Fatal(err)
	}
	h := newChecker(b, answer(200, "application/json", `{"name":"a","count":1,"parent":{"id":"p"}}`), c, nil)
	for b.Loop() {
		req := httptest.NewRequest("GET", "/items/7", nil)
		req.Header.Set("Authorization", "Bearer x")
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}

// BenchmarkLoadContract is the one-off cost of parsing the real document.
func BenchmarkLoadContract(b *testing.B) {
	for b.Loop() {
		if _, err := parseContract(realSpec()); err != nil {
			b.Fatal(err)
		}
	}
}
