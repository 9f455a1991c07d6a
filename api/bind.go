package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// bindJSON decodes the request body into v strictly: the Content-Type must be
// JSON, unknown fields, trailing data and wrong types are refused with 400,
// an oversize body with 413. Echo's default binder ignores unknown fields,
// which would let a client believe a misspelt field was applied.
func bindJSON(c echo.Context, v any) error {
	req := c.Request()
	ct := req.Header.Get(echo.HeaderContentType)
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return &badRequest{status: http.StatusUnsupportedMediaType, msg: "Send the body as application/json."}
	}
	dec := json.NewDecoder(req.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return newBadRequest("The body must hold exactly one JSON value.")
	}
	return nil
}

// bindValid decodes the body strictly into v and checks its validate tags.
func bindValid(c echo.Context, v any) error {
	if err := bindJSON(c, v); err != nil {
		return err
	}
	return c.Validate(v)
}

func decodeError(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &mbe):
		return err
	case errors.Is(err, io.EOF):
		return newBadRequest("The request body is empty.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return newBadRequest("The JSON body ends too early.")
	case errors.As(err, &syn):
		return newBadRequest(fmt.Sprintf("Malformed JSON at byte %d.", syn.Offset))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return newBadRequest(fmt.Sprintf("The JSON body must be %s.", jsonKind(typ.Type.Kind().String())))
		}
		want := jsonKind(typ.Type.Kind().String())
		// A number that does not fit (1e400, 1.5 for an integer) is reported
		// as "number 1e400"; its digits are the client's own, so they are cut short.
		if got, ok := strings.CutPrefix(typ.Value, "number "); ok {
			if len(got) > 24 {
				got = got[:24] + "..."
			}
			if want == "a number" {
				return newBadRequest(fmt.Sprintf("Field %q is out of range: %s.", field, got))
			}
			return newBadRequest(fmt.Sprintf("Field %q must be %s in range, not %s.", field, want, got))
		}
		return newBadRequest(fmt.Sprintf("Field %q must be %s, not %s.", field, want, typ.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return newBadRequest(fmt.Sprintf("Unknown field %s.", strings.TrimPrefix(err.Error(), "json: unknown field ")))
	}
	return newBadRequest("The JSON body could not be read.")
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "slice", "array":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "an integer"
	case "float32", "float64":
		return "a number"
	}
	return "another type"
}

// jsonEncode writes v as compact JSON followed by a newline, without
// escaping HTML characters in text such as "Q&A".
func jsonEncode(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
