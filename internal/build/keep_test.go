package build_test

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestKeptPaths: a rebuild keeps the output's .git and the paths of
// keep: as they were (the same files: hard links), with their
// permissions and symbolic links, and replaces everything else; a build
// that fails keeps the whole output as it was.
func TestKeptPaths(t *testing.T) {
	dir := writeSite(t, keptSiteYAML)
	out := filepath.Join(dir, "public")
	b := build.New(build.Options{SiteDir: dir})
	if res, err := b.WriteDir(context.Background(), out); err != nil || !res.OK() {
		t.Fatalf("first build: %v %v", err, res.Diags)
	}
	fresh := sitetest.ReadTree(t, out)
	writeKept(t, out)
	os.Symlink("todo.txt", filepath.Join(out, "notes", "link"))
	os.WriteFile(filepath.Join(out, "stale.html"), []byte("not kept"), 0o644)
	object := filepath.Join(out, ".git", "objects", "ab", "cdef0123")
	before, err := os.Stat(object)
	if err != nil {
		t.Fatal(err)
	}

	if res, err := b.WriteDir(context.Background(), out); err != nil || !res.OK() {
		t.Fatalf("rebuild: %v %v", err, res.Diags)
	}
	got := sitetest.ReadTree(t, out)
	want := maps.Clone(fresh)
	maps.Copy(want, keptFiles)
	want["notes/link"] = keptFiles["notes/todo.txt"] // ReadTree follows the link
	if !maps.EqualFunc(got, want, bytes.Equal) {
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("%s is in the output", name)
			}
		}
		for name := range want {
			if _, ok := got[name]; !ok {
				t.Errorf("%s is missing from the output", name)
			}
		}
		t.Fatal("the output is not the new site with the kept paths")
	}
	after, err := os.Stat(object)
	if err != nil || !os.SameFile(before, after) || after.Mode().Perm() != 0o444 {
		t.Errorf("the git object is not the same read-only file: %v, mode %v", err, after.Mode())
	}
	if target, err := os.Readlink(filepath.Join(out, "notes", "link")); err != nil || target != "todo.txt" {
		t.Errorf("the kept link: %q, %v; want a link to todo.txt", target, err)
	}

	// A failed build leaves all of it as it was.
	kept := sitetest.ReadTree(t, out)
	os.WriteFile(filepath.Join(dir, "content/cases/ds-2017.md"), []byte("---\ntitle: [\n---\n"), 0o644)
	if res, err := b.WriteDir(context.Background(), out); err != nil || res.OK() {
		t.Fatalf("the broken build: %v", err)
	}
	if now := sitetest.ReadTree(t, out); !maps.EqualFunc(now, kept, bytes.Equal) {
		t.Error("a failed build changed the output")
	}
}

// TestFreshWorktree: an output folder that holds only .git (a new git
// worktree of an empty gh-pages branch) is taken as empty, and its .git is
// kept; a kept path below a symbolic link is refused, the output unchanged.
func TestFreshWorktree(t *testing.T) {
	dir := writeSite(t, keptSiteYAML)
	out := filepath.Join(dir, "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, ".git"), []byte("gitdir: ../.git/worktrees/public\n"), 0o644)
	if res, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), out); err != nil || !res.OK() {
		t.Fatalf("build into a fresh worktree: %v %v", err, res.Diags)
	}
	if data, err := os.ReadFile(filepath.Join(out, ".git")); err != nil || !strings.HasPrefix(string(data), "gitdir:") {
		t.Fatalf("the worktree's .git file: %q, %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatal("no site was built")
	}

	elsewhere := t.TempDir()
	os.MkdirAll(filepath.Join(elsewhere, "deep"), 0o755)
	os.WriteFile(filepath.Join(elsewhere, "deep", "file.txt"), []byte("not the output's"), 0o644)
	before := sitetest.ReadTree(t, out)
	link := filepath.Join(out, "nested")
	os.Symlink(elsewhere, link)
	_, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), out)
	if err == nil || !strings.Contains(err.Error(), "keeping nested/deep/file.txt of the output folder: nested is a symbolic link") {
		t.Errorf("a kept path through a link: %v", err)
	}
	if target, err := os.Readlink(link); err != nil || target != elsewhere {
		t.Errorf("the link: %q, %v", target, err)
	}
	os.Remove(link) // (ReadTree would follow it)
	if now := sitetest.ReadTree(t, out); !maps.EqualFunc(now, before, bytes.Equal) {
		t.Error("the refused build changed the output")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".casebook-*")); len(left) > 0 {
		t.Errorf("the refused build left %v", left)
	}
}
