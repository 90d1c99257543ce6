package build

// This file keeps paths of the output folder across a build: .git, always
// (an output folder kept as a git worktree of a gh-pages branch), and the
// paths of site.yaml's keep:. They are linked into the new site's temp
// folder before the swap, so that the swap stays one atomic exchange and a
// build that fails or is stopped leaves the output as it was.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/casebook/casebook/internal/content"
)

// AlwaysKept are the paths of the output folder every build keeps.
var AlwaysKept = []string{".git"}

// keptPaths returns the paths of the output folder a build of a site with
// the configuration cfg keeps: AlwaysKept and cfg's keep:.
func keptPaths(cfg *content.Config) []string {
	out := slices.Clone(AlwaysKept)
	if cfg != nil {
		for _, k := range cfg.Keep {
			if !slices.Contains(out, k.Value) {
				out = append(out, k.Value)
			}
		}
	}
	return out
}

// keep puts in tmp, the new site, each of the paths of out (slash paths)
// that out has, as hard links to out's files (copies where the file system
// cannot link): out itself is not changed, and once tmp has taken its
// place, the kept files are the same files, not copies of them. A path the
// build wrote itself is an error (render's checkPlan refuses such a keep:
// item first).
func (b *Build) keep(out, tmp string, paths []string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	for _, k := range paths {
		src, ok, err := insidePath(out, k)
		if err != nil {
			return fmt.Errorf("keeping %s of the output folder: %w", k, err)
		}
		if !ok {
			continue
		}
		dst := filepath.Join(tmp, filepath.FromSlash(k))
		if _, err := os.Lstat(dst); err == nil {
			return fmt.Errorf("keeping %s of the output folder: the build wrote %s itself", k, k)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := linkTree(src, dst); err != nil {
			return fmt.Errorf("keeping %s of the output folder: %w", k, err)
		}
	}
	b.step("keep: linked")
	return nil
}

// insidePath returns the file path of the slash path k below dir, and
// whether it exists. A folder on the way that is a symbolic link is an
// error: what it points to is not the output folder's to keep.
func insidePath(dir, k string) (string, bool, error) {
	p := dir
	parts := strings.Split(k, "/")
	for i, part := range parts {
		p = filepath.Join(p, part)
		st, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return "", false, nil
		}
		if err != nil {
			return "", false, err
		}
		if i < len(parts)-1 && st.Mode()&fs.ModeSymlink != 0 {
			return "", false, fmt.Errorf("%s is a symbolic link", strings.Join(parts[:i+1], "/"))
		}
	}
	return p, true, nil
}

// linkTree recreates the file or folder src at dst: folders are made
// anew (with src's permissions, set once filled), regular files hard
// linked (copied where linking fails), symbolic links made again. Other
// files (sockets, named pipes: git's fsmonitor leaves one) hold no data
// and are left out.
func linkTree(src, dst string) error {
	type dir struct {
		path string
		perm fs.FileMode
	}
	var dirs []dir
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.IsDir():
			info, err := d.Info()
			if err != nil {
				return err
			}
			dirs = append(dirs, dir{target, info.Mode().Perm()})
			return os.Mkdir(target, 0o700)
		case d.Type().IsRegular():
			if os.Link(p, target) == nil {
				return nil
			}
			return copyFile(p, target)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- { // the deepest first
		if err := os.Chmod(dirs[i].path, dirs[i].perm); err != nil {
			return err
		}
	}
	return nil
}

// copyFile copies the regular file src to the new file dst, with its
// permissions.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, st.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
