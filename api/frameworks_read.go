package api

import (
	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// listFrameworks godoc
//
//	@Summary		List framework versions
//	@Description	Every published and retired version, by slug and version; framework authors also see drafts. latest marks the version read by default.
//	@Tags			frameworks
//	@Produce		json
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	FrameworkList
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Router			/v1/frameworks [get]
func (s *server) listFrameworks(c echo.Context) error {
	return s.writeFrameworkList(c, "")
}

// listFrameworkVersions godoc
//
//	@Summary		Versions of a framework
//	@Description	Every published and retired version of one framework, oldest first; framework authors also see its drafts. latest marks the version read by default; /v1/frameworks/{slug}/latest is that version whole.
//	@Tags			frameworks
//	@Produce		json
//	@Param			slug			path		string	true	"framework slug"	example(community-management)
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	FrameworkList
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		400				{object}	Problem	"malformed slug"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Failure		404				{object}	Problem	"unknown framework"
//	@Router			/v1/frameworks/{slug} [get]
func (s *server) listFrameworkVersions(c echo.Context) error {
	slug := c.Param("slug")
	if _, _, err := service.ParseFrameworkRef(slug); err != nil {
		return newBadRequest("The path must name a framework slug such as community-management.")
	}
	return s.writeFrameworkList(c, slug)
}

// writeFrameworkList answers the versions the caller may see, of every
// framework or only of slug (404 when it has none).
func (s *server) writeFrameworkList(c echo.Context, slug string) error {
	headers, err := s.deps.Frameworks.List(c.Request().Context())
	if err != nil {
		return err
	}
	latest := map[string]string{}
	for _, h := range headers {
		if h.Status == domain.StatusPublished {
			latest[h.Slug] = h.Version
		}
	}
	list := FrameworkList{Items: []FrameworkSummary{}}
	drafts := map[string]bool{}
	for _, h := range headers {
		if slug != "" && h.Slug != slug {
			continue
		}
		if h.Status == domain.StatusDraft {
			may, seen := drafts[h.Slug]
			if !seen {
				may = s.mayAuthorFrameworks(c, h.Slug) == nil
				drafts[h.Slug] = may
			}
			if !may {
				continue
			}
		}
		list.Items = append(list.Items, FrameworkSummary{
			Slug: h.Slug, Version: h.Version, Ref: h.Ref(), Title: h.Title, Description: h.Description,
			Status: h.Status, PublishedAt: h.PublishedAt, Latest: latest[h.Slug] == h.Version,
		})
	}
	if slug != "" && len(list.Items) == 0 {
		return domain.Errorf(domain.ErrNotFound, "framework %s not found", slug)
	}
	cache := cacheShort
	if len(drafts) > 0 {
		cache = cacheDraft
	}
	return writeFresh(c, slug, list, cache)
}

// getFramework godoc
//
//	@Summary		One framework version
//	@Description	A whole framework version; "latest" names the highest published one. Drafts are visible to framework authors only.
//	@Tags			frameworks
//	@Produce		json
//	@Param			slug			path		string	true	"framework slug"	example(community-management)
//	@Param			version			path		string	true	"version such as 2026.1, or latest"	example(2026.1)
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	FrameworkDocument
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60 (the status of a version can change when it is retired); private, no-cache for a draft"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		400				{object}	Problem	"malformed slug or version"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Failure		404				{object}	Problem	"unknown framework or version"
//	@Router			/v1/frameworks/{slug}/{version} [get]
func (s *server) getFramework(c echo.Context) error {
	return s.writeDocument(c, c.Param("slug"), c.Param("version"))
}

func (s *server) writeDocument(c echo.Context, slug, version string) error {
	ref := slug
	if version != service.LatestVersion {
		ref += "@" + version
	}
	if _, _, err := service.ParseFrameworkRef(ref); err != nil {
		return newBadRequest("The path must name a framework slug and a version such as 2026.1, or latest.")
	}
	r, err := s.frameworkVersion(c, slug, version, cacheShort)
	if err != nil {
		return err
	}
	return r.respond(c, "document", func() any { return frameworkDocument(r.view.Framework()) })
}

// listCompetencies godoc
//
//	@Summary		List competencies
//	@Description	Every competency of a framework version with its rubric: what proficiency 0 (none) to 4 (leads others, sets the standard) looks like.
//	@Tags			frameworks
//	@Produce		json
//	@Param			framework		query		string	false	"framework version as slug@version or slug@latest; default: the latest published community-management"
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	CompetencyList
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60 for the latest; public, max-age=86400, immutable for a named version"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		400				{object}	Problem	"malformed framework parameter"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Failure		404				{object}	Problem	"unknown framework version"
//	@Router			/v1/competencies [get]
func (s *server) listCompetencies(c echo.Context) error {
	r, err := s.readFramework(c)
	if err != nil {
		return err
	}
	return r.respond(c, "competencies", func() any {
		f := r.view.Framework()
		list := CompetencyList{Framework: r.view.Ref(), Items: make([]CompetencyResponse, 0, len(f.Competencies))}
		for i := range f.Competencies {
			list.Items = append(list.Items, competencyResponse(f, &f.Competencies[i]))
		}
		return list
	})
}

// getCompetency godoc
//
//	@Summary		One competency
//	@Description	A competency's rubric, what each rung of the ladder expects of it, and the development actions that grow it.
//	@Tags			frameworks
//	@Produce		json
//	@Param			slug			path		string	true	"competency slug"	example(stakeholder-influence)
//	@Param			framework		query		string	false	"framework version as slug@version or slug@latest; default: the latest published community-management"
//	@Param			If-None-Match	header		string	false	"an ETag from an earlier answer"
//	@Success		200				{object}	CompetencyDetail
//	@Header			200				{string}	ETag	"strong validator of this answer"
//	@Header			200				{string}	Cache-Control	"public, max-age=60 for the latest; public, max-age=86400, immutable for a named version"
//	@Success		304				"not modified: the ETag sent is current"
//	@Failure		400				{object}	Problem	"malformed framework parameter"
//	@Failure		401				{object}	Problem	"invalid credentials sent"
//	@Failure		404				{object}	Problem	"unknown framework version or competency"
//	@Router			/v1/competencies/{slug} [get]
func (s *server) getCompetency(c echo.Context) error {
	r, err := s.readFramework(c)
	if err != nil {
		return err
	}
	slug := c.Param("slug")
	comp, ok := r.view.Competency(slug)
	if !ok {
		return notFoundIn("competency", slug, r.view)
	}
	return r.respond(c, "competency:"+slug, func() any {
		f := r.view.Framework()
		d := CompetencyDetail{
			Framework: r.view.Ref(), Competency: competencyResponse(f, comp),
			ExpectedBy: []CompetencyExpectedBy{}, Actions: actionDocs(r.view.Actions(slug)),
		}
		for _, l := range r.view.LevelsByRank() {
			for _, e := range l.Expectations {
				if e.Competency == slug {
					d.ExpectedBy = append(d.ExpectedBy, CompetencyExpectedBy{
						Level: l.Slug, Rank: l.Rank, MinProficiency: e.MinProficiency, Kind: e.Kind, Importance: e.Importance,
					})
				}
			}
		}
		return d
	})
}

func competencyResponse(f *domain.Framework, c *domain.Competency) CompetencyResponse {
	out := CompetencyResponse{
		Slug: c.Slug, Name: c.Name, Dimension: c.Dimension, Weight: c.Weight, Description: c.Description,
		Rubric: make([]RubricAnchor, 0, len(c.Anchors)),
	}
	for _, d := range f.Dimensions {
		if d.Slug == c.Dimension {
			out.DimensionName = d.Name
		}
	}
	for p, a := range c.Anchors {
		out.Rubric = append(out.Rubric, RubricAnchor{Proficiency: p, Description: a})
	}
	return out
}
