package service

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/rungs/rungs/domain"
)

// suggest names suggestionCount backgrounds for a title that matched nothing well: the
// matcher's candidates first, then the backgrounds whose title or aliases are spelt most
// like it, so that even a title sharing no word with any background gets three to pick from.
// It runs only on the error path.
func suggest(backgrounds []domain.Background, title string, matched []Match) ([]string, []float64) {
	out := make([]string, 0, suggestionCount)
	scores := make([]float64, 0, suggestionCount)
	for _, m := range matched {
		if len(out) < suggestionCount && !slices.Contains(out, m.Slug) {
			out = append(out, m.Slug)
			scores = append(scores, roundScore(m.Score))
		}
	}
	if len(out) == suggestionCount {
		return out, scores
	}
	q := map[string]bool{}
	for _, g := range trigrams(title) {
		q[g] = true
	}
	type near struct {
		slug string
		sim  float64
		i    int
	}
	ranked := make([]near, 0, len(backgrounds))
	for i, b := range backgrounds {
		best := dice(q, trigrams(b.Title))
		for _, a := range b.Aliases {
			best = max(best, dice(q, trigrams(a)))
		}
		ranked = append(ranked, near{b.Slug, best, i})
	}
	// Most alike first; the framework's order among equals keeps the answer stable.
	slices.SortFunc(ranked, func(a, b near) int {
		if c := cmp.Compare(b.sim, a.sim); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	for _, r := range ranked {
		if len(out) == suggestionCount {
			break
		}
		if !slices.Contains(out, r.slug) {
			out = append(out, r.slug)
			scores = append(scores, roundScore(r.sim))
		}
	}
	return out, scores
}

// trigrams are the distinct three-letter runs of each lower-cased word, padded with spaces.
func trigrams(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		r := []rune(" " + w + " ")
		for i := 0; i+3 <= len(r); i++ {
			if g := string(r[i : i+3]); !slices.Contains(out, g) {
				out = append(out, g)
			}
		}
	}
	return out
}

// dice is the Sørensen–Dice similarity of two trigram sets, 0..1.
func dice(a map[string]bool, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	shared := 0
	for _, g := range b {
		if a[g] {
			shared++
		}
	}
	return 2 * float64(shared) / float64(len(a)+len(b))
}
