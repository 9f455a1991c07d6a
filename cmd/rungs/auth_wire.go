package main

import (
	"context"
	"log/slog"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/service"
)

// authServices are the account, organisation and key use cases on one database.
type authServices struct {
	auth    *service.Auth
	users   *service.Users
	orgs    *service.Orgs
	apiKeys *service.APIKeys
	policy  *service.Policy
	// candidates is built here because deleting an account erases the
	// person's profile in the same transaction.
	candidates  *service.Candidates
	idempotency *service.Idempotency
	webhooks    *service.Webhooks
	guard       service.WebhookGuard
	// box seals webhook signing secrets when RUNGS_SECRET_KEY is set.
	box *service.SecretBox
}

// wireAuth builds the auth services, with the signing secrets from
// signingSecrets.
func wireAuth(ctx context.Context, cfg config, db *repository.DB, log *slog.Logger, frameworks service.FrameworkSource) (authServices, error) {
	secret, previous, err := signingSecrets(ctx, cfg, db, log)
	if err != nil {
		return authServices{}, err
	}
	audit := service.NewAudit(repository.NewAuditLog(db), nil)
	users, orgs := repository.NewUsers(db), repository.NewOrganisations(db)
	ptokens := repository.NewPasswordTokens(db)
	auth, err := service.NewAuth(service.AuthConfig{
		Secret:         secret,
		PreviousSecret: previous,
		AccessTTL:      cfg.AccessTokenTTL,
		RefreshTTL:     cfg.RefreshTokenTTL,
		MaxFailures:    cfg.LoginMaxFailures,
		Lockout:        cfg.LoginLockout,
	}, service.AuthStores{
		Tx: db, Users: users, RefreshTokens: repository.NewRefreshTokens(db), PasswordTokens: ptokens,
		LoginFailures: repository.NewLoginFailures(db), Sessions: repository.NewSessions(db), Audit: audit,
	})
	if err != nil {
		return authServices{}, err
	}
	policy := service.NewPolicy()
	svc := authServices{
		auth:    auth,
		policy:  policy,
		orgs:    service.NewOrgs(db, orgs, users, ptokens, audit, nil),
		apiKeys: service.NewAPIKeys(db, repository.NewAPIKeys(db), orgs, audit, nil),
	}
	if frameworks == nil {
		// The command line's account tools: no profile is read or erased.
		svc.users = service.NewUsers(auth)
		return svc, nil
	}
	svc.idempotency = service.NewIdempotency(db, repository.NewIdempotencyKeys(db), nil)
	svc.guard = service.WebhookGuard{AllowPrivate: cfg.WebhookAllowPrivate}
	svc.webhooks = service.NewWebhooks(db, repository.NewWebhooks(db), orgs, audit, policy, svc.guard, nil)
	if cfg.SecretKey != "" {
		if svc.box, err = service.NewSecretBox(cfg.SecretKey, "webhook signing secret"); err != nil {
			return authServices{}, err
		}
		svc.webhooks.UseSecretBox(svc.box)
	}
	svc.candidates = service.NewCandidates(service.CandidatesDeps{
		Tx: db, Store: repository.NewCandidates(db), Orgs: orgs, Audit: audit, AuditLog: repository.NewAuditLog(db),
		Policy: policy, Frameworks: frameworks, OnErase: svc.idempotency.ForgetSubject, OnHide: svc.idempotency.HideSubject,
		Events: svc.webhooks,
	})
	svc.users = service.NewUsers(auth, svc.idempotency, svc.candidates)
	return svc, nil
}
