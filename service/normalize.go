package service

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits that keep one keystroke's work bounded whatever is typed.
const (
	maxQueryBytes  = 256
	maxTitleTokens = 16
)

// tokenSpan is a token's byte range in a tokenizer buffer.
type tokenSpan struct{ start, end int }

// titleTokenizer turns a job title into normalised tokens: lower case, accents
// folded, punctuation dropped, plurals reduced, abbreviations expanded,
// seniority and filler words removed. Titles and queries go through the same
// steps, so they compare token for token. It is reused to avoid allocating.
type titleTokenizer struct {
	raw      []byte
	rawSpans []tokenSpan
	mid      []midToken
	one      []byte // scratch for one word
	buf      []byte
	spans    []tokenSpan
	// open reports that the last token is the input's last word with nothing after
	// it: the word may still be being typed, so prefixes of it count.
	open bool
}

// midToken is a word after abbreviation expansion, before filtering.
type midToken struct {
	span tokenSpan // in raw; expansions are appended after the input's words
	open bool
}

func (t *titleTokenizer) token(i int) []byte { return t.buf[t.spans[i].start:t.spans[i].end] }

func (t *titleTokenizer) midText(i int) []byte {
	sp := t.mid[i].span
	return t.raw[sp.start:sp.end]
}

// normalize fills t.buf and t.spans with the tokens of s.
func (t *titleTokenizer) normalize(s string) {
	t.raw, t.rawSpans, t.mid = t.raw[:0], t.rawSpans[:0], t.mid[:0]
	t.buf, t.spans, t.open = t.buf[:0], t.spans[:0], false
	endsInWord := t.split(s)
	t.mergeInitials()
	t.expand(endsInWord)
	t.filter()
}

// split writes s's words, lower-cased and accent-folded, back to back into t.raw.
// It reports whether s ends inside a word.
func (t *titleTokenizer) split(s string) bool {
	truncated := len(s) > maxQueryBytes
	if truncated {
		s = s[:maxQueryBytes]
	}
	start, inWord := 0, false
	endWord := func() {
		if inWord {
			t.rawSpans = append(t.rawSpans, tokenSpan{start, len(t.raw)})
			inWord = false
		}
	}
	addByte := func(c byte) {
		if !inWord {
			start, inWord = len(t.raw), true
		}
		t.raw = append(t.raw, c)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				addByte(c)
			case 'A' <= c && c <= 'Z':
				addByte(c + 'a' - 'A')
			case c == '\'':
				// "women's" stays one word.
			default:
				endWord()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '’' || r == '‘' || r == 'ʼ' || unicode.Is(unicode.Mn, r) {
			continue // apostrophes join; combining accents vanish
		}
		r = unicode.ToLower(r)
		if f, ok := accentFolds[r]; ok {
			for j := 0; j < len(f); j++ {
				addByte(f[j])
			}
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			endWord()
			continue
		}
		if !inWord {
			start, inWord = len(t.raw), true
		}
		t.raw = utf8.AppendRune(t.raw, r)
	}
	wasInWord := inWord
	endWord()
	return wasInWord && !truncated
}

// mergeInitials joins runs of single letters ("v.p.", "r n") into one word. Words
// sit back to back in t.raw, so a run is one span.
func (t *titleTokenizer) mergeInitials() {
	out := t.rawSpans[:0]
	for i := 0; i < len(t.rawSpans); i++ {
		sp := t.rawSpans[i]
		if isInitial(t.raw, sp) {
			for i+1 < len(t.rawSpans) && isInitial(t.raw, t.rawSpans[i+1]) {
				i++
				sp.end = t.rawSpans[i].end
			}
		}
		out = append(out, sp)
	}
	t.rawSpans = out
}

func isInitial(b []byte, sp tokenSpan) bool {
	return sp.end-sp.start == 1 && 'a' <= b[sp.start] && b[sp.start] <= 'z'
}

// expand reduces plurals, drops numbers and lone letters (level suffixes such
// as "Manager I" or "Rep 2") and replaces abbreviations by their words. The
// results are appended to t.raw after the input's words.
func (t *titleTokenizer) expand(endsInWord bool) {
	last := len(t.rawSpans) - 1
	for i, sp := range t.rawSpans {
		w := t.raw[sp.start:sp.end]
		t.one = appendSingular(t.one[:0], w)
		if len(w) == 1 || allDigits(t.one) {
			continue
		}
		words, ok := abbreviations[string(w)]
		if !ok {
			words, ok = abbreviations[string(t.one)]
		}
		if ok {
			for _, x := range words {
				start := len(t.raw)
				t.raw = appendSingular(t.raw, x)
				t.mid = append(t.mid, midToken{span: tokenSpan{start, len(t.raw)}})
			}
			continue
		}
		start := len(t.raw)
		t.raw = append(t.raw, t.one...)
		t.mid = append(t.mid, midToken{span: tokenSpan{start, len(t.raw)}, open: endsInWord && i == last})
	}
}

// filter removes seniority and filler words and writes the final tokens back
// to back into t.buf. Two-word fillers are removed as on a stack, so that what
// remains holds none ("part full time time" leaves nothing).
func (t *titleTokenizer) filter() {
	for i := range t.mid {
		w := t.midText(i)
		if fillers[string(w)] {
			continue
		}
		if n := len(t.spans); n > 0 {
			if second, ok := fillerPairs[string(t.token(n-1))]; ok && second == string(w) {
				t.buf, t.spans, t.open = t.buf[:t.spans[n-1].start], t.spans[:n-1], false
				continue
			}
		}
		if len(t.spans) == maxTitleTokens {
			break
		}
		start := len(t.buf)
		t.buf = append(t.buf, w...)
		t.spans = append(t.spans, tokenSpan{start, len(t.buf)})
		t.open = t.mid[i].open
	}
}

// appendSingular appends w without a plural ending: "gifts" -> "gift",
// "activities" -> "activity"; "business", "status" and short words stay as they are.
func appendSingular[S ~string | ~[]byte](dst []byte, w S) []byte {
	n := len(w)
	if n < 4 || w[n-1] != 's' {
		return append(dst, w...)
	}
	switch w[n-2] {
	case 's', 'u', 'i':
		return append(dst, w...)
	}
	if n > 4 && w[n-3] == 'i' && w[n-2] == 'e' {
		return append(append(dst, w[:n-3]...), 'y')
	}
	return append(dst, w[:n-1]...)
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// normalizeTitle returns s's tokens joined by single spaces.
func normalizeTitle(s string) string {
	var t titleTokenizer
	t.normalize(s)
	parts := make([]string, len(t.spans))
	for i := range t.spans {
		parts[i] = string(t.token(i))
	}
	return strings.Join(parts, " ")
}
