package site_test

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

type inputs struct {
	cfg   *content.Config
	files []*content.File
	docs  []*markdown.Doc
}

func load(t *testing.T, fsys fstest.MapFS) inputs {
	t.Helper()
	files, cfg, _ := content.Load(fsys)
	md := markdown.New()
	docs := make([]*markdown.Doc, len(files))
	for i, f := range files {
		docs[i] = md.Parse(f.Path, f.Body, cfg.Language)
	}
	return inputs{cfg, files, docs}
}

func TestUpdate(t *testing.T) {
	const file = "content/cases/ds-2017.md"
	edit := func(old, new string) func(fstest.MapFS) {
		return func(fsys fstest.MapFS) {
			s := string(fsys[file].Data)
			if !strings.Contains(s, old) {
				t.Fatalf("%s has no %q", file, old)
			}
			fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
		}
	}
	add := func(text string) func(fstest.MapFS) {
		return func(fsys fstest.MapFS) {
			fsys[file] = &fstest.MapFile{Data: append(fsys[file].Data, text...)}
		}
	}
	editFile := func(name, old, new string) func(fstest.MapFS) {
		return func(fsys fstest.MapFS) {
			s := string(fsys[name].Data)
			if !strings.Contains(s, old) {
				t.Fatalf("%s has no %q", name, old)
			}
			fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
		}
	}
	tests := []struct {
		name   string
		base   string // added to sitetest.Base
		change func(fstest.MapFS)
		opt    site.Options
		ok     bool
		body   bool // the change is to ds-2017's body
	}{
		{name: "reworded body", change: edit("A rally\npreceded it", "A rally in Charlottesville\npreceded it"), ok: true, body: true},
		{name: "new paragraph", change: add("\nMore, in *italics*.\n"), ok: true, body: true},
		{name: "link label", change: edit("[[daily-stormer|the site]]", "[[daily-stormer|that site]]"), ok: true, body: true},
		{name: "nothing", change: func(fstest.MapFS) {}, ok: true},
		{name: "title", change: edit("title: Cloudflare terminates", "title: Cloudflare drops"), ok: true},
		{name: "summary, same length", change: edit("summary: Cloudflare ended", "summary: Cloudflare closed"), ok: true},
		{name: "summary and body", change: func(fsys fstest.MapFS) {
			edit("summary: Cloudflare ended", "summary: Cloudflare stopped")(fsys)
			add("\nMore.\n")(fsys)
		}, ok: true, body: true},
		{name: "event text", change: edit("text: A rally takes place", "text: A torch rally takes place"), ok: true},
		{name: "source texts", change: func(fsys fstest.MapFS) {
			edit("title: Un article", "title: Un autre article")(fsys)
			edit("publisher: Le Journal", "publisher: Le Quotidien")(fsys)
			edit("author: Matthew Prince", "author: M. Prince")(fsys)
			edit("url: https://blog.cloudflare.com/why", "url: https://www.cloudflare.com/why")(fsys)
			edit("language: fr", "language: de")(fsys)
		}, ok: true},
		{name: "entity summary and website", change: func(fsys fstest.MapFS) {
			editFile("content/entities/cloudflare.md", "summary: A CDN", "summary: A content-delivery")(fsys)
			editFile("content/entities/cloudflare.md", "website: https://www.cloudflare.com", "website: https://cloudflare.com")(fsys)
		}, ok: true},
		{name: "entity name", change: editFile("content/entities/cloudflare.md", "name: Cloudflare", "name: Cloudflare, Inc.")},
		{name: "date", change: edit("date: 2017-08-16\ntargets", "date: 2017-08-17\ntargets")},
		{name: "tags", change: edit("tags: [hate-speech]", "tags: [hate-speech, dns]")},
		{name: "event date", change: edit("  - date: 2017-08-12", "  - date: 2017-08-11")},
		{name: "source id", change: edit("id: journal", "id: journal-2")},
		{name: "summary over two lines", change: edit("summary: Cloudflare ended service to a neo-Nazi site.", "summary: >-\n  Cloudflare ended service\n  to a neo-Nazi site.")},
		{name: "another citation", change: add("\nAgain [@blog].\n")},
		{name: "citations reordered", change: edit("[@journal; @blog, p. 2]", "[@blog, p. 2; @journal]")},
		{name: "another link", change: add("\nSee [[matthew-prince]].\n")},
		{name: "link to another heading", change: edit("[[other-2019#aftermath]]", "[[other-2019]]")},
		{name: "another heading", change: add("\n## Later\n")},
		{name: "heading renamed", change: edit("## Background", "## Context")},
		{name: "site.yaml", change: func(fsys fstest.MapFS) {
			fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys["content/site.yaml"].Data), "Test Casebook", "Other Casebook", 1))}
		}},
		{name: "a case removed", change: func(fsys fstest.MapFS) { delete(fsys, "content/cases/other-2019.md") }},
		{name: "other options", change: func(fstest.MapFS) {}, opt: site.Options{Drafts: true}},
		{name: "errors before", base: "-- content/cases/bad.md --\n" + strings.Replace(sitetest.CaseX, "[@x-1]", "[@x-2]", 1),
			change: add("\nMore.\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), tt.base)
			in := load(t, fsys)
			s, diags := site.Resolve(in.cfg, in.files, in.docs, site.Options{})
			tt.change(fsys)
			next := load(t, fsys)
			got, gotDiags, ok := s.Update(next.cfg, next.files, next.docs, tt.opt)
			if ok != tt.ok {
				t.Fatalf("Update ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if formatted(gotDiags) != formatted(diags) {
				t.Errorf("diagnostics %q, want those of the last Resolve %q", gotDiags, diags)
			}
			want, wantDiags := site.Resolve(next.cfg, next.files, next.docs, tt.opt)
			if formatted(wantDiags) != formatted(gotDiags) {
				t.Errorf("diagnostics %q, want those of a new Resolve %q", gotDiags, wantDiags)
			}
			for i, c := range got.Cases {
				if c != s.Cases[i] {
					t.Errorf("case %s was not kept", c.Slug)
				}
				if w := want.Cases[i]; got.Doc(c) != want.Doc(w) || c.Slug != w.Slug {
					t.Errorf("case %d: the updated site has %s and its body %p, a new Resolve %s and %p", i, c.Slug, got.Doc(c), w.Slug, want.Doc(w))
				}
			}
			// The whole model, texts and cross-links, as a new Resolve
			// makes it (DeepEqual follows the pointers, cycles included).
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the updated site differs from a new Resolve")
				for i, c := range got.Cases {
					if !reflect.DeepEqual(c, want.Cases[i]) {
						t.Errorf("case %s differs: %+v, want %+v", c.Slug, *c, *want.Cases[i])
					}
				}
			}
			ds, _ := got.Lookup("ds-2017")
			if oldDoc, newDoc := s.Doc(ds), got.Doc(ds); tt.body && string(oldDoc.Source) == string(newDoc.Source) {
				t.Errorf("the updated site has the old body")
			} else if string(oldDoc.Source) != string(in.files[fileIndex(in.files, "content/cases/ds-2017.md")].Body) {
				t.Errorf("Update changed the old site's body")
			}
		})
	}
}

func formatted(l diag.List) string {
	l.Sort()
	var b strings.Builder
	l.Format(&b)
	return b.String()
}

func fileIndex(files []*content.File, path string) int {
	for i, f := range files {
		if f.Path == path {
			return i
		}
	}
	return -1
}
