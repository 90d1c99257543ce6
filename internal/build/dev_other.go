//go:build !unix

package build

// otherDevice cannot tell a mount point outside Unix; a swap into one then
// fails with the system's error, after rendering.
func otherDevice(dir string) (bool, error) { return false, nil }
