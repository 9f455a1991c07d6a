package service

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/rungs/rungs/domain"
)

// Match is one background a free-text job title may mean.
type Match struct {
	Slug  string  `json:"slug"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
	// MatchedOn is the title, alias or slug of the background that scored best.
	MatchedOn string `json:"matched_on"`
}

// maxPartial caps every score short of an exact match of a title or alias.
const maxPartial = 0.98

// Matcher resolves free-text job titles to a framework's backgrounds. It is
// built once per framework version and is safe for concurrent use.
type Matcher struct {
	backgrounds []matchTarget
	phrases     []phrase
	exact       map[string][]int32 // normalised phrase -> phrases
	words       []vocabWord
	wordIndex   map[string]int32
	byRoot      map[string][]int32 // word family root -> words
	byText      []int32            // word ids in text order, for prefix search
	// unknownWeight is the weight of a query word that matches nothing: that of
	// a word two backgrounds share. Such words are mostly qualifiers ("Discord
	// Moderator", "Basketball Coach"), so they dilute a match without sinking it.
	unknownWeight float64
	scratch       sync.Pool
}

type matchTarget struct{ slug, title string }

// phrase is one normalised title, alias or slug of a background.
type phrase struct {
	background int32
	text       string
	words      []int32
	weight     float64
}

// vocabWord is one distinct token of all phrases.
type vocabWord struct {
	text    string
	mask    uint64
	weight  float64 // rarer across backgrounds weighs more
	phrases []int32
}

// NewMatcher precomputes the normalised titles, aliases and slugs of backgrounds.
func NewMatcher(backgrounds []domain.Background) *Matcher {
	m := &Matcher{
		exact:     map[string][]int32{},
		wordIndex: map[string]int32{},
		byRoot:    map[string][]int32{},
	}
	var t titleTokenizer
	for bi, b := range backgrounds {
		m.backgrounds = append(m.backgrounds, matchTarget{slug: b.Slug, title: b.Title})
		seen := map[string]bool{}
		add := func(text, normalised string) {
			t.normalize(normalised)
			if len(t.spans) == 0 {
				return
			}
			key := joinTokens(nil, &t)
			if seen[string(key)] {
				return
			}
			seen[string(key)] = true
			p := phrase{background: int32(bi), text: text}
			for i := range t.spans {
				p.words = append(p.words, m.wordID(t.token(i)))
			}
			m.exact[string(key)] = append(m.exact[string(key)], int32(len(m.phrases)))
			m.phrases = append(m.phrases, p)
		}
		add(b.Title, b.Title)
		for _, a := range b.Aliases {
			add(a, a)
		}
		add(b.Slug, strings.ReplaceAll(b.Slug, "-", " "))
	}
	m.weigh(len(backgrounds))
	return m
}

func (m *Matcher) wordID(w []byte) int32 {
	if id, ok := m.wordIndex[string(w)]; ok {
		return id
	}
	id := int32(len(m.words))
	text := string(w)
	m.wordIndex[text] = id
	m.words = append(m.words, vocabWord{text: text, mask: letterMask(w)})
	if root := familyRoot(w); root != nil {
		m.byRoot[string(root)] = append(m.byRoot[string(root)], id)
	}
	m.byText = append(m.byText, id)
	return id
}

// weigh gives each word an inverse document frequency over backgrounds and
// indexes phrases by word.
func (m *Matcher) weigh(n int) {
	df := make([]int, len(m.words))
	lastBackground := make([]int32, len(m.words))
	for i := range lastBackground {
		lastBackground[i] = -1
	}
	for pi, p := range m.phrases {
		for _, w := range p.words {
			if lastBackground[w] != p.background {
				lastBackground[w] = p.background
				df[w]++
			}
			if ps := m.words[w].phrases; len(ps) == 0 || ps[len(ps)-1] != int32(pi) {
				m.words[w].phrases = append(ps, int32(pi))
			}
		}
	}
	for i := range m.words {
		m.words[i].weight = math.Log(1 + float64(n)/float64(df[i]))
	}
	m.unknownWeight = math.Log(1 + float64(n)/2)
	for i := range m.phrases {
		for _, w := range m.phrases[i].words {
			m.phrases[i].weight += m.words[w].weight
		}
	}
	slices.SortFunc(m.byText, func(a, b int32) int { return strings.Compare(m.words[a].text, m.words[b].text) })
	m.scratch.New = func() any { return newMatchScratch(len(m.phrases), len(m.backgrounds)) }
}

// Best returns the best-scoring background for query, if any scores above zero.
func (m *Matcher) Best(query string) (Match, bool) {
	ms := m.Match(query, 1)
	if len(ms) == 0 {
		return Match{}, false
	}
	return ms[0], true
}

// Match returns up to limit backgrounds (all when limit <= 0) whose titles,
// aliases or slug resemble query, best first and ties by slug, scores in (0, 1].
// An exact match of a normalised title or alias scores 1; anything else scores
// a weighted overlap of the words, below 1.
func (m *Matcher) Match(query string, limit int) []Match {
	if len(m.phrases) == 0 {
		return nil
	}
	sc := m.scratch.Get().(*matchScratch)
	defer m.scratch.Put(sc)
	sc.begin()
	sc.tok.normalize(query)
	m.joinCompounds(&sc.tok)
	if len(sc.tok.spans) == 0 {
		return nil
	}
	sc.key = joinTokens(sc.key[:0], &sc.tok)
	for _, p := range m.exact[string(sc.key)] {
		sc.offer(m.phrases[p].background, p, 1)
	}
	m.similarWords(sc)
	for _, p := range sc.candidates {
		sc.offer(m.phrases[p].background, p, m.score(sc, p))
	}
	return m.results(sc, limit)
}

// joinCompounds merges two adjacent tokens that spell a known word ("fund
// raiser" -> "fundraiser") when one of them alone is not a known word. Tokens
// sit back to back in the buffer, so the merge only widens a span.
func (m *Matcher) joinCompounds(t *titleTokenizer) {
	for i := 0; i+1 < len(t.spans); i++ {
		a, b := t.spans[i], t.spans[i+1]
		joined := t.buf[a.start:b.end]
		if _, ok := m.wordIndex[string(joined)]; !ok {
			continue
		}
		_, knownA := m.wordIndex[string(t.buf[a.start:a.end])]
		_, knownB := m.wordIndex[string(t.buf[b.start:b.end])]
		if knownA && knownB {
			continue
		}
		t.spans[i].end = b.end
		t.spans = slices.Delete(t.spans, i+1, i+2)
	}
}

func joinTokens(dst []byte, t *titleTokenizer) []byte {
	for i := range t.spans {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, t.token(i)...)
	}
	return dst
}

// results sorts the touched backgrounds and builds the answer.
func (m *Matcher) results(sc *matchScratch, limit int) []Match {
	hits := sc.touched[:0]
	for _, b := range sc.touched {
		sc.best[b] = math.Round(sc.best[b]*1e4) / 1e4
		if sc.best[b] > 0 {
			hits = append(hits, b)
		}
	}
	slices.SortFunc(hits, func(a, b int32) int {
		if c := cmp.Compare(sc.best[b], sc.best[a]); c != 0 {
			return c
		}
		return strings.Compare(m.backgrounds[a].slug, m.backgrounds[b].slug)
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	if len(hits) == 0 {
		return nil
	}
	out := make([]Match, len(hits))
	for i, b := range hits {
		out[i] = Match{
			Slug:      m.backgrounds[b].slug,
			Title:     m.backgrounds[b].title,
			Score:     sc.best[b],
			MatchedOn: m.phrases[sc.bestPhrase[b]].text,
		}
	}
	return out
}
