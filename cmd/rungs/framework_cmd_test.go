package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rungs/rungs/domain"
)

// frameworkFile writes the default framework, changed by edit, to a temp file.
func frameworkFile(t *testing.T, edit func(f *domain.Framework)) string {
	t.Helper()
	f, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(f)
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return writeTemp(t, "framework.json", b)
}

func TestFrameworkValidatePassesOnTheDefaultFile(t *testing.T) {
	path := writeTemp(t, "default.json", domain.DefaultFrameworkJSON())
	out, err := cli(t, "", "", "framework", "validate", path)
	if err != nil || !strings.HasPrefix(out, "ok: community-management@2026.2: 13 competencies, 5 levels") {
		t.Fatalf("%q %v", out, err)
	}
	out, err = cli(t, "", string(domain.DefaultFrameworkJSON()), "framework", "validate", "-")
	if err != nil || !strings.HasPrefix(out, "ok: ") {
		t.Fatalf("from stdin: %q %v", out, err)
	}
}

func TestFrameworkValidateListsEveryProblem(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(f *domain.Framework)
		lines []string
	}{
		{"a dangling competency reference", func(f *domain.Framework) {
			f.Levels[2].Expectations[0].Competency = "juggling"
		}, []string{`levels[2].expectations[0].competency: unknown competency ("juggling")`}},
		{"a duplicate slug", func(f *domain.Framework) {
			f.Backgrounds[1].Slug = f.Backgrounds[0].Slug
		}, []string{`backgrounds[1].slug: duplicate background ("sales")`}},
		{"a proficiency of 7", func(f *domain.Framework) {
			f.Backgrounds[3].Evidence[4].Proficiency = 7
		}, []string{`backgrounds[3].evidence[4].proficiency: must be between 0 and 4 ("7")`}},
		{"three problems at once", func(f *domain.Framework) {
			f.Levels[2].Expectations[0].Competency = "juggling"
			f.Backgrounds[1].Slug = f.Backgrounds[0].Slug
			f.Backgrounds[3].Evidence[4].Proficiency = 7
		}, []string{"levels[2].expectations[0].competency", "backgrounds[1].slug", "backgrounds[3].evidence[4].proficiency"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := frameworkFile(t, tc.edit)
			out, err := cli(t, "", "", "framework", "validate", path)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if err == nil || len(lines) != len(tc.lines) {
				t.Fatalf("err %v, output:\n%s", err, out)
			}
			for i, want := range tc.lines {
				if !strings.HasPrefix(lines[i], want) {
					t.Errorf("line %d %q, want %q", i, lines[i], want)
				}
			}
			if !strings.Contains(err.Error(), "problem") {
				t.Fatalf("error %q", err)
			}
		})
	}
}

func TestFrameworkValidateRefusesMalformedFiles(t *testing.T) {
	for name, content := range map[string]string{"truncated": `{"slug":`, "unknown field": `{"slug":"x","colour":"red"}`, "two documents": `{} {}`} {
		path := writeTemp(t, strings.ReplaceAll(name, " ", "-")+".json", []byte(content))
		if _, err := cli(t, "", "", "framework", "validate", path); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if _, err := cli(t, "", "", "framework", "validate", filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("a missing file accepted")
	}
}

func TestFrameworkImportAndExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rungs.db")
	next := frameworkFile(t, func(f *domain.Framework) {
		f.Version, f.Status = "2026.5", domain.StatusDraft
		f.Title = "Community management, spring edition"
	})
	out, err := cli(t, db, "", "framework", "import", next)
	if err != nil || out != "imported community-management@2026.5 (published)\n" {
		t.Fatalf("import: %q %v", out, err)
	}
	if _, err := cli(t, db, "", "framework", "import", next); err == nil || !strings.Contains(err.Error(), "already stored") {
		t.Fatalf("second import: %v", err)
	}
	bad := frameworkFile(t, func(f *domain.Framework) { f.Version = "2026.6"; f.Competencies[0].Weight = 0 })
	if out, err := cli(t, db, "", "framework", "import", bad); err == nil || !strings.Contains(out, "competencies[0].weight") {
		t.Fatalf("invalid import: %q %v", out, err)
	}

	out, err = cli(t, db, "", "framework", "export", "community-management@2026.5")
	if err != nil {
		t.Fatal(err)
	}
	exported, err := domain.DecodeFramework([]byte(out))
	if err != nil {
		t.Fatalf("export is not a framework file: %v", err)
	}
	want, _ := domain.DecodeFramework(mustRead(t, next))
	if exported.Status != domain.StatusPublished || exported.PublishedAt == nil {
		t.Fatalf("exported as %s at %v", exported.Status, exported.PublishedAt)
	}
	exported.Status, exported.PublishedAt = want.Status, nil
	if !reflect.DeepEqual(exported, want) {
		t.Fatal("export differs from the imported file")
	}

	// The latest is the highest published version; the default is there too.
	if out, err := cli(t, db, "", "framework", "export", "community-management"); err != nil || !strings.Contains(out, `"version": "2026.5"`) {
		t.Fatalf("export of the latest: %v", err)
	}
	if out, err := cli(t, db, "", "framework", "export", "community-management@2026.1"); err != nil || !strings.Contains(out, `"version": "2026.1"`) {
		t.Fatalf("export of the default: %v", err)
	}
	if out, _ := cli(t, db, "", "framework", "export", "community-management@2026.6"); out != "" {
		t.Fatal("the invalid file was stored")
	}
	for _, args := range [][]string{
		{"framework", "export", "community-management@1999.1"},
		{"framework", "export", "Not A Ref"},
		{"framework", "import"},
		{"framework", "publish", next},
		{"framework"},
	} {
		if _, err := cli(t, db, "", args...); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestServeSeedsTheDefaultFrameworkOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rungs.db")
	env := map[string]string{"RUNGS_SQLITE_PATH": path}
	s := startServer(t, env)
	var levels struct {
		Framework string
		Items     []struct{ Slug string }
	}
	if code := getJSON(t, s.URL+"/v1/levels", &levels); code != 200 || levels.Framework != "community-management@2026.2" || len(levels.Items) != 5 {
		t.Fatalf("levels %d %+v", code, levels)
	}
	if !strings.Contains(s.Logs.String(), `"msg":"default framework stored"`) {
		t.Fatal("the first start did not store the default")
	}
	s.Stop(t)
	s2 := startServer(t, env)
	if strings.Contains(s2.Logs.String(), "default framework") {
		t.Fatalf("the second start stored or warned again:\n%s", s2.Logs.String())
	}
	var list struct{ Items []struct{ Ref string } }
	if code := getJSON(t, s2.URL+"/v1/frameworks", &list); code != 200 || len(list.Items) != len(domain.DefaultFrameworkFiles) {
		t.Fatalf("frameworks %d %+v", code, list)
	}
}
