package service

import (
	"strings"
	"testing"

	"github.com/rungs/rungs/domain"
)

func FuzzMatch(f *testing.F) {
	for _, q := range []string{
		"", "Sr. Account-Exec.", "major gi", "Officer, Major Gifts", "bartendr", "Réceptionniste",
		"E\u0301ducatrice", "v.p. r.n. ii", "fund raiser", "xyzzy qwerty", "a b c d e f g",
		strings.Repeat("community manager ", 30), "\xff\xfe", "İstanbul ǅ ß",
	} {
		f.Add(q, 3)
	}
	bgs := matcherTestBackgrounds()
	if d, err := domain.DefaultFramework(); err == nil {
		bgs = append(bgs, d.Backgrounds...)
	}
	m := NewMatcher(bgs)
	f.Fuzz(func(t *testing.T, query string, limit int) {
		got := m.Match(query, limit)
		if limit > 0 && len(got) > limit {
			t.Fatalf("Match(%q, %d) returned %d matches", query, limit, len(got))
		}
		for i, r := range got {
			if !(r.Score > 0 && r.Score <= 1) {
				t.Fatalf("Match(%q) score %v out of (0, 1]", query, r.Score)
			}
			if r.Slug == "" || r.MatchedOn == "" {
				t.Fatalf("Match(%q) returned an incomplete match %+v", query, r)
			}
			if i > 0 {
				prev := got[i-1]
				if prev.Score < r.Score || (prev.Score == r.Score && prev.Slug > r.Slug) {
					t.Fatalf("Match(%q) not sorted: %+v before %+v", query, prev, r)
				}
			}
		}
		if b, ok := m.Best(query); ok != (len(got) > 0) || (ok && b != got[0]) {
			t.Fatalf("Best(%q) = %+v, %v, want the first of %+v", query, b, ok, got)
		}
		// A normalised title normalises to itself (unless it grew past the input limit).
		if n := normalizeTitle(query); len(n) <= maxQueryBytes && normalizeTitle(n) != n {
			t.Fatalf("normalizeTitle is not idempotent on %q: %q then %q", query, n, normalizeTitle(n))
		}
	})
}
