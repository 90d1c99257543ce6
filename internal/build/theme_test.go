package build_test

// The theme's templates are the only source of page HTML: a marker written
// into any of them shows in the output. TestTemplatesAreTheSource writes a
// marker at the start of every {{define}} of the default theme and of every
// branch inside it ({{if}}, {{else}}, {{with}}, {{range}} bodies), lays the
// marked theme over a site as a site's own templates/ would be, builds it,
// and looks for each marker in the pages: the top-level marker of every
// definition in the bundled casebook, and every marker in the output of the
// fixture sites below, which reach every branch between them.

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

// marker is where one marker was written.
type marker struct {
	text   string // " cbmk12x ": a word in text, an attribute name in a tag
	file   string
	define string
	where  string // the branch: "" for the start of the definition
	top    bool
}

// markTheme returns the default theme's templates with a marker at the
// start of every definition and of every branch.
func markTheme(t *testing.T) (map[string][]byte, []marker) {
	t.Helper()
	theme := casebook.Theme()
	names, err := fs.Glob(theme, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	partials, _ := fs.Glob(theme, "templates/partials/*.html")
	names = append(names, partials...)
	funcs := map[string]any{"human": true, "iso": true, "actionLabel": true, "join": true, "add": true}
	for _, b := range strings.Fields("and or not eq ne lt le gt ge len index slice print printf println html js urlquery call") {
		funcs[b] = true // the builtins, which parse does not know of itself
	}
	out := map[string][]byte{}
	var marks []marker
	for _, name := range names {
		src, err := fs.ReadFile(theme, name)
		if err != nil {
			t.Fatal(err)
		}
		trees, err := parse.Parse(name, string(src), "{{", "}}", funcs)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		defs := make([]string, 0, len(trees))
		for d := range trees {
			if d != name { // the file's own text between definitions
				defs = append(defs, d)
			}
		}
		sort.Strings(defs)
		var b strings.Builder
		for _, d := range defs {
			tree := trees[d]
			mark := func(l *parse.ListNode, where string) {
				m := marker{text: fmt.Sprintf(" cbmk%dx ", len(marks)), file: name, define: d, where: where, top: where == ""}
				marks = append(marks, m)
				l.Nodes = append([]parse.Node{&parse.TextNode{NodeType: parse.NodeText, Text: []byte(m.text)}}, l.Nodes...)
			}
			var walk func(l *parse.ListNode)
			walk = func(l *parse.ListNode) {
				if l == nil {
					return
				}
				for _, n := range l.Nodes {
					var br *parse.BranchNode
					switch n := n.(type) {
					case *parse.IfNode:
						br = &n.BranchNode
					case *parse.WithNode:
						br = &n.BranchNode
					case *parse.RangeNode:
						br = &n.BranchNode
					}
					if br == nil {
						continue
					}
					walk(br.List)
					walk(br.ElseList)
					loc, _ := tree.ErrorContext(n)
					where := fmt.Sprintf("%s: %.60s", loc, br.String())
					mark(br.List, where)
					if br.ElseList != nil {
						mark(br.ElseList, where+" (else)")
					}
				}
			}
			walk(tree.Root)
			mark(tree.Root, "")
			fmt.Fprintf(&b, "{{define %q}}%s{{end}}\n", d, tree.Root.String())
		}
		out[name] = []byte(b.String())
	}
	return out, marks
}

// withTheme lays the marked templates over a site.
func withTheme(site fstest.MapFS, theme map[string][]byte) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range site {
		out[k] = v
	}
	for name, data := range theme {
		out[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return out
}

// pages joins the HTML of a build's output.
func pages(files map[string][]byte) string {
	var b strings.Builder
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			b.Write(data)
		}
	}
	return b.String()
}

// realSite reads the bundled casebook's content/ into memory.
func realSite(t *testing.T) fstest.MapFS {
	t.Helper()
	root := os.DirFS("../..")
	out := fstest.MapFS{}
	err := fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		out[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTemplatesAreTheSource(t *testing.T) {
	theme, marks := markTheme(t)
	if len(marks) < 40 {
		t.Fatalf("only %d markers written; the theme's definitions were not found", len(marks))
	}
	t.Run("bundled casebook", func(t *testing.T) {
		res, files := sitetest.Build(t, withTheme(realSite(t), theme))
		if !res.OK() {
			t.Fatal(res.Diags)
		}
		out := pages(files)
		for _, m := range marks {
			if m.top && !strings.Contains(out, m.text) {
				t.Errorf("%s: a marker in {{define %q}} is in no page: the definition is not used", m.file, m.define)
			}
		}
	})
	t.Run("fixtures", func(t *testing.T) {
		var out strings.Builder
		for _, files := range branchBuilds(t, theme) {
			out.WriteString(pages(files))
		}
		all := out.String()
		for _, m := range marks {
			if !strings.Contains(all, m.text) {
				if m.top {
					t.Errorf("%s: {{define %q}} is used by no page of the fixtures", m.file, m.define)
				} else {
					t.Errorf("%s: {{define %q}}, %s: no fixture reaches this branch", m.file, m.define, m.where)
				}
			}
		}
	})
}

// TestUnmarkedThemeIsTheDefault guards markTheme: with no marker written,
// the re-serialised templates build the same pages as the default theme.
func TestUnmarkedThemeIsTheDefault(t *testing.T) {
	theme, marks := markTheme(t)
	for name, data := range theme {
		s := string(data)
		for _, m := range marks {
			s = strings.Replace(s, m.text, "", 1)
		}
		theme[name] = []byte(s)
	}
	site := sitetest.FS(t, sitetest.Base)
	_, want := sitetest.Build(t, site)
	_, got := sitetest.Build(t, withTheme(site, theme))
	for name, w := range want {
		if path.Ext(name) == ".html" && string(got[name]) != string(w) {
			t.Errorf("%s differs when built with the re-serialised default theme", name)
		}
	}
}

// branchBuilds builds the fixtures that reach every branch of the default
// theme between them, with theme laid over each: the test site with what it
// lacks (a redirect, an update and changes, every action type, a further
// source, a work cited twice, a home page, an entity with a body and a
// Wikidata id, a year of more entries than a timeline page shows, a menu:
// with a link to another site) in a git checkout with a repo_url; the test site in a git checkout without one;
// and a site with no case, whose licence has no known address.
func branchBuilds(t *testing.T, theme map[string][]byte) []map[string][]byte {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is not installed: the fixtures need a git checkout")
	}
	base := sitetest.FS(t, sitetest.Base)
	// More entries in 2020 than a timeline page holds, in two cases (a
	// case may have at most 500 events).
	var events, more strings.Builder
	for i := range site.TimelinePageSize + 50 {
		w := &events
		if i%2 == 1 {
			w = &more
		}
		src := []string{"m1", "n1"}[i%2]
		fmt.Fprintf(w, "  - {date: 2020-%02d-%02d, text: Event %d., sources: [%s]}\n", 1+i%12, 1+i%28, i, src)
	}
	// More cases than an entity page lists and a page of a list shows, so
	// that the lists are cut and paginated.
	var bulk strings.Builder
	for i := range 120 {
		fmt.Fprintf(&bulk, `-- content/cases/bulk-%d.md --
---
title: Bulk case %d
summary: One of many.
date: 2019-%02d-%02d
targets: [daily-stormer]
people: [matthew-prince]
tags: [bulk]
actions:
  - {provider: cloudflare, action: warned, date: 2019-%02d-%02d, sources: [b%d]}
sources:
  - {id: b%d, title: A report, publisher: A Publisher, url: "https://example.org/%d"}
  - {id: b%d-2, title: A second report, publisher: A Publisher, url: "https://example.org/%d/2"}
  - {id: b%d-3, title: A third report, publisher: A Publisher, url: "https://example.org/%d/3"}
---

Body [@b%d] [@b%d-2] [@b%d-3], about [[cloudflare]] and [[many-2020]].
`, i, i, 1+i%12, 1+i%28, 1+i%12, 1+i%28, i, i, i, i, i, i, i, i, i, i)
	}
	full := sitetest.Overlay(t, base, bulk.String()+`
-- content/site.yaml --
title: Test Casebook
description: A test casebook.
base_url: https://example.org/sub/
language: en
publisher: Test Editors
license: CC BY 4.0
repo_url: https://git.example.org/casebook/
menu:
  - {label: Data, url: /data/}
  - {label: Code, url: https://git.example.org/casebook/}
-- content/pages/home.md --
---
title: Home
---

Welcome.
-- content/entities/cloudflare.md --
---
name: Cloudflare
kind: company
aliases: [CloudFlare]
website: https://www.cloudflare.com
wikidata: Q4778915
summary: A CDN and DDoS-protection company.
---

A company [[ds-2017]] mentions.
-- content/entities/one-case.md --
---
name: One Case
kind: website
---

A target of one case with more entries than its page lists.
-- content/cases/many-2020.md --
---
title: Many actions
summary: Every kind of action.
date: 2020-01-01
updated: 2021-02-03
aliases: [many-old]
changes:
  - date: 2021-02-03
    note: Dates checked.
targets: [daily-stormer, matthew-prince, one-case]
people: [cloudflare] # a provider also otherwise involved: its page's timeline shows the other entries
actions:
  - {provider: cloudflare, action: terminated, date: 2020-01-01, sources: [m1]}
  - {provider: cloudflare, action: suspended, date: 2020-02-01, sources: [m1]}
  - {provider: cloudflare, action: restored, date: 2020-03-01, sources: [m1]}
  - {provider: cloudflare, action: warned, date: 2020-04-01, sources: [m1]}
  - {provider: cloudflare, action: refused, date: 2020-05-01, sources: [m1]}
  - {provider: cloudflare, action: pressured, date: 2020-06-01, sources: [m1]}
events:
`+events.String()+`sources:
  - id: m1
    title: Why We Terminated Daily Stormer
    publisher: The Cloudflare Blog
    url: https://blog.cloudflare.com/why-we-terminated-daily-stormer/
  - id: m2
    title: Not cited in the body
    publisher: A Publisher
---

Body [@m1].
-- content/cases/more-2020.md --
---
title: More events
summary: The other half of the events.
date: 2020-01-02
targets: [daily-stormer]
actions:
  - {provider: cloudflare, action: terminated, date: 2020-01-02, sources: [n1]}
events:
`+more.String()+`sources:
  - id: n1
    title: Why We Terminated Daily Stormer
    publisher: The Cloudflare Blog
    url: https://blog.cloudflare.com/why-we-terminated-daily-stormer/
---

Body [@n1].
`)
	empty := sitetest.FS(t, `
-- content/site.yaml --
title: Empty
base_url: https://example.org/
language: en
publisher: Test Editors
license: All rights reserved
-- content/pages/about.md --
---
title: About
---

Nothing yet.
`)
	noRepo := sitetest.Overlay(t, base, "")
	return []map[string][]byte{
		buildInGit(t, withTheme(full, theme)),
		buildInGit(t, withTheme(noRepo, theme)),
		buildFiles(t, withTheme(empty, theme)),
	}
}

// buildFiles builds fsys into memory; it must build without errors.
func buildFiles(t *testing.T, fsys fstest.MapFS) map[string][]byte {
	t.Helper()
	res, files := sitetest.Build(t, fsys)
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	return files
}

// buildInGit writes fsys into a new git checkout with one commit and builds
// it with the commits of its cases.
func buildInGit(t *testing.T, fsys fstest.MapFS) map[string][]byte {
	t.Helper()
	dir := sitetest.WriteDir(t, fsys)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	git(t, dir, "", "init", "-q")
	git(t, dir, "2024-01-02T10:00:00+00:00", "add", ".")
	git(t, dir, "2024-01-02T10:00:00+00:00", "commit", "-q", "-m", "first")
	sink := &sitetest.MemSink{}
	res, err := build.New(build.Options{SiteDir: dir, Git: true}).Run(context.Background(), sink)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	return sink.Files
}
