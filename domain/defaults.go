package domain

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

//go:embed defaults/*.json
var defaultsFS embed.FS

// DefaultFrameworkFile is the embedded default framework, community-management@2026.1.
const DefaultFrameworkFile = "defaults/community-management-2026.1.json"

// DefaultFrameworkJSON returns the default framework document exactly as embedded.
// Each call returns a fresh copy, so callers may modify it.
func DefaultFrameworkJSON() []byte {
	b, err := defaultsFS.ReadFile(DefaultFrameworkFile)
	if err != nil {
		// The file is embedded at build time; a missing file is a build defect.
		panic(fmt.Sprintf("domain: embedded default framework missing: %v", err))
	}
	return b
}

// DefaultFramework decodes and validates the embedded default framework.
// Each call returns a new value that the caller owns.
func DefaultFramework() (*Framework, error) {
	f, err := DecodeFramework(DefaultFrameworkJSON())
	if err != nil {
		return nil, fmt.Errorf("default framework: %w", err)
	}
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("default framework: %w", err)
	}
	return f, nil
}

// DecodeFramework decodes one framework document strictly: unknown fields and trailing
// data are errors. It does not validate the framework's rules; call Validate for that.
func DecodeFramework(data []byte) (*Framework, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f Framework
	if err := dec.Decode(&f); err != nil {
		return nil, Errorf(ErrInvalid, "malformed framework: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, Errorf(ErrInvalid, "malformed framework: data after the JSON object")
	}
	if err := checkAnchorCounts(data); err != nil {
		return nil, err
	}
	return &f, nil
}

// checkAnchorCounts refuses a competency with more than five anchors:
// encoding/json fills the [5]string rubric and silently drops the rest. Fewer
// than five leave empty anchors, which Validate reports.
func checkAnchorCounts(data []byte) error {
	var doc struct {
		Competencies []struct {
			Anchors []json.RawMessage `json:"anchors"`
		} `json:"competencies"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return Errorf(ErrInvalid, "malformed framework: %v", err)
	}
	verr := &ValidationError{}
	for i, c := range doc.Competencies {
		if n := len(c.Anchors); n > len(Competency{}.Anchors) {
			verr.AddValue(fmt.Sprintf("competencies[%d].anchors", i), "max_items",
				"allows exactly 5 anchors, for proficiency 0 to 4", strconv.Itoa(n))
		}
	}
	return verr.OrNil()
}
