package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

// version is the release of casebook this source is: raised when a release
// is made (semantic versioning; before 1.0, a minor release may change the
// content format, and the release notes say how). `casebook version` prints
// it with the commit the binary was built from, when the Go toolchain
// recorded one.
const version = "0.1.0"

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "", "Print the release and the commit the binary was built from", stdout, stderr)
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionLine(info))
	return exitOK
}

// versionLine is what `casebook version` prints: "casebook 0.1.0", followed,
// when the binary carries them (go build in a git checkout, without
// -buildvcs=false), by the commit, its time and whether the work tree had
// changes: "casebook 0.1.0 (commit 996dc93d1a2b, 2026-11-30T10:00:00Z,
// modified)". info may be nil (a binary without build information).
func versionLine(info *debug.BuildInfo) string {
	s := "casebook " + version
	if info == nil {
		return s
	}
	var rev, at string
	modified := false
	for _, kv := range info.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.time":
			at = kv.Value
		case "vcs.modified":
			modified = kv.Value == "true"
		}
	}
	if rev == "" {
		return s
	}
	s += " (commit " + rev[:min(len(rev), 12)]
	if at != "" {
		s += ", " + at
	}
	if modified {
		s += ", modified"
	}
	return s + ")"
}
