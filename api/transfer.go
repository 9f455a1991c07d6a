package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// TransferMapRequest is a what-if profile: experiences and optional self-ratings.
type TransferMapRequest struct {
	Experiences []ExperienceRequest `json:"experiences" validate:"required,min=1,max=20,dive"`
	SelfRatings []SelfRatingRequest `json:"self_ratings,omitempty" validate:"max=13,dive"`
}

// ExperienceRequest is one prior job: a background slug, or a free-text title.
type ExperienceRequest struct {
	// A background slug from GET /v1/backgrounds; takes precedence over title.
	Background string `json:"background,omitempty" validate:"omitempty,max=64" example:"fundraising"`
	// A job title as the person would write it; matched to a background.
	Title string `json:"title,omitempty" validate:"required_without=Background,max=200" example:"Major Gifts Officer"`
	// Years in the role, 0 to 60, decimals allowed.
	Years *float64 `json:"years" validate:"required,gte=0,lte=60" example:"8"`
	// Who they served, to override the background's usual community.
	CommunityServed string   `json:"community_served,omitempty" validate:"max=200" example:"donors"`
	Highlights      []string `json:"highlights,omitempty" validate:"max=10,dive,max=500" text:"multiline"`
	// How senior the job was; inferred from the title when left out
	// (frameworks from 2026.2 count it).
	Seniority string `json:"seniority,omitempty" validate:"omitempty,oneof=individual lead manager director executive" enums:"individual,lead,manager,director,executive" example:"manager"`
	// How many people the job led, 0 to 100000.
	PeopleLed int `json:"people_led,omitempty" validate:"gte=0,lte=100000" example:"6"`
}

// SelfRatingRequest is the person's own proficiency claim for one competency.
type SelfRatingRequest struct {
	Competency  string `json:"competency" validate:"required,max=64" example:"stakeholder-influence"`
	Proficiency *int   `json:"proficiency" validate:"required,gte=0,lte=4" example:"3"`
	// What backs the claim; a rating with evidence counts more.
	Evidence string `json:"evidence,omitempty" validate:"max=2000" example:"Closed a $2M gift by aligning it with the donor's goals." text:"multiline"`
}

func (s *server) transferRoutes(e *echo.Echo) {
	limiter := s.limiter("transfer-map", s.cfg.TransferMapPerMinute, s.cfg.TransferMapBurst)
	e.POST("/v1/transfer-map", s.postTransferMap, rateLimitByIP(limiter))
}

// postTransferMap godoc
//
//	@Summary		Map experience to the community ladder
//	@Description	Scores a what-if profile without an account: every competency with its sources, the people/influence/craft dimensions, the profile, fit for every rung, the recommended and next rung, a development plan and, for each experience, the community it already served. Nothing is stored. Rate limited per client IP.
//	@Tags			transfer-map
//	@Accept			json
//	@Produce		json
//	@Param			framework	query		string				false	"framework version as slug@version; default: latest published community-management"
//	@Param			body		body		TransferMapRequest	true	"experiences (1 to 20) and optional self-ratings"
//	@Success		200			{object}	domain.Result
//	@Failure		400			{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401			{object}	Problem	"invalid credentials sent"
//	@Failure		404			{object}	Problem	"unknown framework version"
//	@Failure		413			{object}	Problem	"body too large"
//	@Failure		415			{object}	Problem	"not JSON"
//	@Failure		422			{object}	Problem	"invalid field, unknown slug, or a title that matches nothing (with suggestions)"
//	@Failure		429			{object}	Problem	"rate limited; see Retry-After"
//	@Header			429			{integer}	Retry-After	"seconds until a request is allowed again"
//	@Router			/v1/transfer-map [post]
func (s *server) postTransferMap(c echo.Context) error {
	var req TransferMapRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	in := service.TransferRequest{Framework: c.QueryParam("framework")}
	for _, e := range req.Experiences {
		in.Experiences = append(in.Experiences, service.ExperienceRequest{
			Background: e.Background, Title: e.Title, Years: *e.Years,
			CommunityServed: e.CommunityServed, Highlights: e.Highlights, Seniority: e.Seniority, PeopleLed: e.PeopleLed,
		})
	}
	for _, r := range req.SelfRatings {
		in.SelfRatings = append(in.SelfRatings, domain.SelfRating{Competency: r.Competency, Proficiency: *r.Proficiency, Evidence: r.Evidence})
	}
	res, err := s.deps.TransferMap.Compute(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// rateLimitByIP answers 429 with Retry-After once a client IP spends its budget.
// limiter is one budget: shared across processes when Deps.Limiters is
// set, this process's own otherwise.
func (s *server) limiter(name string, perMinute float64, burst int) Limiter {
	if s.deps.Limiters != nil {
		return s.deps.Limiters(name, perMinute, burst)
	}
	return NewRateLimiter(perMinute, burst, s.now)
}

func rateLimitByIP(l Limiter) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			// IPv6 clients share a bucket per /64: one host holds billions of addresses.
			if ok, retry := l.Allow(domain.SourceGroup(c.RealIP())); !ok {
				return &domain.RetryAfterError{Category: domain.ErrRateLimited, Msg: "Too many requests from this address; try again later.", Seconds: retry}
			}
			return next(c)
		}
	}
}
