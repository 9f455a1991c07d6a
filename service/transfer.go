package service

import (
	"context"
	"fmt"
	"strings"

	"github.com/rungs/rungs/domain"
)

// FrameworkSource finds a published framework version by "slug@version",
// or the latest published default when ref is empty.
type FrameworkSource interface {
	Resolve(ctx context.Context, ref string) (*FrameworkView, error)
}

// TransferMap scores anonymous what-if profiles: nothing is stored.
type TransferMap struct {
	frameworks FrameworkSource
}

// NewTransferMap returns the use case over a framework source.
func NewTransferMap(frameworks FrameworkSource) *TransferMap {
	return &TransferMap{frameworks: frameworks}
}

// TransferRequest is one what-if profile.
type TransferRequest struct {
	Framework   string
	Experiences []ExperienceRequest
	SelfRatings []domain.SelfRating
}

// ExperienceRequest names a background by slug, or by a free-text title
// that the matcher resolves.
type ExperienceRequest struct {
	Background      string
	Title           string
	Years           float64
	CommunityServed string
	Highlights      []string
}

// suggestionCount is how many close backgrounds an unmatched title lists.
const suggestionCount = 3

// Compute resolves titles, then scores the profile. An unknown slug or a
// title that matches nothing well is a validation error naming the field.
func (t *TransferMap) Compute(ctx context.Context, req TransferRequest) (domain.Result, error) {
	v, err := t.frameworks.Resolve(ctx, req.Framework)
	if err != nil {
		return domain.Result{}, err
	}
	scorer, err := scorerOf(v)
	if err != nil {
		return domain.Result{}, err
	}
	exps, err := resolveExperiences(v, req.Experiences)
	if err != nil {
		return domain.Result{}, err
	}
	return scorer.Score(domain.ScoreInput{Experiences: exps, SelfRatings: req.SelfRatings})
}

// resolveExperiences turns what a person wrote into scorer input: titles
// are matched to backgrounds. An unknown slug or a title that matches
// nothing well is a validation error naming the field, with suggestions.
func resolveExperiences(v *FrameworkView, exps []ExperienceRequest) ([]domain.ExperienceInput, error) {
	out := make([]domain.ExperienceInput, len(exps))
	verr := &domain.ValidationError{}
	minScore := v.Framework().Scoring.MatchMinScore
	for i, e := range exps {
		x := domain.ExperienceInput{
			Background: e.Background, Title: strings.TrimSpace(e.Title), MatchScore: 1,
			Years: e.Years, CommunityServed: strings.TrimSpace(e.CommunityServed), Highlights: e.Highlights,
		}
		if x.Background == "" && x.Title == "" {
			verr.Fields = append(verr.Fields, domain.FieldError{
				Field: fmt.Sprintf("experiences[%d].title", i), Rule: "required",
				Message: "give a background or a job title",
			})
			continue
		}
		if x.Background == "" {
			best := v.Matcher().Match(x.Title, suggestionCount)
			if len(best) == 0 || best[0].Score < minScore {
				verr.Fields = append(verr.Fields, domain.FieldError{
					Field: fmt.Sprintf("experiences[%d].title", i), Rule: "match",
					Message:     "matches no known background well; pick a background or one of the suggestions",
					Value:       x.Title,
					Suggestions: suggest(v.Framework().Backgrounds, x.Title, best),
				})
				continue
			}
			x.Background, x.MatchScore = best[0].Slug, roundScore(best[0].Score)
		}
		out[i] = x
	}
	return out, verr.OrNil()
}

// scorerOf returns the version's scorer, built once per view: published
// versions are immutable, so it never goes stale.
func scorerOf(v *FrameworkView) (*domain.Scorer, error) {
	s, err := v.Memo("scorer", func() (any, error) {
		s, err := domain.NewScorer(v.Framework())
		if err != nil {
			return nil, fmt.Errorf("framework %s cannot score: %v", v.Ref(), err)
		}
		return s, nil
	})
	if err != nil {
		return nil, err
	}
	return s.(*domain.Scorer), nil
}

func roundScore(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
