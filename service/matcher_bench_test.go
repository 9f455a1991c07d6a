package service

import (
	"testing"

	"github.com/rungs/rungs/domain"
)

// benchQueries mixes what a search box sees: whole titles, words being typed,
// typos, reordered and decorated titles, and words that match nothing.
var benchQueries = map[string][]string{
	"full":    {"Account Executive", "Major Gifts Officer", "High School Teacher", "Customer Success Manager", "Forum Moderator", "Realtor"},
	"prefix":  {"ma", "major gi", "account ex", "develo", "real est", "community man"},
	"typo":    {"Acount Executve", "bartendr", "Comunity Manger", "fundrasing", "jornalist", "volunter coordinator"},
	"messy":   {"Sr. Account-Exec. II", "Officer, Major Gifts", "Head of Fundraising", "Éducatrice", "VP of Sales", "Discord Moderator"},
	"nothing": {"xyzzy qwerty", "astronaut", "zz"},
}

func BenchmarkMatch(b *testing.B) {
	f, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		b.Fatal(err)
	}
	m := NewMatcher(f.Backgrounds)
	for _, kind := range []string{"full", "prefix", "typo", "messy", "nothing"} {
		queries := benchQueries[kind]
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				m.Match(queries[i%len(queries)], 5)
				i++
			}
		})
	}
}

func BenchmarkNewMatcher(b *testing.B) {
	f, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		NewMatcher(f.Backgrounds)
	}
}
