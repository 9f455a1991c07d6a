// Command gen regenerates the API description and the typed client from the
// annotations in api/: swag writes openapi/swagger.json and swagger.yaml,
// which are converted to OpenAPI 3.0 in openapi/openapi.yaml, from which
// oapi-codegen writes client/client.gen.go. Run it as `make openapi`.
package main

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/swaggo/swag/gen"
)

const (
	module     = "github.com/rungs/rungs"
	specDir    = "openapi"
	clientFile = "client/client.gen.go"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "openapi:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if err := os.Chdir(root); err != nil {
		return err
	}
	if err := swagger(); err != nil {
		return fmt.Errorf("swag: %w", err)
	}
	v3, err := convert(filepath.Join(specDir, "swagger.json"))
	if err != nil {
		return fmt.Errorf("convert: %w", err)
	}
	spec := filepath.Join(specDir, "openapi.yaml")
	if err := os.WriteFile(spec, v3, 0o644); err != nil {
		return err
	}
	if err := generateClient(spec, clientFile); err != nil {
		return fmt.Errorf("client: %w", err)
	}
	return nil
}

// swagger runs swag on api/ with its dependencies inside this module only
// (domain, service), so that it stays fast and never reads third-party code.
func swagger() error {
	return gen.New().Build(&gen.Config{
		Debugger:           log.New(io.Discard, "", 0),
		SearchDir:          "api",
		MainAPIFile:        "doc.go",
		Excludes:           "api/apitest",
		OutputDir:          specDir,
		OutputTypes:        []string{"json", "yaml"},
		ParseDependency:    1, // models only
		ParseGoList:        true,
		PackagePrefix:      module,
		RequiredByDefault:  true, // every field without omitempty is always in the JSON
		Strict:             true,
		LeftTemplateDelim:  "{{",
		RightTemplateDelim: "}}",
		PackageName:        "openapi",
	})
}

// moduleRoot walks up from the working directory to this module's go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
