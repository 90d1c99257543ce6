package render_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

// hostile is a case and an entity whose texts hold everything the escapers
// treat specially, on a site whose base path needs percent-encoding.
const hostile = `
-- content/site.yaml --
title: Test <Casebook>
base_url: "https://example.org/caf%C3%A9/x+y/"
language: en
publisher: The <Editors>
repo_url: "https://example.org/re%20po?x=1&y=2+3"
-- content/entities/odd.md --
---
name: "O'Brien & <Sons> + \"Co\""
kind: company
---
-- content/cases/odd-2020.md --
---
title: "<script>alert('x')</script> & \"quotes\" + more"
summary: A summary.
date: 2020-02
updated: 2021-03-04
targets: [odd, daily-stormer]
people: [odd]
tags: [a-tag, other]
changes:
  - date: 2021-03-04
    note: "Fixed <b>the</b> date & \"more\" + less."
actions:
  - provider: odd
    services: [dns, cdn]
    action: warned
    date: 2020-02
    sources: [odd-1, odd-2]
events:
  - date: 2020
    text: "An event with <b>markup</b>, \"quotes\", 'apostrophes', + and & and \u0000 and \uFDD0."
    sources: [odd-2]
sources:
  - id: odd-1
    title: A source
    publisher: A publisher
    url: "https://example.com/q?a=1&b=2+3&c=%41é"
    archive: "https://web.archive.org/web/20200102030405/https://example.com/q?a=1&b=2"
    language: fr
  - id: odd-2
    title: Another
    publisher: Another publisher
---

Body [@odd-1].
-- content/cases/odd-again-2021.md --
---
title: "Again: <odd> & co"
summary: The same source, cited again.
date: 2021-05-06
targets: [odd]
actions:
  - provider: odd
    action: terminated
    date: 2021-05-06
    sources: [same]
sources:
  - id: same
    title: A source
    publisher: A publisher
    url: "https://example.com/q?a=1&b=2+3&c=%41é"
---

Body [@same].
`

// TestFastEntry checks that writeEntry writes, byte for byte, what the
// default theme's "entry" template writes: every entry, in every view, of
// the test site, of a site of hostile texts and of a generated casebook.
func TestFastEntry(t *testing.T) {
	sites := map[string]fstest.MapFS{
		"test site": sitetest.FS(t, sitetest.Base),
		"hostile":   sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), hostile),
		"generated": corpus.MapFS(corpus.Options{Cases: 150, Seed: corpus.DefaultSeed}),
	}
	r, err := render.New(casebook.Theme(), markdown.New())
	if err != nil {
		t.Fatal(err)
	}
	for name, fsys := range sites {
		res, _ := sitetest.Build(t, fsys)
		if !res.OK() {
			t.Fatalf("%s: %v", name, res.Diags)
		}
		pairs, fast, err := render.FastEntries(r, res.Site)
		if err != nil {
			t.Fatal(err)
		}
		for _, tmpl := range []string{"case", "entity", "timeline", "sources", "cases"} {
			if !fast[tmpl] {
				t.Errorf("the default theme's %s pages do not use writeEntry", tmpl)
			}
		}
		if len(pairs) < 24 {
			t.Fatalf("%s: only %d entries rendered", name, len(pairs))
		}
		bad := 0
		for _, p := range pairs {
			if p.Fast != p.Templ && bad < 3 {
				bad++
				t.Errorf("%s: entry %s, %s:\nwriteEntry: %s\ntemplate:   %s", name, p.ID, p.View, p.Fast, p.Templ)
			}
		}
		if name == "hostile" && !strings.Contains(pairsText(pairs), "&lt;script&gt;") {
			t.Errorf("hostile: the title was not rendered escaped")
		}
	}
}

func pairsText(ps []render.EntryPair) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Templ)
	}
	return b.String()
}

// TestFastEntryOnlyForDefault checks that a theme with its own "entry" (or
// "entitylinks") is rendered by its template.
func TestFastEntryOnlyForDefault(t *testing.T) {
	for _, file := range []string{"entries.html", "entitylinks.html"} {
		theme := themeCopy(t)
		name := "templates/partials/" + file
		changed := strings.Replace(string(theme[name].Data), "<a href=", "<a data-x=\"1\" href=", 1)
		if changed == string(theme[name].Data) {
			t.Fatalf("%s has no link to change", name)
		}
		theme[name] = &fstest.MapFile{Data: []byte(changed)}
		r, err := render.New(theme, markdown.New())
		if err != nil {
			t.Fatal(err)
		}
		res, _ := sitetest.Build(t, sitetest.FS(t, sitetest.Base))
		_, fast, err := render.FastEntries(r, res.Site)
		if err != nil {
			t.Fatal(err)
		}
		for tmpl, on := range fast {
			if on {
				t.Errorf("with a changed %s, %s pages use writeEntry", file, tmpl)
			}
		}
	}
}

// themeCopy returns the default theme in a map file system.
func themeCopy(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(casebook.Theme(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(casebook.Theme(), p)
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// mapSink collects rendered files.
type mapSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *mapSink) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = bytes.Clone(data)
	return nil
}

// TestFastPaths renders whole sites with the Go writers of the default
// theme's partials and with their templates only, and compares every file:
// the test site, a site of hostile texts and a generated casebook.
func TestFastPaths(t *testing.T) {
	sites := map[string]fstest.MapFS{
		"test site":  sitetest.FS(t, sitetest.Base),
		"hostile":    sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), hostile),
		"generated":  corpus.MapFS(corpus.Options{Cases: 150, Seed: corpus.DefaultSeed}),
		"split year": sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), splitYear(2*site.TimelinePageSize)),
		"no cases":   sitetest.FS(t, "-- content/site.yaml --\ntitle: Empty\nbase_url: https://example.org/\nlanguage: en\npublisher: P\n"),
	}
	fast, err := render.New(casebook.Theme(), markdown.New())
	if err != nil {
		t.Fatal(err)
	}
	for tmpl, partials := range render.FastPartials(fast) {
		for _, p := range []string{"entry", "meta", "cite", "source", "header", "footer", "caselist", "caselinks", "backlinks", "provideractions"} {
			if !partials[p] {
				t.Errorf("%s pages do not write %q in Go", tmpl, p)
			}
		}
	}
	for _, tmpl := range []string{"case", "entity", "timeline", "sources", "cases"} {
		if !render.FastPages(fast)[tmpl] {
			t.Errorf("%s pages are not written in Go", tmpl)
		}
	}
	slow, err := render.New(casebook.Theme(), markdown.New())
	if err != nil {
		t.Fatal(err)
	}
	render.NoFast(slow)
	for name, fsys := range sites {
		res, _ := sitetest.Build(t, fsys)
		if !res.OK() {
			t.Fatalf("%s: %v", name, res.Diags)
		}
		for i, c := range res.Site.Cases { // as git gives them
			if i%2 == 0 {
				c.Commit = site.Commit{Hash: fmt.Sprintf("%040x", i+1), Date: c.Date}
			}
		}
		got, want := &mapSink{files: map[string][]byte{}}, &mapSink{files: map[string][]byte{}}
		if _, err := fast.Render(context.Background(), res.Site, got); err != nil {
			t.Fatal(err)
		}
		if _, err := slow.Render(context.Background(), res.Site, want); err != nil {
			t.Fatal(err)
		}
		if len(got.files) != len(want.files) || len(got.files) < 20 {
			t.Fatalf("%s: %d files with the Go writers, %d without", name, len(got.files), len(want.files))
		}
		bad := 0
		for f, data := range want.files {
			if !bytes.Equal(got.files[f], data) && bad < 3 {
				bad++
				t.Errorf("%s: %s differs:\n%s", name, f, firstDiff(got.files[f], data))
			}
		}
	}
}

// splitYear is a case with n events in 2019, more than a timeline page
// holds: the year gets a page per month.
func splitYear(n int) string {
	var b strings.Builder
	b.WriteString("-- content/cases/busy-2019.md --\n---\ntitle: Busy\nsummary: Many events.\ndate: 2019-01-01\n" +
		"targets: [daily-stormer]\nactions:\n  - provider: cloudflare\n    action: terminated\n    date: 2019-01-01\n    sources: [s]\nevents:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - date: 2019-%02d-%02d\n    text: Event %d.\n    sources: [s]\n", i%12+1, i%28+1, i)
	}
	b.WriteString("sources:\n  - id: s\n    title: T\n    publisher: P\n    url: https://example.com/s\n---\n\nBody [@s].\n")
	return b.String()
}

// firstDiff shows where two files first differ.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-120)
	return fmt.Sprintf("Go writers: …%s…\ntemplates:  …%s…", got[from:min(len(got), i+120)], want[from:min(len(want), i+120)])
}
