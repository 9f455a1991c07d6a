package api

import (
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/service"
)

const principalContextKey = "rungs.principal"

const (
	challenge        = `Bearer realm="rungs"`
	challengeInvalid = `Bearer realm="rungs", error="invalid_token"`
)

var errBadAuthorization = domain.Errorf(domain.ErrUnauthorized, `Send credentials as "Authorization: Bearer <access token or API key>".`)

// authenticate turns "Authorization: Bearer <access token>" or "Bearer
// rk_..." into the request's Principal, in the Echo context (principalOf) and
// in the request context (service.PrincipalFrom), with the request id beside
// it. No header means anonymous; a credential that does not verify is a 401
// at once, never a silent downgrade to anonymous. Only /v1 paths read the
// header, so that a scraper's own credentials on /metrics are not judged,
// and /v1/auth/* paths do not: they authenticate with the body, and a
// frontend that attaches its expired access token to every call must still
// be able to refresh it or log in again.
// Every 401 leaves with a WWW-Authenticate challenge.
func (s *server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		ctx := service.WithRequestID(req.Context(), requestID(c))
		ctx = service.WithRequestMeta(ctx, service.RequestMeta{ClientIP: c.RealIP(), UserAgent: req.UserAgent()})
		pr := service.Anonymous
		if h := req.Header.Get(echo.HeaderAuthorization); h != "" && readsCredentials(req.URL.Path) {
			p, err := s.principalFromHeader(c, h)
			if err != nil {
				if errors.Is(err, domain.ErrUnauthorized) {
					c.Response().Header().Set(echo.HeaderWWWAuthenticate, challengeInvalid)
				}
				return err
			}
			pr = p
		}
		c.Set(principalContextKey, pr)
		c.SetRequest(req.WithContext(service.WithPrincipal(ctx, pr)))
		err := next(c)
		if err != nil && errors.Is(err, domain.ErrUnauthorized) && c.Response().Header().Get(echo.HeaderWWWAuthenticate) == "" {
			c.Response().Header().Set(echo.HeaderWWWAuthenticate, challenge)
		}
		return err
	}
}

func readsCredentials(path string) bool {
	return strings.HasPrefix(path, "/v1/") && !strings.HasPrefix(path, "/v1/auth/")
}

func (s *server) principalFromHeader(c echo.Context, h string) (service.Principal, error) {
	scheme, cred, ok := strings.Cut(h, " ")
	cred = strings.TrimSpace(cred)
	if !ok || !strings.EqualFold(scheme, "Bearer") || cred == "" || len(cred) > 4096 || s.deps.Auth == nil {
		return service.Principal{}, errBadAuthorization
	}
	if strings.HasPrefix(cred, domain.APIKeySecretPrefix) {
		return s.deps.APIKeys.Authenticate(c.Request().Context(), cred)
	}
	return s.deps.Auth.VerifyAccessToken(c.Request().Context(), cred)
}

// principalOf returns the caller of the request: a user, an API key or Anonymous.
func principalOf(c echo.Context) service.Principal {
	if p, ok := c.Get(principalContextKey).(service.Principal); ok {
		return p
	}
	return service.Anonymous
}

// authorize asks the policy whether the caller may do action on obj. Every
// handler that needs a caller calls it before it reads or writes anything.
func (s *server) authorize(c echo.Context, action service.Action, obj service.Object) error {
	return s.deps.Policy.Authorize(principalOf(c), action, obj)
}
