package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// mustDefault is the first default version, 2026.1, whose results the
// golden files and the calibration checks below pin; mustLatest is 2026.2.
func mustDefault(t testing.TB) *Framework {
	t.Helper()
	f, err := DefaultFrameworkVersion("2026.1")
	if err != nil {
		t.Fatalf("DefaultFrameworkVersion: %v", err)
	}
	return f
}

func mustLatest(t testing.TB) *Framework {
	t.Helper()
	f, err := DefaultFramework()
	if err != nil {
		t.Fatalf("DefaultFramework: %v", err)
	}
	return f
}

func TestDefaultFrameworkLoadsAndValidates(t *testing.T) {
	if f := mustLatest(t); f.Ref() != "community-management@2026.2" {
		t.Errorf("latest default %q", f.Ref())
	}
	f := mustDefault(t)
	if f.Ref() != "community-management@2026.1" || f.Title != "Community management" {
		t.Errorf("ref %q title %q", f.Ref(), f.Title)
	}
	if f.Status != StatusPublished || f.PublishedAt != nil {
		t.Errorf("status %q published_at %v, want published with no time", f.Status, f.PublishedAt)
	}
	if err := f.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestDefaultFrameworkJSONMatchesTypeExactly(t *testing.T) {
	// Re-encoding each decoded version must give the same document: no field the type drops,
	// none it adds, no value changed by decoding.
	for _, file := range DefaultFrameworkFiles {
		raw := defaultJSON(file)
		var fromFile, fromType any
		if err := json.Unmarshal(raw, &fromFile); err != nil {
			t.Fatal(err)
		}
		f, err := decodeDefault(file)
		if err != nil {
			t.Fatal(err)
		}
		enc, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(enc, &fromType); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fromFile, fromType) {
			t.Errorf("%s: the embedded JSON and the re-encoded framework differ", file)
		}
	}
}

func TestDefaultFrameworkJSONReturnsACopy(t *testing.T) {
	a := DefaultFrameworkJSON()
	a[0] = 'X'
	if b := DefaultFrameworkJSON(); b[0] != '{' {
		t.Error("modifying the returned bytes changed the embedded document")
	}
}

func TestDecodeFrameworkIsStrict(t *testing.T) {
	raw := defaultJSON(DefaultFrameworkFiles[0])
	cases := map[string][]byte{
		"unknown field":  bytes.Replace(raw, []byte(`"slug": "community-management"`), []byte(`"slug": "community-management", "colour": "red"`), 1),
		"trailing data":  append(slices.Clone(raw), []byte(`{}`)...),
		"wrong type":     bytes.Replace(raw, []byte(`"version": "2026.1"`), []byte(`"version": 2026.1`), 1),
		"malformed JSON": raw[:len(raw)/2],
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if bytes.Equal(data, raw) {
				t.Fatal("test input was not changed")
			}
			if _, err := DecodeFramework(data); !errors.Is(err, ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestDefaultFrameworkShape(t *testing.T) {
	f := mustDefault(t)
	wantComps := []string{
		"communication", "listening-empathy", "relationship-building", "facilitation-engagement", "conflict-crisis",
		"stakeholder-influence", "strategic-alignment", "enabling-others", "initiative-leadership",
		"social-media", "content", "programs-events", "measurement-analytics",
	}
	if got := slugsOf(f.Competencies, func(c Competency) string { return c.Slug }); !slices.Equal(got, wantComps) {
		t.Errorf("competencies %v", got)
	}
	wantLevels := []string{"community-coordinator", "community-manager", "senior-community-manager", "community-director", "chief-community-officer"}
	if got := slugsOf(f.Levels, func(l Level) string { return l.Slug }); !slices.Equal(got, wantLevels) {
		t.Errorf("levels %v", got)
	}
	for i, lv := range f.Levels {
		if lv.Rank != i+1 || len(lv.Expectations) != len(wantComps) {
			t.Errorf("%s: rank %d, %d expectations", lv.Slug, lv.Rank, len(lv.Expectations))
		}
	}
	bgs := slugsOf(f.Backgrounds, func(b Background) string { return b.Slug })
	for _, want := range []string{
		"sales", "account-management", "marketing", "fundraising", "teaching", "hospitality", "real-estate",
		"customer-support", "event-planning", "web-content-editing", "journalism", "hr-internal-communications",
		"volunteer-coordination", "association-membership", "social-media-specialist", "developer-relations",
		"community-organizing", "coaching", "nursing-care", "retail-management", "online-community-moderation",
		"community-management",
	} {
		if !slices.Contains(bgs, want) {
			t.Errorf("background %s missing", want)
		}
	}
	for _, c := range wantComps {
		kinds := map[string]bool{}
		for _, a := range f.Actions {
			if a.Competency == c {
				kinds[a.Kind] = true
			}
		}
		if len(kinds) < 3 {
			t.Errorf("%s: actions of %d kinds, want at least 3", c, len(kinds))
		}
	}
	for i, a := range f.Actions {
		if len(a.Title) > 70 {
			t.Errorf("actions[%d].title is %d characters, keep it under 70", i, len(a.Title))
		}
	}
}

func TestDefaultCommunityServedCompletesTheSentence(t *testing.T) {
	// It is shown as "You already have a community: your <community_served>."
	for _, b := range mustDefault(t).Backgrounds {
		s := b.CommunityServed
		first := []rune(s)[0]
		if strings.HasSuffix(s, ".") || !unicode.IsLower(first) || strings.HasPrefix(s, "your ") {
			t.Errorf("%s: community_served %q does not fit the sentence", b.Slug, s)
		}
	}
}

// requiredGaps lists the required expectations of lv that a practised person in b alone misses.
func requiredGaps(f *Framework, b Background, lv Level) []string {
	ev := map[string]int{}
	for _, e := range b.Evidence {
		ev[e.Competency] = e.Proficiency
	}
	var gaps []string
	for _, e := range lv.Expectations {
		if e.Kind == ExpectationRequired && float64(ev[e.Competency]) < float64(e.MinProficiency)-f.Scoring.MetTolerance {
			gaps = append(gaps, e.Competency)
		}
	}
	return gaps
}

// reachedRank is the highest rank whose required expectations, and those of every rung below,
// a background alone meets; 0 when not even the first.
func reachedRank(f *Framework, b Background) int {
	rank := 0
	for _, lv := range f.Levels {
		if len(requiredGaps(f, b, lv)) > 0 {
			break
		}
		rank = lv.Rank
	}
	return rank
}

func TestDefaultLadderIsCalibrated(t *testing.T) {
	f := mustDefault(t)
	byRank := func(r int) Level {
		return f.Levels[slices.IndexFunc(f.Levels, func(l Level) bool { return l.Rank == r })]
	}
	for _, b := range f.Backgrounds {
		// No single prior job makes a Director, let alone a Chief Community Officer.
		for _, r := range []int{4, 5} {
			if len(requiredGaps(f, b, byRank(r))) == 0 {
				t.Errorf("%s alone meets every requirement of %s", b.Slug, byRank(r).Slug)
			}
		}
		// Coordinator is within reach of every background with a little training.
		if gaps := requiredGaps(f, b, byRank(1)); len(gaps) > 2 {
			t.Errorf("%s misses %d Coordinator requirements: %v", b.Slug, len(gaps), gaps)
		}
	}
	for _, slug := range []string{"sales", "fundraising"} {
		b := f.Backgrounds[slices.IndexFunc(f.Backgrounds, func(b Background) bool { return b.Slug == slug })]
		if r := reachedRank(f, b); r < 1 || r > 2 {
			t.Errorf("%s reaches rank %d, want Coordinator or Manager", slug, r)
		}
	}
	cco := byRank(5)
	for _, e := range cco.Expectations {
		if (e.Competency == "stakeholder-influence" || e.Competency == "strategic-alignment") &&
			(e.MinProficiency != 4 || e.Kind != ExpectationRequired) {
			t.Errorf("CCO expects %s %d %s, want 4 required", e.Competency, e.MinProficiency, e.Kind)
		}
	}
}

func TestDefaultWeightShiftsFromCraftToInfluence(t *testing.T) {
	f := mustDefault(t)
	dim := map[string]string{}
	for _, c := range f.Competencies {
		dim[c.Slug] = c.Dimension
	}
	prevInfluence, prevCraft := -1.0, 2.0
	for _, lv := range f.Levels {
		var total, influence, craft float64
		for _, e := range lv.Expectations {
			total += e.Importance
			switch dim[e.Competency] {
			case DimensionInfluence:
				influence += e.Importance
			case DimensionCraft:
				craft += e.Importance
			}
		}
		if influence/total < prevInfluence || craft/total > prevCraft {
			t.Errorf("%s: influence share %.2f, craft share %.2f do not move up the ladder", lv.Slug, influence/total, craft/total)
		}
		prevInfluence, prevCraft = influence/total, craft/total
	}
}

func slugsOf[T any](items []T, slug func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = slug(it)
	}
	return out
}

func BenchmarkDefaultFramework(b *testing.B) {
	for b.Loop() {
		if _, err := DefaultFramework(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateDefault(b *testing.B) {
	f := mustDefault(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := f.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
