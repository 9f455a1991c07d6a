package chart

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// asciiWidths are the advance widths of the printable ASCII characters
// (space to tilde) in Arial/Helvetica, in thousandths of an em.
var asciiWidths = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
	278, 278, 584, 584, 584, 556, 1015, // : to @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A to M
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N to Z
	278, 278, 278, 469, 556, 333, // [ to `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a to m
	556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n to z
	334, 260, 334, 584, // { to ~
}

const (
	// widthSafety leaves room for fallback fonts that run wider than Arial.
	widthSafety = 1.06
	// boldFactor approximates how much wider bold text runs than regular.
	boldFactor = 1.1
	ellipsis   = "…"
)

// textWidth estimates the rendered width of s at the given font size.
func textWidth(s string, size float64, bold bool) float64 {
	var em float64
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			em += float64(asciiWidths[r-' '])
		case r == '…' || unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana):
			em += 1000
		default:
			em += 600
		}
	}
	w := em / 1000 * size * widthSafety
	if bold {
		w *= boldFactor
	}
	return w
}

// textStyle is a font size and weight, for measuring.
type textStyle struct {
	size float64
	bold bool
}

func (t textStyle) width(s string) float64 { return textWidth(s, t.size, t.bold) }

// truncate shortens s with an ellipsis until it fits maxW. It reports whether
// s had to be shortened.
func (t textStyle) truncate(s string, maxW float64) (string, bool) {
	if t.width(s) <= maxW {
		return s, false
	}
	for s != "" {
		_, n := utf8.DecodeLastRuneInString(s)
		s = strings.TrimRightFunc(s[:len(s)-n], unicode.IsSpace)
		if t.width(s+ellipsis) <= maxW {
			break
		}
	}
	return s + ellipsis, true
}

// wrap breaks text into at most maxLines lines no wider than maxW, between
// words. The last line also leaves room for a suffix of width suffixW (plus a
// space) when suffixW > 0. A word wider than maxW, or text that needs more
// lines, is shortened with an ellipsis; ok reports whether nothing was.
func (t textStyle) wrap(text string, maxW float64, maxLines int, suffixW float64) (lines []string, ok bool) {
	words := strings.Fields(text)
	space := t.width(" ")
	ok = true
	for _, w := range words {
		if n := len(lines); n > 0 && t.width(lines[n-1]+" "+w) <= maxW {
			lines[n-1] += " " + w
			continue
		}
		lines = append(lines, w)
	}
	lastRoom := maxW
	if suffixW > 0 {
		lastRoom -= suffixW + space
	}
	if n := len(lines); n > maxLines || (n == maxLines && t.width(lines[n-1]) > lastRoom) {
		// Keep the first maxLines-1 lines and squeeze the rest into the last.
		rest := strings.Join(lines[maxLines-1:], " ")
		lines = lines[:maxLines-1]
		last, _ := t.truncate(rest, max(lastRoom, 0))
		lines = append(lines, last)
		ok = false
	}
	for i, l := range lines {
		var cut bool
		if lines[i], cut = t.truncate(l, maxW); cut {
			ok = false
		}
	}
	return lines, ok
}

// clean collapses every run of white space in s to one space.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// esc escapes s for XML text or a quoted attribute value. Characters XML
// cannot hold become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}

// num formats a coordinate with two decimals, trailing zeros dropped.
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// level formats a proficiency for reading, with one decimal.
func level(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
