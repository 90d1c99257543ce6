package content

import (
	"strings"
	"testing"
	"testing/fstest"
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
