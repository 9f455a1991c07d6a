package domain

import "strings"

// lexPhrase is one lexicon phrase after its first word.
type lexPhrase struct {
	entry, comp int
	rest        []string
}

// lexHit is the best behaviour found for one competency.
type lexHit struct {
	proficiency int
	ref         string
	quote       string
}

// indexLexicon keys every phrase by its first word.
func (s *Scorer) indexLexicon() {
	for i, e := range s.p.Lexicon {
		if _, ok := s.compIndex[e.Competency]; !ok || e.Proficiency <= 0 {
			continue // Validate reports an unknown competency
		}
		for _, ph := range e.Phrases {
			words := strings.Fields(ph)
			if len(words) == 0 {
				continue
			}
			if s.lexFirst == nil {
				s.lexFirst = map[string][]lexPhrase{}
			}
			s.lexFirst[words[0]] = append(s.lexFirst[words[0]], lexPhrase{entry: i, comp: s.compIndex[e.Competency], rest: words[1:]})
			if w := words[0]; len(w) <= 64 {
				s.lexMask[w[0]] |= 1 << (len(w) - 1)
			}
		}
	}
}

// lexTokens splits text into lower-case words (letters, digits, "-" and
// "'" inside a word; "12,000" is one number) into buf and spans.
func lexTokens(text string, buf []byte, spans [][2]int) ([]byte, [][2]int) {
	start := -1
	for i := 0; i <= len(text); i++ {
		var c byte = ' '
		if i < len(text) {
			c = text[i]
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		inWord := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 ||
			(start >= 0 && (c == '-' || c == '\'' || c == ',' && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' && buf[len(buf)-1] >= '0' && buf[len(buf)-1] <= '9'))
		if inWord {
			if start < 0 {
				start = len(buf)
			}
			if c != ',' {
				buf = append(buf, c)
			}
			continue
		}
		if start >= 0 {
			spans = append(spans, [2]int{start, len(buf)})
			start = -1
		}
	}
	return buf, spans
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
func (s *Scorer) scanLexicon(text, ref string, hits []lexHit) {
	var bufArr [512]byte
	var spanArr [96][2]int
	buf, spans := lexTokens(text, bufArr[:0], spanArr[:0])
	word := func(i int) []byte { return buf[spans[i][0]:spans[i][1]] }
	for i := range spans {
		// Most words start no phrase: a first byte and length that no
		// phrase's first word has skip the map.
		w := word(i)
		if len(w) > 64 || s.lexMask[w[0]]&(1<<(len(w)-1)) == 0 {
			if len(w) <= 64 {
				continue
			}
		}
		cands := s.lexFirst[string(w)]
	next:
		for _, c := range cands {
			for k, w := range c.rest {
				if i+1+k >= len(spans) || string(word(i+1+k)) != w {
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
			for k := end + 1; k < len(spans) && k <= end+5; k++ {
				if n, ok := number(word(k)); ok && !(n >= 1950 && n <= 2100 && len(word(k)) == 4) && (!seen || n > largest) {
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
			if p < hits[ci].proficiency || p == 0 {
				continue
			}
			// The quote runs to the number and the word after it.
			last := end
			if seen {
				last = min(len(spans)-1, numAt+1)
			}
			// Equal proficiencies keep the quote first in text order, so
			// that the input's order never matters; it is built only when kept.
			if p > hits[ci].proficiency || quoteLess(buf, spans, i, last, hits[ci].quote) {
				hits[ci] = lexHit{proficiency: p, ref: ref, quote: quoteOf(buf, spans, i, last)}
			}
		}
	}
}

// quoteLess compares the quote of words from..to with q, without building it.
func quoteLess(buf []byte, spans [][2]int, from, to int, q string) bool {
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
		for _, c := range buf[spans[k][0]:spans[k][1]] {
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

func quoteOf(buf []byte, spans [][2]int, from, to int) string {
	var b strings.Builder
	b.Grow(spans[to][1] - spans[from][0] + to - from)
	for k := from; k <= to; k++ {
		if k > from {
			b.WriteByte(' ')
		}
		b.Write(buf[spans[k][0]:spans[k][1]])
	}
	return b.String()
}

// lexiconHits scans every highlight and every self-rating's evidence for
// the lexicon's behaviours; nil when the framework has no lexicon.
func (s *Scorer) lexiconHits(in ScoreInput) []lexHit {
	if s.lexFirst == nil {
		return nil
	}
	hits := make([]lexHit, len(s.f.Competencies))
	for _, e := range in.Experiences {
		for _, h := range e.Highlights {
			s.scanLexicon(h, SourceHighlight, hits)
		}
	}
	for _, sr := range in.SelfRatings {
		if sr.Evidence != "" {
			s.scanLexicon(sr.Evidence, SourceSelf, hits)
		}
	}
	return hits
}
