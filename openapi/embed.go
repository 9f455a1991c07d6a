// Package openapi holds Rungs' API description, generated from the handlers'
// annotations by `make openapi` (see gen/) and committed: openapi.yaml is
// OpenAPI 3.0, swagger.json and swagger.yaml are what swag wrote. The server
// serves it and the contract tests in api/apitest check answers against it.
package openapi

import (
	_ "embed"
	"slices"

	"sigs.k8s.io/yaml"
)

//go:embed openapi.yaml
var spec []byte

// YAML returns the OpenAPI 3.0 document.
func YAML() []byte { return slices.Clone(spec) }

// JSON returns the same document as JSON, for tools such as Swagger UI.
func JSON() ([]byte, error) { return yaml.YAMLToJSON(spec) }
