package apitest

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// describe renders a validation error on one line: kin-openapi's own text
// repeats the whole schema and value, which buries the reason.
func describe(err error) string {
	switch e := err.(type) {
	case openapi3.MultiError:
		return describeAll(e)
	case *openapi3filter.ResponseError:
		return join(e.Reason, e.Err)
	case *openapi3filter.RequestError:
		prefix := e.Reason
		switch {
		case e.Parameter != nil:
			prefix = strings.TrimSpace(e.Parameter.In + " parameter " + e.Parameter.Name + " " + e.Reason)
		case e.RequestBody != nil:
			prefix = strings.TrimSpace("request body " + e.Reason)
		}
		return join(prefix, e.Err)
	case *openapi3filter.SecurityRequirementsError:
		return "security: " + describeAll(e.Errors)
	case *openapi3.SchemaError:
		if inner, ok := e.Origin.(openapi3.MultiError); ok {
			return describeAll(inner)
		}
		return "at /" + strings.Join(e.JSONPointer(), "/") + ": " + e.Reason
	}
	return err.Error()
}

func describeAll(errs []error) string {
	parts := make([]string, 0, len(errs))
	for _, e := range errs {
		parts = append(parts, describe(e))
	}
	return strings.Join(parts, "; ")
}

func join(reason string, err error) string {
	if err == nil {
		return reason
	}
	inner := describe(err)
	if reason == "" || reason == inner {
		return inner
	}
	return reason + ": " + inner
}
