package domain

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	onetPattern = regexp.MustCompile(`^[0-9]{2}-[0-9]{4}\.[0-9]{2}$`)
	iscoPattern = regexp.MustCompile(`^[0-9]{4}$`)
)

func (c *frameworkCheck) backgrounds(bgs []Background) {
	c.count("backgrounds", len(bgs), 1, maxBackgrounds)
	slugs := map[string]bool{}
	// Aliases resolve free-text titles, so one alias must point at one background only.
	aliasOwner := map[string]int{}
	for i, b := range bgs {
		p := fmt.Sprintf("backgrounds[%d]", i)
		field := p + ".slug"
		c.slug(field, b.Slug)
		c.unique(field, b.Slug, slugs, "duplicate background")
		c.text(p+".title", b.Title, maxNameLen)
		c.count(p+".aliases", len(b.Aliases), minAliases, maxAliases)
		for j, a := range b.Aliases {
			q := fmt.Sprintf("%s.aliases[%d]", p, j)
			c.text(q, a, maxNameLen)
			key := strings.ToLower(strings.Join(strings.Fields(a), " "))
			if key == "" {
				continue
			}
			if owner, dup := aliasOwner[key]; dup {
				c.add(q, "duplicate", fmt.Sprintf("alias already used by backgrounds[%d]", owner), a)
				continue
			}
			aliasOwner[key] = i
		}
		c.text(p+".community_served", b.CommunityServed, maxNameLen)
		if b.OnetSOC != "" && !onetPattern.MatchString(b.OnetSOC) {
			c.add(p+".onet_soc", "format", "must be an O*NET-SOC code such as 13-1131.00", b.OnetSOC)
		}
		if b.ISCO08 != "" && !iscoPattern.MatchString(b.ISCO08) {
			c.add(p+".isco08", "format", "must be a 4-digit ISCO-08 unit group such as 2432", b.ISCO08)
		}
		c.text(p+".summary", b.Summary, maxTextLen)
		c.evidence(p, b.Evidence)
	}
}

// evidence checks that a background rates every competency exactly once.
func (c *frameworkCheck) evidence(p string, ev []Evidence) {
	seen := make(map[string]bool, len(ev))
	for j, e := range ev {
		q := fmt.Sprintf("%s.evidence[%d]", p, j)
		if field := q + ".competency"; c.ref(field, e.Competency) {
			c.unique(field, e.Competency, seen, "competency already evidenced")
		}
		c.proficiency(q+".proficiency", e.Proficiency)
		c.text(q+".rationale", e.Rationale, maxTextLen)
	}
	for _, slug := range c.order {
		if !seen[slug] {
			c.add(p+".evidence", "missing", "no evidence for competency "+slug, slug)
		}
	}
}
