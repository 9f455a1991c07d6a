package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
)

// nullableFields reads the module's Go sources and returns, per schema name
// as swag writes it ("domain.Result"), the JSON names of the pointer fields
// without omitempty: encoding/json writes those as null when they are nil,
// which swagger 2 cannot express. A pointer validated as required is left
// alone: it only tells an absent value from a zero one, and null is refused.
func nullableFields(root string) (map[string]map[string]bool, error) {
	out := map[string]map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		collectNullable(file, out)
		return nil
	})
	return out, err
}

func collectNullable(file *ast.File, out map[string]map[string]bool) {
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.TYPE {
			continue
		}
		for _, spec := range gen.Specs {
			ts := spec.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			for _, field := range st.Fields.List {
				if _, ptr := field.Type.(*ast.StarExpr); !ptr || field.Tag == nil || len(field.Names) == 0 {
					continue
				}
				tag, err := strconv.Unquote(field.Tag.Value)
				if err != nil {
					continue
				}
				st := reflect.StructTag(tag)
				name, opts, _ := strings.Cut(st.Get("json"), ",")
				required := hasOption(st.Get("validate"), "required") || hasOption(st.Get("binding"), "required")
				if name == "" || name == "-" || hasOption(opts, "omitempty") || required {
					continue
				}
				key := file.Name.Name + "." + ts.Name.Name
				if out[key] == nil {
					out[key] = map[string]bool{}
				}
				out[key][name] = true
			}
		}
	}
}

func hasOption(opts, want string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}
