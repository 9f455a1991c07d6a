package service

import (
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/rungs/rungs/domain"
)

const tokenIssuer = "rungs"

// accessClaims are the access token's payload: sub, role, org, exp, iat, jti.
type accessClaims struct {
	Role string `json:"role"`
	Org  string `json:"org,omitempty"`
	jwt.RegisteredClaims
}

// signAccess returns a signed access token for u and when it expires.
func (a *Auth) signAccess(u domain.User) (string, time.Time, error) {
	now := a.now().UTC().Truncate(time.Second)
	exp := now.Add(a.cfg.AccessTTL)
	claims := accessClaims{
		Role: u.Role,
		Org:  u.OrganisationID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    tokenIssuer,
			Subject:   u.ID,
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
			ID:        newID(),
		},
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(a.cfg.Secret)
	return s, exp, err
}

var errBadAccessToken = domain.Errorf(domain.ErrUnauthorized, "The access token is invalid or has expired.")

// VerifyAccessToken checks an access token's signature (HS256 only: "none"
// and every other algorithm are refused), issuer and lifetime, and returns
// the user principal it names.
func (a *Auth) VerifyAccessToken(token string) (Principal, error) {
	var c accessClaims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return a.cfg.Secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(tokenIssuer),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(a.now),
	)
	if err != nil {
		return Principal{}, errBadAccessToken
	}
	if _, perr := uuid.Parse(c.Subject); perr != nil || !domain.ValidRole(c.Role) {
		return Principal{}, errBadAccessToken
	}
	if (c.Role == domain.RoleRecruiter) != (c.Org != "") {
		return Principal{}, errBadAccessToken
	}
	return Principal{Kind: PrincipalUser, UserID: c.Subject, Role: c.Role, OrgID: c.Org}, nil
}
