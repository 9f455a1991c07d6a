package service

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/rungs/rungs/domain"
)

// heldOutRight is how many of the held-out titles (written without looking
// at the aliases) each version resolves right: 2026.1 is frozen, 2026.2 may
// only gain. The acceptance is 95 % on 2026.2.
var heldOutRight = map[string]int{"2026.1": 235, "2026.2": 337}

func TestHeldOutTitles(t *testing.T) {
	raw, err := os.ReadFile("testdata/heldout_titles.json")
	if err != nil {
		t.Fatal(err)
	}
	var set []struct{ Title, Background string }
	if err := json.Unmarshal(raw, &set); err != nil {
		t.Fatal(err)
	}
	if len(set) < 200 {
		t.Fatalf("%d held-out titles", len(set))
	}
	for _, version := range []string{"2026.1", "2026.2"} {
		f, err := domain.DefaultFrameworkVersion(version)
		if err != nil {
			t.Fatal(err)
		}
		v := NewFrameworkView(f)
		right := 0
		for _, h := range set {
			got := ""
			if exps, err := resolveExperiences(v, []ExperienceRequest{{Title: h.Title, Years: 1}}); err == nil {
				got = exps[0].Background
			}
			if got == h.Background {
				right++
			} else if testing.Verbose() {
				t.Logf("%s: %q -> %q, want %q", version, h.Title, got, h.Background)
			}
		}
		t.Logf("%s: %d of %d held-out titles right (%.1f %%)", version, right, len(set), 100*float64(right)/float64(len(set)))
		want := heldOutRight[version]
		if version == "2026.1" && right != want || right < want {
			t.Errorf("%s: %d right, recorded %d", version, right, want)
		}
	}
}
