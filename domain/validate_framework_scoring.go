package domain

import "fmt"

// Upper bounds for scoring parameters: generous, but enough to reject typos.
const (
	maxSourceWeight  = 100
	maxFullYears     = 40
	maxPlanActions   = 3
	maxConfidenceSum = 1000
)

func (c *frameworkCheck) actions(actions []DevelopmentAction) {
	c.count("actions", len(actions), 1, maxActions)
	has := make(map[string]bool, len(c.order))
	for i, a := range actions {
		p := fmt.Sprintf("actions[%d]", i)
		if c.ref(p+".competency", a.Competency) {
			has[a.Competency] = true
		}
		switch a.Kind {
		case ActionTraining, ActionVolunteering, ActionPractice, ActionStretch:
		default:
			c.add(p+".kind", "enum", "must be training, volunteering, practice or stretch", a.Kind)
		}
		c.text(p+".title", a.Title, maxNameLen)
		c.text(p+".detail", a.Detail, maxTextLen)
	}
	for _, slug := range c.order {
		if !has[slug] {
			c.add("actions", "missing", "no development action for competency "+slug, slug)
		}
	}
}

// scoring checks ranges and the product's ordering of sources: a self-rating with evidence
// counts more than one without, less than experience, and reviewers count most.
func (c *frameworkCheck) scoring(s ScoringParams, nComps int) {
	const p = "scoring."
	c.number(p+"experience_weight", s.ExperienceWeight, 0, maxSourceWeight, false)
	c.number(p+"self_weight", s.SelfWeight, 0, maxSourceWeight, false)
	c.number(p+"self_supported_weight", s.SelfSupportedWeight, 0, maxSourceWeight, false)
	c.number(p+"reviewer_weight", s.ReviewerWeight, 0, maxSourceWeight, false)
	if !(s.SelfSupportedWeight > s.SelfWeight) {
		c.add(p+"self_supported_weight", "order", "must be greater than self_weight", fmtNum(s.SelfSupportedWeight))
	}
	if !(s.ExperienceWeight > s.SelfSupportedWeight) {
		c.add(p+"experience_weight", "order", "must be greater than self_supported_weight", fmtNum(s.ExperienceWeight))
	}
	if !(s.ReviewerWeight > s.ExperienceWeight) {
		c.add(p+"reviewer_weight", "order", "must be greater than experience_weight", fmtNum(s.ReviewerWeight))
	}
	c.number(p+"full_years", s.FullYears, 0, maxFullYears, false)
	if !(s.MinRamp >= 0 && s.MinRamp < 1) {
		c.add(p+"min_ramp", "range", "must be at least 0 and less than 1", fmtNum(s.MinRamp))
	}
	c.number(p+"breadth_bonus", s.BreadthBonus, 0, MaxProficiency, true)
	c.number(p+"breadth_bonus_max", s.BreadthBonusMax, 0, MaxProficiency, true)
	if s.BreadthBonusMax < s.BreadthBonus {
		c.add(p+"breadth_bonus_max", "order", "must be at least breadth_bonus", fmtNum(s.BreadthBonusMax))
	}
	c.number(p+"confidence_full_weight", s.ConfidenceFullWeight, 0, maxConfidenceSum, false)
	c.number(p+"people_threshold", s.PeopleThreshold, 0, 100, true)
	c.number(p+"influence_threshold", s.InfluenceThreshold, 0, 100, true)
	c.number(p+"met_tolerance", s.MetTolerance, 0, 1, true)
	maxSteps := max(nComps, 1)
	if s.PlanMaxSteps < 1 || s.PlanMaxSteps > maxSteps {
		c.add(p+"plan_max_steps", "range", fmt.Sprintf("must be between 1 and %d (the number of competencies)", maxSteps), fmt.Sprint(s.PlanMaxSteps))
	}
	if s.PlanActionsPerStep < 1 || s.PlanActionsPerStep > maxPlanActions {
		c.add(p+"plan_actions_per_step", "range", fmt.Sprintf("must be between 1 and %d", maxPlanActions), fmt.Sprint(s.PlanActionsPerStep))
	}
	if !(s.MatchMinScore > 0 && s.MatchMinScore < 1) {
		c.add(p+"match_min_score", "range", "must be greater than 0 and less than 1", fmtNum(s.MatchMinScore))
	}
}
