package service

import (
	"cmp"
	"slices"
	"sync"

	"github.com/rungs/rungs/domain"
)

// FrameworkView is one framework version ready to serve: lookups by slug, the
// title matcher, and a memo for answers derived from it. Views of published
// and retired versions are shared between requests; nothing in them may be modified.
type FrameworkView struct {
	fw           *domain.Framework
	competencies map[string]int
	levels       map[string]int
	backgrounds  map[string]int
	actions      map[string][]domain.DevelopmentAction
	byRank       []*domain.Level

	matcherOnce sync.Once
	matcher     *Matcher
	memo        sync.Map
}

// NewFrameworkView indexes f for serving; f must not change after.
func NewFrameworkView(f *domain.Framework) *FrameworkView {
	v := &FrameworkView{
		fw:           f,
		competencies: make(map[string]int, len(f.Competencies)),
		levels:       make(map[string]int, len(f.Levels)),
		backgrounds:  make(map[string]int, len(f.Backgrounds)),
		actions:      map[string][]domain.DevelopmentAction{},
	}
	for i, c := range f.Competencies {
		v.competencies[c.Slug] = i
	}
	for i := range f.Levels {
		v.levels[f.Levels[i].Slug] = i
		v.byRank = append(v.byRank, &f.Levels[i])
	}
	slices.SortStableFunc(v.byRank, func(a, b *domain.Level) int { return cmp.Compare(a.Rank, b.Rank) })
	for i, b := range f.Backgrounds {
		v.backgrounds[b.Slug] = i
	}
	for _, a := range f.Actions {
		v.actions[a.Competency] = append(v.actions[a.Competency], a)
	}
	return v
}

// Framework is the whole version. Callers must not modify it.
func (v *FrameworkView) Framework() *domain.Framework { return v.fw }

// Ref is "slug@version".
func (v *FrameworkView) Ref() string { return v.fw.Ref() }

// Draft reports whether the version is still being written (and so neither
// public nor cacheable).
func (v *FrameworkView) Draft() bool { return v.fw.Status == domain.StatusDraft }

// Competency returns the competency with slug.
func (v *FrameworkView) Competency(slug string) (*domain.Competency, bool) {
	i, ok := v.competencies[slug]
	if !ok {
		return nil, false
	}
	return &v.fw.Competencies[i], true
}

// Level returns the level with slug.
func (v *FrameworkView) Level(slug string) (*domain.Level, bool) {
	i, ok := v.levels[slug]
	if !ok {
		return nil, false
	}
	return &v.fw.Levels[i], true
}

// LevelsByRank returns the ladder from the first rung up.
func (v *FrameworkView) LevelsByRank() []*domain.Level { return v.byRank }

// Background returns the background with slug.
func (v *FrameworkView) Background(slug string) (*domain.Background, bool) {
	i, ok := v.backgrounds[slug]
	if !ok {
		return nil, false
	}
	return &v.fw.Backgrounds[i], true
}

// Actions returns the development actions for one competency, in framework order.
func (v *FrameworkView) Actions(competency string) []domain.DevelopmentAction {
	return v.actions[competency]
}

// Matcher returns the title matcher over this version's backgrounds, built on first use.
func (v *FrameworkView) Matcher() *Matcher {
	v.matcherOnce.Do(func() { v.matcher = NewMatcher(v.fw.Backgrounds) })
	return v.matcher
}

// BackgroundMatch is one background a free-text title may mean.
type BackgroundMatch struct {
	Background *domain.Background
	Score      float64
	MatchedOn  string
}

// SearchBackgrounds ranks backgrounds by how well their titles and aliases
// match q, best first, at most limit (all when limit <= 0).
func (v *FrameworkView) SearchBackgrounds(q string, limit int) []BackgroundMatch {
	matches := v.Matcher().Match(q, limit)
	out := make([]BackgroundMatch, 0, len(matches))
	for _, m := range matches {
		if b, ok := v.Background(m.Slug); ok {
			out = append(out, BackgroundMatch{Background: b, Score: m.Score, MatchedOn: m.MatchedOn})
		}
	}
	return out
}

// Memo returns the value stored under key, building it first if needed. It
// lets readers keep answers derived from an immutable version (an encoded
// response, say) for as long as the view lives. Keys must come from a small
// fixed set, never from unchecked input. Two concurrent first calls may both
// build; one result is kept.
func (v *FrameworkView) Memo(key string, build func() (any, error)) (any, error) {
	if got, ok := v.memo.Load(key); ok {
		return got, nil
	}
	val, err := build()
	if err != nil {
		return nil, err
	}
	if v.Draft() {
		return val, nil
	}
	got, _ := v.memo.LoadOrStore(key, val)
	return got, nil
}
