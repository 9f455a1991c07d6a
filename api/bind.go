package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
)

// decodeOptions make the decoder strict in every way a gateway, a WAF or an
// audit tool could read a body differently from Rungs: a duplicate object
// key (at any depth), invalid UTF-8 or a lone surrogate escape, an unknown
// field, a field name in the wrong case and trailing data are all refused.
// go-json-experiment (the basis of encoding/json/v2) does all of it by
// default except unknown fields.
var decodeOptions = jsonv2.JoinOptions(jsonv2.RejectUnknownMembers(true))

// bindJSON decodes the request body into v strictly and applies the text
// rules (see cleanStrings) to every string in it: the Content-Type must be
// JSON; malformed or ambiguous JSON, unknown fields and wrong types are
// refused with 400 naming the field, an oversize body with 413.
func bindJSON(c echo.Context, v any) error {
	req := c.Request()
	ct := req.Header.Get(echo.HeaderContentType)
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return &badRequest{status: http.StatusUnsupportedMediaType, msg: "Send the body as application/json."}
	}
	if err := jsonv2.UnmarshalRead(req.Body, v, decodeOptions); err != nil {
		return decodeError(err)
	}
	return cleanStrings(v)
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
		syn *jsontext.SyntacticError
		sem *jsonv2.SemanticError
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &mbe):
		return err
	case errors.As(err, &syn):
		return syntaxError(syn)
	case errors.As(err, &sem):
		return semanticError(sem)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return newBadRequest("The request body is empty.")
	}
	return newBadRequest("The JSON body could not be read.")
}

func syntaxError(syn *jsontext.SyntacticError) error {
	field := fieldOfPointer(syn.JSONPointer)
	cause := ""
	if syn.Err != nil {
		cause = syn.Err.Error()
	}
	switch {
	case errors.Is(syn.Err, jsontext.ErrDuplicateName):
		return fieldBadRequest(field, "duplicate", "appears more than once; send each field once",
			fmt.Sprintf("Field %q appears more than once; send each field once.", field))
	case strings.Contains(cause, "surrogate"):
		return fieldBadRequest(field, "utf8", "holds a lone surrogate escape; send valid UTF-8",
			fmt.Sprintf("Field %q holds a lone surrogate escape (such as \\ud800); send valid UTF-8.", field))
	case strings.Contains(cause, "UTF-8"):
		return fieldBadRequest(field, "utf8", "is not valid UTF-8",
			fmt.Sprintf("Field %q is not valid UTF-8.", field))
	case strings.Contains(cause, "after top-level value"):
		return newBadRequest("The body must hold exactly one JSON value.")
	case errors.Is(syn.Err, io.ErrUnexpectedEOF) && syn.ByteOffset == 0:
		return newBadRequest("The request body is empty.")
	case errors.Is(syn.Err, io.ErrUnexpectedEOF):
		return newBadRequest("The JSON body ends too early.")
	}
	return newBadRequest(fmt.Sprintf("Malformed JSON at byte %d.", syn.ByteOffset))
}

func semanticError(sem *jsonv2.SemanticError) error {
	field := fieldOfPointer(sem.JSONPointer)
	if errors.Is(sem.Err, jsonv2.ErrUnknownName) {
		return fieldBadRequest(field, "unknown", "is not a field of this request",
			fmt.Sprintf("Unknown field %q.", field))
	}
	want := "another type"
	if sem.GoType != nil {
		want = jsonKind(sem.GoType.Kind().String())
	}
	if field == "" {
		return newBadRequest(fmt.Sprintf("The JSON body must be %s.", want))
	}
	if sem.JSONKind == '0' {
		// A number that does not fit (1e400, 1.5 for an integer); its digits
		// are the client's own, so they are cut short.
		got := string(sem.JSONValue)
		if len(got) > 24 {
			got = got[:24] + "..."
		}
		if want == "a number" {
			return fieldBadRequest(field, "range", "is out of range", fmt.Sprintf("Field %q is out of range: %s.", field, got))
		}
		return fieldBadRequest(field, "type", "must be "+want+" in range",
			fmt.Sprintf("Field %q must be %s in range, not %s.", field, want, got))
	}
	return fieldBadRequest(field, "type", "must be "+want,
		fmt.Sprintf("Field %q must be %s, not %s.", field, want, jsonKindName(sem.JSONKind)))
}

// fieldOfPointer turns a JSON pointer into the path style validation errors
// use: "/experiences/0/title" -> "experiences[0].title".
func fieldOfPointer(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err == nil && b.Len() > 0 {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}

func jsonKindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "string"
	case '0':
		return "number"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	case '{':
		return "object"
	case '[':
		return "array"
	}
	return "another type"
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "slice", "array":
		return "an array"
	case "struct", "map", "ptr", "interface":
		return "an object"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "an integer"
	case "float32", "float64":
		return "a number"
	}
	return "another type"
}

// fieldBadRequest is a 400 that names the field it is about, both in the
// detail and in the problem's errors list.
func fieldBadRequest(field, rule, message, detail string) error {
	br := &badRequest{status: http.StatusBadRequest, msg: detail}
	if field != "" {
		br.fields = []domain.FieldError{{Field: field, Rule: rule, Message: message}}
	}
	return br
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
