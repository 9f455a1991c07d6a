package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rungs/rungs/domain"
)

// sixAnchorFile writes the default framework as version with a sixth anchor
// on the first competency, which the [5]string rubric cannot hold.
func sixAnchorFile(t *testing.T, version string) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(domain.DefaultFrameworkJSON(), &doc); err != nil {
		t.Fatal(err)
	}
	doc["version"] = version
	comp := doc["competencies"].([]any)[0].(map[string]any)
	comp["anchors"] = append(comp["anchors"].([]any), "Writes the book on it.")
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return writeTemp(t, "six-anchors.json", b)
}

func TestFrameworkValidateRefusesASixthAnchor(t *testing.T) {
	out, err := cli(t, "", "", "framework", "validate", sixAnchorFile(t, "2026.7"))
	if err == nil || !strings.HasPrefix(out, `competencies[0].anchors: allows exactly 5 anchors`) || !strings.Contains(err.Error(), "1 problem") {
		t.Fatalf("err %v, output:\n%s", err, out)
	}
}

func TestFrameworkImportRefusesASixthAnchorAndStoresNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rungs.db")
	if out, err := cli(t, db, "", "framework", "import", sixAnchorFile(t, "2026.7")); err == nil || !strings.Contains(out, "competencies[0].anchors") {
		t.Fatalf("import: %q %v", out, err)
	}
	if out, err := cli(t, db, "", "framework", "export", "community-management@2026.7"); err == nil || out != "" {
		t.Fatalf("the refused file was stored: %v", err)
	}
}
