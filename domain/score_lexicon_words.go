package domain

import "strings"

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
