package service

import (
	"errors"
	"testing"

	"github.com/rungs/rungs/domain"
)

func TestPolicy(t *testing.T) {
	const orgX, orgY, userA, userB = "org-x", "org-y", "user-a", "user-b"
	var (
		anon   = Anonymous
		seeker = Principal{Kind: PrincipalUser, UserID: userA, Role: RoleJobSeeker}
		recX   = Principal{Kind: PrincipalUser, UserID: "rec-x", Role: RoleRecruiter, OrgID: orgX}
		recY   = Principal{Kind: PrincipalUser, UserID: "rec-y", Role: RoleRecruiter, OrgID: orgY}
		admin  = Principal{Kind: PrincipalUser, UserID: "adm", Role: RoleAdmin}
		keyX   = Principal{Kind: PrincipalAPIKey, KeyID: "k", OrgID: orgX, Scopes: domain.Scopes}
		keyXro = Principal{Kind: PrincipalAPIKey, KeyID: "k2", OrgID: orgX, Scopes: []string{domain.ScopeCandidatesRead}}
		keyY   = Principal{Kind: PrincipalAPIKey, KeyID: "k3", OrgID: orgY, Scopes: domain.Scopes}
		forged = Principal{Kind: "superuser", UserID: "x", Role: RoleAdmin}
	)
	ownCandidate := Object{Type: ObjectCandidate, ID: "c1", OwnerID: userA}
	orgCandidate := Object{Type: ObjectCandidate, ID: "c2", OrgID: orgX}
	sharedCandidate := Object{Type: ObjectCandidate, ID: "c3", OwnerID: userB, Shared: true}
	privateCandidate := Object{Type: ObjectCandidate, ID: "c4", OwnerID: userB}

	const ok, unauth, forbid, missing = "ok", "401", "403", "404"
	cases := []struct {
		name   string
		pr     Principal
		action Action
		obj    Object
		want   string
	}{
		{"anonymous is asked to sign in", anon, ActionMeRead, Object{}, unauth},
		{"an unknown principal kind is refused", forged, ActionOrgCreate, Object{}, unauth},
		{"an unknown action is refused", admin, Action("org:delete"), Object{}, forbid},
		{"audit-only actions are no permission", admin, ActionSignup, Object{}, forbid},
		{"job seeker reads me", seeker, ActionMeRead, Object{}, ok},
		{"key has no me", keyX, ActionMeRead, Object{}, forbid},
		{"admin creates organisations", admin, ActionOrgCreate, Object{}, ok},
		{"recruiter does not", recX, ActionOrgCreate, Object{}, forbid},
		{"recruiter reads own organisation", recX, ActionOrgRead, OrganisationObject(orgX), ok},
		{"recruiter does not see another organisation", recY, ActionOrgRead, OrganisationObject(orgX), missing},
		{"job seeker's role never reads organisations", seeker, ActionOrgRead, OrganisationObject(orgX), forbid},
		{"admin reads any organisation", admin, ActionOrgRead, OrganisationObject(orgY), ok},
		{"only admins invite", recX, ActionOrgInvite, OrganisationObject(orgX), forbid},
		{"recruiter creates own organisation's keys", recX, ActionAPIKeyCreate, OrganisationObject(orgX), ok},
		{"recruiter does not see another's keys", recY, ActionAPIKeyList, OrganisationObject(orgX), missing},
		{"keys never manage keys", keyX, ActionAPIKeyRevoke, APIKeyObject(orgX, "k"), forbid},
		{"admin authors frameworks", admin, ActionFrameworkAuthor, FrameworkObject("community-management"), ok},
		{"recruiter does not author frameworks", recX, ActionFrameworkAuthor, FrameworkObject("community-management"), forbid},
		{"key does not author frameworks", keyX, ActionFrameworkAuthor, FrameworkObject("community-management"), forbid},
		{"owner reads own candidate", seeker, ActionCandidateRead, ownCandidate, ok},
		{"another job seeker does not see it", Principal{Kind: PrincipalUser, UserID: userB, Role: RoleJobSeeker}, ActionCandidateRead, ownCandidate, missing},
		{"job seeker does not see a shared one either", seeker, ActionCandidateRead, sharedCandidate, missing},
		{"recruiter reads a shared candidate", recY, ActionCandidateRead, sharedCandidate, ok},
		{"recruiter cannot change a shared candidate", recY, ActionCandidateWrite, sharedCandidate, missing},
		{"recruiter does not see a private one", recX, ActionCandidateRead, privateCandidate, missing},
		{"recruiter writes own organisation's candidate", recX, ActionCandidateWrite, orgCandidate, ok},
		{"key reads own organisation's candidate", keyXro, ActionCandidateRead, orgCandidate, ok},
		{"key lacking the scope is forbidden", keyXro, ActionCandidateWrite, orgCandidate, forbid},
		{"scope is checked before ownership", keyXro, ActionAssessmentWrite, privateCandidate, forbid},
		{"key of another organisation does not see it", keyY, ActionCandidateRead, orgCandidate, missing},
		{"admins do not read candidates", admin, ActionCandidateRead, ownCandidate, forbid},
		{"key searches with the scope", keyX, ActionCandidateSearch, Object{}, ok},
		{"key without it does not", keyXro, ActionCandidateSearch, Object{}, forbid},
		{"job seekers do not search", seeker, ActionCandidateSearch, Object{}, forbid},
	}
	p := NewPolicy()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := p.Authorize(tc.pr, tc.action, tc.obj)
			got := ok
			switch {
			case err == nil:
			case errors.Is(err, domain.ErrUnauthorized):
				got = unauth
			case errors.Is(err, domain.ErrForbidden):
				got = forbid
			case errors.Is(err, domain.ErrNotFound):
				got = missing
			default:
				t.Fatalf("uncategorised error %v", err)
			}
			if got != tc.want {
				t.Fatalf("got %s (%v), want %s", got, err, tc.want)
			}
		})
	}
}

func TestEveryPolicyActionHasARule(t *testing.T) {
	for _, a := range []Action{
		ActionMeRead, ActionMeUpdate, ActionOrgCreate, ActionOrgRead, ActionOrgInvite,
		ActionAPIKeyCreate, ActionAPIKeyList, ActionAPIKeyRevoke, ActionFrameworkAuthor,
		ActionCandidateRead, ActionCandidateWrite, ActionAssessmentRead, ActionAssessmentWrite, ActionCandidateSearch,
	} {
		r, ok := rules[a]
		if !ok || len(r.roles) == 0 {
			t.Fatalf("%s has no rule", a)
		}
		if r.scope != "" && !domain.ValidScope(r.scope) {
			t.Fatalf("%s needs unknown scope %s", a, r.scope)
		}
	}
}
