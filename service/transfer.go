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
	// Seniority and PeopleLed (2026.2 on): optional; seniority is inferred
	// from the title when empty.
	Seniority string
	PeopleLed int
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
	p := v.Framework().Scoring
	for i, e := range exps {
		x := domain.ExperienceInput{
			Background: e.Background, Title: strings.TrimSpace(e.Title), MatchScore: 1,
			Years: e.Years, CommunityServed: strings.TrimSpace(e.CommunityServed), Highlights: e.Highlights,
			Seniority: e.Seniority, PeopleLed: e.PeopleLed,
		}
		if x.Background == "" && x.Title == "" {
			verr.Fields = append(verr.Fields, domain.FieldError{
				Field: fmt.Sprintf("experiences[%d].title", i), Rule: "required", Message: "give a background or a job title",
			})
			continue
		}
		if x.Background == "" {
			best := v.Matcher().Match(matchableTitle(seniorityModifiers(v), x.Title), suggestionCount)
			if !accepted(p, best) {
				slugs, scores := suggest(v.Framework().Backgrounds, x.Title, best)
				verr.Fields = append(verr.Fields, domain.FieldError{
					Field: fmt.Sprintf("experiences[%d].title", i), Rule: "match",
					Message: "matches no known background well; pick a background or one of the suggestions",
					Value:   x.Title, Suggestions: slugs, Scores: scores,
				})
				continue
			}
			x.Background, x.MatchScore = best[0].Slug, roundScore(best[0].Score)
			x.NearMiss = best[0].Score < p.MatchMinScore
			if x.CommunityServed == "" {
				x.CommunityServed = p.AliasCommunities[best[0].Slug][best[0].MatchedOn]
			}
		}
		out[i] = x
	}
	return out, verr.OrNil()
}

// accepted says whether the best suggestion resolves the title: at
// MatchMinScore, or (from 2026.2) a near miss whose first suggestion
// clearly leads, kept with its low match score for all to see.
func accepted(p domain.ScoringParams, best []Match) bool {
	switch {
	case len(best) == 0:
		return false
	case best[0].Score >= p.MatchMinScore:
		return true
	case p.NearMissLead <= 0 || best[0].Score < p.NearMissMinScore:
		return false
	}
	return len(best) == 1 || best[0].Score-best[1].Score >= p.NearMissLead
}

// seniorityModifiers are the seniority words of the version that only
// qualify a title (see modifierWord), built once per version.
func seniorityModifiers(v *FrameworkView) map[string]bool {
	got, _ := v.Memo("seniority-modifiers", func() (any, error) {
		drop := map[string]bool{}
		for _, r := range v.Framework().Scoring.Seniority {
			for _, w := range r.Words {
				if modifierWord(w) {
					drop[w] = true
				}
			}
		}
		return drop, nil
	})
	return got.(map[string]bool)
}

// matchableTitle drops the seniority words that only qualify a title
// (2026.2 on) before it is matched, so that "Senior" or "Head of" says how
// senior someone was and never which background; a title made only of
// such words is matched as it is.
func matchableTitle(drop map[string]bool, title string) string {
	if len(drop) == 0 {
		return title
	}
	words := strings.Fields(strings.ToLower(title))
	kept := words[:0:0]
	for i := 0; i < len(words); i++ {
		w := strings.Trim(words[i], ".,;:()")
		if i+1 < len(words) && drop[w+" "+strings.Trim(words[i+1], ".,;:()")] {
			i++
			continue
		}
		if !drop[w] {
			kept = append(kept, words[i])
		}
	}
	if len(kept) == 0 {
		return title
	}
	return strings.Join(kept, " ")
}

// modifierWord says whether a seniority word only qualifies a title
// ("senior", "head of") rather than naming the job ("manager", "director",
// "supervisor" are part of many titles and stay).
func modifierWord(w string) bool {
	switch w {
	case "manager", "director", "supervisor", "president", "founder", "executive director", "charge", "head", "dean":
		return false
	}
	return true
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
