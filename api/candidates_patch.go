package api

import (
	"mime"
	"net/http"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// mergePatchEditor reads a JSON Merge Patch body strictly and returns the
// edit that applies it: the patched document is decoded as a whole
// CandidateRequest would be, so unknown fields, wrong types, text rules and
// required fields are checked on the result, named by their path.
func mergePatchEditor(c echo.Context) (service.Edit, error) {
	req := c.Request()
	mt, _, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if err != nil || (mt != mimeMergePatch && mt != echo.MIMEApplicationJSON) {
		return nil, &badRequest{status: http.StatusUnsupportedMediaType, msg: "Send the body as " + mimeMergePatch + "."}
	}
	var patch any
	if err := jsonv2.UnmarshalRead(req.Body, &patch, decodeOptions); err != nil {
		return nil, decodeError(err)
	}
	if _, ok := patch.(map[string]any); !ok {
		return nil, newBadRequest("A merge patch must be a JSON object.")
	}
	return func(cur domain.Candidate) (service.CandidateInput, error) {
		base, err := jsonv2.Marshal(requestOf(toCandidate(cur)))
		if err != nil {
			return service.CandidateInput{}, err
		}
		var doc any
		if err := jsonv2.Unmarshal(base, &doc); err != nil {
			return service.CandidateInput{}, err
		}
		merged, err := jsonv2.Marshal(mergePatch(doc, patch))
		if err != nil {
			return service.CandidateInput{}, err
		}
		var out CandidateRequest
		if err := jsonv2.Unmarshal(merged, &out, decodeOptions); err != nil {
			return service.CandidateInput{}, decodeError(err)
		}
		if err := cleanStrings(&out); err != nil {
			return service.CandidateInput{}, err
		}
		if err := c.Validate(&out); err != nil {
			return service.CandidateInput{}, err
		}
		return out.input(), nil
	}, nil
}

// mergePatch applies patch to target as RFC 7396 says: members of an
// object patch replace, null removes, and anything else replaces whole.
func mergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, ok := target.(map[string]any)
	if !ok {
		t = map[string]any{}
	}
	for k, v := range p {
		if v == nil {
			delete(t, k)
			continue
		}
		t[k] = mergePatch(t[k], v)
	}
	return t
}
