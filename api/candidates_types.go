package api

import (
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

// CandidateRequest is a candidate's editable content. There is no field for
// age, birth date, gender, photo, nationality, ethnicity or any other
// protected attribute: such a field is refused as unknown.
type CandidateRequest struct {
	DisplayName string `json:"display_name" validate:"required,max=100" example:"Ada Lovelace"`
	// An address the person can be reached at; optional.
	ContactEmail string `json:"contact_email,omitempty" validate:"omitempty,max=254" example:"ada@example.org"`
	Headline     string `json:"headline,omitempty" validate:"max=200" example:"Fundraiser moving into community"`
	// private (the default): only the owner sees it. recruiters: recruiters of
	// any organisation may read it. Only a person may share their own profile.
	Visibility  string              `json:"visibility,omitempty" validate:"omitempty,oneof=private recruiters" enums:"private,recruiters" example:"private"`
	Experiences []ExperienceRequest `json:"experiences,omitempty" validate:"max=20,dive"`
	SelfRatings []SelfRatingRequest `json:"self_ratings,omitempty" validate:"max=13,dive"`
}

// Candidate is a saved profile.
type Candidate struct {
	ID string `json:"id" format:"uuid" example:"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b70"`
	// The HR tool's own id, for an organisation's candidate imported with one.
	ExternalID string `json:"external_id,omitempty" example:"ats-10442"`
	// person: a job seeker's own profile; organisation: one an organisation keeps.
	Owner          string              `json:"owner" enums:"person,organisation" example:"person"`
	OrganisationID string              `json:"organisation_id,omitempty" format:"uuid"`
	DisplayName    string              `json:"display_name" example:"Ada Lovelace"`
	ContactEmail   string              `json:"contact_email,omitempty" example:"ada@example.org"`
	Headline       string              `json:"headline" example:"Fundraiser moving into community"`
	Visibility     string              `json:"visibility" enums:"private,recruiters" example:"private"`
	Experiences    []ExperienceRequest `json:"experiences"`
	SelfRatings    []SelfRatingRequest `json:"self_ratings"`
	CreatedAt      time.Time           `json:"created_at"`
	UpdatedAt      time.Time           `json:"updated_at"`
}

// CandidateList is one page of candidates.
type CandidateList struct {
	Items []Candidate `json:"items"`
	// Pass as cursor for the next page; absent on the last page.
	NextCursor string `json:"next_cursor,omitempty"`
}

// ConsentRecord is one change of a profile's visibility.
type ConsentRecord struct {
	Visibility string `json:"visibility" enums:"private,recruiters"`
	// you: the person; organisation: a recruiter or an HR tool (only ever to private).
	ChangedBy string    `json:"changed_by" enums:"you,organisation"`
	ChangedAt time.Time `json:"changed_at"`
}

// ConsentList is a profile's consent record, oldest first.
type ConsentList struct {
	Items []ConsentRecord `json:"items"`
}

// AssessmentList is one page of assessments, newest first.
type AssessmentList struct {
	Items      []domain.AssessmentDoc `json:"items"`
	NextCursor string                 `json:"next_cursor,omitempty"`
}

// ScorecardRatingRequest is one competency an interviewer rated.
type ScorecardRatingRequest struct {
	Competency  string `json:"competency" validate:"required,max=64" example:"stakeholder-influence"`
	Proficiency *int   `json:"proficiency" validate:"required,gte=0,lte=4" example:"3"`
	// What the interview showed; stays inside the organisation.
	Note string `json:"note,omitempty" validate:"max=2000" example:"Brought two skeptical partners to one plan." text:"multiline"`
}

// ScorecardRequest is what one interview showed.
type ScorecardRequest struct {
	Ratings               []ScorecardRatingRequest `json:"ratings" validate:"required,min=1,max=13,dive"`
	OverallRecommendation string                   `json:"overall_recommendation" validate:"required" enums:"definitely_not,no,yes,strong_yes,no_decision" example:"yes"`
	Interview             string                   `json:"interview,omitempty" validate:"max=100" example:"Panel interview"`
}

// Scorecard is a stored interview scorecard.
type Scorecard struct {
	ID                    string                   `json:"id" format:"uuid"`
	CandidateID           string                   `json:"candidate_id" format:"uuid"`
	Ratings               []ScorecardRatingRequest `json:"ratings"`
	OverallRecommendation string                   `json:"overall_recommendation" enums:"definitely_not,no,yes,strong_yes,no_decision"`
	Interview             string                   `json:"interview"`
	CreatedAt             time.Time                `json:"created_at"`
}

// ScorecardCount is how many interview scorecards exist on the person's profile.
type ScorecardCount struct {
	Count int `json:"count" example:"2"`
}

// AccessEntry is one read of the person's profile or assessments.
type AccessEntry struct {
	OrganisationID   string `json:"organisation_id,omitempty" format:"uuid"`
	OrganisationName string `json:"organisation_name" example:"Acme Community"`
	// profile, assessments (read), assessed (an assessment made) or interview scorecard.
	What string    `json:"what" enums:"profile,assessments,assessed,interview scorecard"`
	Via  string    `json:"via" enums:"recruiter,api_key"`
	At   time.Time `json:"at"`
}

// AccessLog lists the reads, oldest first.
type AccessLog struct {
	Items []AccessEntry `json:"items"`
}

// MyExport is everything Rungs keeps about the signed-in person.
type MyExport struct {
	ExportedAt     time.Time              `json:"exported_at"`
	Account        User                   `json:"account"`
	Sessions       []Session              `json:"sessions"`
	Candidate      *Candidate             `json:"candidate"`
	Consents       []ConsentRecord        `json:"consents"`
	Assessments    []domain.AssessmentDoc `json:"assessments"`
	ScorecardCount int                    `json:"scorecard_count"`
	AccessLog      []AccessEntry          `json:"access_log"`
}

func toCandidate(c domain.Candidate) Candidate {
	out := Candidate{
		ID: c.ID, ExternalID: c.ExternalID, Owner: domain.MadeByPerson, OrganisationID: c.OrganisationID, DisplayName: c.DisplayName,
		ContactEmail: c.ContactEmail, Headline: c.Headline, Visibility: c.Visibility,
		Experiences: make([]ExperienceRequest, len(c.Experiences)), SelfRatings: make([]SelfRatingRequest, len(c.SelfRatings)),
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
	if c.OrganisationID != "" {
		out.Owner = domain.MadeByOrganisation
	}
	for i, e := range c.Experiences {
		years := e.Years
		out.Experiences[i] = ExperienceRequest{Background: e.Background, Title: e.Title, Years: &years, CommunityServed: e.CommunityServed,
			Highlights: e.Highlights, Seniority: e.Seniority, PeopleLed: e.PeopleLed}
	}
	for i, r := range c.SelfRatings {
		p := r.Proficiency
		out.SelfRatings[i] = SelfRatingRequest{Competency: r.Competency, Proficiency: &p, Evidence: r.Evidence}
	}
	return out
}

// requestOf is the editable part of a candidate, as a client would send it.
func requestOf(c Candidate) CandidateRequest {
	return CandidateRequest{
		DisplayName: c.DisplayName, ContactEmail: c.ContactEmail, Headline: c.Headline, Visibility: c.Visibility,
		Experiences: c.Experiences, SelfRatings: c.SelfRatings,
	}
}

func (r CandidateRequest) input() service.CandidateInput {
	in := service.CandidateInput{
		DisplayName: r.DisplayName, ContactEmail: r.ContactEmail, Headline: r.Headline, Visibility: r.Visibility,
		Experiences: make([]domain.CandidateExperience, len(r.Experiences)), SelfRatings: make([]domain.SelfRating, len(r.SelfRatings)),
	}
	for i, e := range r.Experiences {
		in.Experiences[i] = domain.CandidateExperience{Background: e.Background, Title: e.Title, CommunityServed: e.CommunityServed,
			Highlights: e.Highlights, Seniority: e.Seniority, PeopleLed: e.PeopleLed}
		if e.Years != nil {
			in.Experiences[i].Years = *e.Years
		}
	}
	for i, s := range r.SelfRatings {
		in.SelfRatings[i] = domain.SelfRating{Competency: s.Competency, Evidence: s.Evidence}
		if s.Proficiency != nil {
			in.SelfRatings[i].Proficiency = *s.Proficiency
		}
	}
	return in
}

func toConsents(pr service.Principal, rs []domain.ConsentRecord) []ConsentRecord {
	out := make([]ConsentRecord, len(rs))
	for i, r := range rs {
		by := "organisation"
		if r.ChangedByKind == service.PrincipalUser && r.ChangedByID == pr.UserID {
			by = "you"
		}
		out[i] = ConsentRecord{Visibility: r.Visibility, ChangedBy: by, ChangedAt: r.ChangedAt}
	}
	return out
}

func toAccessLog(es []service.AccessEntry) []AccessEntry {
	out := make([]AccessEntry, len(es))
	for i, e := range es {
		out[i] = AccessEntry{OrganisationID: e.OrganisationID, OrganisationName: e.OrganisationName, What: e.What, Via: e.Via, At: e.At}
	}
	return out
}

// CandidatePatch documents a JSON Merge Patch (RFC 7396) of a candidate:
// every member is optional, a member replaces the field, null removes it
// (a required field removed is refused), arrays are replaced whole. It is
// never decoded: the patch is applied to the candidate's CandidateRequest.
type CandidatePatch struct {
	DisplayName  *string              `json:"display_name" binding:"optional" example:"Ada L."`
	ContactEmail *string              `json:"contact_email" binding:"optional"`
	Headline     *string              `json:"headline" binding:"optional"`
	Visibility   *string              `json:"visibility" binding:"optional" enums:"private,recruiters"`
	Experiences  *[]ExperienceRequest `json:"experiences" binding:"optional"`
	SelfRatings  *[]SelfRatingRequest `json:"self_ratings" binding:"optional"`
}
