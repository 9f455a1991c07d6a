package api

import (
	"encoding/json"

	"github.com/labstack/echo/v4"
)

// compactJSON is Echo's JSON serializer without HTML escaping; decoding
// always goes through bindJSON.
type compactJSON struct{}

func (compactJSON) Serialize(c echo.Context, i any, _ string) error {
	return jsonEncode(c.Response(), i)
}

func (compactJSON) Deserialize(c echo.Context, i any) error {
	if err := json.NewDecoder(c.Request().Body).Decode(i); err != nil {
		return decodeError(err)
	}
	return nil
}
