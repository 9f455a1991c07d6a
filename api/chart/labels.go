package chart

import (
	"math"
	"strings"
	"unicode/utf8"
)

// layoutLabels places every axis label for an outer ring of radius r,
// moving labels that overlap a neighbour further out along their spoke. ok
// reports whether every label fits whole and none overlap; when strict, it
// gives up as soon as one does not fit.
func (c *radar) layoutLabels(r float64, strict bool) ([]label, bool) {
	const (
		pad   = 6 // between label boxes, enough to tell two labels apart
		nudge = 3 // how far one step moves a label out
	)
	labels := make([]label, len(c.axes))
	extra := make([]float64, len(c.axes))
	for range 24 {
		fit := true
		for i, a := range c.axes {
			var ok bool
			labels[i], ok = placeLabel(a, r, extra[i])
			fit = fit && ok
		}
		if strict && !fit {
			return nil, false
		}
		clash := false
		for i := range labels {
			for j := i + 1; j < len(labels); j++ {
				a, b := labels[i], labels[j]
				if a.left >= b.left+b.w+pad || b.left >= a.left+a.w+pad || a.top >= b.top+b.h+pad || b.top >= a.top+a.h+pad {
					continue
				}
				clash = true
				// Move the label nearer the vertical: it has more room
				// outwards, above or below the radar.
				si, sj := math.Abs(math.Sin(c.axes[i].angle)), math.Abs(math.Sin(c.axes[j].angle))
				if si >= sj-1e-9 {
					extra[i] += nudge
				}
				if sj >= si-1e-9 {
					extra[j] += nudge
				}
			}
		}
		if !clash {
			return labels, fit
		}
	}
	return labels, false
}

// placeLabel lays out one axis label outside a ring of radius r: beside the
// spoke's end, on its outer side, wrapped to the room left before the edges,
// and kept clear of the dimension arcs. extra moves it further out.
func placeLabel(a axis, r, extra float64) (label, bool) {
	cos, sin := math.Cos(a.angle), math.Sin(a.angle)
	minDist := r + bandGap + bandClear + extra
	dist := r + labelGap + extra
	l := label{score: level(a.score)}
	var room float64
	var n int
	var fit bool
	for range 4 {
		l.x = dist * cos
		x := viewWidth/2 + l.x // absolute, for the room to the edges
		switch {
		case math.Abs(cos) < 0.2:
			l.anchor, room = "middle", 2*min(x-margin, viewWidth-margin-x)
		case cos > 0:
			l.anchor, room = "start", viewWidth-margin-x
		default:
			l.anchor, room = "end", x-margin
		}
		room = min(room, maxLabelWidth)
		l.lines, l.scoreOwnLine, l.w, n, fit = wrapLabel(a.name, l.score, room)
		l.h = float64(n) * labelLeading
		// Above the centre the box sits on the spoke's end, below it hangs
		// from it, and at the sides it is centred on it.
		l.top = dist*sin - l.h*(1-sin)/2
		l.setLeft()
		// Push the label outwards while its nearest corner crowds the arcs.
		nx := min(max(0, l.left), l.left+l.w)
		ny := min(max(0, l.top), l.top+l.h)
		d := math.Hypot(nx, ny)
		if d >= minDist {
			break
		}
		dist += minDist - d + 0.5
	}
	// The narrowest width that needs as many lines balances them, unless it
	// strands a short word such as "and" on a line of its own. A narrower box
	// around the same anchor only moves away from the arcs.
	lo, hi := 0.0, l.w
	for fit && hi-lo > 1 {
		mid := (lo + hi) / 2
		if lines, own, w, m, ok := wrapLabel(a.name, l.score, mid); ok && m == n && !strandsShortWord(lines) {
			l.lines, l.scoreOwnLine, l.w, hi = lines, own, w, mid
		} else {
			lo = mid
		}
	}
	l.setLeft()
	return l, fit
}

// setLeft places the box's left edge from the anchor point and width.
func (l *label) setLeft() {
	switch l.anchor {
	case "middle":
		l.left = l.x - l.w/2
	case "start":
		l.left = l.x
	default:
		l.left = l.x - l.w
	}
}

// wrapLabel wraps an axis name with its score at the end into room: the name
// in at most maxLabelLines lines, and the score on the last one or, when it
// does not fit there, on a line of its own. It returns the box's width and
// line count, and whether the name fit unshortened.
func wrapLabel(name, score string, room float64) (lines []string, scoreOwnLine bool, w float64, n int, fit bool) {
	scoreW := scoreFont.width(score)
	space := labelFont.width(" ")
	lines, fit = labelFont.wrap(name, room, maxLabelLines, scoreW)
	n = len(lines)
	if n == 0 || labelFont.width(lines[n-1])+space+scoreW > room {
		scoreOwnLine = true
	}
	for i, s := range lines {
		lw := labelFont.width(s)
		if i == n-1 && !scoreOwnLine {
			lw += space + scoreW
		}
		w = max(w, lw)
	}
	if scoreOwnLine {
		w = max(w, scoreW)
		n++
	}
	return lines, scoreOwnLine, w, n, fit
}

// strandsShortWord reports whether a line after the first is a single word of
// at most three letters.
func strandsShortWord(lines []string) bool {
	for _, l := range lines[min(1, len(lines)):] {
		if !strings.Contains(l, " ") && utf8.RuneCountInString(l) <= 3 {
			return true
		}
	}
	return false
}
