package service

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rungs/rungs/domain"
)

// scoring is a framework version ready to score with.
type scoring struct {
	v      *FrameworkView
	scorer *domain.Scorer
}

func (s *Candidates) scoring(ctx context.Context, ref string) (scoring, error) {
	v, err := s.frameworks.Resolve(ctx, ref)
	if err != nil {
		return scoring{}, err
	}
	scorer, err := scorerOf(v)
	if err != nil {
		return scoring{}, err
	}
	return scoring{v: v, scorer: scorer}, nil
}

// build scores c for maker org (its scorecards counted as reviewer
// ratings) and returns the snapshot to store, with the progress since prev
// (an assessment with only its id and summary; zero when none).
func (sc scoring) build(pr Principal, c domain.Candidate, org string, cards []domain.Scorecard, prev domain.Assessment, at time.Time) (domain.Assessment, error) {
	if len(c.Experiences) == 0 {
		verr := &domain.ValidationError{}
		verr.Add("experiences", "min", "add at least one past job to the profile before assessing it")
		return domain.Assessment{}, verr
	}
	reqs := make([]ExperienceRequest, len(c.Experiences))
	for i, e := range c.Experiences {
		reqs[i] = ExperienceRequest{Background: e.Background, Title: e.Title, Years: e.Years, CommunityServed: e.CommunityServed,
			Highlights: e.Highlights, Seniority: e.Seniority, PeopleLed: e.PeopleLed}
	}
	exps, err := resolveExperiences(sc.v, reqs)
	if err != nil {
		return domain.Assessment{}, err
	}
	in := domain.ScoreInput{Experiences: exps, SelfRatings: knownRatings(sc.v, c.SelfRatings), Reviews: []domain.ReviewerRating{}}
	used := []string{}
	for _, card := range cards {
		used = append(used, card.ID)
		for _, r := range card.Ratings {
			if _, ok := sc.v.Competency(r.Competency); ok {
				// Notes stay with the scorecard: the snapshot keeps the rating only.
				in.Reviews = append(in.Reviews, domain.ReviewerRating{Reviewer: card.ID, Competency: r.Competency, Proficiency: r.Proficiency})
			}
		}
	}
	res, err := sc.scorer.Score(in)
	if err != nil {
		return domain.Assessment{}, err
	}
	now := at.UTC().Truncate(time.Microsecond)
	doc := domain.AssessmentDoc{
		ID: newID(), CandidateID: c.ID, MadeBy: domain.MadeByPerson, OrganisationID: org, CreatedAt: now,
		Framework: res.Framework, Inputs: in, Scorecards: used, Result: res,
	}
	if org != "" {
		doc.MadeBy = domain.MadeByOrganisation
	}
	summary := domain.Summarise(res)
	summaryJSON, err := json.Marshal(summary)
	if err != nil {
		return domain.Assessment{}, err
	}
	if prev.ID != "" {
		var before domain.ResultSummary
		if err := json.Unmarshal(prev.Summary, &before); err != nil {
			return domain.Assessment{}, fmt.Errorf("assessment %s: summary: %w", prev.ID, err)
		}
		progress := domain.CompareResults(prev.ID, before, summary)
		doc.Progress = &progress
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return domain.Assessment{}, err
	}
	return domain.Assessment{
		ID: doc.ID, CandidateID: c.ID, OrganisationID: org, CreatedBy: pr.ID(),
		FrameworkSlug: res.Framework.Slug, FrameworkVersion: res.Framework.Version, Body: body, Summary: summaryJSON, CreatedAt: now,
	}, nil
}

// knownRatings keeps the self-ratings of competencies the framework has:
// a profile saved under one version may be scored with another.
func knownRatings(v *FrameworkView, rs []domain.SelfRating) []domain.SelfRating {
	out := []domain.SelfRating{}
	for _, r := range rs {
		if _, ok := v.Competency(r.Competency); ok {
			out = append(out, r)
		}
	}
	return out
}
