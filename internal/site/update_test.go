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
		want   site.Reuse
		body   bool // the change is to ds-2017's body
	}{
		{name: "reworded body", change: edit("A rally\npreceded it", "A rally in Charlottesville\npreceded it"), want: site.Kept, body: true},
		{name: "new paragraph", change: add("\nMore, in *italics*.\n"), want: site.Kept, body: true},
		{name: "link label", change: edit("[[daily-stormer|the site]]", "[[daily-stormer|that site]]"), want: site.Kept, body: true},
		{name: "nothing", change: func(fstest.MapFS) {}, want: site.Kept},
		{name: "title", change: edit("title: Cloudflare terminates", "title: Cloudflare drops"), want: site.Kept},
		{name: "summary, same length", change: edit("summary: Cloudflare ended", "summary: Cloudflare closed"), want: site.Kept},
		{name: "summary and body", change: func(fsys fstest.MapFS) {
			edit("summary: Cloudflare ended", "summary: Cloudflare stopped")(fsys)
			add("\nMore.\n")(fsys)
		}, want: site.Kept, body: true},
		{name: "event text", change: edit("text: A rally takes place", "text: A torch rally takes place"), want: site.Kept},
		{name: "source texts", change: func(fsys fstest.MapFS) {
			edit("title: Un article", "title: Un autre article")(fsys)
			edit("publisher: Le Journal", "publisher: Le Quotidien")(fsys)
			edit("author: Matthew Prince", "author: M. Prince")(fsys)
			edit("url: https://blog.cloudflare.com/why", "url: https://www.cloudflare.com/why")(fsys)
			edit("language: fr", "language: de")(fsys)
		}, want: site.Kept},
		{name: "entity summary and website", change: func(fsys fstest.MapFS) {
			editFile("content/entities/cloudflare.md", "summary: A CDN", "summary: A content-delivery")(fsys)
			editFile("content/entities/cloudflare.md", "website: https://www.cloudflare.com", "website: https://cloudflare.com")(fsys)
		}, want: site.Kept},
		{name: "entity name", change: editFile("content/entities/cloudflare.md", "name: Cloudflare", "name: Cloudflare, Inc.")},
		{name: "date", change: edit("date: 2017-08-16\ntargets", "date: 2017-08-17\ntargets"), want: site.Patched, body: false},
		{name: "tags", change: edit("tags: [hate-speech]", "tags: [hate-speech, dns]"), want: site.Patched, body: false},
		{name: "event date", change: edit("  - date: 2017-08-12", "  - date: 2017-08-11"), want: site.Patched, body: false},
		{name: "source id", change: edit("id: journal", "id: journal-2")},
		{name: "date moves the case past another", change: edit("date: 2017-08-16\ntargets", "date: 2020-01-02\ntargets"), want: site.Patched},
		{name: "targets", change: edit("targets: [daily-stormer]", "targets: [matthew-prince, daily-stormer]"), want: site.Patched},
		{name: "no target, no people", change: func(fsys fstest.MapFS) {
			edit("targets: [daily-stormer]\n", "")(fsys)
			edit("people: [matthew-prince]\n", "")(fsys)
		}, want: site.Patched},
		{name: "no tag", change: edit("tags: [hate-speech]\n", ""), want: site.Patched},
		{name: "a tag of the other case only", change: editFile("content/cases/other-2019.md", "tags: [hate-speech, free-expression-debate]", "tags: [hate-speech]"), want: site.Patched},
		{name: "another action", change: edit("    sources: [blog]\n", "    sources: [blog]\n  - provider: matthew-prince\n    services: [hosting]\n    action: warned\n    date: 2017-08-12\n    sources: [journal]\n"), want: site.Patched},
		{name: "action type", change: edit("action: terminated", "action: suspended"), want: site.Patched},
		{name: "no related", change: edit("related: [other-2019]\n", ""), want: site.Patched},
		{name: "a new source, cited", change: func(fsys fstest.MapFS) {
			edit("sources:\n  - id: blog", "sources:\n  - id: extra\n    title: Extra\n    publisher: P\n    url: https://example.com/e\n  - id: blog")(fsys)
			add("\nMore [@extra].\n")(fsys)
		}, want: site.Patched, body: true},
		{name: "a source no longer cited", change: edit("[@journal; @blog, p. 2]", "[@blog, p. 2]"), want: site.Patched, body: true},
		{name: "an event more, the same day", change: edit("    sources: [journal]\n", "    sources: [journal]\n  - date: 2017-08-12\n    text: Another.\n    sources: [blog]\n"), want: site.Patched},
		{name: "a link dropped", change: edit("See [[other-2019#aftermath]].", "See nothing."), want: site.Patched, body: true},
		{name: "nothing shared with the other case", change: func(fsys fstest.MapFS) {
			edit("targets: [daily-stormer]", "targets: [matthew-prince]")(fsys)
			edit("provider: cloudflare", "provider: matthew-prince")(fsys)
			edit("tags: [hate-speech]", "tags: [other]")(fsys)
		}, want: site.Patched},
		{name: "a source renamed", change: func(fsys fstest.MapFS) {
			edit("id: journal\n", "id: journal-2\n")(fsys)
			edit("sources: [journal]", "sources: [journal-2]")(fsys)
			edit("[@journal;", "[@journal-2;")(fsys)
		}, want: site.Patched, body: true},
		{name: "a case added", change: func(fsys fstest.MapFS) {
			fsys["content/cases/a-new.md"] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(sitetest.CaseX, "x-1", "n-1") + "\nSee [[ds-2017#background]].\n")}
		}, want: site.Patched},
		{name: "a case added with an error", change: func(fsys fstest.MapFS) {
			fsys["content/cases/a-new.md"] = &fstest.MapFile{Data: []byte(strings.Replace(sitetest.CaseX, "[daily-stormer]", "[daily-stromer]", 1))}
		}},
		{name: "a case added with aliases", change: func(fsys fstest.MapFS) {
			fsys["content/cases/a-new.md"] = &fstest.MapFile{Data: []byte(strings.Replace(strings.ReplaceAll(sitetest.CaseX, "x-1", "n-1"), "date:", "aliases: [old]\ndate:", 1))}
		}},
		{name: "a case added, another changed", change: func(fsys fstest.MapFS) {
			fsys["content/cases/a-new.md"] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(sitetest.CaseX, "x-1", "n-1"))}
			edit("tags: [hate-speech]", "tags: [hate-speech, dns]")(fsys)
		}},
		{name: "two cases added", change: func(fsys fstest.MapFS) {
			fsys["content/cases/a-new.md"] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(sitetest.CaseX, "x-1", "n-1"))}
			fsys["content/cases/b-new.md"] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(sitetest.CaseX, "x-1", "m-1"))}
		}},
		{name: "an entity added", change: func(fsys fstest.MapFS) {
			fsys["content/entities/a-new.md"] = &fstest.MapFile{Data: []byte("---\nname: New\nkind: company\n---\n")}
		}},
		{name: "unknown target", change: edit("targets: [daily-stormer]", "targets: [daily-stromer]")},
		{name: "the other case's source id", change: edit("  - id: journal\n", "  - id: other-a\n")},
		{name: "related to itself", change: edit("related: [other-2019]", "related: [ds-2017]")},
		{name: "draft", change: edit("date: 2017-08-16\ntargets", "draft: true\ndate: 2017-08-16\ntargets")},
		{name: "two cases", change: func(fsys fstest.MapFS) {
			edit("tags: [hate-speech]", "tags: [hate-speech, dns]")(fsys)
			editFile("content/cases/other-2019.md", "date: 2019-08\n", "date: 2019-09\n")(fsys)
		}},
		{name: "summary over two lines", change: edit("summary: Cloudflare ended service to a neo-Nazi site.", "summary: >-\n  Cloudflare ended service\n  to a neo-Nazi site."), want: site.Patched, body: false},
		{name: "another citation", change: add("\nAgain [@blog].\n"), want: site.Patched, body: true},
		{name: "citations reordered", change: edit("[@journal; @blog, p. 2]", "[@blog, p. 2; @journal]"), want: site.Patched, body: true},
		{name: "another link", change: add("\nSee [[matthew-prince]].\n"), want: site.Patched, body: true},
		{name: "link to another heading", change: edit("[[other-2019#aftermath]]", "[[other-2019]]"), want: site.Patched, body: true},
		{name: "another heading", change: add("\n## Later\n")},
		{name: "heading renamed", change: edit("## Background", "## Context")},
		{name: "site.yaml", change: func(fsys fstest.MapFS) {
			fsys["content/site.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys["content/site.yaml"].Data), "Test Casebook", "Other Casebook", 1))}
		}},
		{name: "a case removed", change: func(fsys fstest.MapFS) { delete(fsys, "content/cases/other-2019.md") }},
		{name: "other options", change: func(fstest.MapFS) {}, opt: site.Options{Drafts: true}},
		{name: "an error fixed", base: "-- content/cases/bad.md --\n" + strings.Replace(sitetest.CaseX, "targets: [daily-stormer]", "targets: [daily-stromer]", 1),
			change: editFile("content/cases/bad.md", "[daily-stromer]", "[daily-stormer]"), want: site.Patched},
		{name: "an error fixed in the body", base: "-- content/cases/bad.md --\n" + strings.Replace(sitetest.CaseX, "[@x-1]", "[@x-2]", 1),
			change: editFile("content/cases/bad.md", "[@x-2]", "[@x-1]"), want: site.Patched},
		{name: "an error not fixed", base: "-- content/cases/bad.md --\n" + strings.Replace(sitetest.CaseX, "[@x-1]", "[@x-2]", 1),
			change: editFile("content/cases/bad.md", "Body text", "Text")},
		{name: "errors in two files", base: "-- content/cases/bad.md --\n" + strings.Replace(sitetest.CaseX, "[@x-1]", "[@x-2]", 1) +
			"-- content/cases/bad2.md --\n" + strings.ReplaceAll(sitetest.CaseX, "x-1", "y-1") + "\n[[nowhere]]\n",
			change: editFile("content/cases/bad.md", "[@x-2]", "[@x-1]")},
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
			got, gotDiags, how := s.Update(next.cfg, next.files, next.docs, tt.opt)
			if how != tt.want {
				t.Fatalf("Update = %v, want %v", how, tt.want)
			}
			if how == site.Resolved {
				return
			}
			if how == site.Kept && formatted(gotDiags) != formatted(diags) {
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
			} else if how == site.Kept && string(oldDoc.Source) != string(in.files[fileIndex(in.files, "content/cases/ds-2017.md")].Body) {
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
