package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// siteFolder checks the -site folder of command cmd before anything reads
// it: it must exist, be a folder and hold content/ (as a folder or not:
// the build reports a content/ that is a link or a file, with its
// position). A mistyped -site is a usage error (exit 2), told as such,
// rather than a missing content/site.yaml (a content error). It prints the
// problem and returns false when there is one.
func siteFolder(cmd, dir string, stderr io.Writer) bool {
	name := fmt.Sprintf("the site folder %q", dir)
	if dir == "." {
		name = "the current folder"
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stderr, "casebook %s: %s does not exist\n    hint: give -site the folder that holds content/site.yaml\n", cmd, name)
		return false
	case err != nil:
		fmt.Fprintf(stderr, "casebook %s: %v\n", cmd, err)
		return false
	case !info.IsDir():
		fmt.Fprintf(stderr, "casebook %s: %s is not a folder\n    hint: give -site the folder that holds content/site.yaml\n", cmd, name)
		return false
	}
	if _, err := os.Lstat(filepath.Join(dir, "content")); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "casebook %s: %s is not a casebook site: it has no content/ folder\n    hint: give -site the folder that holds content/site.yaml, or run casebook in it\n", cmd, name)
		return false
	}
	return true
}
