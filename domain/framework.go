package domain

import "time"

// Framework status values.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
	StatusRetired   = "retired"
)

// Dimension slugs.
const (
	DimensionPeople    = "people"
	DimensionInfluence = "influence"
	DimensionCraft     = "craft"
)

// Dimensions lists the dimension slugs in display order.
var Dimensions = []string{DimensionPeople, DimensionInfluence, DimensionCraft}

// Expectation kinds.
const (
	ExpectationRequired  = "required"
	ExpectationDesirable = "desirable"
)

// Development action kinds.
const (
	ActionTraining     = "training"
	ActionVolunteering = "volunteering"
	ActionPractice     = "practice"
	ActionStretch      = "stretch"
)

// MaxProficiency is the top of the 0..4 rubric scale.
const MaxProficiency = 4

// Framework is one version of a competency framework. Once published it is immutable.
type Framework struct {
	Slug         string              `json:"slug"`
	Version      string              `json:"version"`
	Title        string              `json:"title"`
	Description  string              `json:"description"`
	Status       string              `json:"status"`
	PublishedAt  *time.Time          `json:"published_at,omitempty"`
	Dimensions   []Dimension         `json:"dimensions"`
	Competencies []Competency        `json:"competencies"`
	Levels       []Level             `json:"levels"`
	Backgrounds  []Background        `json:"backgrounds"`
	Actions      []DevelopmentAction `json:"actions"`
	Scoring      ScoringParams       `json:"scoring"`
}

// Dimension groups competencies: people, influence or craft.
type Dimension struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Competency is one rubric-scored skill with five behavioural anchors, proficiency 0..4.
type Competency struct {
	Slug        string    `json:"slug"`
	Name        string    `json:"name"`
	Dimension   string    `json:"dimension"`
	Weight      float64   `json:"weight"`
	Description string    `json:"description"`
	Anchors     [5]string `json:"anchors"`
}

// Level is one rung of the career ladder.
type Level struct {
	Slug               string        `json:"slug"`
	Rank               int           `json:"rank"`
	Title              string        `json:"title"`
	Summary            string        `json:"summary"`
	Scope              string        `json:"scope"`
	TypicalDepartments []string      `json:"typical_departments"`
	Expectations       []Expectation `json:"expectations"`
}

// Expectation is a level's minimum proficiency for one competency.
type Expectation struct {
	Competency     string  `json:"competency"`
	MinProficiency int     `json:"min_proficiency"`
	Kind           string  `json:"kind"`
	Importance     float64 `json:"importance"`
}

// Background is a prior occupation and what practising it evidences.
type Background struct {
	Slug            string     `json:"slug"`
	Title           string     `json:"title"`
	Aliases         []string   `json:"aliases"`
	CommunityServed string     `json:"community_served"`
	OnetSOC         string     `json:"onet_soc,omitempty"`
	ISCO08          string     `json:"isco08,omitempty"`
	Summary         string     `json:"summary"`
	Evidence        []Evidence `json:"evidence"`
}

// Evidence is the proficiency a practised person in a background typically shows.
type Evidence struct {
	Competency  string `json:"competency"`
	Proficiency int    `json:"proficiency"`
	Rationale   string `json:"rationale"`
}

// DevelopmentAction is one concrete way to grow a competency.
type DevelopmentAction struct {
	Competency string `json:"competency"`
	Kind       string `json:"kind"`
	Title      string `json:"title"`
	Detail     string `json:"detail"`
}

// ScoringParams holds every number the scoring engine uses, versioned with the framework.
type ScoringParams struct {
	// Source weights: experience, self-rating without and with evidence text, reviewers.
	ExperienceWeight    float64 `json:"experience_weight"`
	SelfWeight          float64 `json:"self_weight"`
	SelfSupportedWeight float64 `json:"self_supported_weight"`
	ReviewerWeight      float64 `json:"reviewer_weight"`
	// Years ramp: evidence counts in part below FullYears, starting at MinRamp.
	FullYears float64 `json:"full_years"`
	MinRamp   float64 `json:"min_ramp"`
	// Breadth: bonus per extra distinct background evidencing a competency, capped.
	BreadthBonus    float64 `json:"breadth_bonus"`
	BreadthBonusMax float64 `json:"breadth_bonus_max"`
	// Confidence reaches 1 at this total source weight (scaled down by disagreement).
	ConfidenceFullWeight float64 `json:"confidence_full_weight"`
	// Profile thresholds on the 0..100 dimension scale.
	PeopleThreshold    float64 `json:"people_threshold"`
	InfluenceThreshold float64 `json:"influence_threshold"`
	// A required expectation counts as met within this tolerance below its minimum.
	MetTolerance float64 `json:"met_tolerance"`
	// Development plan size.
	PlanMaxSteps       int `json:"plan_max_steps"`
	PlanActionsPerStep int `json:"plan_actions_per_step"`
	// Title matching: below this score a title is not resolved.
	MatchMinScore float64 `json:"match_min_score"`
}

// Ref returns "slug@version".
func (f *Framework) Ref() string { return f.Slug + "@" + f.Version }
