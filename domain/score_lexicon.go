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
// keyed by the word's FNV-1a hash, which tokenising computes as it goes.
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

const (
	hashSeed = 5381
	// A text up to lexStackBytes is tokenised without allocating; a longer
	// one (evidence may have 2,000 characters) gets buffers of its size.
	lexStackBytes = 512
	lexStackWords = lexStackBytes/2 + 1
)

// wordHash is a cheap shift-and-xor hash of a lower-case word; tokenize
// computes the same one byte by byte.
func wordHash(w string) uint64 {
	h := uint64(hashSeed)
	for i := 0; i < len(w); i++ {
		h = (h<<5 | h>>59) ^ uint64(w[i])
	}
	return h
}

// Byte classes for tokenize: a word byte's lower-case form, or one of the
// marks below.
const (
	classSpace = 0
	classInner = 1 // "-" and "'": part of a word already begun
	classComma = 2 // a thousands separator between digits
)

var byteClass = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c >= 0x80:
			t[c] = byte(c)
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c + 'a' - 'A')
		case c == '-' || c == '\'':
			t[c] = classInner
		case c == ',':
			t[c] = classComma
		}
	}
	return t
}()

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

// lexScratch holds one text's words: lower-case bytes, each word's span
// and hash. One per scoring, on the stack.
type lexScratch struct {
	bufArr  [lexStackBytes]byte
	spanArr [lexStackWords][2]int32
	hashArr [lexStackWords]uint64
	// big* replace the arrays for a text longer than lexStackBytes. (The
	// arrays are never sliced into fields of their own struct: that would
	// move the scratch to the heap.)
	bigBuf    []byte
	bigSpans  [][2]int32
	bigHashes []uint64
	n         int
}

func (sc *lexScratch) bufs() ([]byte, [][2]int32, []uint64) {
	if sc.bigBuf != nil {
		return sc.bigBuf, sc.bigSpans, sc.bigHashes
	}
	return sc.bufArr[:], sc.spanArr[:], sc.hashArr[:]
}

// tokenize splits text into lower-case words (letters, digits, and "-" or
// "'" inside a word; "12,000" is one number), hashing each as it goes.
func (sc *lexScratch) tokenize(text string) {
	sc.bigBuf, sc.bigSpans, sc.bigHashes = nil, nil, nil
	if len(text) > lexStackBytes {
		words := len(text)/2 + 1
		sc.bigBuf, sc.bigSpans, sc.bigHashes = make([]byte, len(text)), make([][2]int32, words), make([]uint64, words)
	}
	buf, spans, hashes := sc.bufs()
	sc.n = 0
	pos, start := 0, -1
	h := uint64(hashSeed)
	for i := 0; i < len(text); i++ {
		c := byteClass[text[i]]
		switch {
		case c > classComma:
		case c == classInner && start >= 0:
			c = text[i]
		case c == classComma && start >= 0 && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' && buf[pos-1] >= '0' && buf[pos-1] <= '9':
			continue // a thousands separator
		default:
			if start >= 0 {
				spans[sc.n] = [2]int32{int32(start), int32(pos)}
				hashes[sc.n] = h
				sc.n++
				start = -1
			}
			continue
		}
		if start < 0 {
			start, h = pos, hashSeed
		}
		buf[pos] = c
		pos++
		h = (h<<5 | h>>59) ^ uint64(c)
	}
	if start >= 0 {
		spans[sc.n] = [2]int32{int32(start), int32(pos)}
		hashes[sc.n] = h
		sc.n++
	}
}

func (sc *lexScratch) word(i int) []byte {
	buf, spans, _ := sc.bufs()
	return buf[spans[i][0]:spans[i][1]]
}

func (sc *lexScratch) hash(i int) uint64 {
	_, _, hashes := sc.bufs()
	return hashes[i]
}

// number reads a word of digits; ok is false for anything else.
func number(w []byte) (int, bool) {
	if len(w) == 0 || len(w) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range w {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
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

// quoteLess compares the quote of words from..to with q, without building it.
func (sc *lexScratch) quoteLess(from, to int, q string) bool {
	pos := 0
	for k := from; k <= to; k++ {
		if k > from {
			if pos >= len(q) {
				return false
			}
			if q[pos] != ' ' {
				return ' ' < q[pos]
			}
			pos++
		}
		for _, c := range sc.word(k) {
			if pos >= len(q) {
				return false
			}
			if c != q[pos] {
				return c < q[pos]
			}
			pos++
		}
	}
	return pos < len(q)
}

func (sc *lexScratch) quote(from, to int) string {
	var b strings.Builder
	_, spans, _ := sc.bufs()
	b.Grow(int(spans[to][1]-spans[from][0]) + to - from)
	for k := from; k <= to; k++ {
		if k > from {
			b.WriteByte(' ')
		}
		b.Write(sc.word(k))
	}
	return b.String()
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
