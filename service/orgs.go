package service

import (
	"context"
	"errors"
	"time"

	"github.com/rungs/rungs/domain"
)

// Orgs manages organisations and their members.
type Orgs struct {
	tx     Transactor
	orgs   OrganisationStore
	users  UserStore
	tokens PasswordTokenStore
	audit  *Audit
	now    func() time.Time
}

// NewOrgs returns the organisation service; now may be nil.
func NewOrgs(tx Transactor, orgs OrganisationStore, users UserStore, tokens PasswordTokenStore, audit *Audit, now func() time.Time) *Orgs {
	if now == nil {
		now = time.Now
	}
	return &Orgs{tx: tx, orgs: orgs, users: users, tokens: tokens, audit: audit, now: now}
}

// Create makes an organisation named name.
func (s *Orgs) Create(ctx context.Context, pr Principal, name string) (domain.Organisation, error) {
	verr := &domain.ValidationError{}
	name = checkName(verr, "name", name, domain.MaxOrganisationNameLength)
	if err := verr.OrNil(); err != nil {
		return domain.Organisation{}, err
	}
	now := s.now().UTC()
	o := domain.Organisation{ID: newID(), Name: name, CreatedAt: now, UpdatedAt: now}
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.orgs.Create(ctx, o); err != nil {
			return err
		}
		return s.audit.Record(ctx, Entry(pr, ActionOrgCreate, ObjectOrganisation, o.ID))
	})
	return o, err
}

// Get returns the organisation with id.
func (s *Orgs) Get(ctx context.Context, id string) (domain.Organisation, error) {
	return s.orgs.ByID(ctx, id)
}

// Invitation is a new member and the one-time token with which they choose
// a password; the token is shown once and only its hash is kept.
type Invitation struct {
	User             domain.User
	SetPasswordToken string
	ExpiresAt        time.Time
}

// InviteRecruiter creates a recruiter account in organisation orgID,
// without a password, and a set-password token for it.
func (s *Orgs) InviteRecruiter(ctx context.Context, pr Principal, orgID, email, displayName string) (Invitation, error) {
	norm, name, err := checkAccount(email, displayName)
	if err != nil {
		return Invitation{}, err
	}
	now := s.now().UTC()
	u := domain.User{ID: newID(), Email: norm, DisplayName: name, Role: domain.RoleRecruiter, OrganisationID: orgID, CreatedAt: now, UpdatedAt: now}
	raw := randomToken(32)
	t := domain.PasswordToken{ID: newID(), UserID: u.ID, TokenHash: hashToken(raw), ExpiresAt: now.Add(PasswordTokenTTL), CreatedAt: now}
	err = s.tx.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.orgs.ByID(ctx, orgID); err != nil {
			return err
		}
		if err := s.users.Create(ctx, u); err != nil {
			if errors.Is(err, domain.ErrConflict) {
				return domain.Errorf(domain.ErrConflict, "An account with this email already exists.")
			}
			return err
		}
		if err := s.tokens.Create(ctx, t); err != nil {
			return err
		}
		return s.audit.Record(ctx, Entry(pr, ActionOrgInvite, ObjectUser, u.ID))
	})
	if err != nil {
		return Invitation{}, err
	}
	return Invitation{User: u, SetPasswordToken: raw, ExpiresAt: t.ExpiresAt}, nil
}
