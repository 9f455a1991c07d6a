package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/rungs/rungs/domain"
)

const tokenIssuer = "rungs"

// accessClaims are the access token's payload: sub, role, org, sid (the
// session), exp, iat, jti.
type accessClaims struct {
	Role    string `json:"role"`
	Org     string `json:"org,omitempty"`
	Session string `json:"sid"`
	jwt.RegisteredClaims
}

// signingKey is one HS256 secret and the id tokens name it by.
type signingKey struct {
	id     string
	secret []byte
}

// KeyID is the public name of a signing secret in a token's "kid" header:
// the start of a SHA-256 of it, which tells keys apart without revealing them.
func KeyID(secret []byte) string {
	sum := sha256.Sum256(append([]byte("rungs-kid:"), secret...))
	return hex.EncodeToString(sum[:8])
}

// signAccess returns a signed access token for u in session sid and when it expires.
func (a *Auth) signAccess(u domain.User, sid string) (string, time.Time, error) {
	now := a.now().UTC().Truncate(time.Second)
	exp := now.Add(a.cfg.AccessTTL)
	claims := accessClaims{
		Role:    u.Role,
		Org:     u.OrganisationID,
		Session: sid,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    tokenIssuer,
			Subject:   u.ID,
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
			ID:        newID(),
		},
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	tok.Header["kid"] = a.keys[0].id
	s, err := tok.SignedString(a.keys[0].secret)
	return s, exp, err
}

var errBadAccessToken = domain.Errorf(domain.ErrUnauthorized, "The access token is invalid or has expired.")

// keyFor picks the secret a token names by kid: the current one or, during a
// rotation, the previous one. A token without a known kid does not verify.
func (a *Auth) keyFor(t *jwt.Token) (any, error) {
	kid, _ := t.Header["kid"].(string)
	for _, k := range a.keys {
		if k.id == kid {
			return k.secret, nil
		}
	}
	return nil, errBadAccessToken
}

// VerifyAccessToken checks an access token's signature (HS256 only: "none"
// and every other algorithm are refused), key id, issuer and lifetime, then
// that its session is live and its user still exists with the same role and
// organisation, and returns the user principal it names.
func (a *Auth) VerifyAccessToken(ctx context.Context, token string) (Principal, error) {
	var c accessClaims
	_, err := jwt.ParseWithClaims(token, &c, a.keyFor,
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
	if _, perr := uuid.Parse(c.Session); perr != nil {
		return Principal{}, errBadAccessToken
	}
	if (c.Role == domain.RoleRecruiter) != (c.Org != "") {
		return Principal{}, errBadAccessToken
	}
	if err := a.guard.Check(ctx, c.Session, c.Subject, c.Role, c.Org); err != nil {
		return Principal{}, err
	}
	return Principal{Kind: PrincipalUser, UserID: c.Subject, Role: c.Role, OrgID: c.Org, SessionID: c.Session}, nil
}
