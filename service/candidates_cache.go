package service

import (
	"context"
	"sync"
	"time"

	"github.com/rungs/rungs/domain"
)

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
