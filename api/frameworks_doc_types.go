package api

import (
	"time"

	"github.com/rungs/rungs/domain"
)

// FrameworkDocument is a whole framework version, in the shape of the files
// `rungs framework import` reads (plus ref).
type FrameworkDocument struct {
	Slug         string               `json:"slug" example:"community-management"`
	Version      string               `json:"version" example:"2026.1"`
	Ref          string               `json:"ref" example:"community-management@2026.1"`
	Title        string               `json:"title" example:"Community management"`
	Description  string               `json:"description" example:"The default ladder for community roles."`
	Status       string               `json:"status" enums:"draft,published,retired" example:"published"`
	PublishedAt  *time.Time           `json:"published_at,omitempty" example:"2026-01-15T09:30:00Z"`
	Dimensions   []DimensionDoc       `json:"dimensions"`
	Competencies []CompetencyDoc      `json:"competencies"`
	Levels       []LevelDoc           `json:"levels"`
	Backgrounds  []BackgroundDoc      `json:"backgrounds"`
	Actions      []ActionDoc          `json:"actions"`
	Scoring      domain.ScoringParams `json:"scoring"`
}

// DimensionDoc groups competencies: people, influence or craft.
type DimensionDoc struct {
	Slug        string `json:"slug" enums:"people,influence,craft" example:"influence"`
	Name        string `json:"name" example:"Leadership influence"`
	Description string `json:"description" example:"How someone moves an organisation." text:"multiline"`
}

// CompetencyDoc is a competency as authored: five anchors, proficiency 0 to 4.
type CompetencyDoc struct {
	Slug        string   `json:"slug" example:"communication"`
	Name        string   `json:"name" example:"Communication"`
	Dimension   string   `json:"dimension" enums:"people,influence,craft" example:"people"`
	Weight      float64  `json:"weight" example:"1.2"`
	Description string   `json:"description" example:"Writing and speaking clearly for members, colleagues and leaders." text:"multiline"`
	Anchors     []string `json:"anchors" validate:"len=5" minItems:"5" maxItems:"5" text:"multiline"`
}

// LevelDoc is a rung as authored.
type LevelDoc struct {
	Slug               string           `json:"slug" example:"community-manager"`
	Rank               int              `json:"rank" example:"2"`
	Title              string           `json:"title" example:"Community Manager"`
	Summary            string           `json:"summary" example:"Runs a community day to day."`
	Scope              string           `json:"scope" example:"One community and its programmes."`
	TypicalDepartments []string         `json:"typical_departments" example:"Marketing,Customer relations"`
	Expectations       []ExpectationDoc `json:"expectations"`
}

// ExpectationDoc is a level's minimum proficiency for one competency.
type ExpectationDoc struct {
	Competency     string  `json:"competency" example:"communication"`
	MinProficiency int     `json:"min_proficiency" example:"2"`
	Kind           string  `json:"kind" enums:"required,desirable,gate,develop" example:"gate"`
	Importance     float64 `json:"importance" example:"3"`
}

// BackgroundDoc is a prior occupation as authored.
type BackgroundDoc struct {
	Slug            string        `json:"slug" example:"fundraising"`
	Title           string        `json:"title" example:"Fundraising"`
	Aliases         []string      `json:"aliases" example:"major gifts officer,development officer,fundraiser,donor relations manager"`
	CommunityServed string        `json:"community_served" example:"donors"`
	OnetSOC         string        `json:"onet_soc,omitempty" example:"13-1131.00"`
	ISCO08          string        `json:"isco08,omitempty" example:"2432"`
	Summary         string        `json:"summary" example:"Building lasting relationships with donors."`
	Evidence        []EvidenceDoc `json:"evidence"`
}

// EvidenceDoc is the proficiency a practised person in a background typically shows.
type EvidenceDoc struct {
	Competency  string `json:"competency" example:"relationship-building"`
	Proficiency int    `json:"proficiency" example:"3"`
	Rationale   string `json:"rationale" example:"Stewards donors over years, not one gift."`
}

// ActionDoc is one concrete way to grow a competency.
type ActionDoc struct {
	Competency string `json:"competency" example:"stakeholder-influence"`
	Kind       string `json:"kind" enums:"training,volunteering,practice,stretch" example:"stretch"`
	Title      string `json:"title" example:"Pitch one community initiative to a department head"`
	Detail     string `json:"detail" example:"Frame it in their goals and bring one number they care about." text:"multiline"`
}

// DraftResponse is a draft after an edit.
type DraftResponse struct {
	Framework FrameworkDocument `json:"framework"`
	// Pending lists what publishing would still refuse, such as expectations
	// naming a competency that the draft no longer has. Empty when it is ready.
	Pending []domain.FieldError `json:"pending"`
}

func frameworkDocument(f *domain.Framework) FrameworkDocument {
	d := FrameworkDocument{
		Slug: f.Slug, Version: f.Version, Ref: f.Ref(), Title: f.Title, Description: f.Description,
		Status: f.Status, PublishedAt: f.PublishedAt, Scoring: f.Scoring,
		Dimensions:   make([]DimensionDoc, 0, len(f.Dimensions)),
		Competencies: make([]CompetencyDoc, 0, len(f.Competencies)),
		Levels:       make([]LevelDoc, 0, len(f.Levels)),
		Backgrounds:  make([]BackgroundDoc, 0, len(f.Backgrounds)),
		Actions:      actionDocs(f.Actions),
	}
	for _, x := range f.Dimensions {
		d.Dimensions = append(d.Dimensions, DimensionDoc(x))
	}
	for _, c := range f.Competencies {
		d.Competencies = append(d.Competencies, CompetencyDoc{
			Slug: c.Slug, Name: c.Name, Dimension: c.Dimension, Weight: c.Weight,
			Description: c.Description, Anchors: c.Anchors[:],
		})
	}
	for _, l := range f.Levels {
		ld := LevelDoc{
			Slug: l.Slug, Rank: l.Rank, Title: l.Title, Summary: l.Summary, Scope: l.Scope,
			TypicalDepartments: nonNil(l.TypicalDepartments), Expectations: make([]ExpectationDoc, 0, len(l.Expectations)),
		}
		for _, e := range l.Expectations {
			ld.Expectations = append(ld.Expectations, ExpectationDoc(e))
		}
		d.Levels = append(d.Levels, ld)
	}
	for _, b := range f.Backgrounds {
		bd := BackgroundDoc{
			Slug: b.Slug, Title: b.Title, Aliases: nonNil(b.Aliases), CommunityServed: b.CommunityServed,
			OnetSOC: b.OnetSOC, ISCO08: b.ISCO08, Summary: b.Summary, Evidence: make([]EvidenceDoc, 0, len(b.Evidence)),
		}
		for _, e := range b.Evidence {
			bd.Evidence = append(bd.Evidence, EvidenceDoc(e))
		}
		d.Backgrounds = append(d.Backgrounds, bd)
	}
	return d
}

func actionDocs(actions []domain.DevelopmentAction) []ActionDoc {
	out := make([]ActionDoc, 0, len(actions))
	for _, a := range actions {
		out = append(out, ActionDoc(a))
	}
	return out
}

// nonNil makes an absent list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
