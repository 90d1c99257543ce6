package build

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders tmp and out in one step (renameat2 with
// RENAME_EXCHANGE): at every moment out names a complete site, the old one
// or the new one. It returns errNoExchange where the file system does not
// support it.
func exchange(tmp, out string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	return err
}

// mountPoint reports whether the folder dir is the root of a mount (a
// Docker volume, a bind mount), which no rename can replace.
func mountPoint(dir string) (bool, error) {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_BASIC_STATS, &st); err != nil {
		if errors.Is(err, unix.ENOSYS) {
			return otherDevice(dir)
		}
		return false, err
	}
	if st.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 {
		return st.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0, nil
	}
	return otherDevice(dir) // kernels before 5.8
}
