//go:build unix

package build

import (
	"os"
	"path/filepath"
	"syscall"
)

// otherDevice reports whether dir is on another device than its parent,
// that is the root of a mount.
func otherDevice(dir string) (bool, error) {
	a, err := os.Lstat(dir)
	if err != nil {
		return false, err
	}
	b, err := os.Stat(filepath.Dir(dir))
	if err != nil {
		return false, err
	}
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && sa.Dev != sb.Dev, nil
}
