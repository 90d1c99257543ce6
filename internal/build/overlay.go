package build

import (
	"errors"
	"io/fs"
	"slices"
)

// overlay is a read-only file system that serves files from top when they
// exist there and from bottom otherwise; directory listings are merged. It
// lays a site's own templates/ and static/ over the embedded default theme.
type overlay struct {
	top, bottom fs.FS
}

// Open opens a file of top, else of bottom; a folder is bottom's, or
// top's when bottom has none (a site's root/).
func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err != nil {
		return o.bottom.Open(name)
	}
	st, serr := f.Stat()
	if serr == nil && !st.IsDir() {
		return f, nil
	}
	b, berr := o.bottom.Open(name)
	if berr != nil && errors.Is(berr, fs.ErrNotExist) && serr == nil {
		return f, nil
	}
	f.Close()
	return b, berr
}

// ReadDir merges both directories, top first on equal names.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.top, name)
	b, errB := fs.ReadDir(o.bottom, name)
	if errA != nil && errB != nil {
		return nil, errB
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range slices.Concat(a, b) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y fs.DirEntry) int {
		switch {
		case x.Name() < y.Name():
			return -1
		case x.Name() > y.Name():
			return 1
		}
		return 0
	})
	if len(out) == 0 && errors.Is(errA, fs.ErrNotExist) && errB != nil {
		return nil, errB
	}
	return out, nil
}

// emptyFS has no file: the site's theme when its files may not be read.
type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}
