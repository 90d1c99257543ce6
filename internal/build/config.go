package build

import (
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/render"
)

// overlay lays the configuration overlay of Options.Config, when there is
// one, over cfg (content.Overlay), reporting its problems in diags.
func (b *Build) overlay(cfg *content.Config, diags *diag.List) *content.Config {
	if b.opt.Config == "" {
		return cfg
	}
	name := b.opt.Config
	src, err := readConfig(b.opt.Config)
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: name}, "cannot read the configuration overlay: %v", err).
			WithHint("give -config the path of a YAML file with the fields of site.yaml to change"))
		return cfg
	}
	cfg, more := content.Overlay(cfg, name, src)
	diags.Add(more...)
	return cfg
}

// readConfig reads a configuration overlay: a regular file (a named pipe
// would hang the build) of at most content.MaxConfigSize bytes; a larger
// one is read one byte over, for Overlay to report.
func readConfig(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, unwrapPath(err)
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("it is not a regular file")
	}
	return io.ReadAll(io.LimitReader(f, content.MaxConfigSize+1))
}

// unwrapPath drops the path and the operation from an *fs.PathError: the
// message names the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkRoot checks the site's root/ folder as content.CheckTree does
// templates/ and static/, and refuses what would take the place of the
// marker of the output folder or of what a build keeps there (.git).
func checkRoot(site fs.FS, diags *diag.List) bool {
	ok := content.CheckTree(site, render.RootDir, content.MaxStaticSize, diags)
	for _, n := range append([]string{Marker}, AlwaysKept...) {
		name := render.RootDir + "/" + n
		if _, err := fs.Stat(site, name); err != nil {
			continue
		}
		d := diag.Errorf(diag.Pos{File: name}, "the build keeps the output folder's own %s", n)
		if n == Marker {
			d = diag.Errorf(diag.Pos{File: name}, "the build writes %s itself: it marks the output folder as made by casebook", n)
		}
		diags.Add(d.WithHint("remove %s", name))
		ok = false
	}
	return ok
}
