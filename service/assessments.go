package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/rungs/rungs/domain"
)

// Assess scores the candidate now with the framework named by ref ("" for
// the latest published one) and stores the answer as an immutable
// snapshot, returned byte for byte by AssessmentBody ever after. An
// organisation's assessment counts that organisation's scorecards as
// reviewer ratings; a person's own counts none.
func (s *Candidates) Assess(ctx context.Context, pr Principal, candidateID, ref string) (domain.Assessment, error) {
	if err := s.precheck(pr, ActionAssessmentWrite); err != nil {
		return domain.Assessment{}, err
	}
	c, err := s.store.ByID(ctx, candidateID, false)
	if err != nil {
		return domain.Assessment{}, err
	}
	return s.assess(ctx, pr, c, ref)
}

// AssessMine scores the job seeker's own candidate.
func (s *Candidates) AssessMine(ctx context.Context, pr Principal, ref string) (domain.Assessment, error) {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return domain.Assessment{}, err
	}
	return s.assess(ctx, pr, c, ref)
}

// maker is the organisation an assessment or scorecard is made for: ""
// when a person acts on their own profile.
func maker(pr Principal, c domain.Candidate) string {
	if pr.Kind == PrincipalUser && pr.UserID == c.OwnerUserID {
		return ""
	}
	return pr.OrgID
}

func (s *Candidates) assess(ctx context.Context, pr Principal, c domain.Candidate, ref string) (domain.Assessment, error) {
	if err := s.authorizeWrite(pr, ActionAssessmentWrite, c); err != nil {
		return domain.Assessment{}, err
	}
	sc, err := s.scoring(ctx, ref)
	if err != nil {
		return domain.Assessment{}, err
	}
	org := maker(pr, c)
	var cards []domain.Scorecard
	if org != "" {
		if cards, err = s.store.Scorecards(ctx, c.ID, org, domain.MaxScorecardsPerAssessment); err != nil {
			return domain.Assessment{}, err
		}
	}
	// Progress compares with the newest assessment committed when this one
	// starts; two made at the same moment may compare with the same one.
	prev, err := s.store.LatestSummary(ctx, c.ID, org)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return domain.Assessment{}, err
	}
	out, err := sc.build(pr, c, org, cards, prev, s.now())
	if err != nil {
		return domain.Assessment{}, err
	}
	if err := s.store.AddAssessment(ctx, out, s.audit.Complete(ctx, Entry(pr, ActionAssessmentWrite, ObjectAssessment, out.ID))); err != nil {
		return domain.Assessment{}, err
	}
	// The snapshot holds the profile: the person sees who made one.
	return out, s.recordRead(ctx, pr, c, ActionAssessmentWrite)
}

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
		reqs[i] = ExperienceRequest{Background: e.Background, Title: e.Title, Years: e.Years, CommunityServed: e.CommunityServed, Highlights: e.Highlights}
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

// assessmentObject is what the policy knows of an assessment: an
// organisation's is seen by that organisation and by the person; the
// person's own is seen like their profile.
func assessmentObject(c domain.Candidate, a domain.Assessment) Object {
	o := Object{Type: ObjectAssessment, ID: a.ID, OwnerID: c.OwnerUserID, OrgID: c.OrganisationID}
	switch {
	case a.OrganisationID == "":
		o.Shared = c.Shared()
	case c.OwnerUserID == "" || c.Shared():
		// An organisation's snapshot of a person's profile holds the
		// profile: it reads it only while the person shares it.
		o.OrgID = a.OrganisationID
	}
	return o
}

// Assessment returns one assessment as stored, with its candidate.
func (s *Candidates) Assessment(ctx context.Context, pr Principal, id string) (domain.Assessment, domain.Candidate, error) {
	if err := s.precheck(pr, ActionAssessmentRead); err != nil {
		return domain.Assessment{}, domain.Candidate{}, err
	}
	a, c, err := s.readAssessment(ctx, id)
	if err != nil {
		return domain.Assessment{}, domain.Candidate{}, err
	}
	if err := s.policy.Authorize(pr, ActionAssessmentRead, assessmentObject(c, a)); err != nil {
		return domain.Assessment{}, domain.Candidate{}, err
	}
	return a, c, s.recordRead(ctx, pr, c, ActionAssessmentRead)
}

// MaxAssessmentPage bounds one page of assessments.
const MaxAssessmentPage = 100

// Assessments lists the candidate's assessments the caller may see,
// newest first, before the cursor (an assessment id).
func (s *Candidates) Assessments(ctx context.Context, pr Principal, candidateID, before string, limit int) ([]domain.Assessment, string, error) {
	if err := s.precheck(pr, ActionAssessmentRead); err != nil {
		return nil, "", err
	}
	c, err := s.store.ByID(ctx, candidateID, false)
	if err != nil {
		return nil, "", err
	}
	return s.assessments(ctx, pr, c, before, limit)
}

// MyAssessments lists the assessments of the job seeker's own candidate.
func (s *Candidates) MyAssessments(ctx context.Context, pr Principal, before string, limit int) ([]domain.Assessment, string, error) {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return nil, "", err
	}
	return s.assessments(ctx, pr, c, before, limit)
}

func (s *Candidates) assessments(ctx context.Context, pr Principal, c domain.Candidate, before string, limit int) ([]domain.Assessment, string, error) {
	if err := s.policy.Authorize(pr, ActionAssessmentRead, candidateObject(c)); err != nil {
		return nil, "", err
	}
	// The person sees every assessment of their profile; an organisation
	// its own, and the person's own while the profile is shared.
	var makers []string
	if maker(pr, c) != "" {
		makers = []string{pr.OrgID}
		if c.Shared() || c.OrganisationID == pr.OrgID {
			makers = append(makers, "")
		}
	}
	if limit <= 0 || limit > MaxAssessmentPage {
		limit = MaxAssessmentPage
	}
	list, err := s.store.Assessments(ctx, c.ID, makers, before, limit+1)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(list) > limit {
		list, next = list[:limit], list[limit-1].ID
	}
	return list, next, s.recordRead(ctx, pr, c, ActionAssessmentRead)
}

// ScorecardInput is what an interview showed.
type ScorecardInput struct {
	Ratings        []domain.ScorecardRating
	Recommendation string
	Interview      string
}

// AddScorecard stores an interview scorecard of the caller's organisation.
func (s *Candidates) AddScorecard(ctx context.Context, pr Principal, candidateID string, in ScorecardInput) (domain.Scorecard, error) {
	if err := s.precheck(pr, ActionScorecardWrite); err != nil {
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

// AssessmentCacheTTL bounds how long a process serves an assessment, and
// the visibility of its candidate, from memory: a consent withdrawn or a
// candidate erased through another process takes effect here at most this
// long afterwards; through this process at once.
const AssessmentCacheTTL = 4 * time.Second

// maxCachedAssessmentBytes bounds the memory the cache holds; when full it
// starts over.
const maxCachedAssessmentBytes = 32 << 20

// assessmentCache holds recently read assessments with what the policy
// needs of their candidate. Assessments never change; a candidate's owner
// and organisation never change; its visibility and existence are the
// only things that can, and changes made here drop its entries.
type assessmentCache struct {
	mu      sync.RWMutex
	entries map[string]cachedAssessment
	bytes   int
	// gone holds candidates deleted through this process, for one TTL: a
	// read that raced the deletion must not cache or serve them.
	gone map[string]time.Time
}

func (c *assessmentCache) markGone(candidateID string, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gone == nil {
		c.gone = map[string]time.Time{}
	}
	for id, t := range c.gone {
		if at.Sub(t) >= AssessmentCacheTTL {
			delete(c.gone, id)
		}
	}
	c.gone[candidateID] = at
}

// goneLocked reports whether the candidate was deleted here within the TTL.
func (c *assessmentCache) goneLocked(candidateID string, now time.Time) bool {
	t, ok := c.gone[candidateID]
	return ok && now.Sub(t) < AssessmentCacheTTL
}

type cachedAssessment struct {
	a       domain.Assessment
	c       domain.Candidate
	fetched time.Time
}

func (s *Candidates) readAssessment(ctx context.Context, id string) (domain.Assessment, domain.Candidate, error) {
	now := s.now()
	s.cache.mu.RLock()
	e, ok := s.cache.entries[id]
	gone := ok && s.cache.goneLocked(e.c.ID, now)
	s.cache.mu.RUnlock()
	if ok && !gone && now.Sub(e.fetched) < AssessmentCacheTTL && !now.Before(e.fetched) {
		return e.a, e.c, nil
	}
	a, c, err := s.store.AssessmentAccess(ctx, id)
	if err != nil {
		return a, c, err
	}
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	if s.cache.goneLocked(c.ID, now) {
		return domain.Assessment{}, domain.Candidate{}, domain.Errorf(domain.ErrNotFound, "assessment not found")
	}
	if s.cache.entries == nil || s.cache.bytes+len(a.Body) > maxCachedAssessmentBytes {
		s.cache.entries, s.cache.bytes = map[string]cachedAssessment{}, 0
	}
	if old, ok := s.cache.entries[id]; ok {
		s.cache.bytes -= len(old.a.Body)
	}
	s.cache.entries[id] = cachedAssessment{a: a, c: c, fetched: now}
	s.cache.bytes += len(a.Body)
	return a, c, nil
}

// forgetCandidate drops the cached assessments of a candidate whose
// visibility changed or who was deleted.
func (s *Candidates) forgetCandidate(candidateID string) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	for id, e := range s.cache.entries {
		if e.c.ID == candidateID {
			s.cache.bytes -= len(e.a.Body)
			delete(s.cache.entries, id)
		}
	}
}
