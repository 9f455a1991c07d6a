package domain

import "strings"

// lexPhrase is one lexicon phrase after its first word, with the hashes of
// the words that follow.
type lexPhrase struct {
	entry, comp int
	rest        []string
	restHash    []uint64
}

// lexSlot is one first word of the lexicon in an open-addressing table
// keyed by the word's hash, which tokenising computes as it goes.
type lexSlot struct {
	hash    uint64
	word    string
	phrases []lexPhrase
}

// lexHit is the best behaviour found for one competency.
type lexHit struct {
	proficiency int
	ref         string
	quote       string
}

// indexLexicon keys every phrase by its first word.
func (s *Scorer) indexLexicon() {
	byFirst := map[string][]lexPhrase{}
	var order []string
	for i, e := range s.p.Lexicon {
		ci, ok := s.compIndex[e.Competency]
		if !ok || e.Proficiency <= 0 {
			continue // Validate reports an unknown competency
		}
		for _, ph := range e.Phrases {
			words := strings.Fields(ph)
			if len(words) == 0 {
				continue
			}
			p := lexPhrase{entry: i, comp: ci, rest: words[1:]}
			for _, w := range p.rest {
				p.restHash = append(p.restHash, wordHash(w))
			}
			if _, seen := byFirst[words[0]]; !seen {
				order = append(order, words[0])
			}
			byFirst[words[0]] = append(byFirst[words[0]], p)
		}
	}
	if len(order) == 0 {
		return
	}
	size, bits := 1, 0
	for size < 4*len(order) {
		size <<= 1
		bits++
	}
	s.lexTable, s.lexShift = make([]lexSlot, size), uint(64-bits)
	for _, w := range order {
		h := wordHash(w)
		i := slotOf(h, s.lexShift)
		for s.lexTable[i].word != "" {
			i = (i + 1) & uint64(size-1)
		}
		s.lexTable[i] = lexSlot{hash: h, word: w, phrases: byFirst[w]}
	}
}

// slotOf spreads a word hash over the table (Fibonacci hashing: the
// shift-and-xor hash alone clusters).
func slotOf(h uint64, shift uint) uint64 { return (h * 0x9E3779B97F4A7C15) >> shift }

// lookup returns the phrases starting with the word w of hash h.
func (s *Scorer) lookup(w []byte, h uint64) []lexPhrase {
	mask := uint64(len(s.lexTable) - 1)
	for i := slotOf(h, s.lexShift); ; i = (i + 1) & mask {
		sl := &s.lexTable[i]
		if sl.word == "" {
			return nil
		}
		if sl.hash == h && sl.word == string(w) {
			return sl.phrases
		}
	}
}

// scanLexicon finds the lexicon's behaviours in text and keeps, per
// competency, the highest proficiency shown; ref says where ("highlight"
// or "self" for a self-rating's evidence).
func (s *Scorer) scanLexicon(sc *lexScratch, text, ref string, hits []lexHit) {
	sc.tokenize(text)
	for i := 0; i < sc.n; i++ {
		cands := s.lookup(sc.word(i), sc.hash(i))
	next:
		for _, c := range cands {
			for k := range c.rest {
				j := i + 1 + k
				if j >= sc.n || sc.hash(j) != c.restHash[k] || string(sc.word(j)) != c.rest[k] {
					continue next
				}
			}
			e := &s.p.Lexicon[c.entry]
			p := e.Proficiency
			end := i + len(c.rest)
			// A number within five words after the phrase sets the step;
			// the largest counts ("grew the group from 60 to 310 members"),
			// and a year ("in 2023") is not a number of anything.
			largest, seen, numAt := 0, false, end
			for k := end + 1; k < sc.n && k <= end+5; k++ {
				w := sc.word(k)
				if n, ok := number(w); ok && !(n >= 1950 && n <= 2100 && len(w) == 4) && (!seen || n > largest) {
					largest, seen, numAt = n, true, k
				}
			}
			if seen {
				for _, st := range e.NumberSteps {
					if largest >= st.Min {
						p = max(p, st.Proficiency)
					}
				}
			}
			ci := c.comp
			if p < hits[ci].proficiency {
				continue
			}
			// The quote runs to the number and the word after it.
			last := end
			if seen {
				last = min(sc.n-1, numAt+1)
			}
			// Equal proficiencies keep the quote first in text order, so
			// that the input's order never matters; it is built only when kept.
			if p > hits[ci].proficiency || sc.quoteLess(i, last, hits[ci].quote) {
				hits[ci] = lexHit{proficiency: p, ref: ref, quote: sc.quote(i, last)}
			}
		}
	}
}

// lexiconHits scans every highlight and every self-rating's evidence for
// the lexicon's behaviours; nil when the framework has no lexicon.
func (s *Scorer) lexiconHits(in ScoreInput) []lexHit {
	if s.lexTable == nil {
		return nil
	}
	var sc lexScratch
	hits := make([]lexHit, len(s.f.Competencies))
	for _, e := range in.Experiences {
		for _, h := range e.Highlights {
			s.scanLexicon(&sc, h, SourceHighlight, hits)
		}
	}
	for _, sr := range in.SelfRatings {
		if sr.Evidence != "" {
			s.scanLexicon(&sc, sr.Evidence, SourceSelf, hits)
		}
	}
	return hits
}
