package service

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/rungs/rungs/domain"
)

// FrameworkSource finds a published framework version by "slug@version",
// or the latest published default when ref is empty.
type FrameworkSource interface {
	Resolve(ctx context.Context, ref string) (*domain.Framework, error)
}

// TransferMap scores anonymous what-if profiles: nothing is stored.
type TransferMap struct {
	frameworks FrameworkSource
	// compiled caches scorer and matcher per framework version; published
	// versions are immutable, so an entry never goes stale.
	compiled sync.Map // ref -> *compiledFramework
}

type compiledFramework struct {
	scorer  *domain.Scorer
	matcher *Matcher
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
	cf, err := t.compile(ctx, req.Framework)
	if err != nil {
		return domain.Result{}, err
	}
	in := domain.ScoreInput{
		Experiences: make([]domain.ExperienceInput, len(req.Experiences)),
		SelfRatings: req.SelfRatings,
	}
	verr := &domain.ValidationError{}
	minScore := cf.scorer.Framework().Scoring.MatchMinScore
	for i, e := range req.Experiences {
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
			best := cf.matcher.Match(x.Title, suggestionCount)
			if len(best) == 0 || best[0].Score < minScore {
				verr.Fields = append(verr.Fields, domain.FieldError{
					Field: fmt.Sprintf("experiences[%d].title", i), Rule: "match",
					Message:     "matches no known background well; pick a background or one of the suggestions",
					Value:       x.Title,
					Suggestions: suggest(cf.scorer.Framework().Backgrounds, x.Title, best),
				})
				continue
			}
			x.Background, x.MatchScore = best[0].Slug, roundScore(best[0].Score)
		}
		in.Experiences[i] = x
	}
	if err := verr.OrNil(); err != nil {
		return domain.Result{}, err
	}
	return cf.scorer.Score(in)
}

func (t *TransferMap) compile(ctx context.Context, ref string) (*compiledFramework, error) {
	f, err := t.frameworks.Resolve(ctx, ref)
	if err != nil {
		return nil, err
	}
	if cf, ok := t.compiled.Load(f.Ref()); ok {
		return cf.(*compiledFramework), nil
	}
	scorer, err := domain.NewScorer(f)
	if err != nil {
		return nil, fmt.Errorf("framework %s cannot score: %v", f.Ref(), err)
	}
	cf, _ := t.compiled.LoadOrStore(f.Ref(), &compiledFramework{scorer: scorer, matcher: NewMatcher(f.Backgrounds)})
	return cf.(*compiledFramework), nil
}

func roundScore(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
