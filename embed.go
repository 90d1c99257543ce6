// Package casebook holds the default theme of the Casebook site generator:
// the templates and static files every site starts from. A site overrides any
// file by putting its own at the same path (templates/case.html, static/style.css).
//
//	theme := casebook.Theme()
//	data, _ := fs.ReadFile(theme, "templates/base.html")
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
