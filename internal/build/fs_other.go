//go:build !linux

package build

// exchange is not available outside Linux: the swap falls back to two
// renames (see swap).
func exchange(tmp, out string) error { return errNoExchange }

func mountPoint(dir string) (bool, error) { return otherDevice(dir) }
