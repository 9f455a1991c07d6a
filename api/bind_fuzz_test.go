package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzBindJSON sends arbitrary bodies and Content-Types through the whole
// server (binder, validator, error handler): whatever arrives, the answer is
// a 200 that echoes a valid oddBody or a 4xx problem, never a 5xx.
func FuzzBindJSON(f *testing.F) {
	for _, seed := range []struct{ ctype, body string }{
		{"application/json", `{"name":"a","score":1}`},
		{"application/json", `{"name":"a","score":1,"count":2,"tags":["x"],"labels":{"k":"v"},"inner":{"level":3}}`},
		{"application/json", `{"name":"a","score":1e400}`},
		{"application/json", `{"name":null,"score":null,"inner":{"level":null}}`},
		{"application/json", `{"name":"a","score":1} {}`},
		{"application/json", `[[[[[[[[[[]]]]]]]]]]`},
		{"application/json", "{\"name\":\"\xff\",\"score\":1}"},
		{"application/json; charset=utf-8", `{"role":"admin"}`},
		{"text/plain", `{}`},
		{"", ``},
	} {
		f.Add(seed.ctype, []byte(seed.body))
	}
	e := newOddServer()
	f.Fuzz(func(t *testing.T, ctype string, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/test/odd", bytes.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		checkAnswer(t, http.MethodPost, rec)
		switch {
		case rec.Code == http.StatusOK:
			var got oddBody
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.Name == "" || got.Score == nil {
				t.Fatalf("200 with %s (%v)", rec.Body.String(), err)
			}
		case rec.Code < 400:
			t.Fatalf("status %d", rec.Code)
		}
	})
}
