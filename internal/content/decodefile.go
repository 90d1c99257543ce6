package content

import (
	"fmt"
	"io/fs"
	"path"
	"testing/fstest"

	"github.com/casebook/casebook/internal/diag"
)

// Decode reads src as the content file at slash path p, such as
// "content/cases/x.md", exactly as Load reads a file of a site, and
// returns it with every problem found in it alone: casebook new checks
// with it the file it is about to write. f is nil when src cannot be read
// as a content file at all. p must be in content/cases, content/entities
// or content/pages.
func Decode(p string, src []byte) (*File, diag.List, error) {
	kind := -1
	for k := range kindDirs {
		if path.Dir(p) == Dir(Kind(k)) {
			kind = k
		}
	}
	if kind < 0 {
		return nil, nil, fmt.Errorf("%q is not in a content folder", p)
	}
	// The one-file tree Load's own reading of a file needs (testing/fstest
	// is the standard library's in-memory fs.FS).
	fsys := fstest.MapFS{p: &fstest.MapFile{Data: src, Mode: 0o644}}
	entries, err := fs.ReadDir(fsys, path.Dir(p))
	if err != nil || len(entries) != 1 {
		return nil, nil, fmt.Errorf("reading %q: %v", p, err)
	}
	var diags diag.List
	f := loadFile(fsys, p, entries[0], Kind(kind), &diags, func([]byte) (*File, diag.List, bool) { return nil, nil, false })
	return f, diags, nil
}
