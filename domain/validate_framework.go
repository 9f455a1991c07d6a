package domain

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Bounds that keep a framework document reasonable to store, serve and score.
const (
	maxSlugLen       = 64
	maxNameLen       = 200
	maxTextLen       = 2000
	maxCompetencies  = 100
	maxLevels        = 20
	maxBackgrounds   = 500
	maxActions       = 2000
	maxAliases       = 150
	maxDepartments   = 20
	maxWeight        = 1000
	minAliases       = 4
	maxVersionLength = 32
)

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	// No leading zeros: 2026.01 would be a second spelling of 2026.1.
	versionPattern = regexp.MustCompile(`^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*)){1,3}$`)
)

// Validate checks every rule of a framework and reports all problems at once as a
// *ValidationError whose fields are JSON paths, e.g. "competencies[3].weight".
func (f *Framework) Validate() error {
	if f == nil {
		return Errorf(ErrInvalid, "framework is required")
	}
	c := &frameworkCheck{verr: &ValidationError{}, comps: map[string]int{}}
	c.slug("slug", f.Slug)
	if len(f.Version) > maxVersionLength || !versionPattern.MatchString(f.Version) {
		c.add("version", "format", "must be dotted numbers such as 2026.1", f.Version)
	}
	c.text("title", f.Title, maxNameLen)
	c.optionalText("description", f.Description, maxTextLen)
	switch f.Status {
	case StatusDraft:
		if f.PublishedAt != nil {
			c.add("published_at", "forbidden", "a draft has no publication time", "")
		}
	case StatusPublished, StatusRetired:
	default:
		c.add("status", "enum", "must be draft, published or retired", f.Status)
	}
	c.dimensions(f.Dimensions)
	c.competencies(f.Competencies)
	c.levels(f.Levels)
	c.backgrounds(f.Backgrounds)
	c.actions(f.Actions)
	c.scoring(f.Scoring, len(f.Competencies))
	c.calibration(f.Scoring.Calibration, f.Backgrounds)
	return c.verr.OrNil()
}

// frameworkCheck accumulates problems; comps indexes competency slugs for references and
// order keeps them in framework order so that reports are deterministic.
type frameworkCheck struct {
	verr  *ValidationError
	comps map[string]int
	order []string
}

func (c *frameworkCheck) add(field, rule, msg, value string) {
	c.verr.AddValue(field, rule, msg, value)
}

func (c *frameworkCheck) slug(field, v string) {
	switch {
	case v == "":
		c.add(field, "required", "is required", "")
	case len(v) > maxSlugLen:
		c.add(field, "length", fmt.Sprintf("must be at most %d characters", maxSlugLen), "")
	case !slugPattern.MatchString(v):
		c.add(field, "format", "must be lowercase letters, digits and single hyphens", v)
	}
}

func (c *frameworkCheck) text(field, v string, limit int) {
	if strings.TrimSpace(v) == "" {
		c.add(field, "required", "is required", "")
		return
	}
	c.optionalText(field, v, limit)
}

func (c *frameworkCheck) optionalText(field, v string, limit int) {
	switch {
	case len(v) > limit:
		c.add(field, "length", fmt.Sprintf("must be at most %d bytes", limit), "")
	case strings.ContainsFunc(v, isControl):
		// PostgreSQL refuses NUL in text, and no rubric needs a control character.
		c.add(field, "format", "must not contain control characters other than tab and newline", "")
	}
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}

// count checks a list's length; it reports the list itself so items keep their own paths.
func (c *frameworkCheck) count(field string, n, lo, hi int) {
	switch {
	case n < lo && lo == 1:
		c.add(field, "required", "needs at least one item", "")
	case n < lo:
		c.add(field, "min_items", fmt.Sprintf("needs at least %d items", lo), strconv.Itoa(n))
	case n > hi:
		c.add(field, "max_items", fmt.Sprintf("allows at most %d items", hi), strconv.Itoa(n))
	}
}

// ref checks that a competency reference names an existing competency.
func (c *frameworkCheck) ref(field, slug string) bool {
	if _, ok := c.comps[slug]; ok {
		return true
	}
	if slug == "" {
		c.add(field, "required", "is required", "")
	} else {
		c.add(field, "unknown", "unknown competency", slug)
	}
	return false
}

// unique reports v as a duplicate when seen already holds it, then records it.
func (c *frameworkCheck) unique(field, v string, seen map[string]bool, msg string) {
	if seen[v] {
		c.add(field, "duplicate", msg, v)
	}
	seen[v] = true
}

// number checks lo < v <= hi (or lo <= v when closedLo); NaN always fails.
func (c *frameworkCheck) number(field string, v, lo, hi float64, closedLo bool) {
	ok := v <= hi && (v > lo || (closedLo && v == lo))
	if ok {
		return
	}
	open := "greater than"
	if closedLo {
		open = "at least"
	}
	c.add(field, "range", fmt.Sprintf("must be %s %s and at most %s", open, fmtNum(lo), fmtNum(hi)), fmtNum(v))
}

// fmtNum spells a number as a field error's value: shortest form, NaN and ±Inf by name.
func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func (c *frameworkCheck) dimensions(dims []Dimension) {
	seen := map[string]bool{}
	for i, d := range dims {
		p := fmt.Sprintf("dimensions[%d]", i)
		switch {
		case !slices.Contains(Dimensions, d.Slug):
			c.add(p+".slug", "enum", "must be people, influence or craft", d.Slug)
		case seen[d.Slug]:
			c.add(p+".slug", "duplicate", "duplicate dimension", d.Slug)
		}
		seen[d.Slug] = true
		c.text(p+".name", d.Name, maxNameLen)
		c.text(p+".description", d.Description, maxTextLen)
	}
	for _, d := range Dimensions {
		if !seen[d] {
			c.add("dimensions", "missing", "dimension "+d+" is missing", d)
		}
	}
}

func (c *frameworkCheck) competencies(comps []Competency) {
	c.count("competencies", len(comps), 1, maxCompetencies)
	perDim := map[string]int{}
	for i, comp := range comps {
		p := fmt.Sprintf("competencies[%d]", i)
		c.slug(p+".slug", comp.Slug)
		if _, dup := c.comps[comp.Slug]; dup {
			c.add(p+".slug", "duplicate", "duplicate competency", comp.Slug)
		} else if comp.Slug != "" {
			c.comps[comp.Slug] = i
			c.order = append(c.order, comp.Slug)
		}
		c.text(p+".name", comp.Name, maxNameLen)
		if slices.Contains(Dimensions, comp.Dimension) {
			perDim[comp.Dimension]++
		} else {
			c.add(p+".dimension", "enum", "must be people, influence or craft", comp.Dimension)
		}
		c.number(p+".weight", comp.Weight, 0, maxWeight, false)
		c.text(p+".description", comp.Description, maxTextLen)
		for k, a := range comp.Anchors {
			c.text(fmt.Sprintf("%s.anchors[%d]", p, k), a, maxTextLen)
		}
	}
	if len(comps) == 0 {
		return
	}
	for _, d := range Dimensions {
		if perDim[d] == 0 {
			c.add("competencies", "missing", "no competency in dimension "+d, d)
		}
	}
}

func (c *frameworkCheck) levels(levels []Level) {
	c.count("levels", len(levels), 1, maxLevels)
	slugs := map[string]bool{}
	ranks := map[int]bool{}
	n := len(levels)
	for i, lv := range levels {
		p := fmt.Sprintf("levels[%d]", i)
		field := p + ".slug"
		c.slug(field, lv.Slug)
		c.unique(field, lv.Slug, slugs, "duplicate level")
		// Ranks in 1..n that are all distinct are exactly the contiguous ladder 1..n.
		switch {
		case lv.Rank < 1 || lv.Rank > n:
			c.add(p+".rank", "range", fmt.Sprintf("ranks must run 1 to %d without gaps", n), strconv.Itoa(lv.Rank))
		case ranks[lv.Rank]:
			c.add(p+".rank", "duplicate", "duplicate rank", strconv.Itoa(lv.Rank))
		}
		ranks[lv.Rank] = true
		c.text(p+".title", lv.Title, maxNameLen)
		c.text(p+".summary", lv.Summary, maxTextLen)
		c.text(p+".scope", lv.Scope, maxTextLen)
		if len(lv.TypicalDepartments) > maxDepartments {
			c.count(p+".typical_departments", len(lv.TypicalDepartments), 0, maxDepartments)
		}
		for j, d := range lv.TypicalDepartments {
			c.text(fmt.Sprintf("%s.typical_departments[%d]", p, j), d, maxNameLen)
		}
		c.expectations(p, lv.Expectations)
	}
}

func (c *frameworkCheck) expectations(p string, exps []Expectation) {
	c.count(p+".expectations", len(exps), 1, maxCompetencies)
	seen := map[string]bool{}
	for j, e := range exps {
		q := fmt.Sprintf("%s.expectations[%d]", p, j)
		if field := q + ".competency"; c.ref(field, e.Competency) {
			c.unique(field, e.Competency, seen, "competency already expected at this level")
		}
		c.proficiency(q+".min_proficiency", e.MinProficiency)
		switch e.Kind {
		case ExpectationRequired, ExpectationDesirable, ExpectationGate, ExpectationDevelop:
		default:
			c.add(q+".kind", "enum", "must be required, desirable, gate or develop", e.Kind)
		}
		c.number(q+".importance", e.Importance, 0, maxWeight, false)
	}
}

func (c *frameworkCheck) proficiency(field string, v int) {
	if v < 0 || v > MaxProficiency {
		c.add(field, "range", "must be between 0 and 4", strconv.Itoa(v))
	}
}
