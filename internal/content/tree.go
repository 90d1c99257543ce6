package content

import (
	"io/fs"
	"path"

	"github.com/casebook/casebook/internal/diag"
)

// Caps on the size of the files a build reads besides the content files
// (MaxFileSize): the site configuration, a template, a static file (the
// largest file Cloudflare Pages publishes).
const (
	MaxConfigSize   = 1 << 20
	MaxTemplateSize = 1 << 20
	MaxStaticSize   = 25 << 20
)

// entryOf returns the directory entry of name as its folder lists it: unlike
// fs.Stat, it tells a symbolic link from what it points to. ok is false
// when name does not exist.
func entryOf(fsys fs.FS, name string) (fs.DirEntry, bool) {
	entries, err := fs.ReadDir(fsys, path.Dir(name))
	if err != nil {
		return nil, false
	}
	base := path.Base(name)
	for _, e := range entries {
		if e.Name() == base {
			return e, true
		}
	}
	return nil, false
}

// CheckFolder reports a folder of the site (content/cases, templates, ...)
// that is a symbolic link or not a folder, so that nothing outside the
// site is read through it. An absent folder is fine. It returns whether the
// folder may be read.
func CheckFolder(fsys fs.FS, name string, diags *diag.List) bool {
	e, ok := entryOf(fsys, name)
	if !ok {
		return true
	}
	switch {
	case e.Type()&fs.ModeSymlink != 0:
		diags.Add(diag.Errorf(diag.Pos{File: name}, "%s is a symbolic link", name).
			WithHint("a site's folders must be real folders inside it; copy the files instead"))
		return false
	case !e.IsDir():
		diags.Add(diag.Errorf(diag.Pos{File: name}, "%s is not a folder", name))
		return false
	}
	return true
}

// CheckFile reports a file the build would read (site.yaml, a template, a
// static file) that is a symbolic link, not a regular file (a named pipe, a
// device, a socket) or larger than max bytes. The message names the file
// and never quotes what it holds or points to. It returns whether the file
// may be read.
func CheckFile(fsys fs.FS, name string, e fs.DirEntry, max int64, diags *diag.List) bool {
	pos := diag.Pos{File: name}
	switch {
	case e.Type()&fs.ModeSymlink != 0:
		diags.Add(diag.Errorf(pos, "%s is a symbolic link", name).
			WithHint("a site's files must be regular files inside it; copy the file instead"))
		return false
	case !e.Type().IsRegular():
		diags.Add(diag.Errorf(pos, "%s is not a regular file", name).
			WithHint("remove it: a site's folders hold regular files only"))
		return false
	}
	info, err := e.Info()
	if err != nil {
		diags.Add(diag.Errorf(pos, "cannot read %s: %v", name, err))
		return false
	}
	if info.Size() > max {
		diags.Add(diag.Errorf(pos, "%s is %d bytes, over the limit of %d", name, info.Size(), max))
		return false
	}
	return true
}

// CheckTree checks every file and folder below the folder root of the site
// (templates, static) as CheckFolder and CheckFile do, with the size cap
// max. It returns whether every one may be read.
func CheckTree(fsys fs.FS, root string, max int64, diags *diag.List) bool {
	if !CheckFolder(fsys, root, diags) {
		return false
	}
	ok := true
	fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil || name == root {
			return nil // an absent folder is an empty one
		}
		if d.IsDir() {
			return nil // WalkDir lists a symbolic link as one, and does not follow it
		}
		ok = CheckFile(fsys, name, d, max, diags) && ok
		return nil
	})
	return ok
}
