package service

import (
	"math/bits"
	"sort"
	"strings"
)

// wordSim is how much a query token resembles one vocabulary word.
type wordSim struct {
	word int32
	sim  float64
}

// matchScratch is one query's working memory, pooled so a keystroke allocates
// little. Stamps mark which phrases and backgrounds this query has touched.
type matchScratch struct {
	tok        titleTokenizer
	key        []byte
	sims       [maxTitleTokens][]wordSim
	qWeight    [maxTitleTokens]float64
	known      [maxTitleTokens]bool
	grid       [maxTitleTokens][maxTitleTokens]float64
	epoch      uint32
	phraseSeen []uint32
	candidates []int32
	bgSeen     []uint32
	best       []float64
	bestPhrase []int32
	touched    []int32
}

func newMatchScratch(phrases, backgrounds int) *matchScratch {
	return &matchScratch{
		phraseSeen: make([]uint32, phrases),
		bgSeen:     make([]uint32, backgrounds),
		best:       make([]float64, backgrounds),
		bestPhrase: make([]int32, backgrounds),
	}
}

func (sc *matchScratch) begin() {
	sc.epoch++
	if sc.epoch == 0 { // wrapped: old stamps could look current
		clear(sc.phraseSeen)
		clear(sc.bgSeen)
		sc.epoch = 1
	}
	sc.candidates, sc.touched = sc.candidates[:0], sc.touched[:0]
}

// offer records score for background b through phrase p; on a tie the earlier
// phrase (the title before aliases) names the match.
func (sc *matchScratch) offer(b, p int32, score float64) {
	if sc.bgSeen[b] != sc.epoch {
		sc.bgSeen[b] = sc.epoch
		sc.best[b], sc.bestPhrase[b] = score, p
		sc.touched = append(sc.touched, b)
		return
	}
	if score > sc.best[b] || (score == sc.best[b] && p < sc.bestPhrase[b]) {
		sc.best[b], sc.bestPhrase[b] = score, p
	}
}

// similarWords finds, for each query token, the vocabulary words it resembles,
// its weight, and the phrases worth scoring.
func (m *Matcher) similarWords(sc *matchScratch) {
	t := &sc.tok
	for i := range t.spans {
		q := t.token(i)
		sims := sc.sims[i][:0]
		add := func(w int32, s float64) {
			for k := range sims {
				if sims[k].word == w {
					sims[k].sim = max(sims[k].sim, s)
					return
				}
			}
			sims = append(sims, wordSim{w, s})
		}
		id, known := m.wordIndex[string(q)]
		if known {
			add(id, 1)
		} else {
			m.addTypoMatches(q, add)
		}
		if root := familyRoot(q); root != nil {
			for _, w := range m.byRoot[string(root)] {
				add(w, familySim)
			}
		}
		if t.open && i == len(t.spans)-1 && len(q) >= minPrefix {
			m.addPrefixMatches(q, add)
		}
		sc.sims[i] = sims
		sc.known[i] = known
		sc.qWeight[i] = m.unknownWeight
		if known {
			sc.qWeight[i] = m.words[id].weight
		}
		best := 0.0
		for _, s := range sims {
			if !known && s.sim > best {
				best, sc.qWeight[i] = s.sim, m.words[s.word].weight
			}
			for _, p := range m.words[s.word].phrases {
				if sc.phraseSeen[p] != sc.epoch {
					sc.phraseSeen[p] = sc.epoch
					sc.candidates = append(sc.candidates, p)
				}
			}
		}
	}
}

// addTypoMatches offers every word within q's typo budget. A second typo is
// allowed only with the same first letter: otherwise it is mostly another
// word ("operation" is not "moderation").
func (m *Matcher) addTypoMatches(q []byte, add func(int32, float64)) {
	if typoBudget(len(q)) == 0 || len(q) > maxFuzzyLen {
		return
	}
	mask := letterMask(q)
	for w := range m.words {
		vw := &m.words[w]
		k := typoBudget(min(len(q), len(vw.text)))
		if q[0] != vw.text[0] {
			k = min(k, 1)
		}
		if k == 0 || len(vw.text) > maxFuzzyLen || bits.OnesCount64(mask^vw.mask) > 2*k {
			continue
		}
		if d := editDistance(q, vw.text, k); d <= k {
			add(int32(w), typoSim(d, len(q), len(vw.text)))
		}
	}
}

// addPrefixMatches offers every longer word starting with q.
func (m *Matcher) addPrefixMatches(q []byte, add func(int32, float64)) {
	from := sort.Search(len(m.byText), func(k int) bool { return m.words[m.byText[k]].text >= string(q) })
	for _, w := range m.byText[from:] {
		text := m.words[w].text
		if !strings.HasPrefix(text, string(q)) {
			break
		}
		if len(text) > len(q) {
			add(w, prefixSim(len(q), len(text)))
		}
	}
}

// score is the weighted Dice coefficient of the query's tokens and phrase p's
// words, pairing tokens greedily by similarity: the similarity-weighted weight
// of the pairs over the weight of both sides. A known query word weighs its
// own, so "manager" alone stays weak; a misspelt one weighs as its match.
func (m *Matcher) score(sc *matchScratch, p int32) float64 {
	ph := &m.phrases[p]
	nq, nw := len(sc.tok.spans), len(ph.words)
	for i := 0; i < nq; i++ {
		for j, w := range ph.words {
			sc.grid[i][j] = 0
			for _, s := range sc.sims[i] {
				if s.word == w {
					sc.grid[i][j] = s.sim
					break
				}
			}
		}
	}
	var usedQ, usedW uint32
	matched, queryWeight := 0.0, 0.0
	for range min(nq, nw) {
		best, bi, bj := 0.0, -1, -1
		for i := 0; i < nq; i++ {
			if usedQ&(1<<i) != 0 {
				continue
			}
			for j := 0; j < nw; j++ {
				if usedW&(1<<j) == 0 && sc.grid[i][j] > best {
					best, bi, bj = sc.grid[i][j], i, j
				}
			}
		}
		if bi < 0 {
			break
		}
		usedQ |= 1 << bi
		usedW |= 1 << bj
		w := m.words[ph.words[bj]].weight
		qw := w
		if sc.known[bi] {
			qw = sc.qWeight[bi]
		}
		matched += best * (qw + w)
		queryWeight += qw
	}
	for i := 0; i < nq; i++ {
		if usedQ&(1<<i) == 0 {
			queryWeight += sc.qWeight[i]
		}
	}
	return min(matched/(queryWeight+ph.weight), maxPartial)
}
