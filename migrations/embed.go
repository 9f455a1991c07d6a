// Package migrations embeds the versioned SQL migrations. The sqlite/ and
// postgres/ folders hold the same version numbers; a shipped file is never
// edited, a new one is added.
package migrations

import "embed"

// FS holds sqlite/*.sql and postgres/*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS
