package domain

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

//go:embed defaults/*.json
var defaultsFS embed.FS

// DefaultFrameworkFiles are the embedded default framework versions that a
// start stores as published, oldest first; the last is the latest.
var DefaultFrameworkFiles = []string{
	"defaults/community-management-2026.1.json",
	"defaults/community-management-2026.2.json",
}

// DefaultFrameworkFile is the latest embedded default framework.
var DefaultFrameworkFile = DefaultFrameworkFiles[len(DefaultFrameworkFiles)-1]

// DefaultFrameworkJSON returns the latest default framework document exactly
// as embedded. Each call returns a fresh copy, so callers may modify it.
func DefaultFrameworkJSON() []byte { return defaultJSON(DefaultFrameworkFile) }

func defaultJSON(file string) []byte {
	b, err := defaultsFS.ReadFile(file)
	if err != nil {
		// The file is embedded at build time; a missing file is a build defect.
		panic(fmt.Sprintf("domain: embedded default framework missing: %v", err))
	}
	return b
}

// DefaultFramework decodes and validates the latest embedded default
// framework. Each call returns a new value that the caller owns.
func DefaultFramework() (*Framework, error) { return decodeDefault(DefaultFrameworkFile) }

// DefaultFrameworkVersion is the embedded default framework of one version
// ("2026.1"); ErrNotFound when none is embedded.
func DefaultFrameworkVersion(version string) (*Framework, error) {
	for _, file := range DefaultFrameworkFiles {
		if strings.HasSuffix(file, "-"+version+".json") {
			return decodeDefault(file)
		}
	}
	return nil, Errorf(ErrNotFound, "no default framework version %s", version)
}

// DefaultFrameworks decodes every embedded default version, oldest first.
func DefaultFrameworks() ([]*Framework, error) {
	out := make([]*Framework, 0, len(DefaultFrameworkFiles))
	for _, file := range DefaultFrameworkFiles {
		f, err := decodeDefault(file)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func decodeDefault(file string) (*Framework, error) {
	f, err := DecodeFramework(defaultJSON(file))
	if err != nil {
		return nil, fmt.Errorf("default framework %s: %w", file, err)
	}
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("default framework %s: %w", file, err)
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
