package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// BenchmarkDecodeTransferMapBody: the strict decoder with the text rules,
// against encoding/json (what the API used before), on the load test's
// transfer-map body.
func BenchmarkDecodeTransferMapBody(b *testing.B) {
	body := []byte(`{"experiences":[{"title":"Major Gifts Officer","years":8,"highlights":["Grew the donor circle from 40 to 220"]},{"background":"teaching","years":3}],"self_ratings":[{"competency":"listening","proficiency":3,"evidence":"Ran weekly office hours"}]}`)
	e := echo.New()
	b.Run("strict", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			var v TransferMapRequest
			if err := bindJSON(e.NewContext(req, nil), &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			var v TransferMapRequest
			d := json.NewDecoder(req.Body)
			d.DisallowUnknownFields()
			if err := d.Decode(&v); err != nil {
				b.Fatal(err)
			}
		}
	})
}
