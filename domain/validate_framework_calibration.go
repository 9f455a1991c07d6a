package domain

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Bounds of the 2026.2 parameters.
const (
	maxLift         = 2
	maxLexicon      = 200
	maxPhrases      = 50
	maxExpertYears  = 60
	maxSeniorWords  = 30
	maxNumberSteps  = 5
	maxHighlightWgt = maxSourceWeight
)

// calibration checks the optional 2026.2 parameters; zero values pass.
func (c *frameworkCheck) calibration(k Calibration, bgs []Background) {
	const p = "scoring."
	if k.ExpertYears != 0 {
		c.number(p+"expert_years", k.ExpertYears, 0, maxExpertYears, false)
	}
	// Every rank once, lowest first, so that a higher rank never lifts less.
	if len(k.Seniority) > 0 && len(k.Seniority) != len(Seniorities) {
		c.add(p+"seniority", "count", "must list every rank once, lowest first: "+strings.Join(Seniorities, ", "), fmt.Sprint(len(k.Seniority)))
	}
	prevLift := -1.0
	for i, r := range k.Seniority {
		q := fmt.Sprintf("%sseniority[%d]", p, i)
		if i < len(Seniorities) && r.Slug != Seniorities[i] {
			c.add(q+".slug", "order", "must be "+Seniorities[i]+": every rank once, lowest first", r.Slug)
		}
		c.number(q+".lift", r.Lift, 0, maxLift, true)
		if r.Lift < prevLift {
			c.add(q+".lift", "order", "must not be lower than the rank before", fmtNum(r.Lift))
		}
		prevLift = r.Lift
		c.count(q+".words", len(r.Words), 0, maxSeniorWords)
		for j, w := range r.Words {
			if w == "" || w != strings.ToLower(strings.TrimSpace(w)) {
				c.add(fmt.Sprintf("%s.words[%d]", q, j), "format", "must be lower case, trimmed and not empty", w)
			}
		}
	}
	for i, st := range k.PeopleLed {
		q := fmt.Sprintf("%speople_led[%d]", p, i)
		if st.Min < 1 || st.Min > MaxPeopleLed {
			c.add(q+".min", "range", fmt.Sprintf("must be between 1 and %d", MaxPeopleLed), fmt.Sprint(st.Min))
		}
		c.number(q+".lift", st.Lift, 0, maxLift, true)
	}
	for i, slug := range k.LiftCompetencies {
		c.ref(fmt.Sprintf("%slift_competencies[%d]", p, i), slug)
	}
	if k.RecommendFit != 0 {
		c.number(p+"recommend_fit", k.RecommendFit, 0, 100, false)
	}
	if k.StretchFit != 0 {
		c.number(p+"stretch_fit", k.StretchFit, 0, 100, false)
	}
	if k.HighlightWeight != 0 {
		c.number(p+"highlight_weight", k.HighlightWeight, 0, maxHighlightWgt, false)
	}
	c.count(p+"lexicon", len(k.Lexicon), 0, maxLexicon)
	for i, e := range k.Lexicon {
		q := fmt.Sprintf("%slexicon[%d]", p, i)
		c.ref(q+".competency", e.Competency)
		c.proficiency(q+".proficiency", e.Proficiency)
		c.count(q+".phrases", len(e.Phrases), 1, maxPhrases)
		for j, ph := range e.Phrases {
			if ph == "" || ph != strings.ToLower(strings.Join(strings.Fields(ph), " ")) {
				c.add(fmt.Sprintf("%s.phrases[%d]", q, j), "format", "must be lower-case words separated by single spaces", ph)
			}
		}
		c.count(q+".number_steps", len(e.NumberSteps), 0, maxNumberSteps)
		for j, st := range e.NumberSteps {
			c.proficiency(fmt.Sprintf("%s.number_steps[%d].proficiency", q, j), st.Proficiency)
		}
	}
	if k.NearMissLead != 0 || k.NearMissMinScore != 0 {
		c.number(p+"near_miss_lead", k.NearMissLead, 0, 1, false)
		c.number(p+"near_miss_min_score", k.NearMissMinScore, 0, 1, false)
	}
	for _, slug := range slices.Sorted(maps.Keys(k.RoleKinds)) {
		if !slices.ContainsFunc(bgs, func(b Background) bool { return b.Slug == slug }) {
			c.add(p+"role_kinds", "unknown", "unknown background", slug)
		}
		for j, kind := range k.RoleKinds[slug] {
			if !slices.Contains(RoleKinds, kind) {
				c.add(fmt.Sprintf("%srole_kinds.%s[%d]", p, slug, j), "enum", "must be one of "+strings.Join(RoleKinds, ", "), kind)
			}
		}
	}
	for _, slug := range slices.Sorted(maps.Keys(k.InterviewQuestions)) {
		c.ref(p+"interview_questions."+slug, slug)
		for j, q := range k.InterviewQuestions[slug] {
			c.text(fmt.Sprintf("%sinterview_questions.%s[%d]", p, slug, j), q, maxTextLen)
		}
	}
	for _, slug := range slices.Sorted(maps.Keys(k.AliasCommunities)) {
		m := k.AliasCommunities[slug]
		i := slices.IndexFunc(bgs, func(b Background) bool { return b.Slug == slug })
		if i < 0 {
			c.add(p+"alias_communities", "unknown", "unknown background", slug)
			continue
		}
		for _, alias := range slices.Sorted(maps.Keys(m)) {
			community := m[alias]
			if !slices.Contains(bgs[i].Aliases, alias) {
				c.add(p+"alias_communities."+slug, "unknown", "not an alias of "+slug, alias)
			}
			c.text(p+"alias_communities."+slug+"."+alias, community, maxNameLen)
		}
	}
}
