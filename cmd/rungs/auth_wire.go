package main

import (
	"context"
	"fmt"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/service"
)

// jwtSecretSetting is where a generated signing secret is kept.
const jwtSecretSetting = "jwt_secret"

// authServices are the account, organisation and key use cases on one database.
type authServices struct {
	auth    *service.Auth
	users   *service.Users
	orgs    *service.Orgs
	apiKeys *service.APIKeys
	policy  *service.Policy
}

// wireAuth builds the auth services. Without RUNGS_JWT_SECRET the signing
// secret is generated at the first start and kept in the database, so that
// every process behind a load balancer, and every restart, signs alike.
func wireAuth(ctx context.Context, cfg config, db *repository.DB) (authServices, error) {
	secret := cfg.JWTSecret
	if secret == "" {
		var err error
		secret, err = repository.NewSettings(db).GetOrCreate(ctx, jwtSecretSetting, func() (string, error) {
			return service.GenerateSecret(), nil
		})
		if err != nil {
			return authServices{}, fmt.Errorf("access token secret: %w", err)
		}
	}
	audit := service.NewAudit(repository.NewAuditLog(db), nil)
	users, orgs := repository.NewUsers(db), repository.NewOrganisations(db)
	ptokens := repository.NewPasswordTokens(db)
	auth, err := service.NewAuth(service.AuthConfig{
		Secret:      []byte(secret),
		AccessTTL:   cfg.AccessTokenTTL,
		RefreshTTL:  cfg.RefreshTokenTTL,
		MaxFailures: cfg.LoginMaxFailures,
		Lockout:     cfg.LoginLockout,
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
