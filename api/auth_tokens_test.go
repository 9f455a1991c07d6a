package api

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// sign makes an access token with claims, method and key of the test's choosing.
func sign(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTokensThatDoNotVerifyAre401(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	email := s.email("ada")
	id := s.signup(email)
	good := s.login(email)
	claims := func(mod func(jwt.MapClaims)) jwt.MapClaims {
		now := time.Now()
		c := jwt.MapClaims{"iss": "rungs", "sub": id, "role": "job_seeker", "iat": now.Unix(), "exp": now.Add(time.Minute).Unix(), "jti": uuid.NewString()}
		if mod != nil {
			mod(c)
		}
		return c
	}
	b64 := base64.RawURLEncoding.EncodeToString
	parts := strings.Split(good.AccessToken, ".")
	tamperedPayload := b64([]byte(fmt.Sprintf(`{"iss":"rungs","sub":%q,"role":"admin","exp":%d,"iat":%d,"jti":"x"}`, id, time.Now().Add(time.Hour).Unix(), time.Now().Unix())))

	revokedID, revokedKey := "", ""
	{
		admin := s.admin()
		org := s.org(admin, "Acme")
		revokedID, revokedKey = s.key(admin, org, "search")
		s.mustStatus(s.do(http.MethodDelete, "/v1/orgs/"+org+"/api-keys/"+revokedID, admin, ""), http.StatusNoContent)
	}

	cases := []struct{ name, header string }{
		{"no credentials", ""},
		{"empty bearer", "Bearer "},
		{"basic scheme", "Basic YWRhOnB3"},
		{"garbage", "Bearer not-a-token"},
		{"expired", "Bearer " + sign(t, jwt.SigningMethodHS256, []byte(testSecret), claims(func(c jwt.MapClaims) {
			c["iat"], c["exp"] = time.Now().Add(-time.Hour).Unix(), time.Now().Add(-time.Minute).Unix()
		}))},
		{"no expiry", "Bearer " + sign(t, jwt.SigningMethodHS256, []byte(testSecret), claims(func(c jwt.MapClaims) { delete(c, "exp") }))},
		{"issued in the future", "Bearer " + sign(t, jwt.SigningMethodHS256, []byte(testSecret), claims(func(c jwt.MapClaims) { c["iat"] = time.Now().Add(time.Hour).Unix() }))},
		{"wrongly signed", "Bearer " + sign(t, jwt.SigningMethodHS256, []byte("another-secret-another-secret-another"), claims(nil))},
		{"HS512 with the right secret (alg is pinned)", "Bearer " + sign(t, jwt.SigningMethodHS512, []byte(testSecret), claims(nil))},
		{"alg none", "Bearer " + sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims(func(c jwt.MapClaims) { c["role"] = "admin" }))},
		{"alg none, hand-made", "Bearer " + b64([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + "."},
		{"tampered payload", "Bearer " + parts[0] + "." + tamperedPayload + "." + parts[2]},
		{"wrong issuer", "Bearer " + sign(t, jwt.SigningMethodHS256, []byte(testSecret), claims(func(c jwt.MapClaims) { c["iss"] = "elsewhere" }))},
		{"unknown role", "Bearer " + sign(t, jwt.SigningMethodHS256, []byte(testSecret), claims(func(c jwt.MapClaims) { c["role"] = "owner" }))},
		{"refresh token as bearer", "Bearer " + good.RefreshToken},
		{"unknown API key", "Bearer rk_" + strings.Repeat("A", 43)},
		{"short API key", "Bearer rk_abc"},
		{"revoked API key", "Bearer " + revokedKey},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, "/v1/me", nil)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			rec := recorder()
			s.loose.ServeHTTP(rec, req)
			if rec.Code != http.StatusUnauthorized {
				t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			problemOf(t, rec)
			if !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer") {
				t.Fatalf("WWW-Authenticate %q", rec.Header().Get("WWW-Authenticate"))
			}
		})
	}
	// The good token still works, so the refusals above were about the tokens.
	s.mustStatus(s.do(http.MethodGet, "/v1/me", good.AccessToken, ""), http.StatusOK)
}

func TestRefreshTokensRotateAndAreRefusedWhenRevokedOrReused(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	email := s.email("ada")
	s.signup(email)
	refresh := func(token string) *httptestRecorder {
		return s.do(http.MethodPost, "/v1/auth/refresh", "", fmt.Sprintf(`{"refresh_token":%q}`, token))
	}
	first := s.login(email)
	rec := refresh(first.RefreshToken)
	s.mustStatus(rec, http.StatusOK)
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatal("token answer may be cached")
	}
	var second TokenPair
	decode(t, rec, &second)
	if second.RefreshToken == first.RefreshToken || second.TokenType != "Bearer" || second.ExpiresIn < 899 || second.ExpiresIn > 900 {
		t.Fatalf("second pair %+v", second)
	}
	s.mustStatus(s.do(http.MethodGet, "/v1/me", second.AccessToken, ""), http.StatusOK)

	// Reuse of the first refresh token: refused, and the second dies with it.
	for _, tc := range []struct{ name, token string }{{"reused", first.RefreshToken}, {"sibling of a reused one", second.RefreshToken}} {
		rec := refresh(tc.token)
		if rec.Code != http.StatusUnauthorized {
			t.Fatalf("%s: %d", tc.name, rec.Code)
		}
		problemOf(t, rec)
	}
	// Logout revokes.
	third := s.login(email)
	s.mustStatus(s.do(http.MethodPost, "/v1/auth/logout", "", fmt.Sprintf(`{"refresh_token":%q}`, third.RefreshToken)), http.StatusNoContent)
	rec = refresh(third.RefreshToken)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("revoked: %d", rec.Code)
	}
	problemOf(t, rec)
	rec = refresh("never-issued")
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("unknown: %d", rec.Code)
	}
}
