package api

import (
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/rungs/rungs/domain"
)

// cleanStrings applies domain's text rules to every string a request body
// decoded into, in place, so no handler can forget them: a string field is
// single-line unless its struct tag says `text:"multiline"` (highlights,
// evidence, notes, descriptions) or `text:"raw"` (passwords and tokens, which
// are compared byte for byte and never shown). A broken rule is a 400 that
// names the field by its JSON path.
func cleanStrings(v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil
	}
	return cleanValue(rv.Elem(), "", domain.SingleLine)
}

type textPolicy int

const (
	textLine textPolicy = iota
	textMulti
	textRaw
)

type fieldPlan struct {
	index  int
	name   string
	policy textPolicy
}

// plans caches, per struct type, which fields hold text and how to clean them.
var plans sync.Map // reflect.Type -> []fieldPlan

func cleanValue(v reflect.Value, path string, kind domain.TextKind) error {
	switch v.Kind() {
	case reflect.String:
		clean, err := domain.CleanText(kind, v.String())
		if err != nil {
			return fieldBadRequest(path, "text", err.Error(), "Field "+strconv.Quote(path)+" "+err.Error()+".")
		}
		if clean != v.String() && v.CanSet() {
			v.SetString(clean)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return cleanValue(v.Elem(), path, kind)
		}
	case reflect.Interface:
		// Values inside an interface (a merge patch's map[string]any) are
		// not addressable: clean a copy and put it back.
		if v.IsNil() {
			return nil
		}
		inner := reflect.New(v.Elem().Type()).Elem()
		inner.Set(v.Elem())
		if err := cleanValue(inner, path, kind); err != nil {
			return err
		}
		if v.CanSet() {
			v.Set(inner)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := cleanValue(v.Index(i), path+"["+strconv.Itoa(i)+"]", kind); err != nil {
				return err
			}
		}
	case reflect.Map:
		return cleanMap(v, path, kind)
	case reflect.Struct:
		for _, f := range planOf(v.Type()) {
			if f.policy == textRaw {
				continue
			}
			k := domain.SingleLine
			if f.policy == textMulti {
				k = domain.MultiLine
			}
			if err := cleanValue(v.Field(f.index), joinPath(path, f.name), k); err != nil {
				return err
			}
		}
	}
	return nil
}

// cleanMap checks keys as single-line text and values by the field's kind.
// Map values are not addressable, so changed values are written back.
func cleanMap(v reflect.Value, path string, kind domain.TextKind) error {
	if v.Type().Key().Kind() != reflect.String {
		return nil
	}
	iter := v.MapRange()
	for iter.Next() {
		key := iter.Key().String()
		p := joinPath(path, key)
		if _, err := domain.CleanText(domain.SingleLine, key); err != nil {
			return fieldBadRequest(p, "text", "has a key that "+err.Error(), "A key of field "+strconv.Quote(path)+" "+err.Error()+".")
		}
		val := reflect.New(iter.Value().Type()).Elem()
		val.Set(iter.Value())
		if err := cleanValue(val, p, kind); err != nil {
			return err
		}
		v.SetMapIndex(iter.Key(), val)
	}
	return nil
}

func planOf(t reflect.Type) []fieldPlan {
	if p, ok := plans.Load(t); ok {
		return p.([]fieldPlan)
	}
	var out []fieldPlan
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		policy := textLine
		switch f.Tag.Get("text") {
		case "multiline":
			policy = textMulti
		case "raw":
			policy = textRaw
		}
		if holdsText(f.Type) {
			out = append(out, fieldPlan{index: i, name: name, policy: policy})
		}
	}
	plans.Store(t, out)
	return out
}

// holdsText reports whether a value of type t can contain a string.
func holdsText(t reflect.Type) bool {
	return holdsTextSeen(t, map[reflect.Type]bool{})
}

func holdsTextSeen(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsTextSeen(t.Elem(), seen)
	case reflect.Map:
		return t.Key().Kind() == reflect.String || holdsTextSeen(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && holdsTextSeen(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
