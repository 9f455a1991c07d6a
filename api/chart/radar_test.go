package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const svgNS = "http://www.w3.org/2000/svg"

// sampleInput is a realistic 13-competency assessment.
func sampleInput() Input {
	type row struct {
		slug, name, dim     string
		score, current, nxt float64
	}
	rows := []row{
		{"member-engagement", "Member engagement", "people", 3.1, 3, 4},
		{"conflict-resolution", "Conflict resolution", "people", 2.4, 3, 3},
		{"empathy-care", "Empathy and care", "people", 3.6, 3, 4},
		{"event-facilitation", "Event facilitation", "people", 2, 2, 3},
		{"relationship-building", "Relationship building", "people", 3.3, 3, 4},
		{"stakeholder-influence", "Stakeholder influence", "influence", 1.8, 2, 3},
		{"advocacy-storytelling", "Advocacy and storytelling", "influence", 2.7, 2, 3},
		{"partnerships", "Partnerships", "influence", 1.2, 2, 3},
		{"strategy-vision", "Strategy and vision", "influence", 2.2, 2, 3},
		{"content-programming", "Content and programming", "craft", 3, 3, 3},
		{"community-analytics", "Community analytics", "craft", 1.5, 2, 3},
		{"moderation-safety", "Moderation and safety", "craft", 3.8, 3, 4},
		{"platform-operations", "Platform operations", "craft", 2.9, 2, 3},
	}
	dims := map[string]string{"people": "People", "influence": "Influence", "craft": "Craft"}
	in := Input{
		Title:        "Competency scores of Ada Lovelace",
		CurrentLabel: "Community Manager (fits now)",
		NextLabel:    "Senior Community Manager (next rung)",
	}
	for _, r := range rows {
		in.Axes = append(in.Axes, Axis{
			Slug: r.slug, Name: r.name, Dimension: r.dim, DimensionName: dims[r.dim],
			Score: r.score, Current: r.current, Next: r.nxt,
		})
	}
	return in
}

// node is an element of a parsed document.
type node struct {
	name     xml.Name
	attrs    map[string]string // by local name
	children []*node
	text     strings.Builder // all character data inside, children's included
}

// lines is the text of an axis label, its lines joined by spaces.
func (n *node) lines() string {
	var parts []string
	for _, c := range n.children {
		parts = append(parts, c.text.String())
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

func (n *node) class() []string { return strings.Fields(n.attrs["class"]) }

// walk calls f for n and every element under it, in document order.
func (n *node) walk(f func(*node)) {
	f(n)
	for _, c := range n.children {
		c.walk(f)
	}
}

// find returns every element under n (n included) with the given class.
func (n *node) find(class string) []*node {
	var out []*node
	n.walk(func(m *node) {
		if slices.Contains(m.class(), class) {
			out = append(out, m)
		}
	})
	return out
}

// parse decodes every token of doc with encoding/xml and returns the root.
func parse(t *testing.T, doc []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var root *node
	var stack []*node
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					t.Fatal("more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			for _, n := range stack {
				n.text.Write(tok)
			}
		}
	}
	if root == nil {
		t.Fatal("no root element")
	}
	return root
}

// checkDocument asserts what every chart must be: a standalone, accessible
// SVG document with no external references.
func checkDocument(t *testing.T, doc []byte) *node {
	t.Helper()
	if !bytes.HasPrefix(doc, []byte(`<svg xmlns="`+svgNS+`"`)) {
		t.Errorf("document starts %q", doc[:min(len(doc), 60)])
	}
	root := parse(t, doc)
	if root.name.Local != "svg" || root.name.Space != svgNS {
		t.Fatalf("root is {%s}%s, want {%s}svg", root.name.Space, root.name.Local, svgNS)
	}
	if got := root.attrs["role"]; got != "img" {
		t.Errorf(`role = %q, want "img"`, got)
	}
	if vb := strings.Fields(root.attrs["viewBox"]); len(vb) != 4 || vb[2] != "400" {
		t.Errorf("viewBox = %q, want 400 units wide", root.attrs["viewBox"])
	}
	if len(root.children) < 2 {
		t.Fatalf("root has %d children", len(root.children))
	}
	title, desc := root.children[0], root.children[1]
	if title.name.Local != "title" || desc.name.Local != "desc" {
		t.Fatalf("first children are %s and %s, want title and desc", title.name.Local, desc.name.Local)
	}
	want := []string{title.attrs["id"], desc.attrs["id"]}
	if got := strings.Fields(root.attrs["aria-labelledby"]); !slices.Equal(got, want) || want[0] == "" || want[1] == "" {
		t.Errorf("aria-labelledby = %q, want the title and desc ids %q", got, want)
	}
	if strings.TrimSpace(title.text.String()) == "" || strings.TrimSpace(desc.text.String()) == "" {
		t.Error("empty title or desc")
	}

	ids := map[string]bool{}
	root.walk(func(n *node) {
		if id := n.attrs["id"]; id != "" {
			if ids[id] {
				t.Errorf("duplicate id %q", id)
			}
			ids[id] = true
		}
	})
	root.walk(func(n *node) {
		switch n.name.Local {
		case "image", "script", "style", "a", "foreignObject", "use", "link":
			t.Errorf("element <%s> is not allowed", n.name.Local)
		}
		for k, v := range n.attrs {
			if strings.HasPrefix(k, "on") {
				t.Errorf("event handler %s on <%s>", k, n.name.Local)
			}
			if k == "href" && (!strings.HasPrefix(v, "#") || !ids[v[1:]]) {
				t.Errorf("<%s> refers to %q, not to an element of the document", n.name.Local, v)
			}
			if strings.Contains(v, "url(") {
				t.Errorf("<%s %s=%q> refers to a resource", n.name.Local, k, v)
			}
		}
	})
	if m := regexp.MustCompile(`\bNaN\b|\bInf\b|@import`).Find(doc); m != nil {
		t.Errorf("document contains %q", m)
	}
	return root
}

func TestRadarDocument(t *testing.T) {
	in := sampleInput()
	root := checkDocument(t, Radar(in))
	if got := root.children[0].text.String(); got != in.Title {
		t.Errorf("title = %q, want %q", got, in.Title)
	}
	var titles []string
	for _, n := range root.find("chart-title") {
		titles = append(titles, n.text.String())
	}
	if strings.Join(titles, " ") != in.Title {
		t.Errorf("visible title %q, want %q", titles, in.Title)
	}
}

func TestRadarDescription(t *testing.T) {
	in := sampleInput()
	desc := checkDocument(t, Radar(in)).children[1].text.String()
	for _, want := range []string{
		"People: Member engagement 3.1 of 4",
		", Conflict resolution 2.4 of 4",
		"Influence: Stakeholder influence 1.8 of 4",
		"Craft: Content and programming 3.0 of 4",
		"Platform operations 2.9 of 4 (expected 2.0 now, 3.0 at the next rung)",
		"dashed outline is the proficiency expected at Community Manager (fits now)",
		"dotted outline is the proficiency expected at Senior Community Manager (next rung)",
	} {
		if !strings.Contains(desc, want) {
			t.Errorf("desc lacks %q:\n%s", want, desc)
		}
	}
	// Dimensions in the order they first appear.
	p, i, c := strings.Index(desc, "People:"), strings.Index(desc, "Influence:"), strings.Index(desc, "Craft:")
	if !(p < i && i < c) {
		t.Errorf("dimensions out of order in desc:\n%s", desc)
	}
}

func TestRadarAxesAndSeries(t *testing.T) {
	in := sampleInput()
	root := checkDocument(t, Radar(in))

	for class, want := range map[string]int{"spoke": 13, "axis-label": 13, "axis-score": 13, "ring": 4, "ring-label": 4, "dimension-band": 3, "dimension-label": 3} {
		if got := len(root.find(class)); got != want {
			t.Errorf("%d elements of class %q, want %d", got, class, want)
		}
	}
	var labels []string
	for _, n := range root.find("axis-label") {
		labels = append(labels, n.lines())
	}
	for i, a := range in.Axes {
		if want := a.Name + " " + level(a.Score); labels[i] != want {
			t.Errorf("axis label %d = %q, want %q", i, labels[i], want)
		}
	}
	var dims []string
	for _, n := range root.find("dimension-label") {
		dims = append(dims, n.text.String())
	}
	if want := []string{"People", "Influence", "Craft"}; !slices.Equal(dims, want) {
		t.Errorf("dimension labels %q, want %q", dims, want)
	}

	series := seriesByName(t, root)
	if len(series) != 3 {
		t.Fatalf("series %v, want score, current and next", keys(series))
	}
	dashes := map[string]string{}
	for name, n := range series {
		if pts := strings.Fields(n.attrs["points"]); len(pts) != 13 {
			t.Errorf("series %s has %d points, want 13", name, len(pts))
		}
		d := n.attrs["stroke-dasharray"]
		if d == "" {
			d = "none"
		}
		for other, od := range dashes {
			if od == d {
				t.Errorf("series %s and %s share stroke-dasharray %q", name, other, d)
			}
		}
		dashes[name] = d
	}
	if dashes[seriesScore] != "none" {
		t.Errorf("score outline dashed (%q), want solid", dashes[seriesScore])
	}
	if series[seriesCurrent].attrs["stroke-width"] == series[seriesNext].attrs["stroke-width"] {
		t.Error("the two rung outlines have the same stroke width")
	}
	if series[seriesScore].attrs["fill-opacity"] == "" || series[seriesScore].attrs["fill"] == "none" {
		t.Error("score polygon is not filled semi-transparently")
	}

	legend := legendByName(t, root)
	for name, want := range map[string]string{
		seriesScore:   "Score",
		seriesCurrent: in.CurrentLabel,
		seriesNext:    in.NextLabel,
	} {
		item, ok := legend[name]
		if !ok {
			t.Errorf("no legend entry for %s", name)
			continue
		}
		if got := item.text.String(); !strings.Contains(got, want) {
			t.Errorf("legend entry for %s reads %q, want it to name %q", name, got, want)
		}
		if name == seriesScore {
			continue
		}
		// The line sample is styled like its series.
		var sample *node
		item.walk(func(n *node) {
			if n.name.Local == "line" {
				sample = n
			}
		})
		if sample == nil {
			t.Errorf("legend entry for %s has no line sample", name)
			continue
		}
		for _, attr := range []string{"stroke", "stroke-width", "stroke-dasharray"} {
			if sample.attrs[attr] != series[name].attrs[attr] {
				t.Errorf("legend sample of %s has %s %q, series has %q", name, attr, sample.attrs[attr], series[name].attrs[attr])
			}
		}
	}
}

func TestRadarOmitsRungsWithoutLabel(t *testing.T) {
	for _, tc := range []struct {
		name          string
		current, next string
		want          []string
	}{
		{"no next rung", "Community Manager (fits now)", "", []string{seriesCurrent, seriesScore}},
		{"no rung at all", "", "", []string{seriesScore}},
		{"only a next rung", "", "Community Coordinator (next rung)", []string{seriesNext, seriesScore}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := sampleInput()
			in.CurrentLabel, in.NextLabel = tc.current, tc.next
			doc := Radar(in)
			root := checkDocument(t, doc)
			if got := keys(seriesByName(t, root)); !slices.Equal(got, tc.want) {
				t.Errorf("series %q, want %q", got, tc.want)
			}
			if got := keys(legendByName(t, root)); !slices.Equal(got, tc.want) {
				t.Errorf("legend entries %q, want %q", got, tc.want)
			}
			desc := root.children[1].text.String()
			if tc.next == "" && strings.Contains(desc, "dotted") {
				t.Errorf("desc mentions the absent next rung:\n%s", desc)
			}
			if tc.current == "" && strings.Contains(desc, "dashed") {
				t.Errorf("desc mentions the absent recommended rung:\n%s", desc)
			}
		})
	}
}

func TestRadarEscapesText(t *testing.T) {
	in := sampleInput()
	in.Title = `Scores of "Ada" & <Bob's> team`
	in.CurrentLabel = "R&D <lead>"
	in.NextLabel = `"Head" of 'R&D'`
	in.Axes[0].Name = "Fish & <chips>"
	in.Axes[1].Name = `Quotes "double" & 'single'`
	in.Axes[0].DimensionName = "People & <co>"
	doc := Radar(in)
	root := checkDocument(t, doc)
	for _, raw := range []string{"<chips>", "<Bob", "<lead>", "<co>", "& "} {
		if bytes.Contains(doc, []byte(raw)) {
			t.Errorf("unescaped %q in the document", raw)
		}
	}
	if !bytes.Contains(doc, []byte("&amp;")) || !bytes.Contains(doc, []byte("&lt;")) {
		t.Error("no &amp; or &lt; in the document")
	}
	if got := root.children[0].text.String(); got != in.Title {
		t.Errorf("title decodes to %q, want %q", got, in.Title)
	}
	labels := root.find("axis-label")
	if got := labels[0].lines(); got != "Fish & <chips> 3.1" {
		t.Errorf("axis label decodes to %q", got)
	}
	if got := root.find("dimension-label")[0].text.String(); got != "People & <co>" {
		t.Errorf("dimension label decodes to %q", got)
	}
	legend := legendByName(t, root)
	if got := legend[seriesNext].text.String(); !strings.Contains(got, in.NextLabel) {
		t.Errorf("legend decodes to %q, want it to name %q", got, in.NextLabel)
	}
	if desc := root.children[1].text.String(); !strings.Contains(desc, "Fish & <chips> 3.1 of 4") {
		t.Errorf("desc decodes to %q", desc)
	}
}

func TestRadarIsDeterministic(t *testing.T) {
	in := sampleInput()
	a, b := Radar(in), Radar(in)
	if !bytes.Equal(a, b) {
		t.Fatal("two calls with the same input differ")
	}
	// Coordinates carry at most two decimals.
	if m := regexp.MustCompile(`\d\.\d{3,}`).Find(a); m != nil {
		t.Errorf("number %q has more than two decimals", m)
	}
	// Different charts get different ids, so they can share a page.
	other := sampleInput()
	other.Title = "Competency scores of Grace Hopper"
	if parse(t, a).children[0].attrs["id"] == parse(t, Radar(other)).children[0].attrs["id"] {
		t.Error("two different charts share their ids")
	}
}

// contrast is the WCAG 2 contrast ratio of two "#rrggbb" colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG 2 relative luminance of a "#rrggbb" colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	var rgb [3]float64
	for i := range rgb {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatalf("colour %q: %v", hex, err)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			rgb[i] = c / 12.92
		} else {
			rgb[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
}

func TestColorContrast(t *testing.T) {
	const (
		textMin = 4.5 // WCAG 1.4.3, normal text
		lineMin = 3.0 // WCAG 1.4.11, graphical objects
	)
	if got := contrast(t, "#000000", "#ffffff"); math.Abs(got-21) > 1e-9 {
		t.Fatalf("contrast of black on white = %v, want 21", got)
	}
	colors := []struct {
		name, color string
		min         float64
	}{
		{"colorText", colorText, textMin},
		{"colorMuted", colorMuted, textMin},
		{"colorDimension", colorDimension, textMin},
		{"colorScore", colorScore, textMin}, // also the score figures in the labels
		{"colorGrid", colorGrid, lineMin},
		{"colorCurrent", colorCurrent, lineMin},
		{"colorNext", colorNext, lineMin},
	}
	checked := map[string]bool{colorBackground: true}
	for _, c := range colors {
		if got := contrast(t, c.color, colorBackground); got < c.min {
			t.Errorf("%s %s has contrast %.2f:1 against %s, want at least %.1f:1", c.name, c.color, got, colorBackground, c.min)
		}
		checked[strings.ToLower(c.color)] = true
	}
	if colorBackground != "#ffffff" {
		t.Errorf("background %s, want white", colorBackground)
	}

	// Every colour the chart paints is one of those checked.
	doc := Radar(sampleInput())
	for _, m := range regexp.MustCompile(`(?:fill|stroke)="([^"]*)"`).FindAllSubmatch(doc, -1) {
		v := strings.ToLower(string(m[1]))
		if v != "none" && !checked[v] {
			t.Errorf("colour %q in the document is not checked for contrast", v)
		}
	}
	// Text is painted only in text colours.
	textColors := map[string]bool{}
	for _, c := range colors {
		if c.min >= textMin {
			textColors[c.color] = true
		}
	}
	root := parse(t, doc)
	var paint func(n *node, fill string)
	paint = func(n *node, fill string) {
		if f, ok := n.attrs["fill"]; ok {
			fill = f
		}
		if (n.name.Local == "text" || n.name.Local == "tspan" || n.name.Local == "textPath") && !textColors[fill] {
			t.Errorf("<%s> %q is painted %q, not a text colour", n.name.Local, n.text.String(), fill)
		}
		for _, c := range n.children {
			paint(c, fill)
		}
	}
	paint(root, "#000000")
}

func TestRadarEdgeCases(t *testing.T) {
	t.Run("no axes", func(t *testing.T) {
		for _, in := range []Input{{}, {Title: "Scores of Ada", CurrentLabel: "A", NextLabel: "B", Axes: []Axis{}}} {
			root := checkDocument(t, Radar(in))
			if desc := root.children[1].text.String(); !strings.Contains(desc, "No competency scores") {
				t.Errorf("desc %q does not say there are no scores", desc)
			}
			if n := len(root.find("empty")); n != 1 {
				t.Errorf("%d visible no-scores notes, want 1", n)
			}
			if n := len(root.find("series")); n != 0 {
				t.Errorf("%d series with no axes", n)
			}
		}
	})

	t.Run("scores out of range", func(t *testing.T) {
		in := sampleInput()
		values := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -2, 9, 4, 0}
		for i, v := range values {
			in.Axes[i].Score, in.Axes[i].Current, in.Axes[i].Next = v, v, v
		}
		root := checkDocument(t, Radar(in))
		ring := root.find("ring")[3] // the outer ring, at the top of the scale
		cx, cy, r := attrFloat(t, ring, "cx"), attrFloat(t, ring, "cy"), attrFloat(t, ring, "r")
		want := []float64{0, 4, 0, 0, 4, 4, 0}
		for name, n := range seriesByName(t, root) {
			pts := strings.Fields(n.attrs["points"])
			for i, w := range want {
				x, y, ok := strings.Cut(pts[i], ",")
				if !ok {
					t.Fatalf("series %s point %q", name, pts[i])
				}
				got := math.Hypot(parseFloat(t, x)-cx, parseFloat(t, y)-cy) / r * maxLevel
				if math.Abs(got-w) > 0.01 {
					t.Errorf("series %s: %v drawn at %.2f, want %v", name, values[i], got, w)
				}
			}
		}
		desc := root.children[1].text.String()
		if !strings.Contains(desc, "Member engagement 0.0 of 4") || !strings.Contains(desc, "Conflict resolution 4.0 of 4") {
			t.Errorf("desc does not clamp:\n%s", desc)
		}
	})

	t.Run("few or odd axes", func(t *testing.T) {
		long := strings.Repeat("Supercalifragilistic ", 12)
		for _, axes := range [][]Axis{
			{{Name: "Only", Dimension: "people", Score: 2}},
			{{Name: "One", Score: 1}, {Name: "Two", Score: 3}},
			{{Slug: "no-name", Dimension: "craft"}, {Name: long, Dimension: "people", DimensionName: long}, {Name: "  spaced\n\tout  ", Dimension: "craft"}},
		} {
			in := Input{Title: long, CurrentLabel: long, NextLabel: "Next", Axes: axes}
			root := checkDocument(t, Radar(in))
			if got := len(root.find("axis-label")); got != len(axes) {
				t.Errorf("%d axis labels for %d axes", got, len(axes))
			}
		}
	})

	t.Run("dimensions not contiguous", func(t *testing.T) {
		in := Input{Axes: []Axis{
			{Name: "A1", Dimension: "a", DimensionName: "Alpha"},
			{Name: "B1", Dimension: "b", DimensionName: "Beta"},
			{Name: "A2", Dimension: "a", DimensionName: "Alpha"},
		}}
		root := checkDocument(t, Radar(in))
		var got []string
		for _, n := range root.find("axis-label") {
			got = append(got, strings.Fields(n.text.String())[0])
		}
		if want := []string{"A1", "A2", "B1"}; !slices.Equal(got, want) {
			t.Errorf("axes in order %q, want %q", got, want)
		}
	})
}

// The layout keeps every label inside the viewBox, clear of the others and of
// the radar, for the sample and for long and short names alike.
func TestRadarLabelsFit(t *testing.T) {
	long := sampleInput()
	for i := range long.Axes {
		long.Axes[i].Name = "Facilitation and engagement of members"
	}
	short := sampleInput()
	for i := range short.Axes {
		short.Axes[i].Name = "Art"
	}
	for name, in := range map[string]Input{"sample": sampleInput(), "long names": long, "short names": short} {
		t.Run(name, func(t *testing.T) {
			c := layout(in)
			for i, l := range c.labels {
				left, right := c.cx+l.left, c.cx+l.left+l.w
				top, bottom := c.cy+l.top, c.cy+l.top+l.h
				if left < margin-0.01 || right > viewWidth-margin+0.01 || top < 0 || bottom > c.legendTop {
					t.Errorf("label %d %q at x %.1f..%.1f, y %.1f..%.1f, outside the chart", i, l.lines, left, right, top, bottom)
				}
				for j, o := range c.labels[i+1:] {
					if l.left < o.left+o.w && o.left < l.left+l.w && l.top < o.top+o.h && o.top < l.top+l.h {
						t.Errorf("labels %d %q and %d %q overlap", i, l.lines, i+1+j, o.lines)
					}
				}
				for _, s := range l.lines {
					if w := labelFont.width(s); w > maxLabelWidth+0.01 {
						t.Errorf("label line %q is %.1f wide", s, w)
					}
				}
			}
		})
	}
	sample := sampleInput()
	c := layout(sample)
	if c.r < 90 {
		t.Errorf("outer ring radius %.0f for the sample, want at least 90", c.r)
	}
	for i, l := range c.labels {
		if got := strings.Join(l.lines, " "); got != sample.Axes[i].Name {
			t.Errorf("sample label %d shortened to %q", i, l.lines)
		}
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		text     string
		width    float64
		lines    int
		want     []string
		wantFits bool
	}{
		{"Member engagement", 200, 3, []string{"Member engagement"}, true},
		{"Member engagement", 70, 3, []string{"Member", "engagement"}, true},
		{"Advocacy and storytelling", 80, 3, []string{"Advocacy and", "storytelling"}, true},
		{"one two three four five six", 30, 2, []string{"one", "tw…"}, false},
		{"Supercalifragilistic", 50, 3, []string{"Super…"}, false},
		{"", 50, 3, nil, true},
	} {
		got, ok := labelFont.wrap(tc.text, tc.width, tc.lines, 0)
		if !slices.Equal(got, tc.want) || ok != tc.wantFits {
			t.Errorf("wrap(%q, %v, %d) = %q, %v; want %q, %v", tc.text, tc.width, tc.lines, got, ok, tc.want, tc.wantFits)
		}
		for _, l := range got {
			if labelFont.width(l) > tc.width && l != ellipsis {
				t.Errorf("wrap(%q, %v): line %q is %.1f wide", tc.text, tc.width, l, labelFont.width(l))
			}
		}
	}
}

// seriesByName maps each series polygon by its data-series attribute.
func seriesByName(t *testing.T, root *node) map[string]*node {
	t.Helper()
	out := map[string]*node{}
	for _, n := range root.find("series") {
		name := n.attrs["data-series"]
		if _, dup := out[name]; dup {
			t.Errorf("series %q twice", name)
		}
		out[name] = n
	}
	return out
}

// legendByName maps each legend entry by its data-series attribute.
func legendByName(t *testing.T, root *node) map[string]*node {
	t.Helper()
	out := map[string]*node{}
	for _, n := range root.find("legend-item") {
		name := n.attrs["data-series"]
		if _, dup := out[name]; dup {
			t.Errorf("legend entry %q twice", name)
		}
		out[name] = n
	}
	return out
}

func keys(m map[string]*node) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func attrFloat(t *testing.T, n *node, attr string) float64 {
	t.Helper()
	return parseFloat(t, n.attrs[attr])
}

func parseFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("number %q: %v", s, err)
	}
	return v
}

func BenchmarkRadar(b *testing.B) {
	in := sampleInput()
	for b.Loop() {
		Radar(in)
	}
}
