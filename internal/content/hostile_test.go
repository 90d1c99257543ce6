package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const siteYAML = "title: T\nbase_url: https://example.org/\npublisher: P\n"

func loadOne(t *testing.T, name, src string) string {
	t.Helper()
	fsys := fstest.MapFS{"content/site.yaml": {Data: []byte(siteYAML)}, name: {Data: []byte(src)}}
	_, _, diags := Load(fsys)
	var b strings.Builder
	diags.Format(&b)
	return b.String()
}

func TestHostileYAML(t *testing.T) {
	bomb := "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n"
	deep := "---\nname: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\nkind: company\n---\n"
	tests := []struct{ name, src, want string }{
		{"billion laughs", bomb, "content/entities/x.md:2:4: error: YAML anchors and aliases are not allowed"},
		{"duplicate key", "---\nname: A\nname: B\nkind: company\n---\n", `content/entities/x.md:3:1: error: duplicate field "name"`},
		{"deep nesting", deep, "content/entities/x.md:"},
		{"bom and crlf", "\uFEFF---\r\nname: A\r\nkind: company\r\n---\r\n", ""},
		{"nul byte", "---\nname: A\x00\nkind: company\n---\n", "content/entities/x.md:"},
	}
	for _, tt := range tests {
		start := time.Now()
		got := loadOne(t, "content/entities/x.md", tt.src)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("%s: diagnostics %q; want %q", tt.name, got, tt.want)
		}
		if d := time.Since(start); d > 5*time.Second { // a hang guard, not a timing target
			t.Errorf("%s took %v", tt.name, d)
		}
	}
}

func TestSymlinkRefused(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "entities"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "site.yaml"), []byte(siteYAML), 0o644)
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("---\nname: Secret\nkind: company\n---\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "content", "entities", "link.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	files, _, diags := Load(os.DirFS(dir))
	if len(files) != 0 || len(diags) != 1 || !strings.Contains(diags[0].String(), "content/entities/link.md: error: content/entities/link.md is a symbolic link") {
		t.Errorf("files %d, diagnostics %v; want the link refused", len(files), diags)
	}
}

func TestLargeFileRefused(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "cases"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "site.yaml"), []byte(siteYAML), 0o644)
	f, _ := os.Create(filepath.Join(dir, "content", "cases", "huge.md"))
	f.Truncate(50 << 20) // a sparse 50 MB file: refused from its size, never read
	f.Close()
	files, _, diags := Load(os.DirFS(dir))
	// Refused, but kept as a broken file with no body (its slug stays known).
	if len(files) != 1 || !files[0].Broken || files[0].Body != nil || len(diags) != 1 || !strings.Contains(diags[0].Msg, "file is 52428800 bytes, over the limit of 4194304") {
		t.Errorf("files %d, diagnostics %v; want the file refused for its size", len(files), diags)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nbody", "---\n---\n", "---", "", "no front", "---\r\na: 1\r\n---\r\n", "\uFEFF---\n---"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		front, body, end, d := Split("x.md", Normalize([]byte(src)))
		if d != nil {
			return
		}
		// The body keeps line numbers: as many lines before it as the file has up to the closing fence.
		if got := strings.Count(string(body[:len(body)-len(strings.TrimLeft(string(body), "\n"))]), "\n"); got < end {
			t.Fatalf("body starts after %d newlines; want at least %d", got, end)
		}
		if strings.Count(string(front), "\n") > end {
			t.Fatalf("front matter longer than the file part before the fence")
		}
	})
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: X\nsummary: S\ndate: 2017-08-16\ntargets: [a]\nactions: [{provider: b, action: terminated, date: 2017, sources: [s]}]\nsources: [{id: s, title: T, publisher: P, url: 'https://x.org'}]\n---\nBody",
		"---\ntitle: [\n---\n", "---\ndate: 2017-02-30\n---\n", "---\n- a\n- b\n---\n", "---\na: &x 1\nb: *x\n---\n",
		"---\ntitle: x\ntags:\n\t- a\n---\n", "---\ntitle: a: b\n---\n", "---\nsummary: 'x\n---\n", "---\ntags: A b, C\n---\n", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{"content/site.yaml": {Data: []byte(siteYAML)}, "content/cases/x.md": {Data: []byte(src)}}
		files, _, diags := Load(fsys) // must not panic or hang
		for _, d := range diags {
			if d.Pos.File == "" {
				t.Fatalf("diagnostic without a file: %v", d)
			}
		}
		for _, fl := range files {
			if fl.Case == nil {
				t.Fatal("a loaded case has no metadata")
			}
		}
	})
}

func TestHostileSlugs(t *testing.T) {
	for _, ref := range []string{"../x", "a/b", `a\\b`, `a\u0000b`, "Cloudflare", "cloudflаre" /* Cyrillic а */, "-x", ".x"} {
		src := "---\ntitle: T\nsummary: S\ndate: 2017\ntargets: [\"" + ref + "\"]\nactions: []\nsources: []\n---\nBody\n"
		got := loadOne(t, "content/cases/x.md", src)
		if !strings.Contains(got, "content/cases/x.md:5:11: error: bad targets item") &&
			!strings.Contains(got, "content/cases/x.md:5:11: error: targets item contains the control character") {
			t.Errorf("target %q: diagnostics %q; want it refused at 5:11", ref, got)
		}
	}
	for _, name := range []string{"content/cases/Upper.md", "content/cases/cloudflаre.md", "content/cases/a b.md"} {
		if got := loadOne(t, name, "---\n---\n"); !strings.Contains(got, "error: bad file name") {
			t.Errorf("file %q: diagnostics %q; want a bad file name", name, got)
		}
	}
}
