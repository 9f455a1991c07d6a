package chart

import (
	"fmt"
	"strings"
)

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
