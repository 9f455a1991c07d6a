package service

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rungs/rungs/domain"
)

func matcherTestBackgrounds() []domain.Background {
	return []domain.Background{
		{Slug: "fundraising", Title: "Fundraising", Aliases: []string{"major gifts officer", "development officer", "fundraiser"}},
		{Slug: "sales", Title: "Sales", Aliases: []string{"account executive", "SDR"}},
		{Slug: "account-management", Title: "Account management", Aliases: []string{"account manager", "customer success manager"}},
		{Slug: "hospitality", Title: "Bartending and hospitality", Aliases: []string{"bartender", "Réceptionniste"}},
		{Slug: "teaching", Title: "Teaching", Aliases: []string{"high school teacher", "Éducatrice"}},
		{Slug: "nursing-care", Title: "Nursing and care", Aliases: []string{"nurse"}},
		{Slug: "coaching", Title: "Coaching", Aliases: []string{"coach"}},
		{Slug: "developer-relations", Title: "Developer relations", Aliases: []string{"developer advocate"}},
		{Slug: "marketing", Title: "Marketing", Aliases: []string{"brand manager"}},
		{Slug: "volunteer-coordination", Title: "Volunteer coordination", Aliases: []string{"volunteer coordinator", "volunteer programme manager"}},
	}
}

// bestMatch returns the top match, or a zero Match when nothing scores.
func bestMatch(m *Matcher, q string) Match {
	r, _ := m.Best(q)
	return r
}

func matchScoreOf(m *Matcher, q, slug string) float64 {
	for _, r := range m.Match(q, 0) {
		if r.Slug == slug {
			return r.Score
		}
	}
	return 0
}

func TestMatchExactTitleAliasAndSlugScoreOne(t *testing.T) {
	bgs := matcherTestBackgrounds()
	m := NewMatcher(bgs)
	for _, b := range bgs {
		for _, text := range append([]string{b.Title, b.Slug}, b.Aliases...) {
			r := bestMatch(m, text)
			if r.Slug != b.Slug || r.Score != 1 || normalizeTitle(r.MatchedOn) != normalizeTitle(text) {
				t.Errorf("Best(%q) = %+v, want %s at 1 matched on %q", text, r, b.Slug, text)
			}
		}
	}
}

func TestMatchIgnoresCaseAccentsPunctuationAndSeniority(t *testing.T) {
	m := NewMatcher(matcherTestBackgrounds())
	tests := []struct{ query, slug string }{
		{"RÉCEPTIONNISTE!!", "hospitality"},
		{"receptionniste", "hospitality"},
		{"Educatrice", "teaching"},
		{"Sr. Account-Exec.", "sales"},
		{"Senior Account Executive II", "sales"},
		{"Head of Fundraising", "fundraising"},
		{"Chief Development Officer", "fundraising"},
		{"Customer Success Mgr", "account-management"},
		{"Sales Development Rep", "sales"}, // the alias is "SDR"
		{"Dev Advocate", "developer-relations"},
		{"Volunteer Program Manager", "volunteer-coordination"},
		{"Part-time Bartender", "hospitality"},
	}
	for _, tt := range tests {
		if r := bestMatch(m, tt.query); r.Slug != tt.slug || r.Score != 1 {
			t.Errorf("Best(%q) = %+v, want %s at 1", tt.query, r, tt.slug)
		}
	}
}

func TestMatchTokenOrderScoresJustBelowExact(t *testing.T) {
	m := NewMatcher(matcherTestBackgrounds())
	r := bestMatch(m, "Officer, Major Gifts")
	if r.Slug != "fundraising" || r.Score < 0.95 || r.Score >= 1 {
		t.Errorf("Best(Officer, Major Gifts) = %+v, want fundraising in [0.95, 1)", r)
	}
}

func TestMatchPartialTitleScoresWell(t *testing.T) {
	m := NewMatcher(matcherTestBackgrounds())
	for _, q := range []string{"gifts officer", "major gifts", "school teacher"} {
		r := bestMatch(m, q)
		if r.Score <= 0.7 || r.Score >= 1 {
			t.Errorf("Best(%q) = %+v, want a score in (0.7, 1)", q, r)
		}
	}
}

func TestMatchUnrelatedWordsScoreLow(t *testing.T) {
	m := NewMatcher(matcherTestBackgrounds())
	for _, q := range []string{"xyzzy qwerty", "astronaut", "underwater basket weaving", "quantum physicist", "zz"} {
		for _, r := range m.Match(q, 0) {
			if r.Score >= 0.4 {
				t.Errorf("Match(%q) has %+v, want every score below 0.4", q, r)
			}
		}
	}
}

func TestMatchToleratesTypos(t *testing.T) {
	m := NewMatcher(matcherTestBackgrounds())
	tests := []struct {
		query, slug string // slug "" means nothing may match
	}{
		{"bartendr", "hospitality"},  // 9 letters, 1 typo
		{"bartnedr", "hospitality"},  // 9 letters, 2 typos
		{"brtaendr", ""},             // 9 letters, 3 typos
		{"nrse", "nursing-care"},     // 5 letters, 1 typo
		{"nrsx", ""},                 // 5 letters, 2 typos
		{"caoch", "coaching"},        // transposition
		{"Acount Executve", "sales"}, // a typo in each word
		{"majr gifts oficer", "fundraising"},
	}
	for _, tt := range tests {
		r, ok := m.Best(tt.query)
		switch {
		case tt.slug == "" && ok && r.Score >= 0.4:
			t.Errorf("Best(%q) = %+v, want no match", tt.query, r)
		case tt.slug != "" && (r.Slug != tt.slug || r.Score < 0.7 || r.Score >= 1):
			t.Errorf("Best(%q) = %+v, want %s in [0.7, 1)", tt.query, r, tt.slug)
		}
	}
}

func TestMatchNoTypoToleranceForShortWords(t *testing.T) {
	m := NewMatcher([]domain.Background{{Slug: "bar", Title: "Bar"}, {Slug: "sdr", Title: "Sdr"}})
	for _, q := range []string{"bat", "car", "sdx"} {
		if r, ok := m.Best(q + " "); ok {
			t.Errorf("Best(%q) = %+v, want no match for a 3-letter word one edit away", q, r)
		}
	}
}

func TestMatchWordFamilies(t *testing.T) {
	m := NewMatcher(matcherTestBackgrounds())
	for q, slug := range map[string]string{"marketer": "marketing", "nursing": "nursing-care", "volunteering coordinator": "volunteer-coordination"} {
		if r := bestMatch(m, q); r.Slug != slug || r.Score < 0.7 {
			t.Errorf("Best(%q) = %+v, want %s at 0.7 or more", q, r, slug)
		}
	}
	// "development" (fundraising) is not "developer" (software).
	if s := matchScoreOf(m, "development officer", "developer-relations"); s >= 0.4 {
		t.Errorf("development officer scores %v for developer-relations, want below 0.4", s)
	}
}

func TestMatchCompoundWords(t *testing.T) {
	m := NewMatcher(matcherTestBackgrounds())
	if r := bestMatch(m, "Fund Raiser"); r.Slug != "fundraising" || r.Score != 1 {
		t.Errorf("Best(Fund Raiser) = %+v, want fundraising at 1", r)
	}
}

func TestMatchPerKeystroke(t *testing.T) {
	m := NewMatcher(matcherTestBackgrounds())
	const title = "major gifts officer"
	for n := 3; n <= len(title); n++ {
		if r := bestMatch(m, title[:n]); r.Slug != "fundraising" {
			t.Errorf("Best(%q) = %+v, want fundraising", title[:n], r)
		}
	}
	if s := matchScoreOf(m, "major gifts off", "fundraising"); s < 0.8 {
		t.Errorf("major gifts off scores %v, want 0.8 or more", s)
	}
	// A finished word is no longer a prefix.
	typing, done := matchScoreOf(m, "account ex", "sales"), matchScoreOf(m, "account ex ", "sales")
	if typing <= done || typing < 0.6 {
		t.Errorf("account ex scores %v typing and %v finished, want typing above 0.6 and above finished", typing, done)
	}
}

func TestMatchSortsBestFirstThenBySlug(t *testing.T) {
	m := NewMatcher([]domain.Background{
		{Slug: "zeta", Title: "Zeta", Aliases: []string{"program coordinator"}},
		{Slug: "alpha", Title: "Alpha", Aliases: []string{"program coordinator"}},
		{Slug: "mid", Title: "Mid", Aliases: []string{"program coordinator assistant"}},
	})
	got := m.Match("Program Coordinator", 0)
	var slugs []string
	for _, r := range got {
		slugs = append(slugs, r.Slug)
	}
	if want := []string{"alpha", "zeta", "mid"}; !slices.Equal(slugs, want) {
		t.Fatalf("Match order = %v, want %v (%+v)", slugs, want, got)
	}
	if got[0].Score != 1 || got[1].Score != 1 || got[2].Score >= 1 {
		t.Errorf("scores = %+v, want 1, 1, below 1", got)
	}
	if n := len(m.Match("Program Coordinator", 2)); n != 2 {
		t.Errorf("limit 2 returned %d matches", n)
	}
}

func TestMatchNothingToMatch(t *testing.T) {
	empty := NewMatcher(nil)
	if got := empty.Match("sales", 5); got != nil {
		t.Errorf("empty matcher returned %+v", got)
	}
	m := NewMatcher(matcherTestBackgrounds())
	for _, q := range []string{"", "   ", "Senior", "...", "II"} {
		if got := m.Match(q, 5); got != nil {
			t.Errorf("Match(%q) = %+v, want nil", q, got)
		}
		if r, ok := m.Best(q); ok {
			t.Errorf("Best(%q) = %+v, want none", q, r)
		}
	}
}

func TestMatchIsSafeForConcurrentUse(t *testing.T) {
	m := NewMatcher(matcherTestBackgrounds())
	queries := []string{"bartendr", "major gi", "Sr. Account Exec", "xyzzy", "nurse", "Officer, Major Gifts"}
	want := make([]string, len(queries))
	for i, q := range queries {
		want[i] = fmt.Sprint(m.Match(q, 0))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(queries))
	for g := range 8 {
		wg.Go(func() {
			for k := range 50 {
				i := (g + k) % len(queries)
				if got := fmt.Sprint(m.Match(queries[i], 0)); got != want[i] {
					errs <- fmt.Sprintf("Match(%q) = %s, want %s", queries[i], got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestMatchDoesNotKeepTheCallersSlices(t *testing.T) {
	bgs := matcherTestBackgrounds()
	m := NewMatcher(bgs)
	bgs[1].Aliases[0] = "astronaut"
	bgs[1].Title = "Changed"
	if r := bestMatch(m, "account executive"); r.Slug != "sales" || r.Title != "Sales" {
		t.Errorf("Best after the caller changed its slice = %+v, want sales titled Sales", r)
	}
	if strings.Contains(fmt.Sprint(m.Match("astronaut", 0)), "sales") {
		t.Error("a changed alias leaked into the matcher")
	}
}
