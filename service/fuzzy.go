package service

// Word-level similarity: typos, word families and prefixes of a word being typed.

// Similarity of two words that are not equal.
const (
	familySim = 0.8 // "fundraising" and "fundraiser"
	// A prefix of a word being typed scores prefixBase plus prefixSpan times
	// the typed share of the word: "bart" -> "bartender" 0.57.
	prefixBase = 0.3
	prefixSpan = 0.6
	minPrefix  = 2
	// Each typo costs typoCost times the share of the word it spoils.
	typoCost = 0.8
	// Longer words are compared exactly only.
	maxFuzzyLen = 32
)

// typoBudget is how many edits a word of n bytes may carry and still match.
func typoBudget(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// typoSim is the similarity of two words d edits apart.
func typoSim(d, la, lb int) float64 {
	return 1 - typoCost*float64(d)/float64(max(la, lb))
}

// prefixSim is the similarity of a typed prefix of n bytes to a word of m bytes.
func prefixSim(n, m int) float64 {
	return prefixBase + prefixSpan*float64(n)/float64(m)
}

// letterMask records which bytes occur in w, folded onto 64 bits. One edit
// changes at most two bits, so masks more than 2k bits apart rule out k edits
// without computing the distance.
func letterMask(w []byte) uint64 {
	var m uint64
	for _, c := range w {
		switch {
		case 'a' <= c && c <= 'z':
			m |= 1 << (c - 'a')
		case '0' <= c && c <= '9':
			m |= 1 << (26 + c - '0')
		default:
			m |= 1 << (36 + c%28)
		}
	}
	return m
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions), or k+1
// when it exceeds k. Both must be at most maxFuzzyLen bytes.
func editDistance(a []byte, b string, k int) int {
	la, lb := len(a), len(b)
	if la-lb > k || lb-la > k {
		return k + 1
	}
	var rows [3][maxFuzzyLen + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > k {
			return k + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}

// familySuffixes are stripped to find a word's family: "teacher" and "teaching"
// share "teach", "management" and "manager" share "manag".
var familySuffixes = []string{"ation", "ative", "ator", "ment", "ship", "ism", "ist", "ing", "ion", "er", "or", "ed"}

// familyExceptions are roots whose words mean different roles in titles:
// "development" is fundraising or sales, "developer" is software; an "officer"
// is not an "office" worker.
var familyExceptions = map[string]bool{"develop": true, "offic": true}

const minRoot = 4

// familyRoot returns w's root after at most two suffixes, or nil when w has no
// root of at least minRoot bytes worth comparing.
func familyRoot(w []byte) []byte {
	root := w
	for range 2 {
		root = trimFinalE(root)
		stripped := false
		for _, s := range familySuffixes {
			n := len(root) - len(s)
			if n >= minRoot && string(root[n:]) == s {
				root, stripped = root[:n], true
				break
			}
		}
		if !stripped {
			break
		}
	}
	root = trimFinalE(root)
	if len(root) < minRoot || familyExceptions[string(root)] {
		return nil
	}
	return root
}

func trimFinalE(w []byte) []byte {
	if len(w) > minRoot && w[len(w)-1] == 'e' {
		return w[:len(w)-1]
	}
	return w
}
