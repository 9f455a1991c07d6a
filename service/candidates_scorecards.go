package service

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rungs/rungs/domain"
)

// ScorecardInput is what an interview showed.
type ScorecardInput struct {
	Ratings        []domain.ScorecardRating
	Recommendation string
	Interview      string
}

// AddScorecard stores an interview scorecard of the caller's organisation.
func (s *Candidates) AddScorecard(ctx context.Context, pr Principal, candidateID string, in ScorecardInput) (domain.Scorecard, error) {
	if err := s.policy.Permits(pr, ActionScorecardWrite); err != nil {
		return domain.Scorecard{}, err
	}
	c, err := s.store.ByID(ctx, candidateID, false)
	if err != nil {
		return domain.Scorecard{}, err
	}
	if err := s.policy.Authorize(pr, ActionScorecardWrite, candidateObject(c)); err != nil {
		return domain.Scorecard{}, err
	}
	v, err := s.frameworks.Resolve(ctx, "")
	if err != nil {
		return domain.Scorecard{}, err
	}
	verr := &domain.ValidationError{}
	if len(in.Ratings) == 0 {
		verr.Add("ratings", "min", "rate at least one competency")
	}
	if len(in.Ratings) > domain.MaxScorecardRatings {
		verr.Add("ratings", "max", fmt.Sprintf("must hold at most %d ratings", domain.MaxScorecardRatings))
	}
	seen := map[string]bool{}
	ratings := make([]domain.ScorecardRating, len(in.Ratings))
	for i, r := range in.Ratings {
		field := fmt.Sprintf("ratings[%d]", i)
		checkRating(verr, v, field, r.Competency, r.Proficiency)
		if seen[r.Competency] {
			verr.AddValue(field+".competency", "unique", "is rated twice", r.Competency)
		}
		seen[r.Competency] = true
		if domain.TextLength(r.Note) > domain.MaxScorecardNoteLength {
			verr.Add(field+".note", "max", fmt.Sprintf("must have at most %d characters", domain.MaxScorecardNoteLength))
		}
		ratings[i] = domain.ScorecardRating{Competency: r.Competency, Proficiency: r.Proficiency, Note: strings.TrimSpace(r.Note)}
	}
	if !validRecommendation(in.Recommendation) {
		verr.AddValue("overall_recommendation", "oneof", "must be one of: "+strings.Join(domain.Recommendations, ", "), truncate(in.Recommendation, 40))
	}
	interview := strings.Join(strings.Fields(in.Interview), " ")
	if domain.TextLength(interview) > domain.MaxInterviewLabelLength {
		verr.Add("interview", "max", fmt.Sprintf("must have at most %d characters", domain.MaxInterviewLabelLength))
	}
	if err := verr.OrNil(); err != nil {
		return domain.Scorecard{}, err
	}
	sc := domain.Scorecard{
		ID: newID(), CandidateID: c.ID, OrganisationID: pr.OrgID, AuthorKind: pr.Kind, AuthorID: pr.ID(),
		Ratings: ratings, Recommendation: in.Recommendation, Interview: interview, CreatedAt: s.now().UTC().Truncate(time.Microsecond),
	}
	err = s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.AddScorecard(ctx, sc); err != nil {
			return err
		}
		ev := newEvent(domain.EventScorecardSubmitted, sc.OrganisationID, c.ID, sc.CreatedAt, map[string]string{"scorecard_id": sc.ID})
		if err := s.emit(ctx, ev); err != nil {
			return err
		}
		return s.audit.Record(ctx, Entry(pr, ActionScorecardWrite, ObjectCandidate, c.ID))
	})
	return sc, err
}

func validRecommendation(r string) bool {
	for _, v := range domain.Recommendations {
		if v == r {
			return true
		}
	}
	return false
}

// ScorecardCount is how many scorecards exist on the job seeker's own
// profile, across organisations (their notes stay with them).
func (s *Candidates) ScorecardCount(ctx context.Context, pr Principal) (int, error) {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return 0, err
	}
	return s.store.CountScorecards(ctx, c.ID)
}
