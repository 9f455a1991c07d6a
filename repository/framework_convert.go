package repository

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rungs/rungs/domain"
)

// versionKey pads every number of a dotted version so that text order is
// numeric order: "2026.10" sorts after "2026.9". ok is false when version is
// not dotted numbers.
func versionKey(version string) (string, bool) {
	parts := strings.Split(version, ".")
	if len(parts) < 2 || len(parts) > 4 {
		return "", false
	}
	const width = 32
	var b strings.Builder
	for i, p := range parts {
		if p == "" || len(p) > width || strings.Trim(p, "0123456789") != "" {
			return "", false
		}
		if i > 0 {
			b.WriteByte('.')
		}
		p = strings.TrimLeft(p, "0")
		b.WriteString(strings.Repeat("0", width-len(p)))
		b.WriteString(p)
	}
	return b.String(), true
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only plain strings, slices and structs of numbers reach here.
		panic(fmt.Sprintf("repository: encode %T: %v", v, err))
	}
	return string(b)
}

func fromJSON(s string, v any, what string) error {
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("decode stored %s: %w", what, err)
	}
	return nil
}

// headerRow maps the framework's own fields; id and timestamps are the caller's.
func headerRow(f *domain.Framework) frameworkRow {
	key, _ := versionKey(f.Version)
	return frameworkRow{
		Slug: f.Slug, Version: f.Version, VersionKey: key, Status: f.Status,
		Title: f.Title, Description: f.Description,
		Dimensions: toJSON(f.Dimensions), Scoring: toJSON(f.Scoring),
		PublishedAt: utcPtr(f.PublishedAt),
	}
}

func partRows(id int64, f *domain.Framework) frameworkParts {
	var p frameworkParts
	for i, c := range f.Competencies {
		p.competencies = append(p.competencies, competencyRow{
			FrameworkID: id, Slug: c.Slug, Position: i, Name: c.Name, Dimension: c.Dimension,
			Weight: c.Weight, Description: c.Description, Anchors: toJSON(c.Anchors),
		})
	}
	for i, l := range f.Levels {
		p.levels = append(p.levels, levelRow{
			FrameworkID: id, Slug: l.Slug, Position: i, Rank: l.Rank, Title: l.Title,
			Summary: l.Summary, Scope: l.Scope, TypicalDepartments: toJSON(l.TypicalDepartments),
		})
		for j, e := range l.Expectations {
			p.expectations = append(p.expectations, expectationRow{
				FrameworkID: id, LevelSlug: l.Slug, CompetencySlug: e.Competency, Position: j,
				MinProficiency: e.MinProficiency, Kind: e.Kind, Importance: e.Importance,
			})
		}
	}
	for i, b := range f.Backgrounds {
		p.backgrounds = append(p.backgrounds, backgroundRow{
			FrameworkID: id, Slug: b.Slug, Position: i, Title: b.Title, Aliases: toJSON(b.Aliases),
			CommunityServed: b.CommunityServed, OnetSOC: nullText(b.OnetSOC), ISCO08: nullText(b.ISCO08),
			Summary: b.Summary,
		})
		for j, e := range b.Evidence {
			p.evidence = append(p.evidence, evidenceRow{
				FrameworkID: id, BackgroundSlug: b.Slug, CompetencySlug: e.Competency, Position: j,
				Proficiency: e.Proficiency, Rationale: e.Rationale,
			})
		}
	}
	for i, a := range f.Actions {
		p.actions = append(p.actions, actionRow{
			FrameworkID: id, Position: i, CompetencySlug: a.Competency, Kind: a.Kind,
			Title: a.Title, Detail: a.Detail,
		})
	}
	return p
}

// toHeader maps a frameworks row to a framework without its parts.
func toHeader(r frameworkRow) (*domain.Framework, error) {
	f := &domain.Framework{
		Slug: r.Slug, Version: r.Version, Status: r.Status, Title: r.Title,
		Description: r.Description, PublishedAt: utcPtr(r.PublishedAt),
	}
	if err := fromJSON(r.Dimensions, &f.Dimensions, "dimensions"); err != nil {
		return nil, err
	}
	if err := fromJSON(r.Scoring, &f.Scoring, "scoring"); err != nil {
		return nil, err
	}
	return f, nil
}

// toFramework assembles a framework from its rows, each list already in position order.
func toFramework(r frameworkRow, p frameworkParts) (*domain.Framework, error) {
	f, err := toHeader(r)
	if err != nil {
		return nil, err
	}
	for _, c := range p.competencies {
		comp := domain.Competency{Slug: c.Slug, Name: c.Name, Dimension: c.Dimension, Weight: c.Weight, Description: c.Description}
		if err := fromJSON(c.Anchors, &comp.Anchors, "anchors"); err != nil {
			return nil, err
		}
		f.Competencies = append(f.Competencies, comp)
	}
	exps := map[string][]domain.Expectation{}
	for _, e := range p.expectations {
		exps[e.LevelSlug] = append(exps[e.LevelSlug], domain.Expectation{
			Competency: e.CompetencySlug, MinProficiency: e.MinProficiency, Kind: e.Kind, Importance: e.Importance,
		})
	}
	for _, l := range p.levels {
		lv := domain.Level{Slug: l.Slug, Rank: l.Rank, Title: l.Title, Summary: l.Summary, Scope: l.Scope, Expectations: exps[l.Slug]}
		if err := fromJSON(l.TypicalDepartments, &lv.TypicalDepartments, "typical_departments"); err != nil {
			return nil, err
		}
		f.Levels = append(f.Levels, lv)
	}
	evidence := map[string][]domain.Evidence{}
	for _, e := range p.evidence {
		evidence[e.BackgroundSlug] = append(evidence[e.BackgroundSlug], domain.Evidence{
			Competency: e.CompetencySlug, Proficiency: e.Proficiency, Rationale: e.Rationale,
		})
	}
	for _, b := range p.backgrounds {
		bg := domain.Background{
			Slug: b.Slug, Title: b.Title, CommunityServed: b.CommunityServed,
			OnetSOC: textOf(b.OnetSOC), ISCO08: textOf(b.ISCO08), Summary: b.Summary, Evidence: evidence[b.Slug],
		}
		if err := fromJSON(b.Aliases, &bg.Aliases, "aliases"); err != nil {
			return nil, err
		}
		f.Backgrounds = append(f.Backgrounds, bg)
	}
	for _, a := range p.actions {
		f.Actions = append(f.Actions, domain.DevelopmentAction{Competency: a.CompetencySlug, Kind: a.Kind, Title: a.Title, Detail: a.Detail})
	}
	return f, nil
}
