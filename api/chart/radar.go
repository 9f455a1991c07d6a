// Package chart draws assessment charts as standalone SVG documents. They
// reference no fonts, images, scripts or style sheets, and the same input
// always gives the same bytes.
package chart

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math"
	"strings"
	"unicode/utf8"
)

// Axis is one competency on the radar.
type Axis struct {
	Slug          string  // e.g. "stakeholder-influence"
	Name          string  // e.g. "Stakeholder influence"
	Dimension     string  // "people", "influence" or "craft"
	DimensionName string  // e.g. "People"
	Score         float64 // the candidate's score, 0..4
	Current       float64 // the expected proficiency at the recommended rung, 0..4 (0 when none)
	Next          float64 // the expected proficiency at the next rung, 0..4 (0 when none)
}

// Input is one assessment's chart.
type Input struct {
	Title        string // e.g. "Competency scores of Ada Lovelace"
	CurrentLabel string // e.g. "Community Manager (fits now)"; "" when there is no recommended rung
	NextLabel    string // e.g. "Senior Community Manager (next rung)"; "" when none
	Axes         []Axis // 13 in practice, already ordered; group them by Dimension in the order given
}

// maxLevel is the top of the proficiency scale; the grid has one ring per level.
const maxLevel = 4

// Layout, in viewBox units. The viewBox is viewWidth wide, so one unit is one
// CSS pixel when the chart is shown 400 px wide, and every font size below is
// the text's rendered size in pixels at that width.
const (
	viewWidth     = 400.0
	margin        = 8.0   // kept clear on every side
	sectionGap    = 12.0  // between the title, the radar and the legend
	titleLeading  = 18.0  // title line height
	labelLeading  = 13.5  // axis label and legend line height
	maxLabelWidth = 112.0 // widest an axis label may run
	maxLabelLines = 3
	labelGap      = 22.0  // outer ring to the nearest corner of an axis label
	bandGap       = 7.0   // outer ring to the centre line of the dimension arcs
	bandClear     = 14.0  // dimension arc to the nearest corner of an axis label
	minRadius     = 72.0  // the outer ring's radius is the largest in
	maxRadius     = 116.0 // minRadius..maxRadius, by radiusStep, whose
	radiusStep    = 2.0   // labels fit (minRadius when none does)
	legendSample  = 30.0  // length of a legend's line sample
	legendIndent  = 8.0   // line sample to legend text
)

var (
	titleFont  = textStyle{size: 14, bold: true}
	labelFont  = textStyle{size: 11.5}
	scoreFont  = textStyle{size: 11.5, bold: true}
	ringFont   = textStyle{size: 11}
	dimFont    = textStyle{size: 11, bold: true}
	legendFont = textStyle{size: 11.5}
)

// Series names, used in class and data-series attributes.
const (
	seriesScore   = "score"
	seriesCurrent = "current"
	seriesNext    = "next"
)

// axis is an Axis ready to draw: values clamped, text cleaned.
type axis struct {
	name                 string
	score, current, next float64
	angle                float64 // radians, clockwise from 3 o'clock (SVG y runs down)
}

// group is a run of axes of one dimension.
type group struct {
	name         string
	first, count int
}

// label is an axis label laid out relative to the radar's centre.
type label struct {
	lines        []string
	score        string
	scoreOwnLine bool    // the score gets its own line instead of ending the last one
	anchor       string  // text-anchor: start, middle or end
	x            float64 // the anchor's horizontal offset
	left, top    float64 // box corner
	w, h         float64 // box size
}

// legendEntry is one row of the legend.
type legendEntry struct {
	series string
	style  lineStyle
	lines  []string
}

// radar is a laid-out chart.
type radar struct {
	id                      string // prefix of every id, unique per input
	title, desc             string
	titleLines              []string
	axes                    []axis
	groups                  []group
	currentLabel, nextLabel string
	r                       float64 // outer ring radius
	labels                  []label
	legend                  []legendEntry
	cx, cy, height          float64
	titleTop, legendTop     float64
}

// Radar returns a standalone SVG document drawing the radar: the candidate's
// scores as a filled polygon, the recommended and next rungs' expectations as
// dashed and dotted outlines, the axes grouped by dimension, and a legend.
// Scores are clamped to 0..4 and NaN counts as 0; with no axes the document
// says there are no scores.
func Radar(in Input) []byte {
	c := layout(in)
	var b bytes.Buffer
	c.write(&b)
	return b.Bytes()
}

// layout prepares the chart: grouping, text and geometry.
func layout(in Input) *radar {
	c := &radar{
		id:           chartID(in),
		title:        clean(in.Title),
		currentLabel: clean(in.CurrentLabel),
		nextLabel:    clean(in.NextLabel),
	}
	c.axes, c.groups = groupAxes(in.Axes)
	c.desc = c.description()
	if c.title != "" {
		c.titleLines, _ = titleFont.wrap(c.title, viewWidth-2*margin, 2, 0)
	}
	c.titleTop = margin
	top := margin + float64(len(c.titleLines))*titleLeading
	if len(c.titleLines) > 0 {
		top += sectionGap
	}
	c.cx = viewWidth / 2
	if len(c.axes) == 0 {
		c.cy = top + 20
		c.height = c.cy + 20 + margin
		return c
	}

	// The largest radius whose labels fit without shortening or overlapping.
	for c.r = maxRadius; c.r > minRadius; c.r -= radiusStep {
		if labels, ok := c.layoutLabels(c.r, true); ok {
			c.labels = labels
			break
		}
	}
	if c.labels == nil {
		c.labels, _ = c.layoutLabels(c.r, false)
	}
	above, below := c.r+bandGap+bandClear, c.r+bandGap+bandClear
	for _, l := range c.labels {
		above = max(above, -l.top)
		below = max(below, l.top+l.h)
	}
	c.cy = top + above
	c.legendTop = c.cy + below + sectionGap
	c.legend = c.legendEntries()
	h := 0.0
	for _, e := range c.legend {
		h += float64(len(e.lines)) * labelLeading
	}
	c.height = math.Ceil(c.legendTop + h + 4*float64(len(c.legend)-1) + margin)
	return c
}

// groupAxes cleans the axes and orders them by dimension, dimensions in the
// order they first appear and axes in the order given within each.
func groupAxes(in []Axis) ([]axis, []group) {
	var order []string
	byDim := map[string][]axis{}
	names := map[string]string{}
	for _, a := range in {
		name := clean(a.Name)
		if name == "" {
			name = clean(a.Slug)
		}
		key := clean(a.Dimension)
		if _, seen := byDim[key]; !seen {
			order = append(order, key)
			names[key] = clean(a.DimensionName)
			if names[key] == "" {
				names[key] = key
			}
		}
		byDim[key] = append(byDim[key], axis{name: name, score: clamp(a.Score), current: clamp(a.Current), next: clamp(a.Next)})
	}
	var axes []axis
	var groups []group
	for _, key := range order {
		groups = append(groups, group{name: names[key], first: len(axes), count: len(byDim[key])})
		axes = append(axes, byDim[key]...)
	}
	for i := range axes {
		axes[i].angle = -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(axes))
	}
	return axes, groups
}

// clamp brings a proficiency into 0..maxLevel; NaN counts as 0.
func clamp(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return min(max(v, 0), maxLevel)
}

// chartID derives an id prefix from the input, so that several charts can
// share one HTML page and the output stays deterministic.
func chartID(in Input) string {
	h := fnv.New32a()
	for _, s := range []string{in.Title, in.CurrentLabel, in.NextLabel} {
		fmt.Fprintf(h, "%q", s)
	}
	for _, a := range in.Axes {
		fmt.Fprintf(h, "%q%q%q%q%v%v%v", a.Slug, a.Name, a.Dimension, a.DimensionName, a.Score, a.Current, a.Next)
	}
	return fmt.Sprintf("radar-%08x", h.Sum32())
}

// description is the chart's text alternative: every score by dimension, and
// what the outlines are.
func (c *radar) description() string {
	if len(c.axes) == 0 {
		return "No competency scores to chart."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Radar chart of %d competency scores on a scale of 0 to %d, grouped by dimension.", len(c.axes), maxLevel)
	for _, g := range c.groups {
		name := g.name
		if name == "" {
			name = "Other"
		}
		fmt.Fprintf(&b, " %s: ", name)
		for i, a := range c.axes[g.first : g.first+g.count] {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %s of %d", a.name, level(a.score), maxLevel)
			switch {
			case c.currentLabel != "" && c.nextLabel != "":
				fmt.Fprintf(&b, " (expected %s now, %s at the next rung)", level(a.current), level(a.next))
			case c.currentLabel != "":
				fmt.Fprintf(&b, " (expected %s now)", level(a.current))
			case c.nextLabel != "":
				fmt.Fprintf(&b, " (expected %s at the next rung)", level(a.next))
			}
		}
		b.WriteString(".")
	}
	b.WriteString(" The filled shape with a solid outline is the score.")
	if c.currentLabel != "" {
		fmt.Fprintf(&b, " The dashed outline is the proficiency expected at %s.", c.currentLabel)
	}
	if c.nextLabel != "" {
		fmt.Fprintf(&b, " The dotted outline is the proficiency expected at %s.", c.nextLabel)
	}
	return b.String()
}

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

// legendEntries lists the series present, their labels wrapped to the room.
func (c *radar) legendEntries() []legendEntry {
	room := viewWidth - 2*margin - legendSample - legendIndent
	entry := func(series, text string, style lineStyle) legendEntry {
		lines, _ := legendFont.wrap(text, room, 2, 0)
		return legendEntry{series: series, style: style, lines: lines}
	}
	entries := []legendEntry{entry(seriesScore, "Score", styleScore)}
	if c.currentLabel != "" {
		entries = append(entries, entry(seriesCurrent, "Expected at "+c.currentLabel, styleCurrent))
	}
	if c.nextLabel != "" {
		entries = append(entries, entry(seriesNext, "Expected at "+c.nextLabel, styleNext))
	}
	return entries
}

// point is the position of value v (0..maxLevel) on axis a.
func (c *radar) point(a axis, v float64) (x, y float64) {
	d := c.r * v / maxLevel
	return c.cx + d*math.Cos(a.angle), c.cy + d*math.Sin(a.angle)
}

// write renders the chart.
func (c *radar) write(b *bytes.Buffer) {
	w, h := num(viewWidth), num(c.height)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="%s-title %s-desc" font-family="%s">`+"\n",
		w, h, w, h, c.id, c.id, textFonts)
	title := c.title
	if title == "" {
		title = "Competency radar chart"
	}
	fmt.Fprintf(b, `<title id="%s-title">%s</title>`+"\n", c.id, esc(title))
	fmt.Fprintf(b, `<desc id="%s-desc">%s</desc>`+"\n", c.id, esc(c.desc))
	fmt.Fprintf(b, `<rect width="%s" height="%s" fill="%s"/>`+"\n", w, h, colorBackground)
	for i, line := range c.titleLines {
		fmt.Fprintf(b, `<text class="chart-title" x="%s" y="%s" font-size="%s" font-weight="700" fill="%s">%s</text>`+"\n",
			num(margin), num(c.titleTop+float64(i)*titleLeading+titleFont.size), num(titleFont.size), colorText, esc(line))
	}
	if len(c.axes) == 0 {
		fmt.Fprintf(b, `<text class="empty" x="%s" y="%s" text-anchor="middle" font-size="%s" fill="%s">No competency scores to chart.</text>`+"\n",
			num(c.cx), num(c.cy+4), num(labelFont.size), colorText)
		b.WriteString("</svg>\n")
		return
	}
	c.writeGrid(b)
	c.writeDimensions(b)
	c.writeSeries(b)
	c.writeRingLabels(b)
	c.writeLabels(b)
	c.writeLegend(b)
	b.WriteString("</svg>\n")
}

// writeGrid draws a ring per level and a spoke per axis.
func (c *radar) writeGrid(b *bytes.Buffer) {
	fmt.Fprintf(b, `<g class="grid" fill="none" stroke="%s" stroke-width="0.8">`+"\n", colorGrid)
	for lv := 1; lv <= maxLevel; lv++ {
		fmt.Fprintf(b, `<circle class="ring" cx="%s" cy="%s" r="%s"/>`+"\n", num(c.cx), num(c.cy), num(c.r*float64(lv)/maxLevel))
	}
	for _, a := range c.axes {
		x, y := c.point(a, maxLevel)
		fmt.Fprintf(b, `<line class="spoke" x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(c.cx), num(c.cy), num(x), num(y))
	}
	b.WriteString("</g>\n")
}

// writeDimensions draws an arc outside the rings along each dimension's axes,
// with the dimension's name following the arc.
func (c *radar) writeDimensions(b *bytes.Buffer) {
	step := 2 * math.Pi / float64(len(c.axes))
	band := c.r + bandGap
	var paths, texts strings.Builder
	for i, g := range c.groups {
		a0 := c.axes[g.first].angle - step/2
		a1 := c.axes[g.first+g.count-1].angle + step/2
		if len(c.groups) > 1 {
			// A gap of about 5 units at each end keeps neighbours apart.
			gap := min(2.5/band, (a1-a0)/4)
			a0, a1 = a0+gap, a1-gap
		}
		fmt.Fprintf(b, `<path class="dimension-band" d="%s" fill="none" stroke="%s" stroke-width="3"/>`+"\n",
			arcPath(c.cx, c.cy, band, a0, a1, false), colorDimension)
		if g.name == "" {
			continue
		}
		// Text runs clockwise above the centre and anticlockwise below it, so
		// that it is never upside down; either way it sits outside the arc.
		flip := math.Sin((a0+a1)/2) > 0
		rt := band + 5
		if flip {
			rt = band + 12
		}
		name, _ := dimFont.truncate(g.name, (a1-a0)*rt-4)
		pid := fmt.Sprintf("%s-dim-%d", c.id, i)
		fmt.Fprintf(&paths, `<path id="%s" d="%s"/>`+"\n", pid, arcPath(c.cx, c.cy, rt, a0, a1, flip))
		fmt.Fprintf(&texts, `<text class="dimension-label" font-size="%s" font-weight="700" fill="%s"><textPath href="#%s" startOffset="50%%" text-anchor="middle">%s</textPath></text>`+"\n",
			num(dimFont.size), colorDimension, pid, esc(name))
	}
	if paths.Len() > 0 {
		b.WriteString("<defs>\n" + paths.String() + "</defs>\n")
		b.WriteString(texts.String())
	}
}

// arcPath is an SVG path along a circle from angle a0 to a1 (a0 < a1, at most
// a full turn), clockwise, or anticlockwise from a1 to a0 when reverse is set.
func arcPath(cx, cy, r, a0, a1 float64, reverse bool) string {
	from, to, sweep := a0, a1, 1
	if reverse {
		from, to, sweep = a1, a0, 0
	}
	// Two halves, so that a full circle still draws and every part is under a
	// half turn (large-arc-flag 0).
	mid := (from + to) / 2
	at := func(a float64) string {
		return num(cx+r*math.Cos(a)) + " " + num(cy+r*math.Sin(a))
	}
	rs := num(r)
	return fmt.Sprintf("M%s A%s %s 0 0 %d %s A%s %s 0 0 %d %s", at(from), rs, rs, sweep, at(mid), rs, rs, sweep, at(to))
}

// writeSeries draws the score polygon, the rungs' outlines over it, and the
// score points on top.
func (c *radar) writeSeries(b *bytes.Buffer) {
	polygon := func(series string, style lineStyle, fill string, value func(axis) float64) {
		pts := make([]string, len(c.axes))
		for i, a := range c.axes {
			x, y := c.point(a, value(a))
			pts[i] = num(x) + "," + num(y)
		}
		fmt.Fprintf(b, `<polygon class="series series-%s" data-series="%s" points="%s" %s stroke="%s" stroke-width="%s" stroke-dasharray="%s" stroke-linecap="%s" stroke-linejoin="round"/>`+"\n",
			series, series, strings.Join(pts, " "), fill, style.color, style.width, style.dasharray, style.linecap)
	}
	polygon(seriesScore, styleScore, fmt.Sprintf(`fill="%s" fill-opacity="%s"`, colorScore, scoreFillOpacity), func(a axis) float64 { return a.score })
	if c.currentLabel != "" {
		polygon(seriesCurrent, styleCurrent, `fill="none"`, func(a axis) float64 { return a.current })
	}
	if c.nextLabel != "" {
		polygon(seriesNext, styleNext, `fill="none"`, func(a axis) float64 { return a.next })
	}
	fmt.Fprintf(b, `<g class="score-points" fill="%s">`+"\n", colorScore)
	for _, a := range c.axes {
		x, y := c.point(a, a.score)
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="2.5"/>`+"\n", num(x), num(y))
	}
	b.WriteString("</g>\n")
}

// writeRingLabels numbers the rings between the last and the first spoke,
// with a white halo to stay legible over the lines.
func (c *radar) writeRingLabels(b *bytes.Buffer) {
	a := -math.Pi/2 - math.Pi/float64(len(c.axes))
	if len(c.axes) < 3 {
		a = -math.Pi / 4
	}
	fmt.Fprintf(b, `<g class="ring-labels" font-size="%s" fill="%s" text-anchor="middle" stroke="%s" stroke-width="3" stroke-linejoin="round" paint-order="stroke">`+"\n",
		num(ringFont.size), colorMuted, colorBackground)
	for lv := 1; lv <= maxLevel; lv++ {
		d := c.r * float64(lv) / maxLevel
		x, y := c.cx+d*math.Cos(a), c.cy+d*math.Sin(a)
		fmt.Fprintf(b, `<text class="ring-label" x="%s" y="%s">%d</text>`+"\n", num(x), num(y+ringFont.size*0.35), lv)
	}
	b.WriteString("</g>\n")
}

// writeLabels writes each axis's name and score beside its spoke.
func (c *radar) writeLabels(b *bytes.Buffer) {
	fmt.Fprintf(b, `<g class="axis-labels" font-size="%s" fill="%s">`+"\n", num(labelFont.size), colorText)
	score := func(l label) string {
		return fmt.Sprintf(`<tspan class="axis-score" font-weight="700" fill="%s">%s</tspan>`, colorScore, l.score)
	}
	for _, l := range c.labels {
		x := num(c.cx + l.x)
		baseline := func(i int) string {
			return num(c.cy + l.top + float64(i)*labelLeading + labelLeading*0.77)
		}
		fmt.Fprintf(b, `<text class="axis-label" text-anchor="%s">`, l.anchor)
		for i, line := range l.lines {
			fmt.Fprintf(b, `<tspan x="%s" y="%s">%s`, x, baseline(i), esc(line))
			if i == len(l.lines)-1 && !l.scoreOwnLine {
				b.WriteString(" " + score(l))
			}
			b.WriteString("</tspan>")
		}
		if l.scoreOwnLine {
			fmt.Fprintf(b, `<tspan x="%s" y="%s">%s</tspan>`, x, baseline(len(l.lines)), score(l))
		}
		b.WriteString("</text>\n")
	}
	b.WriteString("</g>\n")
}

// writeLegend writes one row per series: a sample of its line, and its name.
func (c *radar) writeLegend(b *bytes.Buffer) {
	textW := 0.0
	for _, e := range c.legend {
		for _, l := range e.lines {
			textW = max(textW, legendFont.width(l))
		}
	}
	x0 := math.Round((viewWidth - legendSample - legendIndent - textW) / 2)
	y := c.legendTop
	fmt.Fprintf(b, `<g class="legend" font-size="%s" fill="%s">`+"\n", num(legendFont.size), colorText)
	for _, e := range c.legend {
		mid := y + labelLeading/2
		fmt.Fprintf(b, `<g class="legend-item" data-series="%s">`, e.series)
		if e.series == seriesScore {
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="10" fill="%s" fill-opacity="%s" stroke="%s" stroke-width="%s"/>`,
				num(x0+1), num(mid-5), num(legendSample-2), colorScore, scoreFillOpacity, e.style.color, e.style.width)
		} else {
			fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s" stroke-dasharray="%s" stroke-linecap="%s"/>`,
				num(x0+1), num(mid), num(x0+legendSample-1), num(mid), e.style.color, e.style.width, e.style.dasharray, e.style.linecap)
		}
		for i, l := range e.lines {
			fmt.Fprintf(b, `<text x="%s" y="%s">%s</text>`,
				num(x0+legendSample+legendIndent), num(y+float64(i)*labelLeading+labelLeading*0.77), esc(l))
		}
		b.WriteString("</g>\n")
		y += float64(len(e.lines))*labelLeading + 4
	}
	b.WriteString("</g>\n")
}
