// Package chart draws assessment charts as standalone SVG documents. They
// reference no fonts, images, scripts or style sheets, and the same input
// always gives the same bytes.
package chart

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math"
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
