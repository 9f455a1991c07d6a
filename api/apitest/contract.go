package apitest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/rungs/rungs/openapi"
)

// contract is the parsed document and its router, read-only once built.
type contract struct {
	doc    *openapi3.T
	router routers.Router
}

// loadContract parses the document once per test binary: every test shares it.
var loadContract = sync.OnceValues(func() (*contract, error) {
	// Images (the radar chart) are checked for their status and media type;
	// their bytes are the drawing's business.
	openapi3filter.RegisterBodyDecoder("image/svg+xml", openapi3filter.FileBodyDecoder)
	// Streams (exports) likewise: a line-by-line test reads them.
	openapi3filter.RegisterBodyDecoder("application/x-ndjson", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/csv", openapi3filter.FileBodyDecoder)
	return parseContract(openapi.YAML())
})

func parseContract(spec []byte) (*contract, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("openapi.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi.yaml is invalid: %w", err)
	}
	closeObjects(doc)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	return &contract{doc: doc, router: router}, nil
}

// closeObjects forbids properties the document does not name, in this
// in-memory copy only, so that a field the code sends but the document
// lacks fails the test. Named schemas are Go structs and always closed, even
// with no properties left; an inline object is closed when it names
// properties, and left free-form (a whole document, say) when it names none.
func closeObjects(doc *openapi3.T) {
	closed := false
	closeObject := func(s *openapi3.Schema) {
		if s.Type.Is(openapi3.TypeObject) && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil && len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) == 0 {
			s.AdditionalProperties.Has = &closed
		}
	}
	var visit func(*openapi3.SchemaRef)
	visit = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Ref != "" || ref.Value == nil {
			return
		}
		s := ref.Value
		if len(s.Properties) > 0 {
			closeObject(s)
		}
		for _, p := range s.Properties {
			visit(p)
		}
		visit(s.Items)
		visit(s.AdditionalProperties.Schema)
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, sub := range group {
				visit(sub)
			}
		}
	}
	for _, ref := range doc.Components.Schemas {
		if ref.Value != nil {
			closeObject(ref.Value)
		}
		visit(ref)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					visit(mt.Schema)
				}
			}
			for _, resp := range op.Responses.Map() {
				if resp.Value != nil {
					for _, mt := range resp.Value.Content {
						visit(mt.Schema)
					}
				}
			}
		}
	}
}

// Routes lists every operation the document describes as "METHOD /path",
// sorted, with path parameters written {name}.
func Routes() ([]string, error) {
	return routes(func(*openapi3.T, *openapi3.Operation) bool { return true })
}

// PublicRoutes lists, in the form of Routes, the operations the document
// says need no credentials (an empty security requirement).
func PublicRoutes() ([]string, error) {
	return routes(func(doc *openapi3.T, op *openapi3.Operation) bool {
		sec := op.Security
		if sec == nil {
			sec = &doc.Security
		}
		return len(*sec) == 0
	})
}

func routes(keep func(*openapi3.T, *openapi3.Operation) bool) ([]string, error) {
	c, err := loadContract()
	if err != nil {
		return nil, err
	}
	var out []string
	for path, item := range c.doc.Paths.Map() {
		for method, op := range item.Operations() {
			if keep(c.doc, op) {
				out = append(out, strings.ToUpper(method)+" "+path)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}
