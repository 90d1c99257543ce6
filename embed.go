// Package casebook holds the default theme of the Casebook site generator:
// the templates and static files every site starts from. A site overrides any
// file by putting its own at the same path (templates/case.html, static/style.css).
//
//	theme := casebook.Theme()
//	data, _ := fs.ReadFile(theme, "templates/base.html")
//
// It also holds the built-in archetypes, the files casebook new writes
// (archetypes/case.md, entity.md, page.md), which a site's own
// archetypes/ folder overrides in the same way.
//
// The generator itself lives in cmd/casebook and internal/.
package casebook

import (
	"embed"
	"io/fs"
)

//go:embed templates static
var theme embed.FS

// Theme returns the default theme: a read-only file system with templates/
// and static/ at its root.
func Theme() fs.FS { return theme }

//go:embed archetypes
var archetypes embed.FS

// Archetypes returns the built-in archetypes: a read-only file system with
// archetypes/case.md, archetypes/entity.md and archetypes/page.md.
func Archetypes() fs.FS { return archetypes }
