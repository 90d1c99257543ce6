package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/casebook/casebook/internal/sitetest"
)

// TestBuildStatsAndProfiles runs build -stats -cpuprofile -memprofile.
func TestBuildStatsAndProfiles(t *testing.T) {
	site := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.out"), filepath.Join(dir, "mem.out")
	code, stdout, stderr := runCLI("build", "-site", site, "-stats", "-cpuprofile", cpu, "-memprofile", mem)
	if code != 0 {
		t.Fatalf("exit code = %d; want 0\nstderr: %s", code, stderr)
	}
	if !regexp.MustCompile(`^built 2 cases`).MatchString(stdout) {
		t.Errorf("stdout = %q; want the summary", stdout)
	}
	want := `(?s)^ *stage +time +allocs +alloc MB *\n *load +\d+\.\d{3}s +\d+ +\d+\.\d *\n *parse .*\n *commits .*\n *resolve .*\n *render .*\n *swap .*\n *total .*\n` +
		`6 content files loaded, 6 bodies parsed; \d+ files written \(\d+\.\d MB\), \d+\.\d{3}s in WriteFile summed over \d+ workers\n$`
	if !regexp.MustCompile(want).MatchString(stderr) {
		t.Errorf("stderr = %q; want match for %q", stderr, want)
	}
	for _, f := range []string{cpu, mem} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("profile %s not written: %v", f, err)
		}
	}
	code, _, stderr = runCLI("build", "-site", site, "-cpuprofile", filepath.Join(dir, "no", "such", "cpu.out"))
	if code != exitUsage || !regexp.MustCompile(`casebook build: open .*cpu.out`).MatchString(stderr) {
		t.Errorf("unwritable profile: exit code %d, stderr %q; want 2 and an error", code, stderr)
	}
}
