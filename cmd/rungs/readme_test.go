package main

import (
	"os"
	"strings"
	"testing"
)

// The README's configuration table is what operators read: every variable
// run() reads must be in it, on a row that states its default.
func TestReadmeDocumentsEverySetting(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "| `") {
			rows = append(rows, line)
		}
	}
	for _, s := range settings() {
		row := ""
		for _, r := range rows {
			if strings.Contains(r, "`"+s.env+"`") {
				row = r
				break
			}
		}
		if row == "" {
			t.Errorf("README.md has no table row for %s", s.env)
			continue
		}
		def := "`" + s.def + "`"
		if s.def == "" {
			def = "empty"
		}
		if cells := strings.Split(row, "|"); len(cells) < 4 || !strings.Contains(cells[2], def) {
			t.Errorf("README.md row for %s does not give its default %s: %s", s.env, def, row)
		}
	}
}
