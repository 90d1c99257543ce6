package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionLine(t *testing.T) {
	vcs := func(kv ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{}
		for i := 0; i+1 < len(kv); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return info
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build information", nil, "casebook " + version},
		{"built with -buildvcs=false", vcs("GOOS", "linux", "-trimpath", "true"), "casebook " + version},
		{"clean checkout", vcs("vcs", "git", "vcs.revision", "996dc93d1a2b3c4d5e6f708192a3b4c5d6e7f809", "vcs.time", "2026-11-30T10:00:00Z", "vcs.modified", "false"),
			"casebook " + version + " (commit 996dc93d1a2b, 2026-11-30T10:00:00Z)"},
		{"changed work tree", vcs("vcs.revision", "996dc93d1a2b3c4d5e6f708192a3b4c5d6e7f809", "vcs.modified", "true"),
			"casebook " + version + " (commit 996dc93d1a2b, modified)"},
		{"short revision", vcs("vcs.revision", "abc"), "casebook " + version + " (commit abc)"},
	}
	for _, tt := range tests {
		if got := versionLine(tt.info); got != tt.want {
			t.Errorf("%s: versionLine = %q; want %q", tt.name, got, tt.want)
		}
	}
}
