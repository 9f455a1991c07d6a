package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/api/chart"
	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// assessmentChart godoc
//
//	@Summary		An assessment's radar chart
//	@Description	The 13 competency scores grouped by dimension against the expectations of the rung that fits now (dashed) and of the next rung (dotted), as a self-contained SVG with a title and description for screen readers.
//	@Tags			assessments
//	@Produce		image/svg+xml
//	@Security		BearerAuth
//	@Param			id	path		string	true	"assessment id"	format(uuid)
//	@Success		200	{string}	string	"the SVG document"
//	@Header			200	{string}	ETag	"changes only with the drawing code"
//	@Failure		401	{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403	{object}	Problem	"admins do not read candidates; a key without assessments:read"
//	@Failure		404	{object}	Problem	"no such assessment, or not visible to you"
//	@Router			/v1/assessments/{id}/chart.svg [get]
func (s *server) assessmentChart(c echo.Context) error {
	_, doc, v, err := s.assessmentDoc(c)
	if err != nil {
		return err
	}
	svg := chart.Radar(chartInput(v, doc.Result))
	etag := strongETag(svg)
	h := c.Response().Header()
	h.Set("ETag", etag)
	h.Set(echo.HeaderCacheControl, "private, no-cache")
	if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, "image/svg+xml; charset=utf-8", svg)
}

// chartInput lays out a result for the radar: competencies grouped by
// dimension in the framework's order, with the expectations of the rung
// that fits now and of the next one.
func chartInput(v *service.FrameworkView, res domain.Result) chart.Input {
	fw := v.Framework()
	in := chart.Input{Title: "Competency scores against the community career ladder"}
	expect := func(ref *domain.LevelRef) map[string]float64 {
		if ref == nil {
			return nil
		}
		l, ok := v.Level(ref.Slug)
		if !ok {
			return nil
		}
		m := map[string]float64{}
		for _, e := range l.Expectations {
			m[e.Competency] = float64(e.MinProficiency)
		}
		return m
	}
	cur, next := expect(res.RecommendedLevel), expect(res.NextLevel)
	if res.RecommendedLevel != nil {
		in.CurrentLabel = res.RecommendedLevel.Title + " (fits now)"
	}
	if res.NextLevel != nil {
		in.NextLabel = res.NextLevel.Title + " (next rung)"
	}
	scores := map[string]float64{}
	for _, c := range res.Competencies {
		scores[c.Slug] = c.Score
	}
	for _, d := range fw.Dimensions {
		for _, c := range fw.Competencies {
			if c.Dimension != d.Slug {
				continue
			}
			in.Axes = append(in.Axes, chart.Axis{
				Slug: c.Slug, Name: c.Name, Dimension: d.Slug, DimensionName: d.Name,
				Score: scores[c.Slug], Current: cur[c.Slug], Next: next[c.Slug],
			})
		}
	}
	return in
}
