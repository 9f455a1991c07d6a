package api

import (
	"encoding/json"
	"fmt"

	"github.com/rungs/rungs/domain"
)

// frameworkMatrixRows are the framework endpoints: reads are public, the
// authoring lifecycle is for admins. The authoring rows run in order on the
// default framework: the admin opens draft 2026.2, puts every part back
// unchanged, publishes it and retires 2026.1.
func frameworkMatrixRows() []matrixRow {
	f, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		panic(err)
	}
	doc := frameworkDocument(f)
	partBody := func(name string, v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		return fmt.Sprintf(`{%q:%s}`, name, b)
	}
	const base = "/v1/frameworks/community-management"
	const draft = base + "/2026.2"
	get := func(path string) func(*matrix, caller) (string, string) {
		return func(*matrix, caller) (string, string) { return path, "" }
	}
	send := func(path, body string) func(*matrix, caller) (string, string) {
		return func(*matrix, caller) (string, string) { return path, body }
	}
	return []matrixRow{
		{route: "GET /v1/frameworks", want: every(200), request: get("/v1/frameworks")},
		{route: "GET /v1/frameworks/:slug", want: every(200), request: get(base)},
		{route: "GET /v1/frameworks/:slug/:version", want: every(200), request: get(base + "/" + f.Version)},
		{route: "GET /v1/competencies", want: every(200), request: get("/v1/competencies")},
		{route: "GET /v1/competencies/:slug", want: every(200), request: get("/v1/competencies/" + f.Competencies[0].Slug)},
		{route: "GET /v1/levels", want: every(200), request: get("/v1/levels")},
		{route: "GET /v1/levels/:slug", want: every(200), request: get("/v1/levels/" + f.Levels[0].Slug)},
		{route: "GET /v1/ladder", want: every(200), request: get("/v1/ladder")},
		{route: "GET /v1/backgrounds", want: every(200), request: get("/v1/backgrounds")},
		{route: "GET /v1/backgrounds/:slug", want: every(200), request: get("/v1/backgrounds/" + f.Backgrounds[0].Slug)},
		{route: "GET /v1/actions", want: every(200), request: get("/v1/actions")},
		{route: "POST /v1/frameworks/:slug/drafts", want: adminOnly(201), request: send(base+"/drafts", "")},
		{route: "PUT /v1/frameworks/:slug/:version/competencies", want: adminOnly(200), request: send(draft+"/competencies", partBody("competencies", doc.Competencies))},
		{route: "PUT /v1/frameworks/:slug/:version/levels", want: adminOnly(200), request: send(draft+"/levels", partBody("levels", doc.Levels))},
		{route: "PUT /v1/frameworks/:slug/:version/backgrounds", want: adminOnly(200), request: send(draft+"/backgrounds", partBody("backgrounds", doc.Backgrounds))},
		{route: "PUT /v1/frameworks/:slug/:version/actions", want: adminOnly(200), request: send(draft+"/actions", partBody("actions", doc.Actions))},
		{route: "POST /v1/frameworks/:slug/:version/publish", want: adminOnly(200), request: send(draft+"/publish", "")},
		{route: "POST /v1/frameworks/:slug/:version/retire", want: adminOnly(200), request: send(base+"/"+f.Version+"/retire", "")},
	}
}
