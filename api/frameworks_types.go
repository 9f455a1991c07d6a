package api

import "time"

// FrameworkSummary is one framework version in a list.
type FrameworkSummary struct {
	Slug        string     `json:"slug" example:"community-management"`
	Version     string     `json:"version" example:"2026.1"`
	Ref         string     `json:"ref" example:"community-management@2026.1"`
	Title       string     `json:"title" example:"Community management"`
	Description string     `json:"description" example:"The default ladder for community roles."`
	Status      string     `json:"status" enums:"draft,published,retired" example:"published"`
	PublishedAt *time.Time `json:"published_at,omitempty" example:"2026-01-15T09:30:00Z"`
	// Latest marks the version read when a request names the framework without a version.
	Latest bool `json:"latest" example:"true"`
}

// FrameworkList is every framework version the caller may see.
type FrameworkList struct {
	Items []FrameworkSummary `json:"items"`
}

// RubricAnchor is what one proficiency looks like for one competency.
type RubricAnchor struct {
	Proficiency int    `json:"proficiency" example:"2"`
	Description string `json:"description" example:"Adapts tone and format to audience and channel; announcements are understood the first time."`
}

// CompetencyResponse is a competency with its rubric.
type CompetencyResponse struct {
	Slug          string         `json:"slug" example:"stakeholder-influence"`
	Name          string         `json:"name" example:"Stakeholder influence"`
	Dimension     string         `json:"dimension" enums:"people,influence,craft" example:"influence"`
	DimensionName string         `json:"dimension_name" example:"Leadership influence"`
	Weight        float64        `json:"weight" example:"1.3"`
	Description   string         `json:"description" example:"Winning leaders over by showing what is in it for them."`
	Rubric        []RubricAnchor `json:"rubric"`
}

// CompetencyList is every competency of one framework version.
type CompetencyList struct {
	Framework string               `json:"framework" example:"community-management@2026.1"`
	Items     []CompetencyResponse `json:"items"`
}

// CompetencyExpectedBy is what one rung asks of one competency.
type CompetencyExpectedBy struct {
	Level          string  `json:"level" example:"community-manager"`
	Rank           int     `json:"rank" example:"2"`
	MinProficiency int     `json:"min_proficiency" example:"2"`
	Kind           string  `json:"kind" enums:"required,desirable,gate,develop" example:"gate"`
	Importance     float64 `json:"importance" example:"3"`
}

// CompetencyDetail is a competency with its rubric, what each rung expects
// of it and the development actions that grow it.
type CompetencyDetail struct {
	Framework  string                 `json:"framework" example:"community-management@2026.1"`
	Competency CompetencyResponse     `json:"competency"`
	ExpectedBy []CompetencyExpectedBy `json:"expected_by"`
	Actions    []ActionDoc            `json:"actions"`
}

// ExpectationResponse is a level's expectation joined with its competency.
type ExpectationResponse struct {
	Competency     string  `json:"competency" example:"stakeholder-influence"`
	CompetencyName string  `json:"competency_name" example:"Stakeholder influence"`
	Dimension      string  `json:"dimension" enums:"people,influence,craft" example:"influence"`
	MinProficiency int     `json:"min_proficiency" example:"3"`
	Kind           string  `json:"kind" enums:"required,desirable,gate,develop" example:"gate"`
	Importance     float64 `json:"importance" example:"3"`
	// Anchor is the rubric's description of the minimum proficiency.
	Anchor string `json:"anchor" example:"Wins support from leaders by framing proposals in their goals."`
}

// LevelResponse is one rung with its expectations.
type LevelResponse struct {
	Slug               string                `json:"slug" example:"senior-community-manager"`
	Rank               int                   `json:"rank" example:"3"`
	Title              string                `json:"title" example:"Senior Community Manager"`
	Summary            string                `json:"summary" example:"Owns the community strategy for a product or region."`
	Scope              string                `json:"scope" example:"Several programmes and a small team."`
	TypicalDepartments []string              `json:"typical_departments" example:"Marketing,Customer relations"`
	Expectations       []ExpectationResponse `json:"expectations"`
}

// LevelList is the ladder of one framework version, first rung first.
type LevelList struct {
	Framework string          `json:"framework" example:"community-management@2026.1"`
	Items     []LevelResponse `json:"items"`
}

// LevelDetail is one rung of one framework version.
type LevelDetail struct {
	Framework string        `json:"framework" example:"community-management@2026.1"`
	Level     LevelResponse `json:"level"`
}

// Rise is an expectation that grows from the rung below.
type Rise struct {
	Competency     string `json:"competency" example:"strategic-alignment"`
	CompetencyName string `json:"competency_name" example:"Strategic alignment"`
	// From is the rung below's minimum (0 when it did not expect the competency).
	From int    `json:"from" example:"1"`
	To   int    `json:"to" example:"3"`
	Kind string `json:"kind" enums:"required,desirable,gate,develop" example:"gate"`
}

// Rung is one step of the ladder and what it adds to the one below.
type Rung struct {
	Slug    string `json:"slug" example:"community-director"`
	Rank    int    `json:"rank" example:"4"`
	Title   string `json:"title" example:"Community Director"`
	Summary string `json:"summary" example:"Leads community across the organisation."`
	Rises   []Rise `json:"rises"`
}

// Ladder is the rungs in order with what rises at each.
type Ladder struct {
	Framework string `json:"framework" example:"community-management@2026.1"`
	Rungs     []Rung `json:"rungs"`
}

// BackgroundSummary is a prior occupation; in a search it carries its match.
type BackgroundSummary struct {
	Slug            string   `json:"slug" example:"sales"`
	Title           string   `json:"title" example:"Sales"`
	Aliases         []string `json:"aliases" example:"account executive,SDR,business development representative"`
	CommunityServed string   `json:"community_served" example:"customers and prospects"`
	OnetSOC         string   `json:"onet_soc,omitempty" example:"41-4012.00"`
	ISCO08          string   `json:"isco08,omitempty" example:"3322"`
	Summary         string   `json:"summary" example:"Finding, persuading and keeping customers."`
	// MatchScore (0..1, 1 for an exact title or alias) is present when searching with q.
	MatchScore *float64 `json:"match_score,omitempty" example:"0.93"`
	// MatchedOn is the title or alias that matched best, when searching with q.
	MatchedOn string `json:"matched_on,omitempty" example:"account executive"`
}

// BackgroundList is every background, or with q the ranked matches.
type BackgroundList struct {
	Framework string              `json:"framework" example:"community-management@2026.1"`
	Query     string              `json:"query,omitempty" example:"account exec"`
	Items     []BackgroundSummary `json:"items"`
}

// EvidenceResponse is what a background typically evidences for one competency.
type EvidenceResponse struct {
	Competency     string `json:"competency" example:"relationship-building"`
	CompetencyName string `json:"competency_name" example:"Relationship building"`
	Dimension      string `json:"dimension" enums:"people,influence,craft" example:"people"`
	Proficiency    int    `json:"proficiency" example:"3"`
	Rationale      string `json:"rationale" example:"Keeps accounts for years by earning trust between deals."`
}

// BackgroundDetail is one background with its evidence for every competency.
type BackgroundDetail struct {
	Framework  string             `json:"framework" example:"community-management@2026.1"`
	Background BackgroundSummary  `json:"background"`
	Evidence   []EvidenceResponse `json:"evidence"`
}

// ActionList is development actions, optionally for one competency or kind.
type ActionList struct {
	Framework string      `json:"framework" example:"community-management@2026.1"`
	Items     []ActionDoc `json:"items"`
}
