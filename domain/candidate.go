package domain

import "time"

// Candidate visibility: the person's consent to be seen by recruiters.
const (
	VisibilityPrivate    = "private"
	VisibilityRecruiters = "recruiters"
)

// Candidate limits, in characters or items.
const (
	MaxCandidateNameLength     = 100
	MaxHeadlineLength          = 200
	MaxCandidateExperiences    = 20
	MaxCandidateSelfRatings    = 13
	MaxHighlights              = 10
	MaxHighlightLength         = 500
	MaxEvidenceLength          = 2000
	MaxTitleLength             = 200
	MaxCommunityServedLength   = 200
	MaxScorecardRatings        = 13
	MaxScorecardNoteLength     = 2000
	MaxInterviewLabelLength    = 100
	MaxScorecardsPerAssessment = 200
	MaxExternalIDLength        = 255
	// MaxBatchCandidates bounds one bulk import.
	MaxBatchCandidates = 1000
)

// Candidate is a person's profile: a job seeker's own (OwnerUserID) or one
// an organisation keeps (OrganisationID); exactly one of the two is set.
// It holds no protected attribute (age, gender, nationality and the like):
// the API has no field for one.
type Candidate struct {
	ID             string
	OwnerUserID    string
	OrganisationID string
	// ExternalID is an HR tool's own id for an organisation's candidate,
	// unique in the organisation; "" when none.
	ExternalID   string
	DisplayName  string
	ContactEmail string
	Headline     string
	Visibility   string
	Experiences  []CandidateExperience
	SelfRatings  []SelfRating
	// Version counts changes; it is the candidate's ETag.
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Shared reports whether recruiters of any organisation may read c: only a
// person's own profile, and only while they chose so.
func (c Candidate) Shared() bool {
	return c.OwnerUserID != "" && c.Visibility == VisibilityRecruiters
}

// CandidateExperience is one prior job, as the person wrote it: a
// background slug or a free-text title.
type CandidateExperience struct {
	Background      string   `json:"background,omitempty"`
	Title           string   `json:"title,omitempty"`
	Years           float64  `json:"years"`
	CommunityServed string   `json:"community_served,omitempty"`
	Highlights      []string `json:"highlights,omitempty"`
	// Seniority (one of Seniorities) and PeopleLed say how senior the job
	// was and how many people it led; frameworks from 2026.2 count them.
	Seniority string `json:"seniority,omitempty"`
	PeopleLed int    `json:"people_led,omitempty"`
}

// ConsentRecord is one change of a candidate's visibility: what it became,
// when, and who changed it.
type ConsentRecord struct {
	ID          string
	CandidateID string
	Visibility  string
	// ChangedByKind is "user" or "api_key"; ChangedByID names them.
	ChangedByKind string
	ChangedByID   string
	ChangedAt     time.Time
}

// Scorecard recommendations, as applicant tracking systems name them.
const (
	RecommendationDefinitelyNot = "definitely_not"
	RecommendationNo            = "no"
	RecommendationYes           = "yes"
	RecommendationStrongYes     = "strong_yes"
	RecommendationNoDecision    = "no_decision"
)

// Recommendations lists the recommendation values in order.
var Recommendations = []string{
	RecommendationDefinitelyNot, RecommendationNo, RecommendationYes, RecommendationStrongYes, RecommendationNoDecision,
}

// Scorecard is what one interview showed, kept inside the organisation
// that wrote it.
type Scorecard struct {
	ID             string
	CandidateID    string
	OrganisationID string
	AuthorKind     string
	AuthorID       string
	Ratings        []ScorecardRating
	Recommendation string
	Interview      string
	CreatedAt      time.Time
}

// ScorecardRating is one competency an interviewer rated.
type ScorecardRating struct {
	Competency  string `json:"competency"`
	Proficiency int    `json:"proficiency"`
	Note        string `json:"note,omitempty"`
}

// Assessment is an immutable scored snapshot. Body is the JSON document
// returned when it was made, kept byte for byte.
type Assessment struct {
	ID          string
	CandidateID string
	// OrganisationID is the organisation that made it; "" when the person did.
	OrganisationID   string
	CreatedBy        string
	FrameworkSlug    string
	FrameworkVersion string
	Body             []byte
	// Summary is the JSON of the result's ResultSummary.
	Summary   []byte
	CreatedAt time.Time
}
