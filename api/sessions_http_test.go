package api

import (
	"fmt"
	"net/http"
	"testing"
)

func TestMySessionsListRevokeAllAndDeleteMe(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	email := s.email("ada")
	s.signup(email)
	phone := s.login(email)
	rec := s.do(http.MethodPost, "/v1/auth/login", "", fmt.Sprintf(`{"email":%q,"password":%q}`, email, testPassword))
	s.mustStatus(rec, http.StatusOK)
	var laptop TokenPair
	decode(t, rec, &laptop)

	var list SessionList
	rec = s.do(http.MethodGet, "/v1/me/sessions", laptop.AccessToken, "")
	s.mustStatus(rec, http.StatusOK)
	decode(t, rec, &list)
	if len(list.Data) != 2 {
		t.Fatalf("%d sessions, want 2: %s", len(list.Data), rec.Body.String())
	}
	current := 0
	for _, se := range list.Data {
		if se.Current {
			current++
		}
		if se.ID == "" || se.CreatedAt.IsZero() || se.LastUsedAt.Before(se.CreatedAt) {
			t.Fatalf("session %+v", se)
		}
	}
	if current != 1 || !list.Data[0].Current {
		t.Fatalf("the newest session (this one) should be the one current: %+v", list.Data)
	}
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("Cache-Control %q", rec.Header().Get("Cache-Control"))
	}

	// Sign out everywhere: both tokens and both refresh tokens stop working.
	s.mustStatus(s.do(http.MethodPost, "/v1/me/sessions/revoke-all", laptop.AccessToken, ""), http.StatusNoContent)
	for _, p := range []TokenPair{phone, laptop} {
		rec := s.do(http.MethodGet, "/v1/me", p.AccessToken, "")
		s.mustStatus(rec, http.StatusUnauthorized)
		problemOf(t, rec)
		s.mustStatus(s.do(http.MethodPost, "/v1/auth/refresh", "", fmt.Sprintf(`{"refresh_token":%q}`, p.RefreshToken)), http.StatusUnauthorized)
	}

	// An admin signs a user out everywhere; an unknown user is 404.
	admin := s.admin()
	again := s.login(email)
	var me User
	decode(t, s.do(http.MethodGet, "/v1/me", again.AccessToken, ""), &me)
	s.mustStatus(s.do(http.MethodPost, "/v1/users/"+me.ID+"/sessions/revoke-all", admin, ""), http.StatusNoContent)
	s.mustStatus(s.do(http.MethodGet, "/v1/me", again.AccessToken, ""), http.StatusUnauthorized)
	s.mustStatus(s.do(http.MethodPost, "/v1/users/0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b7a/sessions/revoke-all", admin, ""), http.StatusNotFound)
	s.mustStatus(s.do(http.MethodPost, "/v1/users/not-an-id/sessions/revoke-all", admin, ""), http.StatusNotFound)

	// Delete the account: the token is refused, no row keeps the id or the
	// email, and the email can sign up anew.
	last := s.login(email)
	if got := tablesHolding(t, s.db, me.ID); len(got) == 0 {
		t.Fatal("the account id is in no table before the deletion: the search proves nothing")
	}
	s.mustStatus(s.do(http.MethodDelete, "/v1/me", last.AccessToken, ""), http.StatusNoContent)
	for _, needle := range []string{me.ID, email} {
		if got := tablesHolding(t, s.db, needle); len(got) > 0 {
			t.Fatalf("after DELETE /v1/me, %q is still in %v", needle, got)
		}
	}
	s.mustStatus(s.do(http.MethodGet, "/v1/me", last.AccessToken, ""), http.StatusUnauthorized)
	s.mustStatus(s.do(http.MethodPost, "/v1/auth/login", "", fmt.Sprintf(`{"email":%q,"password":%q}`, email, testPassword)), http.StatusUnauthorized)
	fresh := s.signup(email)
	if fresh == me.ID {
		t.Fatal("the deleted account came back")
	}
	s.login(email)
}
