package build_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/sitetest"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txtar")

// TestGolden builds the base test site and compares every output file with
// testdata/golden.txtar: pages in full, static assets and the search index's
// shards (encoded posting lists, one file per word prefix) by name and hash.
func TestGolden(t *testing.T) {
	res, files := sitetest.Build(t, sitetest.FS(t, sitetest.Base))
	if !res.OK() {
		t.Fatalf("build failed:\n%v", res.Diags)
	}
	var ar txtar.Archive
	var manifest strings.Builder
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasPrefix(name, "static/") || isSearchShard(name) {
			fmt.Fprintf(&manifest, "%s %x\n", name, sha256.Sum256(files[name]))
			continue
		}
		data := files[name]
		if strings.HasSuffix(name, ".gz") {
			// Compressed bytes are not text: the archive holds what they
			// hold, and the manifest the bytes themselves.
			fmt.Fprintf(&manifest, "%s %x\n", name, sha256.Sum256(data))
			data = sitetest.Gunzip(t, data)
		}
		ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
	}
	ar.Files = append(ar.Files, txtar.File{Name: "static.sha256", Data: []byte(manifest.String())})
	got := txtar.Format(&ar)
	golden := filepath.Join("testdata", "golden.txtar")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		wantAr := txtar.Parse(want)
		wantFiles := map[string]string{}
		for _, f := range wantAr.Files {
			wantFiles[f.Name] = string(f.Data)
		}
		for _, f := range ar.Files {
			if wantFiles[f.Name] != string(f.Data) {
				t.Errorf("%s differs from the golden file:\n%s", f.Name, firstDiff(wantFiles[f.Name], string(f.Data)))
			}
			delete(wantFiles, f.Name)
		}
		for name := range wantFiles {
			t.Errorf("%s is in the golden file but was not generated", name)
		}
		t.Log("run go test ./internal/build -update and review the diff")
	}
}

func isSearchShard(name string) bool {
	return strings.HasPrefix(name, "search/shards/") || strings.HasPrefix(name, "search/pos/")
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  got:  %q\n  want: %q", i+1, g, w)
		}
	}
	return ""
}

func writeSite(t *testing.T, archive string) string {
	t.Helper()
	return sitetest.WriteDir(t, sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), archive))
}

func TestDeterministic(t *testing.T) {
	dir := writeSite(t, "")
	b := build.New(build.Options{SiteDir: dir})
	var trees []map[string][]byte
	for _, out := range []string{"a", "b"} {
		res, err := b.WriteDir(context.Background(), filepath.Join(dir, out))
		if err != nil || !res.OK() {
			t.Fatalf("build: %v %v", err, res.Diags)
		}
		trees = append(trees, sitetest.ReadTree(t, filepath.Join(dir, out)))
	}
	if len(trees[0]) < 10 {
		t.Fatalf("only %d files built", len(trees[0]))
	}
	if !maps.EqualFunc(trees[0], trees[1], bytes.Equal) {
		t.Error("two builds of the same tree differ")
	}
	// A folder is a render.StreamSink: the largest files are streamed to it,
	// while a MemSink takes every file whole.
	mem := &build.MemSink{}
	if res, err := b.Run(context.Background(), mem); err != nil || !res.OK() {
		t.Fatalf("build: %v %v", err, res.Diags)
	}
	delete(trees[0], build.Marker) // the folder's, not the site's
	if !maps.EqualFunc(trees[0], mem.Files, bytes.Equal) {
		t.Error("the files written to a folder differ from those given to a MemSink")
	}
}

// TestFailedBuildKeepsOutput checks that a build with content errors leaves
// the previous output untouched and no temp folder behind.
func TestFailedBuildKeepsOutput(t *testing.T) {
	dir := writeSite(t, "")
	out := filepath.Join(dir, "public")
	res, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), out)
	if err != nil || !res.OK() {
		t.Fatalf("first build: %v %v", err, res.Diags)
	}
	before := sitetest.ReadTree(t, out)
	bad := filepath.Join(dir, "content/cases/ds-2017.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: [unclosed\n---\nBody\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() {
		t.Fatal("broken build reported no errors")
	}
	if after := sitetest.ReadTree(t, out); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Error("a failed build changed the previous output")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".casebook-") {
			t.Errorf("temp folder %s left behind", e.Name())
		}
	}
}

// TestStaleTempFoldersCleaned checks that a build removes what stopped
// builds left beside the output: temp and old folders with their marker, and
// without it (a build stopped while removing one may have removed the marker
// first), but nothing else.
func TestStaleTempFoldersCleaned(t *testing.T) {
	dir := writeSite(t, "")
	stale := filepath.Join(dir, ".casebook-tmp-123")
	if err := os.MkdirAll(filepath.Join(stale, "cases"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(stale, build.Marker), nil, 0o644)
	unmarked := filepath.Join(dir, ".casebook-old-456")
	os.MkdirAll(filepath.Join(unmarked, "cases", "x"), 0o755)
	other := filepath.Join(dir, ".casebookish")
	os.MkdirAll(other, 0o755)
	if _, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{stale, unmarked} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("stale folder %s was not removed", filepath.Base(p))
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("a folder that is not a temp or old folder was removed")
	}
}

func TestOutputRefused(t *testing.T) {
	dir := writeSite(t, "")
	notOurs := filepath.Join(dir, "notours")
	os.MkdirAll(notOurs, 0o755)
	os.WriteFile(filepath.Join(notOurs, "keep.txt"), []byte("keep"), 0o644)
	file := filepath.Join(dir, "afile")
	os.WriteFile(file, []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	os.Symlink(filepath.Join(dir, "static"), filepath.Join(dir, "linked"))
	home, _ := os.UserHomeDir()
	tests := []struct{ name, out, want string }{
		{"site folder", dir, "refusing to replace the site folder"},
		{"inside content", filepath.Join(dir, "content", "public"), "it is inside the site's content folder"},
		{"inside static", filepath.Join(dir, "static", "x"), "it is inside the site's static folder, which the build reads"},
		{"static itself", filepath.Join(dir, "static"), "it is the site's static folder, which the build reads"},
		{"inside templates", filepath.Join(dir, "templates", "out"), "it is inside the site's templates folder"},
		{"inside root", filepath.Join(dir, "root", "x"), "it is inside the site's root folder"},
		{"inside archetypes", filepath.Join(dir, "archetypes", "x"), "it is inside the site's archetypes folder"},
		{"through a link", filepath.Join(dir, "linked", "x"), "it is inside the site's static folder"},
		{"parent of site", filepath.Dir(dir), "holds the site's content folder"},
		{"root", "/", "refusing to write the site to the root folder"},
		{"home", home, "refusing to replace the home folder"},
		{"not ours", notOurs, "not empty and was not made by casebook"},
		{"a file", file, "is not a folder"},
		{"templates", filepath.Join(dir, "templates"), "it is the site's templates folder"},
		{"mount point", "/proc", "is a mount point"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), tt.out)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("WriteDir(%q) error = %v; want %q", tt.out, err, tt.want)
			}
		})
	}
	if data, _ := os.ReadFile(filepath.Join(notOurs, "keep.txt")); string(data) != "keep" {
		t.Error("a refused folder was changed")
	}
}

// TestThemeOverride checks that a site's own template replaces the default.
func TestThemeOverride(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), `
-- templates/page.html --
{{define "main"}}<p>custom page template</p>{{end}}
-- static/extra.txt --
hello
`)
	res, files := sitetest.Build(t, fsys)
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	if !bytes.Contains(files["about/index.html"], []byte("custom page template")) {
		t.Error("the site's templates/page.html did not override the default")
	}
	if string(files["static/extra.txt"]) != "hello\n" {
		t.Error("the site's static file was not copied")
	}
	if !bytes.Contains(files["cases/ds-2017/index.html"], []byte("Key facts")) {
		t.Error("default templates were lost")
	}
}

// TestBodyHeadingsDoNotTakePageIDs checks that a body heading named like a
// section of the page ("Sources") gets an id of its own.
func TestBodyHeadingsDoNotTakePageIDs(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), "-- content/cases/x.md --\n"+
		strings.Replace(sitetest.CaseX, "Body text", "## Sources\n\n## Related\n\nBody text", 1))
	res, files := sitetest.Build(t, fsys)
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	page := string(files["cases/x/index.html"])
	for _, want := range []string{`<h2 id="sources-1">Sources`, `<h2 id="related-1">Related`, `<h2 id="sources">Sources</h2>`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// TestOnce checks that a Build made to run once writes what any Build
// writes, keeps no parsed body for a next run, drops once the site is
// resolved what only resolving reads, and by the end of rendering every
// body's text and every case body's source.
func TestOnce(t *testing.T) {
	fsys := corpus.MapFS(corpus.Options{Cases: 60, Seed: corpus.DefaultSeed})
	want := &build.MemSink{}
	if res, err := build.New(build.Options{Site: fsys}).Run(context.Background(), want); err != nil || !res.OK() {
		t.Fatalf("build: %v %v", err, res.Diags)
	}
	b := build.New(build.Options{Site: fsys, Once: true})
	for run := range 2 { // runs again all the same, parsing every body again
		got := &build.MemSink{}
		res, err := b.Run(context.Background(), got)
		if err != nil || !res.OK() {
			t.Fatalf("run %d: %v %v", run, err, res.Diags)
		}
		if res.Stats.Parsed != res.Stats.Inputs {
			t.Errorf("run %d parsed %d of %d bodies", run, res.Stats.Parsed, res.Stats.Inputs)
		}
		if len(got.Files) < 100 || !maps.EqualFunc(got.Files, want.Files, bytes.Equal) {
			t.Fatalf("run %d: %d files differ from those of a Build that keeps everything (%d)", run, len(got.Files), len(want.Files))
		}
		links := 0
		for _, c := range res.Site.Cases {
			d := res.Site.Doc(c)
			links += len(slices.Collect(d.Links())) + len(slices.Collect(d.Citations())) + len(d.Headings)
			if markdown.New().Render(io.Discard, d, nil) == nil || d.Text() != "" {
				t.Fatalf("run %d: %s keeps its rendered body or text", run, c.Slug)
			}
		}
		if links != 0 {
			t.Errorf("run %d: the bodies keep %d headings, citations and links", run, links)
		}
	}
}

// TestFragmentOverriddenInPageTemplate checks that a fragment rendered once
// and reused (a case's item in lists of cases) is a page template's own when
// that page template defines it, and the partial's elsewhere.
func TestFragmentOverriddenInPageTemplate(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), `
-- templates/list.html --
{{define "main"}}{{template "caselist" .CaseList}}{{end}}
{{define "caseitem"}}<li class="custom-item">{{.Title}}</li>{{end}}
`)
	res, files := sitetest.Build(t, fsys)
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	if tag := string(files["tags/hate-speech/index.html"]); !strings.Contains(tag, `<li class="custom-item">Cloudflare terminates The Daily Stormer</li>`) {
		t.Errorf("the tag page does not use list.html's caseitem:\n%s", tag)
	}
	if home := string(files["index.html"]); strings.Contains(home, "custom-item") || !strings.Contains(home, `<article class="case-item">`) {
		t.Error("the home page does not use the partial's caseitem")
	}
}
