package chart

import (
	"bytes"
	"fmt"
	"math"
	"strings"
)

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
