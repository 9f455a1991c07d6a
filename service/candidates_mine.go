package service

import (
	"context"
	"errors"

	"github.com/rungs/rungs/domain"
)

// Mine returns the job seeker's own candidate.
func (s *Candidates) Mine(ctx context.Context, pr Principal) (domain.Candidate, error) {
	if err := s.policy.Authorize(pr, ActionMyCandidate, Object{}); err != nil {
		return domain.Candidate{}, err
	}
	c, err := s.store.ByOwner(ctx, pr.UserID)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Candidate{}, domain.Errorf(domain.ErrNotFound, "You have no saved profile yet; PUT /v1/me/candidate creates it.")
	}
	return c, err
}

// PutMine replaces the job seeker's own candidate, or creates it (created
// true) when they have none; replacing needs the precondition.
func (s *Candidates) PutMine(ctx context.Context, pr Principal, pre Precondition, in CandidateInput) (c domain.Candidate, created bool, err error) {
	if err := s.policy.Authorize(pr, ActionMyCandidate, Object{}); err != nil {
		return domain.Candidate{}, false, err
	}
	err = s.tx.InTx(ctx, func(ctx context.Context) error {
		cur, err := s.store.ByOwner(ctx, pr.UserID)
		if errors.Is(err, domain.ErrNotFound) {
			if pre.Present && !pre.Any {
				return errStale
			}
			created = true
			c = domain.Candidate{ID: newID(), OwnerUserID: pr.UserID}
			if err := s.create(ctx, pr, c, in); err != nil {
				return err
			}
			c, err = s.store.ByID(ctx, c.ID, false)
			return err
		}
		if err != nil {
			return err
		}
		if cur, err = s.store.ByID(ctx, cur.ID, true); err != nil {
			return err
		}
		c, err = s.change(ctx, pr, cur, pre, func(domain.Candidate) (CandidateInput, error) { return in, nil })
		return err
	})
	if err != nil && errors.Is(err, domain.ErrConflict) {
		// Two first saves raced: the other one won, so this is now a replace.
		if !pre.Present {
			return domain.Candidate{}, false, errNeedIfMatch
		}
		return domain.Candidate{}, false, errStale
	}
	if err == nil {
		s.forgetCandidate(c.ID)
	}
	return c, created, err
}

// ChangeMine applies edit to the job seeker's own candidate.
func (s *Candidates) ChangeMine(ctx context.Context, pr Principal, pre Precondition, edit Edit) (domain.Candidate, error) {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return domain.Candidate{}, err
	}
	return s.Change(ctx, pr, c.ID, pre, edit)
}

// DeleteMine deletes the job seeker's own candidate with everything about it.
func (s *Candidates) DeleteMine(ctx context.Context, pr Principal, pre Precondition) error {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return err
	}
	return s.Delete(ctx, pr, c.ID, pre)
}

// Consents returns the consent record of the job seeker's own candidate.
func (s *Candidates) Consents(ctx context.Context, pr Principal) ([]domain.ConsentRecord, error) {
	c, err := s.Mine(ctx, pr)
	if err != nil {
		return nil, err
	}
	return s.store.Consents(ctx, c.ID)
}
