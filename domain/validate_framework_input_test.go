package domain

import (
	"encoding/json"
	"errors"
	"testing"
)

// withAnchors returns the default framework document with the first
// competency's rubric replaced by anchors.
func withAnchors(t *testing.T, anchors []string) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(DefaultFrameworkJSON(), &doc); err != nil {
		t.Fatal(err)
	}
	doc["competencies"].([]any)[0].(map[string]any)["anchors"] = anchors
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeFrameworkRefusesASixthAnchor(t *testing.T) {
	f := mustDefault(t)
	six := append(f.Competencies[0].Anchors[:], "Writes the book on it.")
	_, err := DecodeFramework(withAnchors(t, six))
	fields := fieldsOf(t, err)
	if len(fields) != 1 || fields[0].Field != "competencies[0].anchors" || fields[0].Rule != "max_items" || fields[0].Value != "6" {
		t.Fatalf("got %+v, want one max_items error on competencies[0].anchors", fields)
	}
	if _, err := DecodeFramework(withAnchors(t, f.Competencies[0].Anchors[:])); err != nil {
		t.Fatalf("five anchors: %v", err)
	}
}

func TestDecodeFrameworkLeavesMissingAnchorsToValidate(t *testing.T) {
	f, err := DecodeFramework(withAnchors(t, mustDefault(t).Competencies[0].Anchors[:4]))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if !hasField(fieldsOf(t, f.Validate()), "competencies[0].anchors[4]", "required") {
		t.Fatal("a missing fifth anchor is not reported")
	}
}

func TestValidateRefusesControlCharactersInText(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(f *Framework)
		field  string
	}{
		{"NUL in a competency name", func(f *Framework) { f.Competencies[0].Name = "Commu\x00nication" }, "competencies[0].name"},
		{"escape in an anchor", func(f *Framework) { f.Competencies[1].Anchors[3] = "Gathers\x1b[31m sentiment" }, "competencies[1].anchors[3]"},
		{"NUL in an alias", func(f *Framework) { f.Backgrounds[0].Aliases[0] = "account\x00executive" }, "backgrounds[0].aliases[0]"},
		{"DEL in a rationale", func(f *Framework) { f.Backgrounds[2].Evidence[0].Rationale += "\x7f" }, "backgrounds[2].evidence[0].rationale"},
		{"NUL in a description", func(f *Framework) { f.Description = "\x00" }, "description"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := mustDefault(t)
			tc.mutate(f)
			if fields := fieldsOf(t, f.Validate()); !hasField(fields, tc.field, "format") {
				t.Errorf("no format error on %s; got %+v", tc.field, fields)
			}
		})
	}
	f := mustDefault(t)
	f.Levels[0].Summary = "First line.\nSecond line,\tindented.\r\n"
	if err := f.Validate(); err != nil {
		t.Errorf("tab and newlines refused: %v", err)
	}
}

func TestDecodeFrameworkErrorsAreInvalid(t *testing.T) {
	_, err := DecodeFramework([]byte(`{"competencies":[{"anchors":["a","b","c","d","e","f","g"]}]}`))
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
}

func TestValidateVersionSpellings(t *testing.T) {
	for version, ok := range map[string]bool{
		"2026.1": true, "2026.0": true, "0.1": true, "1.2.3.4": true, "2026.10": true,
		"2026.01": false, "02026.1": false, "2026.1.": false, "2026": false, "1.2.3.4.5": false, "2026.1a": false,
	} {
		f := mustDefault(t)
		f.Version = version
		err := f.Validate()
		if ok && err != nil {
			t.Errorf("%s refused: %v", version, err)
		}
		if !ok && !hasField(fieldsOf(t, err), "version", "format") {
			t.Errorf("%s accepted", version)
		}
	}
}
