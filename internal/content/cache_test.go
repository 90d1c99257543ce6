package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/casebook/casebook/internal/diag"
)

// TestLoadCached checks that a load through a cache reuses the decoded File
// of each unchanged file, decodes a changed one again, repeats the
// diagnostics of a cached file, and forgets deleted files.
func TestLoadCached(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":     {Data: []byte("title: T\nbase_url: https://example.org/\n")},
		"content/entities/a.md": {Data: []byte("---\nname: A\nkind: company\n---\n")},
		"content/entities/b.md": {Data: []byte("---\nname: B\nkind: company\n---\n")},
		"content/entities/c.md": {Data: []byte("---\nname: C\nkind: company\nnmae: C\n---\n")},
	}
	cache := &Cache{}
	load := func() (map[string]*File, string) {
		t.Helper()
		files, _, diags := LoadCached(fsys, cache)
		byPath := map[string]*File{}
		for _, f := range files {
			byPath[f.Path] = f
		}
		var b strings.Builder
		diags.Format(&b)
		return byPath, b.String()
	}
	first, firstDiags := load()
	fsys["content/entities/b.md"] = &fstest.MapFile{Data: []byte("---\nname: B2\nkind: company\n---\n")}
	second, secondDiags := load()
	if second["content/entities/a.md"] != first["content/entities/a.md"] {
		t.Errorf("unchanged a.md was decoded again")
	}
	if b := second["content/entities/b.md"]; b == first["content/entities/b.md"] || b.Entity.Name != "B2" {
		t.Errorf("changed b.md: got name %q, same File %v; want B2, a new File", b.Entity.Name, b == first["content/entities/b.md"])
	}
	if !strings.Contains(firstDiags, "c.md:4") || secondDiags != firstDiags {
		t.Errorf("diagnostics = %q then %q; want the same error about c.md twice", firstDiags, secondDiags)
	}
	delete(fsys, "content/entities/a.md")
	if third, _ := load(); third["content/entities/a.md"] != nil || len(cache.files) != 2 {
		t.Errorf("deleted a.md: still loaded, or the cache holds %d files; want 2", len(cache.files))
	}
}

// TestLoadCachedStat checks the use of size and modification time on disk:
// a file older than the last load is taken from the cache without being
// read (so an edit that keeps both, as cp -p can make, goes unseen until the
// time changes), while a file modified close to the last load is always
// read again.
func TestLoadCachedStat(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string, mtime time.Time) {
		t.Helper()
		p := filepath.Join(dir, "content", "entities", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	entity := func(name string) string { return "---\nname: " + name + "\nkind: company\n---\n" }
	old, now := time.Now().Add(-time.Hour), time.Now()
	write("old.md", entity("Old1"), old)
	write("new.md", entity("New1"), now)
	fsys := os.DirFS(dir)
	cache := &Cache{}
	names := func() string {
		t.Helper()
		files, _, _ := LoadCached(fsys, cache)
		var out []string
		for _, f := range files {
			out = append(out, f.Entity.Name)
		}
		return strings.Join(out, " ")
	}
	names()
	names() // the second load records what it read with the file's time
	write("old.md", entity("Old2"), old)
	write("new.md", entity("New2"), now)
	if got, want := names(), "New2 Old1"; got != want {
		t.Errorf("after same-size edits keeping the times: %q; want %q", got, want)
	}
	write("old.md", entity("Old3"), old.Add(time.Minute))
	if got, want := names(), "New2 Old3"; got != want {
		t.Errorf("after a new modification time: %q; want %q", got, want)
	}
}

// TestLoadCachedOnlyChanged checks the promise of a file watcher: after
// OnlyChanged, the next load takes the files not named as they were, even
// a file edited behind the watcher's back, reads the named ones, finds the
// named files added and misses the named files removed without listing the
// folders again (a file added behind the watcher's back is not seen), and
// keeps the warnings of what is not a content file; the promise holds for
// one load.
func TestLoadCachedOnlyChanged(t *testing.T) {
	entity := func(name string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\nname: " + name + "\nkind: company\n---\n")}
	}
	fsys := fstest.MapFS{
		"content/site.yaml":          {Data: []byte("title: T\nbase_url: https://example.org/\n")},
		"content/entities/a.md":      entity("A1"),
		"content/entities/b.md":      entity("B1"),
		"content/entities/c.md":      {Data: []byte("---\nname: C\nkind: company\nnmae: C\n---\n")},
		"content/entities/notes.txt": {Data: []byte("not content")},
	}
	cache := &Cache{}
	names := func() string {
		t.Helper()
		files, _, diags := LoadCached(fsys, cache)
		var out []string
		for _, f := range files {
			out = append(out, f.Entity.Name)
		}
		if !diags.HasErrors() {
			t.Error("the error in c.md was lost")
		}
		if !slices.ContainsFunc([]diag.Diagnostic(diags), func(d diag.Diagnostic) bool { return strings.Contains(d.Msg, `ignoring "notes.txt"`) }) {
			t.Errorf("the warning about notes.txt was lost: %v", diags)
		}
		return strings.Join(out, " ")
	}
	names()
	fsys["content/entities/a.md"] = entity("A2") // not reported
	fsys["content/entities/b.md"] = entity("B2")
	fsys["content/entities/d.md"] = entity("D1") // added, and named
	fsys["content/entities/e.md"] = entity("E1") // added behind the watcher's back
	cache.OnlyChanged([]string{"content/entities/b.md", "content/entities/d.md"})
	if got, want := names(), "A1 B2 C D1"; got != want {
		t.Errorf("after OnlyChanged(b, d): %q; want %q (a.md taken as it was, e.md not listed)", got, want)
	}
	delete(fsys, "content/entities/b.md")
	cache.OnlyChanged([]string{"content/entities/b.md"})
	if got, want := names(), "A1 C D1"; got != want {
		t.Errorf("after deleting b.md: %q; want %q", got, want)
	}
	if got, want := names(), "A2 C D1 E1"; got != want { // no promise: every file looked at
		t.Errorf("without a promise: %q; want %q", got, want)
	}
}
