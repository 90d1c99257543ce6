package build_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestMain runs the tests, or, in the process that TestKillInSwap starts,
// one build that kills itself at a given step of its swap or clean-up.
func TestMain(m *testing.M) {
	if at := os.Getenv("CASEBOOK_TEST_KILL_AT"); at != "" {
		b := build.New(build.Options{SiteDir: os.Getenv("CASEBOOK_TEST_SITE"), Once: true})
		if os.Getenv("CASEBOOK_TEST_TWO_RENAMES") != "" {
			build.UseTwoRenames(b)
		}
		build.SetStepHook(b, func(step string) {
			if strings.HasPrefix(step, at) {
				p, _ := os.FindProcess(os.Getpid())
				p.Kill() // SIGKILL: no deferred clean-up runs
				select {}
			}
		})
		_, err := b.WriteDir(context.Background(), os.Getenv("CASEBOOK_TEST_OUT"))
		fmt.Fprintf(os.Stderr, "the build was not killed at %q: %v\n", at, err)
		os.Exit(3)
	}
	os.Exit(m.Run())
}

// TestKillInSwap kills a build between the steps of its swap and of its
// clean-up of stale folders, and checks what a reader finds in the output
// folder then, after the next build that fails on a content error, and
// after the next good build: a whole site at every point (but between the
// two renames of the fallback swap, where the next build puts the old site
// back), and no stale folder once a build has run. The output folder is a
// git worktree with a path of keep: in it: at every point, they are there
// as they were.
func TestKillInSwap(t *testing.T) {
	tests := []struct {
		name, at   string
		twoRenames bool
		stale      bool   // stale folders are there before the killed build
		afterKill  string // "old", "new" or "none": the output right after the kill
	}{
		{"kept linked", "keep: linked", false, false, "old"},
		{"kept linked, two renames", "keep: linked", true, false, "old"},
		{"exchanged", "swap: exchanged", false, false, "new"},
		{"moved aside", "swap: moved aside", true, false, "none"},
		{"renamed", "swap: renamed", true, false, "new"},
		{"first removal", "clean: removed", false, true, "old"},
		{"first removal, two renames", "clean: removed", true, true, "old"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, keptSiteYAML)
			out := filepath.Join(dir, "public")
			if res, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), out); err != nil || !res.OK() {
				t.Fatalf("first build: %v %v", err, res.Diags)
			}
			writeKept(t, out)
			trees := map[string]map[string][]byte{"old": sitetest.ReadTree(t, out), "none": nil}
			casePath := filepath.Join(dir, "content/cases/ds-2017.md")
			good, _ := os.ReadFile(casePath)
			os.WriteFile(casePath, bytes.Replace(good, []byte("title: "), []byte("title: Changed "), 1), 0o644)
			other := filepath.Join(t.TempDir(), "other")
			if res, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), other); err != nil || !res.OK() {
				t.Fatalf("build of the new site: %v %v", err, res.Diags)
			}
			trees["new"] = sitetest.ReadTree(t, other)
			maps.Copy(trees["new"], keptFiles)
			if maps.EqualFunc(trees["old"], trees["new"], bytes.Equal) {
				t.Fatal("the edit changed nothing")
			}
			if tt.stale {
				for _, n := range []string{".casebook-tmp-a", ".casebook-old-b"} {
					os.MkdirAll(filepath.Join(dir, n, "cases"), 0o755)
				}
			}

			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "CASEBOOK_TEST_KILL_AT="+tt.at, "CASEBOOK_TEST_SITE="+dir, "CASEBOOK_TEST_OUT="+out)
			if tt.twoRenames {
				cmd.Env = append(cmd.Env, "CASEBOOK_TEST_TWO_RENAMES=1")
			}
			b, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != -1 {
				t.Fatalf("the build was not killed: %v\n%s", err, b)
			}
			check := func(when, want string) {
				t.Helper()
				got := map[string][]byte(nil)
				if _, err := os.Stat(out); err == nil {
					got = sitetest.ReadTree(t, out)
				}
				if !maps.EqualFunc(got, trees[want], bytes.Equal) {
					t.Errorf("%s: the output is not the %s site (%d files)", when, want, len(got))
				}
			}
			check("after the kill", tt.afterKill)
			if tt.twoRenames || tt.stale {
				if left, _ := filepath.Glob(filepath.Join(dir, ".casebook-*")); len(left) == 0 {
					t.Error("the kill left nothing to clean up (was the build killed where it should be?)")
				}
			}

			// A build that fails on a content error keeps (or puts back)
			// a whole site and cleans up.
			os.WriteFile(casePath, []byte("---\ntitle: [unclosed\n---\n"), 0o644)
			if res, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), out); err != nil || res.OK() {
				t.Fatalf("the broken build: %v, ok=%v", err, err == nil && res.OK())
			}
			want := tt.afterKill
			if want == "none" {
				want = "old"
			}
			check("after a failed build", want)
			if left, _ := filepath.Glob(filepath.Join(dir, ".casebook-*")); len(left) > 0 {
				t.Errorf("stale folders remain after the next build: %v", left)
			}

			// The next good build keeps them too.
			os.WriteFile(casePath, good, 0o644)
			if res, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), out); err != nil || !res.OK() {
				t.Fatalf("the next good build: %v %v", err, res.Diags)
			}
			check("after the next good build", "old")
		})
	}
}

// keptSiteYAML is a site.yaml with a keep: list, for the tests of the
// paths a build keeps in the output folder.
const keptSiteYAML = `
-- content/site.yaml --
title: Test Casebook
base_url: https://example.org/sub/
publisher: Test Editors
keep:
  - notes
  - nested/deep/file.txt
`

// keptFiles are the files writeKept puts in an output folder: a git
// worktree's and those of keptSiteYAML's keep:.
var keptFiles = map[string][]byte{
	".git/HEAD":                []byte("ref: refs/heads/gh-pages\n"),
	".git/objects/ab/cdef0123": []byte("a git object"),
	".git/refs/heads/gh-pages": []byte("0123456789abcdef\n"),
	"notes/todo.txt":           []byte("kept"),
	"notes/sub/more.txt":       []byte("kept too"),
	"nested/deep/file.txt":     []byte("deep"),
}

// writeKept writes keptFiles into out; the git object is read-only, as
// git makes them.
func writeKept(t *testing.T, out string) {
	t.Helper()
	for name, data := range keptFiles {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if strings.Contains(name, "objects") {
			mode = 0o444
		}
		if err := os.WriteFile(p, data, mode); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSwapNeverMissing reads the output folder while builds replace it: a
// web server serving it must never find a page missing.
func TestSwapNeverMissing(t *testing.T) {
	dir := writeSite(t, "")
	out := filepath.Join(dir, "public")
	b := build.New(build.Options{SiteDir: dir})
	if _, err := b.WriteDir(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	var reads, misses atomic.Int64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil {
				misses.Add(1)
			}
			reads.Add(1)
		}
	}()
	for range 10 {
		if res, err := b.WriteDir(context.Background(), out); err != nil || !res.OK() {
			t.Fatalf("build: %v", err)
		}
	}
	close(stop)
	<-done
	if misses.Load() > 0 {
		t.Errorf("index.html was missing in %d of %d reads during 10 swaps", misses.Load(), reads.Load())
	}
}

// TestSecondBuildWaits holds the output's lock as a running build does: a
// second build into the same place says it waits, does not touch anything
// until the lock is free, then builds; stopped while waiting, it fails with
// nothing changed.
func TestSecondBuildWaits(t *testing.T) {
	dir := writeSite(t, "")
	out := filepath.Join(dir, "public")
	unlock, err := build.LockDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	// A temp folder of the running build: the waiting one must leave it.
	running := filepath.Join(dir, ".casebook-tmp-running")
	os.MkdirAll(running, 0o755)

	waiting := make(chan struct{})
	b := build.New(build.Options{SiteDir: dir, Waiting: func() { close(waiting) }})
	done := make(chan error, 1)
	go func() {
		res, err := b.WriteDir(context.Background(), out)
		if err == nil && !res.OK() {
			err = fmt.Errorf("%v", res.Diags)
		}
		done <- err
	}()
	select {
	case <-waiting:
	case err := <-done:
		t.Fatalf("the second build did not wait: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the second build neither waited nor finished")
	}
	select {
	case err := <-done:
		t.Fatalf("the second build finished while the lock was held: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	if _, err := os.Stat(running); err != nil {
		t.Fatal("the waiting build removed the running build's temp folder")
	}
	os.Remove(running) // the running build ends
	unlock()
	if err := <-done; err != nil {
		t.Fatalf("the second build, once the lock was free: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatal("the second build wrote no site")
	}

	unlock, err = build.LockDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	before := sitetest.ReadTree(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	b = build.New(build.Options{SiteDir: dir, Waiting: cancel})
	if _, err := b.WriteDir(ctx, out); !errors.Is(err, context.Canceled) {
		t.Fatalf("a build stopped while waiting: err = %v, want context.Canceled", err)
	}
	if after := sitetest.ReadTree(t, out); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Error("a build stopped while waiting changed the output")
	}
}

// TestSymlinkedOut builds through an -out that is a symbolic link to the
// web root: the link stays, and the folder it points to gets the site.
func TestSymlinkedOut(t *testing.T) {
	dir := writeSite(t, "")
	webroot := filepath.Join(t.TempDir(), "www")
	os.Mkdir(webroot, 0o755)
	link := filepath.Join(dir, "public")
	if err := os.Symlink(webroot, link); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if res, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), link); err != nil || !res.OK() {
			t.Fatalf("build: %v", err)
		}
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	if _, err := os.Stat(filepath.Join(webroot, "index.html")); err != nil {
		t.Fatal("the link's target has no site")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(webroot), ".casebook-*")); len(left) > 0 {
		t.Errorf("folders left beside the target: %v", left)
	}

	dangling := filepath.Join(dir, "dangling")
	os.Symlink(filepath.Join(dir, "nowhere", "www"), dangling)
	if _, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), dangling); err == nil || !strings.Contains(err.Error(), "symbolic link that cannot be followed") {
		t.Errorf("a dangling -out link: err = %v", err)
	}
}
