package api

// The general information of the OpenAPI description; `make openapi` reads it
// together with the annotations on every handler. The security definition
// comes last: swag reads every line after it as part of it.
//
//	@title			Rungs API
//	@version		1.0
//	@description	Career paths and skills assessment for community roles: the community career ladder from Community Coordinator to Chief Community Officer, competency scoring that explains every number, and a transfer map from the experience people already have.
//	@description	Errors are application/problem+json (RFC 9457); validation errors list every field by its JSON name. Every answer carries an X-Request-Id header.
//	@BasePath		/
//
//	@tag.name			operations
//	@tag.description	Liveness, readiness, metrics and this API description.
//	@tag.name			frameworks
//	@tag.description	The versioned competency framework: ladder, competencies, backgrounds and development actions.
//	@tag.name			transfer-map
//	@tag.description	Anonymous what-if scoring: how the experience someone already has maps to community roles.
//	@tag.name			auth
//	@tag.description	Sign up, log in, refresh and log out.
//	@tag.name			me
//	@tag.description	The signed-in account.
//	@tag.name			orgs
//	@tag.description	Organisations, their recruiters and their API keys.
//
//	@securityDefinitions.apikey	BearerAuth
//	@in							header
//	@name						Authorization
//	@description				"Bearer <access token>" from /v1/auth/login, or "Bearer rk_..." with an organisation's API key.
//
//	@securityDefinitions.apikey	MetricsToken
//	@in							header
//	@name						Authorization
//	@description				"Bearer " and the server's metrics token (RUNGS_METRICS_TOKEN).
