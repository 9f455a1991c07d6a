package domain

// Source kinds in CompetencyScore.Sources.
const (
	SourceExperience = "experience"
	SourceSelf       = "self"
	SourceReviewer   = "reviewer"
	// SourceSeniority is the lift seniority and scope give (2026.2 on).
	SourceSeniority = "seniority"
	// SourceHighlight is a behaviour found in the person's own words.
	SourceHighlight = "highlight"
)

// Profile kinds.
const (
	ProfileBridge       = "bridge"
	ProfilePractitioner = "practitioner"
	ProfileInfluencer   = "influencer"
	ProfileEmerging     = "emerging"
)

// Input ranges the scorer accepts.
const (
	MaxExperienceYears = 60
)

// ScoreInput is everything one assessment scores.
type ScoreInput struct {
	Experiences []ExperienceInput `json:"experiences"`
	SelfRatings []SelfRating      `json:"self_ratings"`
	Reviews     []ReviewerRating  `json:"reviews"`
}

// ExperienceInput is one prior job, its background already resolved to a slug.
type ExperienceInput struct {
	Background string `json:"background"`
	// Title is the text the person typed; empty when they picked a background directly.
	Title string `json:"title"`
	// MatchScore is how well Title matched Background, 0..1 (1 when a slug was given).
	MatchScore float64 `json:"match_score"`
	Years      float64 `json:"years"`
	// CommunityServed overrides the background's community when set.
	CommunityServed string   `json:"community_served,omitempty"`
	Highlights      []string `json:"highlights,omitempty"`
	// Seniority is one of Seniorities; empty means inferred from Title.
	Seniority string `json:"seniority,omitempty"`
	PeopleLed int    `json:"people_led,omitempty"`
	// NearMiss: the title matched under the framework's minimum, accepted
	// because its first suggestion clearly led (2026.2 on).
	NearMiss bool `json:"near_miss,omitempty"`
}

// MaxPeopleLed bounds ExperienceInput.PeopleLed.
const MaxPeopleLed = 100000

// SelfRating is the person's own proficiency claim for one competency.
type SelfRating struct {
	Competency  string `json:"competency"`
	Proficiency int    `json:"proficiency"`
	Evidence    string `json:"evidence"`
}

// ReviewerRating is one reviewer's proficiency rating for one competency.
type ReviewerRating struct {
	Reviewer    string `json:"reviewer"`
	Competency  string `json:"competency"`
	Proficiency int    `json:"proficiency"`
	Note        string `json:"note"`
}

// Result is one scoring, with every number explained by its sources.
type Result struct {
	Framework        FrameworkRef      `json:"framework"`
	Competencies     []CompetencyScore `json:"competencies"`
	Dimensions       DimensionScores   `json:"dimensions"`
	Profile          ProfileFit        `json:"profile"`
	Levels           []LevelFit        `json:"levels"`
	RecommendedLevel *LevelRef         `json:"recommended_level"`
	NextLevel        *LevelRef         `json:"next_level"`
	DevelopmentPlan  []PlanStep        `json:"development_plan"`
	TransferMap      []TransferEntry   `json:"transfer_map"`
	// From 2026.2: what stops the next rung, and the rung a stretch could reach.
	BlockedBy    *BlockedBy `json:"blocked_by,omitempty"`
	StretchLevel *LevelRef  `json:"stretch_level,omitempty"`
	// HiringView is what a hiring manager looks for (2026.2 on).
	HiringView *HiringView `json:"hiring_view,omitempty"`
}

// HiringView: the kinds of community role the profile fits best, questions
// that verify its strongest claims, and one confidence for the rung.
type HiringView struct {
	RoleKinds          []string            `json:"role_kinds"`
	InterviewQuestions []InterviewQuestion `json:"interview_questions"`
	// RungConfidence (0..1) is the mean confidence of the recommended
	// rung's gate competencies; 0 without a rung.
	RungConfidence float64 `json:"rung_confidence"`
}

// InterviewQuestion verifies one competency the profile claims strongly.
type InterviewQuestion struct {
	Competency string `json:"competency"`
	Question   string `json:"question"`
}

// BlockedBy names the gates that stop the next rung, in one sentence too.
type BlockedBy struct {
	Level        LevelRef `json:"level"`
	Fit          float64  `json:"fit"`
	Competencies []string `json:"competencies"`
	Summary      string   `json:"summary"`
}

// FrameworkRef names the framework version a result was scored with.
type FrameworkRef struct {
	Slug    string `json:"slug"`
	Version string `json:"version"`
}

// CompetencyScore is one competency's combined score (0..4, one decimal) and confidence (0..1).
type CompetencyScore struct {
	Slug       string        `json:"slug"`
	Name       string        `json:"name"`
	Dimension  string        `json:"dimension"`
	Score      float64       `json:"score"`
	Confidence float64       `json:"confidence"`
	Sources    []ScoreSource `json:"sources"`
}

// ScoreSource is one input to a competency score. The score is the weighted mean of
// Proficiency over the sources (rounded); experience entries with weight 0 are the other
// backgrounds that earned the breadth bonus, shown in the weighted entry's Bonus.
type ScoreSource struct {
	Kind        string  `json:"kind"`
	Ref         string  `json:"ref"`
	Proficiency float64 `json:"proficiency"`
	Weight      float64 `json:"weight"`
	Years       float64 `json:"years"`
	Bonus       float64 `json:"bonus,omitempty"`
	// Reason says why a seniority lift applies; Quote is the words a
	// highlight matched.
	Reason string `json:"reason,omitempty"`
	Quote  string `json:"quote,omitempty"`
}

// DimensionScores are 0..100, one decimal.
type DimensionScores struct {
	People    float64 `json:"people"`
	Influence float64 `json:"influence"`
	Craft     float64 `json:"craft"`
}

// ProfileFit places the person on the people/influence grid.
type ProfileFit struct {
	Kind       string            `json:"kind"`
	Summary    string            `json:"summary"`
	Thresholds ProfileThresholds `json:"thresholds"`
}

// ProfileThresholds are the dimension scores (0..100) that count as high.
type ProfileThresholds struct {
	People    float64 `json:"people"`
	Influence float64 `json:"influence"`
}

// LevelFit is how well the person fits one rung.
type LevelFit struct {
	Slug  string     `json:"slug"`
	Rank  int        `json:"rank"`
	Title string     `json:"title"`
	Fit   float64    `json:"fit"`
	Met   bool       `json:"met"`
	Gaps  []LevelGap `json:"gaps"`
}

// LevelGap is one expectation not reached.
type LevelGap struct {
	Competency string  `json:"competency"`
	Required   int     `json:"required"`
	Current    float64 `json:"current"`
	Kind       string  `json:"kind"`
	Importance float64 `json:"importance"`
}

// LevelRef names a rung.
type LevelRef struct {
	Slug  string `json:"slug"`
	Rank  int    `json:"rank"`
	Title string `json:"title"`
}

// PlanStep is one competency to grow for the next rung, with concrete actions.
type PlanStep struct {
	Competency string              `json:"competency"`
	Current    float64             `json:"current"`
	Target     int                 `json:"target"`
	Actions    []DevelopmentAction `json:"actions"`
}

// TransferEntry shows what one prior experience already brings.
type TransferEntry struct {
	Index           int                `json:"index"`
	InputTitle      string             `json:"input_title"`
	Background      BackgroundRef      `json:"background"`
	MatchScore      float64            `json:"match_score"`
	CommunityServed string             `json:"community_served"`
	Message         string             `json:"message"`
	Evidence        []TransferEvidence `json:"evidence"`
	// Seniority as given or inferred from the title (2026.2 on).
	Seniority         string `json:"seniority,omitempty"`
	SeniorityInferred bool   `json:"seniority_inferred,omitempty"`
	// LowConfidenceMatch: the title was a near miss, accepted at a low
	// match score; check the background.
	LowConfidenceMatch bool `json:"low_confidence_match,omitempty"`
}

// BackgroundRef names a background.
type BackgroundRef struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

// TransferEvidence is one competency a background evidences at proficiency 2 or more.
type TransferEvidence struct {
	Competency  string `json:"competency"`
	Proficiency int    `json:"proficiency"`
	Rationale   string `json:"rationale"`
}
