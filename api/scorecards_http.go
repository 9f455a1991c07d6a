package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// createScorecard godoc
//
//	@Summary		Add an interview scorecard
//	@Description	What an interview showed: ratings of competencies (0 to 4, with a note), an overall recommendation and a free label. The organisation's next assessment of the candidate counts them as reviewer ratings. Scorecards stay inside the organisation: others never see them, and the person sees only how many exist. Recruiters and keys with scorecards:write, on candidates their organisation may see.
//	@Tags			assessments
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header	string	false	"1 to 255 characters: a retry with the same key and request replays the first answer (for 24 hours)"
//	@Param			id		path		string				true	"candidate id"	format(uuid)
//	@Param			body	body		ScorecardRequest	true	"the scorecard"
//	@Success		201		{object}	Scorecard
//	@Header			201		{string}	ETag	"the scorecard's id: it never changes"
//	@Failure		400		{object}	Problem	"malformed JSON, unknown field or wrong type"
//	@Failure		401		{object}	Problem	"no, invalid or expired credentials"
//	@Failure		403		{object}	Problem	"not a recruiter, or a key without scorecards:write"
//	@Failure		404		{object}	Problem	"no such candidate, or not visible to you"
//	@Failure		413		{object}	Problem	"body too large"
//	@Failure		415		{object}	Problem	"not JSON"
//	@Failure		422		{object}	Problem	"invalid field"
//	@Header			201	{string}	Idempotent-Replayed	"true when the answer is a replay of the first one"
//	@Failure		409	{object}	Problem	"a request with this Idempotency-Key is still running"
//	@Router			/v1/candidates/{id}/scorecards [post]
func (s *server) createScorecard(c echo.Context) error {
	id, err := candidateID(c)
	if err != nil {
		return err
	}
	if err := s.deps.Policy.Permits(principalOf(c), service.ActionScorecardWrite); err != nil {
		return err
	}
	var req ScorecardRequest
	if err := bindValid(c, &req); err != nil {
		return err
	}
	in := service.ScorecardInput{Recommendation: req.OverallRecommendation, Interview: req.Interview}
	for _, r := range req.Ratings {
		in.Ratings = append(in.Ratings, domain.ScorecardRating{Competency: r.Competency, Proficiency: *r.Proficiency, Note: r.Note})
	}
	sc, err := s.deps.Candidates.AddScorecard(c.Request().Context(), principalOf(c), id, in)
	if err != nil {
		return err
	}
	out := Scorecard{ID: sc.ID, CandidateID: sc.CandidateID, OverallRecommendation: sc.Recommendation, Interview: sc.Interview,
		CreatedAt: sc.CreatedAt, Ratings: make([]ScorecardRatingRequest, len(sc.Ratings))}
	for i, r := range sc.Ratings {
		p := r.Proficiency
		out.Ratings[i] = ScorecardRatingRequest{Competency: r.Competency, Proficiency: &p, Note: r.Note}
	}
	noStore(c)
	// A scorecard never changes: its id is a strong ETag.
	c.Response().Header().Set("ETag", `"`+sc.ID+`"`)
	return c.JSON(http.StatusCreated, out)
}
