package service

import (
	"github.com/rungs/rungs/domain"
)

// Action names what a principal wants to do; the policy decides.
type Action string

// Actions the policy knows. Anything else is refused.
//
// Users (me): every signed-in user, on their own account (read, change,
// delete, list and end their sessions). ActionUserSignOut, ending every
// session of another user, is for admins only.
// Organisations: admins create them and invite recruiters; recruiters read
// their own organisation. API keys: recruiters of the organisation and admins
// create, list and revoke them; keys never manage keys.
// Frameworks: ActionFrameworkAuthor (drafts, edits, publish, retire) is for
// admins only; reading published frameworks is public and needs no check.
// Candidates and assessments (for the features that add them): the owning
// job seeker, the owning organisation's recruiters and keys with the scope,
// and for reads also recruiters and keys when the candidate shares with
// recruiters; admins do not read candidates.
const (
	ActionMeRead          Action = "me:read"
	ActionMeUpdate        Action = "me:update"
	ActionMeDelete        Action = "me:delete"
	ActionUserSignOut     Action = "user:sign_out"
	ActionOrgCreate       Action = "org:create"
	ActionOrgRead         Action = "org:read"
	ActionOrgInvite       Action = "org:invite"
	ActionAPIKeyCreate    Action = "api_key:create"
	ActionAPIKeyList      Action = "api_key:list"
	ActionAPIKeyRevoke    Action = "api_key:revoke"
	ActionFrameworkAuthor Action = "framework:author"
	ActionCandidateRead   Action = "candidate:read"
	ActionCandidateWrite  Action = "candidate:write"
	ActionAssessmentRead  Action = "assessment:read"
	ActionAssessmentWrite Action = "assessment:write"
	ActionCandidateSearch Action = "candidate:search"
	// ActionCandidateCreate and ActionCandidateList are an organisation's
	// own candidates: its recruiters, and its keys with the scope.
	ActionCandidateCreate Action = "candidate:create"
	ActionCandidateList   Action = "candidate:list"
	// ActionMyCandidate is a job seeker's own profile under /v1/me/candidate.
	ActionMyCandidate Action = "me:candidate"
	// ActionScorecardWrite is a recruiter's or a key's interview scorecard
	// on a candidate their organisation may see.
	ActionScorecardWrite Action = "scorecard:write"
	// ActionCandidateExport streams an organisation's candidates out.
	ActionCandidateExport Action = "candidate:export"
	// ActionWebhookManage registers, lists, rotates, tests and deletes an
	// organisation's webhooks and reads their deliveries.
	ActionWebhookManage Action = "webhook:manage"
)

// Actions recorded in the audit log that need no policy decision (the
// caller proves who they are by the request itself).
const (
	ActionSignup         Action = "auth:signup"
	ActionSetPassword    Action = "auth:set_password"
	ActionPasswordChange Action = "me:password"
	ActionAdminCreate    Action = "admin:create"
	// ActionCandidateDelete is recorded when a candidate is deleted (the
	// policy decides it as ActionCandidateWrite).
	ActionCandidateDelete Action = "candidate:delete"
)

// Object types.
const (
	ObjectUser         = "user"
	ObjectOrganisation = "organisation"
	ObjectAPIKey       = "api_key"
	ObjectFramework    = "framework"
	ObjectCandidate    = "candidate"
	ObjectAssessment   = "assessment"
)

// Object is what an action touches, with what the policy needs to know about
// its ownership. For an object named by the URL alone (an organisation id)
// the policy decides before it is loaded, so that refusals never depend on
// whether it exists.
type Object struct {
	Type    string
	ID      string
	OrgID   string
	OwnerID string
	// Shared is a candidate's consent to be seen by recruiters.
	Shared bool
}

// OrganisationObject is an organisation, or something inside it.
func OrganisationObject(id string) Object {
	return Object{Type: ObjectOrganisation, ID: id, OrgID: id}
}

// APIKeyObject is one key of an organisation.
func APIKeyObject(orgID, keyID string) Object {
	return Object{Type: ObjectAPIKey, ID: keyID, OrgID: orgID}
}

// FrameworkObject is a framework by slug.
func FrameworkObject(slug string) Object { return Object{Type: ObjectFramework, ID: slug} }

// ownership says how an object must relate to the caller.
type ownership int

const (
	ownNone ownership = iota
	// ownOrg: the object is in the caller's organisation.
	ownOrg
	// ownCandidateRead: the caller owns it, its organisation does, or it is shared.
	ownCandidateRead
	// ownCandidateWrite: the caller owns it or its organisation does.
	ownCandidateWrite
)

type rule struct {
	roles []string
	// scope is what an API key needs; "" means keys may not.
	scope string
	own   ownership
}

var rules = map[Action]rule{
	ActionMeRead:          {roles: []string{RoleJobSeeker, RoleRecruiter, RoleAdmin}},
	ActionMeUpdate:        {roles: []string{RoleJobSeeker, RoleRecruiter, RoleAdmin}},
	ActionMeDelete:        {roles: []string{RoleJobSeeker, RoleRecruiter, RoleAdmin}},
	ActionUserSignOut:     {roles: []string{RoleAdmin}},
	ActionOrgCreate:       {roles: []string{RoleAdmin}},
	ActionOrgRead:         {roles: []string{RoleRecruiter, RoleAdmin}, own: ownOrg},
	ActionOrgInvite:       {roles: []string{RoleAdmin}},
	ActionAPIKeyCreate:    {roles: []string{RoleRecruiter, RoleAdmin}, own: ownOrg},
	ActionAPIKeyList:      {roles: []string{RoleRecruiter, RoleAdmin}, own: ownOrg},
	ActionAPIKeyRevoke:    {roles: []string{RoleRecruiter, RoleAdmin}, own: ownOrg},
	ActionFrameworkAuthor: {roles: []string{RoleAdmin}},
	ActionCandidateRead:   {roles: []string{RoleJobSeeker, RoleRecruiter}, scope: domain.ScopeCandidatesRead, own: ownCandidateRead},
	ActionCandidateWrite:  {roles: []string{RoleJobSeeker, RoleRecruiter}, scope: domain.ScopeCandidatesWrite, own: ownCandidateWrite},
	ActionAssessmentRead:  {roles: []string{RoleJobSeeker, RoleRecruiter}, scope: domain.ScopeAssessmentsRead, own: ownCandidateRead},
	// Any organisation that may see a candidate may assess it (with its own scorecards).
	ActionAssessmentWrite: {roles: []string{RoleJobSeeker, RoleRecruiter}, scope: domain.ScopeAssessmentsWrite, own: ownCandidateRead},
	ActionCandidateSearch: {roles: []string{RoleRecruiter}, scope: domain.ScopeSearch},
	ActionCandidateCreate: {roles: []string{RoleRecruiter}, scope: domain.ScopeCandidatesWrite, own: ownOrg},
	ActionCandidateList:   {roles: []string{RoleRecruiter}, scope: domain.ScopeCandidatesRead, own: ownOrg},
	ActionMyCandidate:     {roles: []string{RoleJobSeeker}},
	ActionCandidateExport: {roles: []string{RoleRecruiter}, scope: domain.ScopeCandidatesRead, own: ownOrg},
	ActionScorecardWrite:  {roles: []string{RoleRecruiter}, scope: domain.ScopeScorecardsWrite, own: ownCandidateRead},
	ActionWebhookManage:   {roles: []string{RoleRecruiter, RoleAdmin}, scope: domain.ScopeWebhooks, own: ownOrg},
}

// Policy is the one place that decides who may do what. Handlers ask it
// before they act; it holds no state, so its zero value is ready to use.
type Policy struct{}

// NewPolicy returns the policy.
func NewPolicy() *Policy { return &Policy{} }

// Authorize returns nil when pr may do action on obj; otherwise
// domain.ErrUnauthorized when nobody is signed in, domain.ErrForbidden when
// the role or the key's scopes never allow the action, and domain.ErrNotFound
// when the object belongs to someone else, so that ids of others never leak.
// Role and scope are checked before ownership for the same reason.
func (p *Policy) Authorize(pr Principal, action Action, obj Object) error {
	if err := p.Permits(pr, action); err != nil {
		return err
	}
	if pr.Kind == PrincipalUser && pr.Role == RoleAdmin {
		return nil
	}
	if !owns(pr, rules[action].own, obj) {
		return domain.Errorf(domain.ErrNotFound, "%s not found", objectName(obj.Type))
	}
	return nil
}

// Permits is Authorize without the object: whether pr's role or key scope
// ever allows action. Callers that must refuse before they load anything
// (so that the answer never depends on whether the object exists) ask it
// first.
func (*Policy) Permits(pr Principal, action Action) error {
	if !pr.Authenticated() {
		return domain.Errorf(domain.ErrUnauthorized, "Sign in, or send an API key, to do this.")
	}
	r, ok := rules[action]
	if !ok {
		return domain.Errorf(domain.ErrForbidden, "Nobody may do this.")
	}
	switch pr.Kind {
	case PrincipalAPIKey:
		if r.scope == "" {
			return domain.Errorf(domain.ErrForbidden, "API keys may not do this; sign in as a user.")
		}
		if !pr.HasScope(r.scope) {
			return domain.Errorf(domain.ErrForbidden, "This API key lacks the %s scope.", r.scope)
		}
	case PrincipalUser:
		if !roleIn(pr.Role, r.roles) {
			return domain.Errorf(domain.ErrForbidden, "Your role may not do this.")
		}
	default:
		return domain.Errorf(domain.ErrForbidden, "Nobody may do this.")
	}
	return nil
}

func roleIn(role string, roles []string) bool {
	for _, r := range roles {
		if r == role {
			return true
		}
	}
	return false
}

func owns(pr Principal, own ownership, obj Object) bool {
	sameOrg := pr.OrgID != "" && obj.OrgID == pr.OrgID
	ownsIt := pr.Kind == PrincipalUser && pr.UserID != "" && obj.OwnerID == pr.UserID
	shared := obj.Shared && (pr.Kind == PrincipalAPIKey || pr.Role == RoleRecruiter)
	switch own {
	case ownNone:
		return true
	case ownOrg:
		return sameOrg
	case ownCandidateRead:
		return ownsIt || sameOrg || shared
	case ownCandidateWrite:
		return ownsIt || sameOrg
	}
	return false
}

func objectName(t string) string {
	switch t {
	case ObjectAPIKey:
		return "API key"
	case "":
		return "resource"
	}
	return t
}
