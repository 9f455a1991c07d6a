package api

import (
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
)

const (
	maxSearchQuery     = 200
	defaultSearchLimit = 10
	maxSearchLimit     = 100
)

// listBackgrounds godoc
//
//	@Summary		List or search backgrounds
//	@Description	Without q, every background (prior occupation) in framework order. With q, the backgrounds whose titles and aliases match the free-text job title, best first, each with match_score (0 to 1, 1 for an exact title or alias). Matching ignores case, accents, punctuation and seniority words ("Senior", "Head of") and tolerates a typo or two; it is fast enough to call on every keystroke.
//	@Tags			frameworks
//	@Produce		json
//	@Param			q				query		string	false	"a job title as someone would write it (at most 200 characters)"	example(Account Exec)
//	@Param			limit			query		int		false	"at most this many results, 1 to 100; default 10 with q, all without"
//	@Param			framework		query		string	false	"framework version as slug@version or slug@latest; default: the latest published community-management"
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	BackgroundList
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60 for the latest; public, max-age=86400, immutable for a named version"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		400				{object}	Problem	"malformed framework, q or limit parameter"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Failure		404				{object}	Problem	"unknown framework version"
//	@Router			/v1/backgrounds [get]
func (s *server) listBackgrounds(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if len(q) > 4*maxSearchQuery || utf8.RuneCountInString(q) > maxSearchQuery {
		return newBadRequest(`Query parameter "q" must be at most 200 characters.`)
	}
	def := 0
	if q != "" {
		def = defaultSearchLimit
	}
	limit, err := queryLimit(c, def, maxSearchLimit)
	if err != nil {
		return err
	}
	r, err := s.readFramework(c)
	if err != nil {
		return err
	}
	if q == "" {
		if limit == 0 {
			return r.respond(c, "backgrounds", func() any { return allBackgrounds(r, 0) })
		}
		return writeFresh(c, r.view.Ref(), allBackgrounds(r, limit), r.cache)
	}
	list := BackgroundList{Framework: r.view.Ref(), Query: q, Items: []BackgroundSummary{}}
	for _, m := range r.view.SearchBackgrounds(q, limit) {
		item := backgroundSummary(m.Background)
		score := m.Score
		item.MatchScore, item.MatchedOn = &score, m.MatchedOn
		list.Items = append(list.Items, item)
	}
	return writeFresh(c, r.view.Ref(), list, r.cache)
}

func allBackgrounds(r frameworkRead, limit int) BackgroundList {
	bgs := r.view.Framework().Backgrounds
	if limit > 0 && limit < len(bgs) {
		bgs = bgs[:limit]
	}
	list := BackgroundList{Framework: r.view.Ref(), Items: make([]BackgroundSummary, 0, len(bgs))}
	for i := range bgs {
		list.Items = append(list.Items, backgroundSummary(&bgs[i]))
	}
	return list
}

// getBackground godoc
//
//	@Summary		One background
//	@Description	A prior occupation: its aliases, the community it already serves, its O*NET-SOC and ISCO-08 codes where one fits, and what it typically evidences for every competency, with a rationale.
//	@Tags			frameworks
//	@Produce		json
//	@Param			slug			path		string	true	"background slug"	example(fundraising)
//	@Param			framework		query		string	false	"framework version as slug@version or slug@latest; default: the latest published community-management"
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	BackgroundDetail
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60 for the latest; public, max-age=86400, immutable for a named version"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		400				{object}	Problem	"malformed framework parameter"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Failure		404				{object}	Problem	"unknown framework version or background"
//	@Router			/v1/backgrounds/{slug} [get]
func (s *server) getBackground(c echo.Context) error {
	r, err := s.readFramework(c)
	if err != nil {
		return err
	}
	slug := c.Param("slug")
	b, ok := r.view.Background(slug)
	if !ok {
		return notFoundIn("background", slug, r.view)
	}
	return r.respond(c, "background:"+slug, func() any {
		d := BackgroundDetail{Framework: r.view.Ref(), Background: backgroundSummary(b), Evidence: make([]EvidenceResponse, 0, len(b.Evidence))}
		for _, e := range b.Evidence {
			er := EvidenceResponse{Competency: e.Competency, Proficiency: e.Proficiency, Rationale: e.Rationale}
			if c, ok := r.view.Competency(e.Competency); ok {
				er.CompetencyName, er.Dimension = c.Name, c.Dimension
			}
			d.Evidence = append(d.Evidence, er)
		}
		return d
	})
}

func backgroundSummary(b *domain.Background) BackgroundSummary {
	return BackgroundSummary{
		Slug: b.Slug, Title: b.Title, Aliases: nonNil(b.Aliases), CommunityServed: b.CommunityServed,
		OnetSOC: b.OnetSOC, ISCO08: b.ISCO08, Summary: b.Summary,
	}
}

// listActions godoc
//
//	@Summary		List development actions
//	@Description	Concrete ways to grow competencies: training, volunteering (universities, NGOs), practice by doing and stretch assignments; optionally for one competency or of one kind.
//	@Tags			frameworks
//	@Produce		json
//	@Param			competency		query		string	false	"only actions for this competency slug"	example(stakeholder-influence)
//	@Param			kind			query		string	false	"only actions of this kind"	Enums(training, volunteering, practice, stretch)
//	@Param			framework		query		string	false	"framework version as slug@version or slug@latest; default: the latest published community-management"
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	ActionList
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60 for the latest; public, max-age=86400, immutable for a named version"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		400				{object}	Problem	"malformed framework or kind parameter"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Failure		404				{object}	Problem	"unknown framework version or competency"
//	@Router			/v1/actions [get]
func (s *server) listActions(c echo.Context) error {
	kind := c.QueryParam("kind")
	switch kind {
	case "", domain.ActionTraining, domain.ActionVolunteering, domain.ActionPractice, domain.ActionStretch:
	default:
		return newBadRequest(`Query parameter "kind" must be training, volunteering, practice or stretch.`)
	}
	r, err := s.readFramework(c)
	if err != nil {
		return err
	}
	comp := c.QueryParam("competency")
	actions := r.view.Framework().Actions
	if comp != "" {
		if _, ok := r.view.Competency(comp); !ok {
			return notFoundIn("competency", comp, r.view)
		}
		actions = r.view.Actions(comp)
	}
	return r.respond(c, "actions:"+comp+":"+kind, func() any {
		list := ActionList{Framework: r.view.Ref(), Items: []ActionDoc{}}
		for _, a := range actions {
			if kind == "" || a.Kind == kind {
				list.Items = append(list.Items, ActionDoc(a))
			}
		}
		return list
	})
}
