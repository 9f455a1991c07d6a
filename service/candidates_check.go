package service

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rungs/rungs/domain"
)

// checkCandidate checks in against the framework the candidate will be
// scored with, reporting every problem at once; own is true for a
// person's own profile (only the person can share it with recruiters).
func checkCandidate(v *FrameworkView, in CandidateInput, own bool) (CandidateInput, error) {
	verr := &domain.ValidationError{}
	out := in
	out.DisplayName = checkName(verr, "display_name", in.DisplayName, domain.MaxCandidateNameLength)
	out.Headline = strings.Join(strings.Fields(in.Headline), " ")
	if domain.TextLength(out.Headline) > domain.MaxHeadlineLength {
		verr.Add("headline", "max", fmt.Sprintf("must have at most %d characters", domain.MaxHeadlineLength))
	}
	if in.ContactEmail != "" {
		email, err := domain.NormalizeEmail(in.ContactEmail)
		if err != nil {
			verr.Add("contact_email", "email", "must be an email address")
		}
		out.ContactEmail = email
	}
	switch in.Visibility {
	case "":
		out.Visibility = domain.VisibilityPrivate
	case domain.VisibilityPrivate:
	case domain.VisibilityRecruiters:
		if !own {
			verr.Add("visibility", "consent", "only the person can share their own profile with recruiters")
		}
	default:
		verr.AddValue("visibility", "oneof", "must be private or recruiters", truncate(in.Visibility, 40))
	}
	if len(in.Experiences) > domain.MaxCandidateExperiences {
		verr.Add("experiences", "max", fmt.Sprintf("must hold at most %d experiences", domain.MaxCandidateExperiences))
	}
	out.Experiences = make([]domain.CandidateExperience, len(in.Experiences))
	for i, e := range in.Experiences {
		out.Experiences[i] = checkExperience(verr, v, fmt.Sprintf("experiences[%d]", i), e)
	}
	if len(in.SelfRatings) > domain.MaxCandidateSelfRatings {
		verr.Add("self_ratings", "max", fmt.Sprintf("must hold at most %d ratings", domain.MaxCandidateSelfRatings))
	}
	out.SelfRatings = make([]domain.SelfRating, len(in.SelfRatings))
	seen := map[string]bool{}
	for i, r := range in.SelfRatings {
		field := fmt.Sprintf("self_ratings[%d]", i)
		checkRating(verr, v, field, r.Competency, r.Proficiency)
		if seen[r.Competency] {
			verr.AddValue(field+".competency", "unique", "is rated twice", r.Competency)
		}
		seen[r.Competency] = true
		if domain.TextLength(r.Evidence) > domain.MaxEvidenceLength {
			verr.Add(field+".evidence", "max", fmt.Sprintf("must have at most %d characters", domain.MaxEvidenceLength))
		}
		out.SelfRatings[i] = domain.SelfRating{Competency: r.Competency, Proficiency: r.Proficiency, Evidence: strings.TrimSpace(r.Evidence)}
	}
	return out, verr.OrNil()
}

func checkExperience(verr *domain.ValidationError, v *FrameworkView, field string, e domain.CandidateExperience) domain.CandidateExperience {
	out := domain.CandidateExperience{
		Background: e.Background, Title: strings.Join(strings.Fields(e.Title), " "), Years: e.Years,
		CommunityServed: strings.Join(strings.Fields(e.CommunityServed), " "), Seniority: e.Seniority, PeopleLed: e.PeopleLed,
	}
	if e.Seniority != "" && !slices.Contains(domain.Seniorities, e.Seniority) {
		verr.AddValue(field+".seniority", "oneof", "must be one of "+strings.Join(domain.Seniorities, ", "), truncate(e.Seniority, 40))
	}
	if e.PeopleLed < 0 || e.PeopleLed > domain.MaxPeopleLed {
		verr.Add(field+".people_led", "range", fmt.Sprintf("must be from 0 to %d", domain.MaxPeopleLed))
	}
	switch {
	case out.Background == "" && out.Title == "":
		verr.Add(field+".title", "required", "give a background or a job title")
	case out.Background != "":
		if _, ok := v.Background(out.Background); !ok {
			verr.AddValue(field+".background", "oneof", "is not a known background; see GET /v1/backgrounds", truncate(out.Background, 64))
		}
	}
	if domain.TextLength(out.Title) > domain.MaxTitleLength {
		verr.Add(field+".title", "max", fmt.Sprintf("must have at most %d characters", domain.MaxTitleLength))
	}
	if domain.TextLength(out.CommunityServed) > domain.MaxCommunityServedLength {
		verr.Add(field+".community_served", "max", fmt.Sprintf("must have at most %d characters", domain.MaxCommunityServedLength))
	}
	if e.Years < 0 || e.Years > domain.MaxExperienceYears || e.Years != e.Years {
		verr.Add(field+".years", "range", fmt.Sprintf("must be from 0 to %d", domain.MaxExperienceYears))
	}
	if len(e.Highlights) > domain.MaxHighlights {
		verr.Add(field+".highlights", "max", fmt.Sprintf("must hold at most %d highlights", domain.MaxHighlights))
	}
	for j, h := range e.Highlights {
		h = strings.TrimSpace(h)
		if domain.TextLength(h) > domain.MaxHighlightLength {
			verr.Add(fmt.Sprintf("%s.highlights[%d]", field, j), "max", fmt.Sprintf("must have at most %d characters", domain.MaxHighlightLength))
		}
		if h != "" {
			out.Highlights = append(out.Highlights, h)
		}
	}
	return out
}

func checkRating(verr *domain.ValidationError, v *FrameworkView, field, competency string, proficiency int) {
	if _, ok := v.Competency(competency); !ok {
		verr.AddValue(field+".competency", "oneof", "is not a known competency; see GET /v1/competencies", truncate(competency, 64))
	}
	if proficiency < 0 || proficiency > 4 {
		verr.Add(field+".proficiency", "range", "must be from 0 to 4")
	}
}
