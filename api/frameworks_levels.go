package api

import (
	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// listLevels godoc
//
//	@Summary		List levels
//	@Description	The rungs of the ladder, first rung first, each with its expectations joined with the competencies' names and the rubric anchor of the minimum proficiency.
//	@Tags			frameworks
//	@Produce		json
//	@Param			framework		query		string	false	"framework version as slug@version or slug@latest; default: the latest published community-management"
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	LevelList
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60 for the latest; public, max-age=86400, immutable for a named version"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		400				{object}	Problem	"malformed framework parameter"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Failure		404				{object}	Problem	"unknown framework version"
//	@Router			/v1/levels [get]
func (s *server) listLevels(c echo.Context) error {
	r, err := s.readFramework(c)
	if err != nil {
		return err
	}
	return r.respond(c, "levels", func() any {
		list := LevelList{Framework: r.view.Ref(), Items: []LevelResponse{}}
		for _, l := range r.view.LevelsByRank() {
			list.Items = append(list.Items, levelResponse(r.view, l))
		}
		return list
	})
}

// getLevel godoc
//
//	@Summary		One level
//	@Description	One rung of the ladder with its scope, typical departments and expectations.
//	@Tags			frameworks
//	@Produce		json
//	@Param			slug			path		string	true	"level slug"	example(community-manager)
//	@Param			framework		query		string	false	"framework version as slug@version or slug@latest; default: the latest published community-management"
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	LevelDetail
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60 for the latest; public, max-age=86400, immutable for a named version"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		400				{object}	Problem	"malformed framework parameter"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Failure		404				{object}	Problem	"unknown framework version or level"
//	@Router			/v1/levels/{slug} [get]
func (s *server) getLevel(c echo.Context) error {
	r, err := s.readFramework(c)
	if err != nil {
		return err
	}
	slug := c.Param("slug")
	l, ok := r.view.Level(slug)
	if !ok {
		return notFoundIn("level", slug, r.view)
	}
	return r.respond(c, "level:"+slug, func() any {
		return LevelDetail{Framework: r.view.Ref(), Level: levelResponse(r.view, l)}
	})
}

func levelResponse(v *service.FrameworkView, l *domain.Level) LevelResponse {
	out := LevelResponse{
		Slug: l.Slug, Rank: l.Rank, Title: l.Title, Summary: l.Summary, Scope: l.Scope,
		TypicalDepartments: nonNil(l.TypicalDepartments), Expectations: make([]ExpectationResponse, 0, len(l.Expectations)),
	}
	for _, e := range l.Expectations {
		er := ExpectationResponse{Competency: e.Competency, MinProficiency: e.MinProficiency, Kind: e.Kind, Importance: e.Importance}
		// A draft may name a competency it no longer has; the name stays empty then.
		if c, ok := v.Competency(e.Competency); ok {
			er.CompetencyName, er.Dimension = c.Name, c.Dimension
			if e.MinProficiency >= 0 && e.MinProficiency < len(c.Anchors) {
				er.Anchor = c.Anchors[e.MinProficiency]
			}
		}
		out.Expectations = append(out.Expectations, er)
	}
	return out
}

// getLadder godoc
//
//	@Summary		The ladder
//	@Description	The rungs in order and, for each, the expectations that rise from the rung below: a higher minimum proficiency, or a competency that becomes required.
//	@Tags			frameworks
//	@Produce		json
//	@Param			framework		query		string	false	"framework version as slug@version or slug@latest; default: the latest published community-management"
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	Ladder
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60 for the latest; public, max-age=86400, immutable for a named version"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		400				{object}	Problem	"malformed framework parameter"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Failure		404				{object}	Problem	"unknown framework version"
//	@Router			/v1/ladder [get]
func (s *server) getLadder(c echo.Context) error {
	r, err := s.readFramework(c)
	if err != nil {
		return err
	}
	return r.respond(c, "ladder", func() any { return ladder(r.view) })
}

func ladder(v *service.FrameworkView) Ladder {
	out := Ladder{Framework: v.Ref(), Rungs: []Rung{}}
	below := map[string]domain.Expectation{}
	for _, l := range v.LevelsByRank() {
		rung := Rung{Slug: l.Slug, Rank: l.Rank, Title: l.Title, Summary: l.Summary, Rises: []Rise{}}
		here := map[string]domain.Expectation{}
		for _, e := range l.Expectations {
			here[e.Competency] = e
			prev, had := below[e.Competency]
			newlyRequired := e.Kind == domain.ExpectationRequired && (!had || prev.Kind != domain.ExpectationRequired)
			if e.MinProficiency > prev.MinProficiency || newlyRequired {
				name := ""
				if c, ok := v.Competency(e.Competency); ok {
					name = c.Name
				}
				rung.Rises = append(rung.Rises, Rise{Competency: e.Competency, CompetencyName: name, From: prev.MinProficiency, To: e.MinProficiency, Kind: e.Kind})
			}
		}
		below = here
		out.Rungs = append(out.Rungs, rung)
	}
	return out
}
