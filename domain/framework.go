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

// Expectation kinds. Required and desirable are the first frameworks' kinds;
// gate and develop replace them from 2026.2: a missed gate stops the rung, a
// missed develop expectation becomes a first step of the plan.
const (
	ExpectationRequired  = "required"
	ExpectationDesirable = "desirable"
	ExpectationGate      = "gate"
	ExpectationDevelop   = "develop"
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
	Calibration
}

// Calibration holds the parameters added in 2026.2. Every one is optional:
// at its zero value the engine scores as the first frameworks did, so their
// results never change.
type Calibration struct {
	// ExpertYears: past FullYears, a background's evidence of 2 or more keeps
	// growing with diminishing returns, reaching one step more (never past
	// 4) at ExpertYears. 0 turns it off.
	ExpertYears float64 `json:"expert_years,omitempty"`
	// Seniority ranks, lowest first, with the lift each gives to
	// LiftCompetencies and the title words that imply it.
	Seniority []SeniorityRule `json:"seniority,omitempty"`
	// PeopleLed adds a lift by the number of people someone led.
	PeopleLed        []ScopeStep `json:"people_led,omitempty"`
	LiftCompetencies []string    `json:"lift_competencies,omitempty"`
	// RecommendFit (0..100): a rung is recommended when its fit reaches it
	// and no gate is missed; 0 keeps the first rule (every required
	// expectation met). StretchFit names the rung above as a stretch.
	RecommendFit float64 `json:"recommend_fit,omitempty"`
	StretchFit   float64 `json:"stretch_fit,omitempty"`
	// HighlightWeight is the weight of a behaviour found in a highlight or a
	// self-rating's evidence by the Lexicon.
	HighlightWeight float64        `json:"highlight_weight,omitempty"`
	Lexicon         []LexiconEntry `json:"lexicon,omitempty"`
	// AliasCommunities: per background, the community an alias serves when
	// it is not the background's usual one.
	AliasCommunities map[string]map[string]string `json:"alias_communities,omitempty"`
	// NearMissLead: a title scoring under MatchMinScore (but at least
	// NearMissMinScore) whose first suggestion leads the second by this
	// much is accepted as a low-confidence match.
	NearMissLead     float64 `json:"near_miss_lead,omitempty"`
	NearMissMinScore float64 `json:"near_miss_min_score,omitempty"`
	// RoleKinds: per background, the kinds of community role it leads to,
	// best first (one of RoleKinds). InterviewQuestions: per competency,
	// questions that verify a strong claim.
	RoleKinds          map[string][]string `json:"role_kinds,omitempty"`
	InterviewQuestions map[string][]string `json:"interview_questions,omitempty"`
}

// Kinds of community role, by the departments community roles sit in.
var RoleKinds = []string{"member-nonprofit", "customer-support", "developer", "social-brand", "internal-employee"}

// Seniority ranks.
const (
	SeniorityIndividual = "individual"
	SeniorityLead       = "lead"
	SeniorityManager    = "manager"
	SeniorityDirector   = "director"
	SeniorityExecutive  = "executive"
)

// Seniorities lists the ranks, lowest first.
var Seniorities = []string{SeniorityIndividual, SeniorityLead, SeniorityManager, SeniorityDirector, SeniorityExecutive}

// SeniorityRule is one rank: its lift and the title words that imply it
// ("head of", "director").
type SeniorityRule struct {
	Slug  string   `json:"slug"`
	Lift  float64  `json:"lift"`
	Words []string `json:"words,omitempty"`
}

// ScopeStep lifts by Lift from Min people led.
type ScopeStep struct {
	Min  int     `json:"min"`
	Lift float64 `json:"lift"`
}

// LexiconEntry is a behaviour for one competency: phrases that show it in a
// person's own words, at Proficiency, or at a NumberSteps proficiency when a
// number follows the phrase ("trained 40 volunteers").
type LexiconEntry struct {
	Competency  string       `json:"competency"`
	Phrases     []string     `json:"phrases"`
	Proficiency int          `json:"proficiency"`
	NumberSteps []NumberStep `json:"number_steps,omitempty"`
}

// NumberStep: from Min, the behaviour shows Proficiency.
type NumberStep struct {
	Min         int `json:"min"`
	Proficiency int `json:"proficiency"`
}

// Ref returns "slug@version".
func (f *Framework) Ref() string { return f.Slug + "@" + f.Version }
