package site

import "github.com/casebook/casebook/internal/content"

// Commit is a version-control commit that changed a content file, when the
// site is built from a git checkout. The build reads them; Resolve leaves
// it zero when none is known.
type Commit struct {
	Hash string       // the full hash
	Date content.Date // the committer date, YYYY-MM-DD
}

// IsZero reports whether the commit is unknown.
func (c Commit) IsZero() bool { return c.Hash == "" }

// Short returns the first seven characters of the hash, the abbreviation
// readers see.
func (c Commit) Short() string { return c.Hash[:min(len(c.Hash), 7)] }

// History is what git knows of a content file: the commit that added it
// (the oldest that lists it) and the last that changed it.
type History struct {
	Added, Last Commit
}
