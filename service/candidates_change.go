package service

import (
	"context"
	"strconv"

	"github.com/rungs/rungs/domain"
)

// Change replaces a candidate's content with what edit returns from the
// current one, if the precondition still holds.
func (s *Candidates) Change(ctx context.Context, pr Principal, id string, pre Precondition, edit Edit) (domain.Candidate, error) {
	if err := s.policy.Permits(pr, ActionCandidateWrite); err != nil {
		return domain.Candidate{}, err
	}
	var out domain.Candidate
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		c, err := s.store.ByID(ctx, id, true)
		if err != nil {
			return err
		}
		out, err = s.change(ctx, pr, c, pre, edit)
		return err
	})
	if err == nil {
		// Again after the commit: a read racing it may have cached the old visibility.
		s.forgetCandidate(id)
	}
	return out, err
}

func (s *Candidates) change(ctx context.Context, pr Principal, c domain.Candidate, pre Precondition, edit Edit) (domain.Candidate, error) {
	if err := s.authorizeWrite(pr, ActionCandidateWrite, c); err != nil {
		return domain.Candidate{}, err
	}
	if err := pre.check(c); err != nil {
		return domain.Candidate{}, err
	}
	in, err := edit(c)
	if err != nil {
		return domain.Candidate{}, err
	}
	before, version := c.Visibility, c.Version
	if err := s.apply(ctx, &c, in); err != nil {
		return domain.Candidate{}, err
	}
	c.Version, c.UpdatedAt = c.Version+1, s.now().UTC()
	ok, err := s.store.Update(ctx, c, version)
	if err != nil {
		return domain.Candidate{}, err
	}
	if !ok {
		return domain.Candidate{}, errStale
	}
	if err := s.recordConsent(ctx, pr, c, before); err != nil {
		return domain.Candidate{}, err
	}
	if err := s.emitChange(ctx, c, before); err != nil {
		return domain.Candidate{}, err
	}
	if c.Visibility != before {
		s.forgetCandidate(c.ID)
		if before == domain.VisibilityRecruiters && s.onHide != nil {
			if err := s.onHide(ctx, c.ID, "user:"+c.OwnerUserID); err != nil {
				return domain.Candidate{}, err
			}
		}
	}
	if err := s.audit.Record(ctx, Entry(pr, ActionCandidateWrite, ObjectCandidate, c.ID)); err != nil {
		return domain.Candidate{}, err
	}
	return s.store.ByID(ctx, c.ID, false)
}

// Delete removes a candidate with everything about it, if the precondition holds.
func (s *Candidates) Delete(ctx context.Context, pr Principal, id string, pre Precondition) error {
	if err := s.policy.Permits(pr, ActionCandidateWrite); err != nil {
		return err
	}
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		c, err := s.store.ByID(ctx, id, true)
		if err != nil {
			return err
		}
		return s.remove(ctx, pr, c, pre)
	})
	if err == nil {
		s.forgetCandidate(id)
	}
	return err
}

func (s *Candidates) remove(ctx context.Context, pr Principal, c domain.Candidate, pre Precondition) error {
	if err := s.authorizeWrite(pr, ActionCandidateWrite, c); err != nil {
		return err
	}
	if err := pre.check(c); err != nil {
		return err
	}
	if err := s.erase(ctx, c); err != nil {
		return err
	}
	ok, err := s.store.Delete(ctx, c.ID, c.Version)
	if err != nil {
		return err
	}
	if !ok {
		return errStale
	}
	return s.audit.Record(ctx, Entry(pr, ActionCandidateDelete, ObjectCandidate, ""))
}

// emitChange records candidate.updated for the candidate's organisation and,
// when the person changed who may see their profile,
// candidate.visibility_changed for every organisation that assessed it.
func (s *Candidates) emitChange(ctx context.Context, c domain.Candidate, before string) error {
	if c.OrganisationID != "" {
		ev := newEvent(domain.EventCandidateUpdated, c.OrganisationID, c.ID, c.UpdatedAt, map[string]string{"version": strconv.Itoa(c.Version)})
		if err := s.emit(ctx, ev); err != nil {
			return err
		}
	}
	if c.Visibility == before {
		return nil
	}
	return s.emitToMakers(ctx, domain.EventCandidateVisibilityChanged, c, map[string]string{"visibility": c.Visibility})
}
