package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/casebook/casebook/internal/sitetest"
)

// bigSite writes the base site plus n generated cases and returns its folder.
func bigSite(t *testing.T, n int) string {
	t.Helper()
	var ar strings.Builder
	for i := range n {
		fmt.Fprintf(&ar, "-- content/cases/gen-%d.md --\n%s", i, strings.ReplaceAll(sitetest.CaseX, "x-1", fmt.Sprintf("gen-%d-src", i)))
	}
	return sitetest.WriteDir(t, sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), ar.String()))
}

// builtSite builds the command and a site of 1,500 cases once, and returns
// the binary, the site, its output folder and what that holds.
func builtSite(t *testing.T) (bin, site, out string, before map[string][]byte) {
	t.Helper()
	bin = filepath.Join(t.TempDir(), "casebook")
	if b, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	site = bigSite(t, 1500)
	out = filepath.Join(site, "public")
	if b, err := exec.Command(bin, "build", "-site", site).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	return bin, site, out, sitetest.ReadTree(t, out)
}

// signalWhileWriting starts builds of site until one is caught writing
// its temp folder, sends it sig and returns its stderr and how it ended;
// it fails t after five builds that finished first.
func signalWhileWriting(t *testing.T, bin, site string, sig os.Signal) (stderr string, err error) {
	t.Helper()
	for range 5 {
		cmd := exec.Command(bin, "build", "-site", site)
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
	poll:
		for {
			select {
			case <-done: // finished before we caught it: try again
				break poll
			default:
			}
			if tmps, _ := filepath.Glob(filepath.Join(site, ".casebook-tmp-*", "cases")); len(tmps) > 0 {
				cmd.Process.Signal(sig)
				err := <-done
				return errOut.String(), err
			}
		}
	}
	t.Fatalf("could not catch a build while it was writing to send it %v", sig)
	return "", nil
}

// TestKillMidBuild kills a build while it writes its temp folder and checks
// that the previous output is intact, and that the next build removes the
// stale temp folder and succeeds.
func TestKillMidBuild(t *testing.T) {
	bin, site, out, before := builtSite(t)
	if stderr, err := signalWhileWriting(t, bin, site, syscall.SIGKILL); err == nil {
		t.Fatalf("the killed build succeeded\n%s", stderr)
	}
	if after := sitetest.ReadTree(t, out); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Fatal("a killed build changed the previous output")
	}
	if tmps, _ := filepath.Glob(filepath.Join(site, ".casebook-tmp-*")); len(tmps) == 0 {
		t.Fatal("the killed build left no temp folder (was it killed while writing?)")
	}
	if b, err := exec.Command(bin, "build", "-site", site).CombinedOutput(); err != nil {
		t.Fatalf("build after the kill: %v\n%s", err, b)
	}
	if tmps, _ := filepath.Glob(filepath.Join(site, ".casebook-*")); len(tmps) > 0 {
		t.Errorf("stale folders remain after the next build: %v", tmps)
	}
}

// TestBuildLeavesSiteFoldersAlone checks that building never creates,
// changes or deletes anything in content/, templates/ or static/.
func TestBuildLeavesSiteFoldersAlone(t *testing.T) {
	site := sitetest.WriteDir(t, sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), `
-- templates/page.html --
{{define "main"}}<h1>{{.Free.Title}}</h1>{{.Body}}{{end}}
-- static/extra.txt --
x
`))
	snapshot := func() map[string][]byte {
		all := map[string][]byte{}
		for _, d := range []string{"content", "templates", "static"} {
			for k, v := range sitetest.ReadTree(t, filepath.Join(site, d)) {
				all[d+"/"+k] = v
			}
		}
		return all
	}
	before := snapshot()
	for _, args := range [][]string{{"build", "-site", site}, {"build", "-site", site}, {"check", "-site", site}} {
		if code, _, stderr := runCLI(args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
	}
	os.WriteFile(filepath.Join(site, "content/cases/ds-2017.md"), []byte("---\nbroken\n"), 0o644)
	before["content/cases/ds-2017.md"] = []byte("---\nbroken\n")
	runCLI("build", "-site", site)
	if after := snapshot(); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Error("a build changed the site's own folders")
	}
}

// TestTermMidBuild sends SIGTERM (what a CI runner or a container stop
// sends) to a build while it writes its temp folder: the build stops as on
// Ctrl-C, fails, leaves the previous output as it was and removes its temp
// folder.
func TestTermMidBuild(t *testing.T) {
	bin, site, out, before := builtSite(t)
	stderr, err := signalWhileWriting(t, bin, site, syscall.SIGTERM)
	ee, ok := err.(*exec.ExitError)
	if !ok {
		t.Fatalf("the build went on after SIGTERM: %v\n%s", err, stderr)
	}
	if ws, _ := ee.Sys().(syscall.WaitStatus); ws.Signaled() {
		t.Fatalf("SIGTERM killed the build (%v) instead of stopping it\n%s", ws.Signal(), stderr)
	}
	if after := sitetest.ReadTree(t, out); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Fatal("a stopped build changed the previous output")
	}
	if tmps, _ := filepath.Glob(filepath.Join(site, ".casebook-tmp-*")); len(tmps) > 0 {
		t.Errorf("the stopped build left its temp folder: %v", tmps)
	}
}
