package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fakeSite is the Resolver of the tests: two entities, a case and a page,
// and the sources a, b and c, numbered in order of first use in the
// document as the site numbers them.
type fakeSite struct {
	keys []string // Doc.Keys
}

func (s fakeSite) Link(slug, fragment string) (href, title string, ok bool) {
	switch slug {
	case "cloudflare":
		return "/entities/cloudflare/", "Cloudflare", true
	case "daily-stormer":
		return "/entities/daily-stormer/", "The Daily Stormer", true
	case "kiwi":
		return "/cases/kiwi/", "Kiwi Farms & the <DDoS> host", true
	case "about":
		return "/about/", "About", true
	}
	return "", "", false
}

func (s fakeSite) Cite(key string) (int, bool) {
	n := 0
	for _, k := range s.keys {
		switch k {
		case "a", "b", "c":
			n++
			if k == key {
				return n, true
			}
		}
	}
	return 0, false
}

// TestGolden parses and renders the in.md of every testdata/golden/*.txtar
// and compares the HTML with out.html and what Parse found with doc.txt.
// The archive comment may set the language: "lang: fr". Run with -update
// to rewrite the files, then review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	m := New()
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			in := section(a, "in.md")
			if in == nil {
				t.Fatalf("%s: no in.md section", file)
			}
			lang := "en"
			for line := range strings.Lines(string(a.Comment)) {
				if v, ok := strings.CutPrefix(strings.TrimSpace(line), "lang:"); ok {
					lang = strings.TrimSpace(v)
				}
			}
			d := m.Parse("in.md", in, lang)
			var out bytes.Buffer
			if err := m.Render(&out, d, fakeSite{d.Keys}); err != nil {
				t.Fatalf("Render: %v", err)
			}
			checkHTML(t, out.String())
			got := map[string][]byte{"out.html": out.Bytes(), "doc.txt": []byte(describe(d))}
			if *update {
				for name, data := range got {
					setSection(a, name, data)
				}
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"out.html", "doc.txt"} {
				if want := section(a, name); string(want) != string(got[name]) {
					t.Errorf("%s: %s differs (run go test -update and review the diff)\ngot:\n%s\nwant:\n%s",
						file, name, got[name], want)
				}
			}
		})
	}
}

// describe lists what Parse found in d, one item a line.
func describe(d *Doc) string {
	var b strings.Builder
	for _, h := range d.Headings {
		fmt.Fprintf(&b, "heading %s h%d %q %q\n", h.Pos, h.Level, h.ID, h.Text)
	}
	for c := range d.Citations() {
		fmt.Fprintf(&b, "cite %s %q occ=%d\n", c.Pos, c.Key, c.Occ)
	}
	if len(d.Keys) > 0 {
		fmt.Fprintf(&b, "keys %q\n", d.Keys)
	}
	for l := range d.Links() {
		fmt.Fprintf(&b, "link %s %s %q fragment=%q\n", l.Pos, l.Kind, l.Slug, l.Fragment)
	}
	for _, e := range d.Diags {
		fmt.Fprintf(&b, "%s\n", e)
	}
	if t := d.Text(); t != "" {
		fmt.Fprintf(&b, "text:\n%s\n", t)
	}
	return b.String()
}

func section(a *txtar.Archive, name string) []byte {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

func setSection(a *txtar.Archive, name string, data []byte) {
	for i, f := range a.Files {
		if f.Name == name {
			a.Files[i].Data = data
			return
		}
	}
	a.Files = append(a.Files, txtar.File{Name: name, Data: data})
}
