package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

const (
	problemType   = "application/problem+json"
	problemSchema = "#/components/schemas/api.Problem"
)

// fixUp corrects what swagger 2 cannot say and the conversion cannot guess.
func fixUp(doc *openapi3.T) error {
	if doc.Info != nil && doc.Info.Contact != nil && doc.Info.Contact.Name+doc.Info.Contact.URL+doc.Info.Contact.Email == "" {
		doc.Info.Contact = nil
	}
	nullable, err := nullableFields(".")
	if err != nil {
		return err
	}
	markNullable(doc, nullable)
	for _, ref := range doc.Components.Schemas {
		walkSchema(ref, doubleNumbers)
	}
	seen := map[string]string{}
	for _, path := range doc.Paths.Keys() {
		for method, op := range doc.Paths.Value(path).Operations() {
			fixOperation(doc, path, method, op)
			where := method + " " + path
			if other, dup := seen[op.OperationID]; dup {
				return fmt.Errorf("operationId %q names both %s and %s; set @ID on one", op.OperationID, other, where)
			}
			seen[op.OperationID] = where
		}
	}
	return nil
}

func fixOperation(doc *openapi3.T, path, method string, op *openapi3.Operation) {
	if op.OperationID == "" {
		op.OperationID = operationID(method, path)
	}
	// The error handler answers every failure as problem+json, whatever
	// the operation produces on success.
	for code, resp := range op.Responses.Map() {
		if status, err := strconv.Atoi(code); err == nil && status >= 400 && resp.Value != nil {
			problemContent(resp.Value)
		}
	}
	// Swag has no way to say "public": an operation without @Security is,
	// and the document says so explicitly.
	if op.Security == nil && len(doc.Security) == 0 {
		op.Security = openapi3.NewSecurityRequirements()
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		delete(op.RequestBody.Value.Extensions, "x-originalParamName")
	}
	for _, ref := range inlineSchemas(op) {
		walkSchema(ref, doubleNumbers)
	}
}

// inlineSchemas lists the schemas an operation writes in place: those of its
// parameters, request body and responses.
func inlineSchemas(op *openapi3.Operation) []*openapi3.SchemaRef {
	var out []*openapi3.SchemaRef
	for _, p := range op.Parameters {
		if p.Value != nil {
			out = append(out, p.Value.Schema)
		}
	}
	var contents []openapi3.Content
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		contents = append(contents, op.RequestBody.Value.Content)
	}
	for _, resp := range op.Responses.Map() {
		if resp.Value != nil {
			contents = append(contents, resp.Value.Content)
		}
	}
	for _, c := range contents {
		for _, mt := range c {
			out = append(out, mt.Schema)
		}
	}
	return out
}

func problemContent(resp *openapi3.Response) {
	schema := openapi3.NewSchemaRef(problemSchema, nil)
	types := make([]string, 0, len(resp.Content))
	for t := range resp.Content {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		if mt := resp.Content[t]; mt != nil && mt.Schema != nil {
			schema = mt.Schema
			break
		}
	}
	resp.Content = openapi3.Content{problemType: openapi3.NewMediaType().WithSchemaRef(schema)}
}

// operationID names an operation that has no @ID from its method and path:
// GET /v1/orgs/{id}/api-keys becomes getOrgsByIdApiKeys.
func operationID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for i, seg := range strings.Split(strings.Trim(path, "/"), "/") {
		if i == 0 && seg == "v1" {
			continue
		}
		if strings.HasPrefix(seg, "{") {
			b.WriteString("By")
			seg = strings.Trim(seg, "{}")
		}
		for _, word := range strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == '@' }) {
			b.WriteString(strings.ToUpper(word[:1]) + word[1:])
		}
	}
	if b.Len() == len(method) {
		b.WriteString("Root")
	}
	return b.String()
}

// markNullable lets pointer fields that are always written (no omitempty)
// be null; a $ref cannot carry nullable beside it in 3.0, so it is wrapped.
func markNullable(doc *openapi3.T, fields map[string]map[string]bool) {
	for name, ref := range doc.Components.Schemas {
		props := fields[name]
		if ref.Value == nil || len(props) == 0 {
			continue
		}
		for prop, schema := range ref.Value.Properties {
			if !props[prop] {
				continue
			}
			switch {
			case schema.Ref != "":
				wrapped := &openapi3.Schema{Nullable: true, AllOf: openapi3.SchemaRefs{schema}}
				// Linters want the type beside nullable: the referenced one's.
				if target := doc.Components.Schemas[strings.TrimPrefix(schema.Ref, "#/components/schemas/")]; target != nil && target.Value != nil {
					wrapped.Type = target.Value.Type
				}
				ref.Value.Properties[prop] = openapi3.NewSchemaRef("", wrapped)
			case schema.Value != nil:
				schema.Value.Nullable = true
			}
		}
	}
}

// doubleNumbers says that a number is a float64, as every Go float in the
// API is; without a format, generated clients pick float32 and lose digits.
func doubleNumbers(s *openapi3.Schema) {
	if s.Type.Is(openapi3.TypeNumber) && s.Format == "" {
		s.Format = "double"
	}
}

// walkSchema calls visit on ref's schema and every schema written inline in
// it; references are visited where they are defined.
func walkSchema(ref *openapi3.SchemaRef, visit func(*openapi3.Schema)) {
	if ref == nil || ref.Ref != "" || ref.Value == nil {
		return
	}
	s := ref.Value
	visit(s)
	for _, p := range s.Properties {
		walkSchema(p, visit)
	}
	walkSchema(s.Items, visit)
	walkSchema(s.AdditionalProperties.Schema, visit)
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
		for _, sub := range group {
			walkSchema(sub, visit)
		}
	}
}
