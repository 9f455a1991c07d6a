package api

import (
	"io/fs"
	"net/http"

	"github.com/labstack/echo/v4"
	echoSwagger "github.com/swaggo/echo-swagger"
	swaggerFiles "github.com/swaggo/files/v2"

	"github.com/rungs/rungs/openapi"
)

// docsCSP lets Swagger UI run its inline bootstrap script and styles, all
// served from this origin, and nothing else.
const docsCSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// registerDocs serves the API description and Swagger UI at /docs/.
func registerDocs(e *echo.Echo) {
	spec, err := openapi.JSON()
	e.GET("/openapi.json", openAPIJSON(spec, err))
	e.GET("/openapi.yaml", openAPIYAML(openapi.YAML()))
	// echoSwagger.URL would add to its defaults (doc.json, doc.yaml), which
	// this server does not have: replace them.
	ui := echoSwagger.EchoWrapHandler(func(c *echoSwagger.Config) { c.URLs = []string{"/openapi.json"} })
	toIndex := func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/docs/index.html") }
	e.GET("/docs", toIndex, withDocsCSP)
	e.GET("/docs/", toIndex, withDocsCSP)
	e.GET("/docs/*", onlyUIFiles(ui), withDocsCSP)
}

// onlyUIFiles lets Swagger UI's handler answer its page and its own files;
// any other name is this server's problem+json 404. Left alone it answers
// doc.json with a 500 (this server keeps its description at /openapi.json)
// and unknown names with a plain-text 404.
func onlyUIFiles(ui echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if name := c.Param("*"); name != "index.html" {
			if st, err := fs.Stat(swaggerFiles.FS, name); err != nil || st.IsDir() {
				return echo.ErrNotFound
			}
		}
		return ui(c)
	}
}

// openAPIJSON godoc
//
//	@Summary		API description (JSON)
//	@Description	This OpenAPI 3.0 document as JSON; Swagger UI at /docs/ reads it.
//	@Tags			operations
//	@Produce		json
//	@Success		200	{object}	object	"OpenAPI 3.0 document"
//	@Router			/openapi.json [get]
func openAPIJSON(spec []byte, err error) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err != nil {
			return err
		}
		return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, spec)
	}
}

// openAPIYAML godoc
//
//	@Summary		API description (YAML)
//	@Description	This OpenAPI 3.0 document as committed in openapi/openapi.yaml.
//	@Tags			operations
//	@Produce		application/yaml
//	@Success		200	{object}	object	"OpenAPI 3.0 document"
//	@Router			/openapi.yaml [get]
func openAPIYAML(doc []byte) echo.HandlerFunc {
	return func(c echo.Context) error { return c.Blob(http.StatusOK, "application/yaml", doc) }
}

func withDocsCSP(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Content-Security-Policy", docsCSP)
		return next(c)
	}
}
