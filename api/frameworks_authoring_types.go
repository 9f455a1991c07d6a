package api

import "github.com/rungs/rungs/domain"

// Request bodies of the authoring endpoints. Tags check the shape only; the
// framework's own rules (domain validation) judge the content and name every
// problem by the same JSON paths.

// CompetenciesBody replaces a draft's competencies.
type CompetenciesBody struct {
	Competencies []CompetencyDoc `json:"competencies" validate:"required,max=100,dive"`
}

// LevelsBody replaces a draft's levels.
type LevelsBody struct {
	Levels []LevelInput `json:"levels" validate:"required,max=20,dive"`
}

// BackgroundsBody replaces a draft's backgrounds.
type BackgroundsBody struct {
	Backgrounds []BackgroundInput `json:"backgrounds" validate:"required,max=500,dive"`
}

// ActionsBody replaces a draft's development actions.
type ActionsBody struct {
	Actions []ActionDoc `json:"actions" validate:"required,max=2000,dive"`
}

// LevelInput is a rung as sent by an author.
type LevelInput struct {
	Slug               string             `json:"slug" example:"community-manager"`
	Rank               int                `json:"rank" example:"2"`
	Title              string             `json:"title" example:"Community Manager"`
	Summary            string             `json:"summary" example:"Runs a community day to day." text:"multiline"`
	Scope              string             `json:"scope" example:"One community and its programmes." text:"multiline"`
	TypicalDepartments []string           `json:"typical_departments,omitempty" validate:"max=20" example:"Marketing,Customer relations"`
	Expectations       []ExpectationInput `json:"expectations" validate:"max=100,dive"`
}

// ExpectationInput is a level's minimum proficiency for one competency; 0 must be sent, not left out.
type ExpectationInput struct {
	Competency     string  `json:"competency" example:"communication"`
	MinProficiency *int    `json:"min_proficiency" validate:"required" example:"2"`
	Kind           string  `json:"kind" enums:"required,desirable,gate,develop" example:"gate"`
	Importance     float64 `json:"importance" example:"3"`
}

// BackgroundInput is a prior occupation as sent by an author.
type BackgroundInput struct {
	Slug            string          `json:"slug" example:"fundraising"`
	Title           string          `json:"title" example:"Fundraising"`
	Aliases         []string        `json:"aliases" validate:"max=50" example:"major gifts officer,development officer,fundraiser,donor relations manager"`
	CommunityServed string          `json:"community_served" example:"donors"`
	OnetSOC         string          `json:"onet_soc,omitempty" example:"13-1131.00"`
	ISCO08          string          `json:"isco08,omitempty" example:"2432"`
	Summary         string          `json:"summary" example:"Building lasting relationships with donors." text:"multiline"`
	Evidence        []EvidenceInput `json:"evidence" validate:"max=100,dive"`
}

// EvidenceInput is what a background evidences for one competency; 0 must be sent, not left out.
type EvidenceInput struct {
	Competency  string `json:"competency" example:"relationship-building"`
	Proficiency *int   `json:"proficiency" validate:"required" example:"3"`
	Rationale   string `json:"rationale" example:"Stewards donors over years, not one gift." text:"multiline"`
}

func (b CompetenciesBody) domain() []domain.Competency {
	out := make([]domain.Competency, 0, len(b.Competencies))
	for _, c := range b.Competencies {
		comp := domain.Competency{Slug: c.Slug, Name: c.Name, Dimension: c.Dimension, Weight: c.Weight, Description: c.Description}
		copy(comp.Anchors[:], c.Anchors)
		out = append(out, comp)
	}
	return out
}

func (b LevelsBody) domain() []domain.Level {
	out := make([]domain.Level, 0, len(b.Levels))
	for _, l := range b.Levels {
		lv := domain.Level{Slug: l.Slug, Rank: l.Rank, Title: l.Title, Summary: l.Summary, Scope: l.Scope, TypicalDepartments: l.TypicalDepartments}
		for _, e := range l.Expectations {
			lv.Expectations = append(lv.Expectations, domain.Expectation{
				Competency: e.Competency, MinProficiency: *e.MinProficiency, Kind: e.Kind, Importance: e.Importance,
			})
		}
		out = append(out, lv)
	}
	return out
}

func (b BackgroundsBody) domain() []domain.Background {
	out := make([]domain.Background, 0, len(b.Backgrounds))
	for _, x := range b.Backgrounds {
		bg := domain.Background{
			Slug: x.Slug, Title: x.Title, Aliases: x.Aliases, CommunityServed: x.CommunityServed,
			OnetSOC: x.OnetSOC, ISCO08: x.ISCO08, Summary: x.Summary,
		}
		for _, e := range x.Evidence {
			bg.Evidence = append(bg.Evidence, domain.Evidence{Competency: e.Competency, Proficiency: *e.Proficiency, Rationale: e.Rationale})
		}
		out = append(out, bg)
	}
	return out
}

func (b ActionsBody) domain() []domain.DevelopmentAction {
	out := make([]domain.DevelopmentAction, 0, len(b.Actions))
	for _, a := range b.Actions {
		out = append(out, domain.DevelopmentAction(a))
	}
	return out
}
