package api

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/service"
)

// mayAuthorFrameworks asks the policy whether the caller may author the
// framework slug: nil, or a 401 / 403 error.
func (s *server) mayAuthorFrameworks(c echo.Context, slug string) error {
	return s.authorize(c, service.ActionFrameworkAuthor, service.FrameworkObject(slug))
}

// authoring checks the caller and the path before any authoring use case runs.
func (s *server) authoring(c echo.Context, withVersion bool) (service.Principal, string, string, error) {
	slug, version := c.Param("slug"), c.Param("version")
	if err := s.mayAuthorFrameworks(c, slug); err != nil {
		return service.Principal{}, "", "", err
	}
	ref := slug
	if withVersion {
		ref += "@" + version
	}
	if _, v, err := service.ParseFrameworkRef(ref); err != nil || (withVersion && v == service.LatestVersion) {
		return service.Principal{}, "", "", newBadRequest("The path must name a framework slug and a version such as 2026.2.")
	}
	return principalOf(c), slug, version, nil
}

// createDraft godoc
//
//	@Summary		Start a draft
//	@Description	Copies the latest published version into a new draft whose version is one above the highest existing (2026.1 becomes 2026.2). One draft per framework at a time. Framework authors (admins) only.
//	@Tags			frameworks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			slug	path		string	true	"framework slug"	example(community-management)
//	@Success		201		{object}	DraftResponse
//	@Header			201		{string}	Location	"the draft: /v1/frameworks/{slug}/{version}"
//	@Failure		400		{object}	Problem	"malformed slug"
//	@Failure		401		{object}	Problem	"not signed in"
//	@Failure		403		{object}	Problem	"not a framework author"
//	@Failure		404		{object}	Problem	"unknown framework, or none of its versions is published"
//	@Failure		409		{object}	Problem	"a draft is already open"
//	@Failure		413		{object}	Problem	"body too large"
//	@Router			/v1/frameworks/{slug}/drafts [post]
func (s *server) createDraft(c echo.Context) error {
	pr, slug, _, err := s.authoring(c, false)
	if err != nil {
		return err
	}
	f, err := s.deps.Frameworks.CreateDraft(c.Request().Context(), pr, slug)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/frameworks/"+f.Slug+"/"+f.Version)
	noStore(c)
	return c.JSON(http.StatusCreated, DraftResponse{Framework: frameworkDocument(f), Pending: nonNil(s.deps.Frameworks.Pending(f))})
}

// putCompetencies godoc
//
//	@Summary		Replace a draft's competencies
//	@Description	Replaces every competency of a draft. Problems in the competencies sent refuse the edit (422, every one listed); problems it leaves elsewhere, such as levels expecting a competency removed, come back as pending and block publishing until fixed. Framework authors (admins) only.
//	@Tags			frameworks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			slug	path		string				true	"framework slug"	example(community-management)
//	@Param			version	path		string				true	"the draft's version"	example(2026.2)
//	@Param			body	body		CompetenciesBody	true	"the competencies, in display order"
//	@Success		200		{object}	DraftResponse
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401		{object}	Problem	"not signed in"
//	@Failure		403		{object}	Problem	"not a framework author"
//	@Failure		404		{object}	Problem	"unknown framework version"
//	@Failure		409		{object}	Problem	"the version is published or retired: immutable"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"invalid competencies, every problem listed"
//	@Router			/v1/frameworks/{slug}/{version}/competencies [put]
func (s *server) putCompetencies(c echo.Context) error {
	return replacePart(s, c, CompetenciesBody.domain, s.deps.Frameworks.ReplaceCompetencies)
}

// putLevels godoc
//
//	@Summary		Replace a draft's levels
//	@Description	Replaces every level of a draft with its expectations. Problems in the levels sent refuse the edit (422, every one listed); problems elsewhere come back as pending. Framework authors (admins) only.
//	@Tags			frameworks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			slug	path		string		true	"framework slug"	example(community-management)
//	@Param			version	path		string		true	"the draft's version"	example(2026.2)
//	@Param			body	body		LevelsBody	true	"the levels, ranks 1 to n without gaps"
//	@Success		200		{object}	DraftResponse
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401		{object}	Problem	"not signed in"
//	@Failure		403		{object}	Problem	"not a framework author"
//	@Failure		404		{object}	Problem	"unknown framework version"
//	@Failure		409		{object}	Problem	"the version is published or retired: immutable"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"invalid levels, every problem listed"
//	@Router			/v1/frameworks/{slug}/{version}/levels [put]
func (s *server) putLevels(c echo.Context) error {
	return replacePart(s, c, LevelsBody.domain, s.deps.Frameworks.ReplaceLevels)
}

// putBackgrounds godoc
//
//	@Summary		Replace a draft's backgrounds
//	@Description	Replaces every background of a draft with its aliases and evidence (one entry per competency). Problems in the backgrounds sent refuse the edit (422, every one listed); problems elsewhere come back as pending. Framework authors (admins) only.
//	@Tags			frameworks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			slug	path		string			true	"framework slug"	example(community-management)
//	@Param			version	path		string			true	"the draft's version"	example(2026.2)
//	@Param			body	body		BackgroundsBody	true	"the backgrounds"
//	@Success		200		{object}	DraftResponse
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401		{object}	Problem	"not signed in"
//	@Failure		403		{object}	Problem	"not a framework author"
//	@Failure		404		{object}	Problem	"unknown framework version"
//	@Failure		409		{object}	Problem	"the version is published or retired: immutable"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"invalid backgrounds, every problem listed"
//	@Router			/v1/frameworks/{slug}/{version}/backgrounds [put]
func (s *server) putBackgrounds(c echo.Context) error {
	return replacePart(s, c, BackgroundsBody.domain, s.deps.Frameworks.ReplaceBackgrounds)
}

// putActions godoc
//
//	@Summary		Replace a draft's development actions
//	@Description	Replaces every development action of a draft; each competency needs at least one. Problems in the actions sent refuse the edit (422, every one listed); problems elsewhere come back as pending. Framework authors (admins) only.
//	@Tags			frameworks
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			slug	path		string		true	"framework slug"	example(community-management)
//	@Param			version	path		string		true	"the draft's version"	example(2026.2)
//	@Param			body	body		ActionsBody	true	"the development actions"
//	@Success		200		{object}	DraftResponse
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401		{object}	Problem	"not signed in"
//	@Failure		403		{object}	Problem	"not a framework author"
//	@Failure		404		{object}	Problem	"unknown framework version"
//	@Failure		409		{object}	Problem	"the version is published or retired: immutable"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"invalid actions, every problem listed"
//	@Router			/v1/frameworks/{slug}/{version}/actions [put]
func (s *server) putActions(c echo.Context) error {
	return replacePart(s, c, ActionsBody.domain, s.deps.Frameworks.ReplaceActions)
}

// replacePart answers the PUT of one part of a draft. It authorizes first,
// so that a refused caller learns nothing from how their body is judged, then
// binds and checks the body's shape, and hands its domain form to replace.
func replacePart[B, T any](s *server, c echo.Context, toDomain func(B) T,
	replace func(context.Context, service.Principal, string, string, T) (*service.Draft, error),
) error {
	pr, slug, version, err := s.authoring(c, true)
	if err != nil {
		return err
	}
	var body B
	if err := bindValid(c, &body); err != nil {
		return err
	}
	d, err := replace(c.Request().Context(), pr, slug, version, toDomain(body))
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, DraftResponse{Framework: frameworkDocument(d.Framework), Pending: nonNil(d.Pending)})
}

// publishFramework godoc
//
//	@Summary		Publish a draft
//	@Description	Validates the whole draft and publishes it: from then on it never changes, and it becomes the latest when its version is the highest. A draft that breaks any rule is refused with every problem listed. Framework authors (admins) only.
//	@Tags			frameworks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			slug	path		string	true	"framework slug"	example(community-management)
//	@Param			version	path		string	true	"the draft's version"	example(2026.2)
//	@Success		200		{object}	FrameworkDocument
//	@Failure		400		{object}	Problem	"malformed slug or version"
//	@Failure		401		{object}	Problem	"not signed in"
//	@Failure		403		{object}	Problem	"not a framework author"
//	@Failure		404		{object}	Problem	"unknown framework version"
//	@Failure		409		{object}	Problem	"the version is already published or retired"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		422		{object}	Problem	"the draft breaks the framework's rules, every problem listed"
//	@Router			/v1/frameworks/{slug}/{version}/publish [post]
func (s *server) publishFramework(c echo.Context) error {
	pr, slug, version, err := s.authoring(c, true)
	if err != nil {
		return err
	}
	f, err := s.deps.Frameworks.Publish(c.Request().Context(), pr, slug, version)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, frameworkDocument(f))
}

// retireFramework godoc
//
//	@Summary		Retire a published version
//	@Description	Withdraws a published version: it is no longer the latest, and stays readable by its version so that scores given with it can still be explained. Framework authors (admins) only.
//	@Tags			frameworks
//	@Produce		json
//	@Security		BearerAuth
//	@Param			slug	path		string	true	"framework slug"	example(community-management)
//	@Param			version	path		string	true	"a published version"	example(2026.1)
//	@Success		200		{object}	FrameworkDocument
//	@Failure		400		{object}	Problem	"malformed slug or version"
//	@Failure		401		{object}	Problem	"not signed in"
//	@Failure		403		{object}	Problem	"not a framework author"
//	@Failure		404		{object}	Problem	"unknown framework version"
//	@Failure		409		{object}	Problem	"the version is a draft or already retired"
//	@Failure		413		{object}	Problem	"body too large"
//	@Router			/v1/frameworks/{slug}/{version}/retire [post]
func (s *server) retireFramework(c echo.Context) error {
	pr, slug, version, err := s.authoring(c, true)
	if err != nil {
		return err
	}
	f, err := s.deps.Frameworks.Retire(c.Request().Context(), pr, slug, version)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, frameworkDocument(f))
}
