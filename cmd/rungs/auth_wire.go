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
}

// wireAuth builds the auth services, with the signing secrets from
// signingSecrets.
func wireAuth(ctx context.Context, cfg config, db *repository.DB, log *slog.Logger) (authServices, error) {
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
	return authServices{
		auth:    auth,
		users:   service.NewUsers(auth),
		orgs:    service.NewOrgs(db, orgs, users, ptokens, audit, nil),
		apiKeys: service.NewAPIKeys(db, repository.NewAPIKeys(db), orgs, audit, nil),
		policy:  service.NewPolicy(),
	}, nil
}
