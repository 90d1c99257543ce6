package render_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

// citeproc formats items with citeproc-js (the CSL processor of Zotero
// and Mendeley) in the official APA 7, MLA 9 and Chicago author-date styles
// (testdata/csl): by item id, the plain text of each style.
func citeproc(t *testing.T, items []any) map[string]map[string]string {
	t.Helper()
	modules, err := filepath.Abs("../../node_modules")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(modules, "citeproc")); err != nil {
		t.Fatal("node_modules/citeproc is missing: run npm ci at the repository root (.ci/run does)")
	}
	in, err := json.Marshal(items)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "testdata/csl/cite.js", modules)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node cite.js: %v\n%s", err, stderr.String())
	}
	var got map[string]map[string]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	return got
}

// realSite builds the bundled casebook (the repository's content/).
func realSite(t *testing.T) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("../..")
	err := fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res, _ := sitetest.Build(t, fsys)
	if !res.OK() {
		t.Fatalf("the bundled casebook does not build: %v", res.Diags)
	}
	return res.Site
}

// TestCitationsMatchCiteproc checks that the APA, MLA and Chicago
// citations of every case and entity page of the bundled casebook, of a
// test case with awkward names and title and of an undated page, are what
// citeproc-js writes in
// the official styles from the page's own CSL-JSON (the download the page
// offers): the text the reader copies is the text their reference manager
// would make.
func TestCitationsMatchCiteproc(t *testing.T) {
	type page struct {
		s *site.Site
		t site.Target
	}
	var pages []page
	real := realSite(t)
	for _, c := range real.Cases {
		pages = append(pages, page{real, c})
	}
	for _, e := range real.Entities {
		pages = append(pages, page{real, e})
	}
	// Three people with accents, a month-only update, TeX and quote
	// characters in the title and the site's name.
	awk, _ := buildSite(t, awkward)
	for _, c := range awk.Cases {
		if c.Slug == "x" {
			pages = append(pages, page{awk, c})
		}
	}
	// A page with no known date (the test site's other-2019: no git, no
	// published or updated), cited without one.
	base, _ := buildSite(t, "")
	for _, c := range base.Cases {
		if c.Slug == "other-2019" {
			pages = append(pages, page{base, c})
		}
	}
	var items []any
	want := map[string]map[string]string{}
	for _, p := range pages {
		key, styles, item := render.CiteOf(p.s, p.t)
		items = append(items, item)
		want[key] = styles
	}
	got := citeproc(t, items)
	bad := 0
	for id, styles := range want {
		for style, ours := range styles {
			if ref := got[id][style]; ours != ref {
				bad++
				if bad <= 12 {
					t.Errorf("%s, %s:\n ours     %s\n citeproc %s", id, style, ours, ref)
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d citations differ from citeproc-js", bad, 3*len(want))
	}
}
