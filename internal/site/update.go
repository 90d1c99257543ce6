package site

// This file lets the dev server skip Resolve after the commonest edits: a
// maintainer rewording the body of a case, or a text of its front matter
// (title, summary, an event's text, a source's title or URL...). Such an
// edit changes what pages show, but nothing Resolve computes from the
// text, so the resolved model of the last build can be kept: with the new
// bodies, and with the new texts written into it.

import (
	"reflect"
	"slices"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
)

// inputs is what a Site was resolved from.
type inputs struct {
	cfg   *content.Config
	files []*content.File
	docs  []*markdown.Doc // docs[i] is the body of files[i]
	opt   Options
	diags diag.List // what Resolve reported
}

// Doc returns the parsed body of a case, entity or page of the site, or nil.
func (s *Site) Doc(t Target) *markdown.Doc {
	if t == nil {
		return nil
	}
	if i := t.input(); i >= 0 && i < len(s.in.docs) {
		return s.in.docs[i]
	}
	return nil
}

// Update returns the site that Resolve(cfg, files, docs, opt) would return,
// and Resolve's diagnostics, without resolving again, when the inputs differ
// from those s was resolved from only in what Resolve does not compute with:
// the same files in the same order; each changed body with the same
// citations (keys, in order), the same links (slug and heading) and the same
// heading ids; each changed front matter the same but for texts Resolve only
// copies (see sameButText), positions included. ok is false, and a full
// Resolve is needed, when anything else changed or s had errors (whose
// positions may be in a body).
//
// The new site shares every case, entity, page and index with s. New bodies
// are the new site's alone, but new texts of the front matter are written
// into the shared cases, entities and pages: s shows them too, and it must
// not be in use (being rendered) while Update runs. Give Update only inputs
// without errors: the texts are written before their site is known to be
// good.
func (s *Site) Update(cfg *content.Config, files []*content.File, docs []*markdown.Doc, opt Options) (_ *Site, _ diag.List, ok bool) {
	old := s.in
	if old.cfg == nil || old.diags.HasErrors() || opt != old.opt || len(files) != len(old.files) ||
		len(docs) != len(files) || !reflect.DeepEqual(cfg, old.cfg) {
		return nil, nil, false
	}
	var retext []*content.File // files whose texts changed
	for i, f := range files {
		if f == old.files[i] && docs[i] == old.docs[i] {
			continue
		}
		if !sameRefs(docs[i], old.docs[i]) {
			return nil, nil, false
		}
		if !sameFrontMatter(f, old.files[i]) {
			if !sameButText(f, old.files[i]) {
				return nil, nil, false
			}
			retext = append(retext, f)
		}
	}
	for _, f := range retext {
		s.retext(f)
	}
	ns := *s
	ns.Config = cfg
	ns.in = inputs{cfg: cfg, files: files, docs: docs, opt: opt, diags: old.diags}
	return &ns, old.diags, true
}

// sameFrontMatter reports whether two loads of a file decoded the same
// metadata, positions included.
func sameFrontMatter(a, b *content.File) bool {
	return a.Path == b.Path && a.Kind == b.Kind && a.Slug == b.Slug && a.Broken == b.Broken &&
		reflect.DeepEqual(a.Case, b.Case) && reflect.DeepEqual(a.Entity, b.Entity) && reflect.DeepEqual(a.Page, b.Page)
}

// sameButText reports whether two loads of a file decoded the same metadata,
// positions included, but for the texts that Resolve copies into the model
// and reads no further: no sort, index, id or check depends on them. They
// are a case's title and summary, its events' texts and its sources' titles,
// publishers, authors, URLs, archives, languages and access dates; an
// entity's summary, website and Wikidata id; a page's title and summary.
// (An entity's name orders the entities, a date orders cases and entries:
// not texts.)
func sameButText(a, b *content.File) bool {
	return a.Path == b.Path && a.Kind == b.Kind && a.Slug == b.Slug && a.Broken == b.Broken &&
		reflect.DeepEqual(caseSkeleton(a.Case), caseSkeleton(b.Case)) &&
		reflect.DeepEqual(entitySkeleton(a.Entity), entitySkeleton(b.Entity)) &&
		reflect.DeepEqual(pageSkeleton(a.Page), pageSkeleton(b.Page))
}

// caseSkeleton returns a copy of m without the texts sameButText allows to
// differ.
func caseSkeleton(m *content.CaseMeta) *content.CaseMeta {
	if m == nil {
		return nil
	}
	k := *m
	k.Title, k.Summary = "", ""
	k.Events = slices.Clone(m.Events)
	for i := range k.Events {
		k.Events[i].Text = ""
	}
	k.Sources = slices.Clone(m.Sources)
	for i := range k.Sources {
		src := &k.Sources[i]
		src.Title, src.Publisher, src.Authors, src.URL, src.Archive, src.Language = "", "", nil, "", "", ""
		src.Accessed = content.Date{}
	}
	return &k
}

func entitySkeleton(m *content.EntityMeta) *content.EntityMeta {
	if m == nil {
		return nil
	}
	k := *m
	k.Summary, k.Website, k.Wikidata = "", "", ""
	return &k
}

func pageSkeleton(m *content.PageMeta) *content.PageMeta {
	if m == nil {
		return nil
	}
	k := *m
	k.Title, k.Summary = "", ""
	return &k
}

// retext writes the texts of f's front matter into f's case, entity or
// page, as Resolve would have copied them. f differs from the file s was
// resolved from only as sameButText allows.
func (s *Site) retext(f *content.File) {
	switch t := s.bySlug[f.Slug].(type) {
	case *Case:
		m := f.Case
		if t.File != f.Path || m == nil {
			return // a draft left out, whose slug another file has
		}
		t.Title, t.Summary, t.meta = m.Title, m.Summary, m
		for i, e := range t.Events { // one per event of the front matter, in order
			e.Text = m.Events[i].Text
		}
		byID := make(map[string]content.Source, len(m.Sources))
		for _, ms := range m.Sources {
			byID[ms.ID.Value] = ms
		}
		for _, src := range t.Sources {
			ms := byID[src.ID]
			src.Title, src.Publisher, src.Authors, src.URL, src.Archive, src.Language, src.Accessed =
				ms.Title, ms.Publisher, ms.Authors, ms.URL, ms.Archive, ms.Language, ms.Accessed
			src.src = ms
		}
	case *Entity:
		if m := f.Entity; t.File == f.Path && m != nil {
			t.Summary, t.Website, t.Wikidata = m.Summary, m.Website, m.Wikidata
		}
	case *Page:
		if m := f.Page; t.File == f.Path && m != nil {
			t.Title, t.Summary = m.Title, m.Summary
		}
	}
}

// sameRefs reports whether two bodies give Resolve the same input: what it
// reads of citations, links and headings.
func sameRefs(a, b *markdown.Doc) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.EqualFunc(a.Citations, b.Citations, func(x, y markdown.Citation) bool {
		return x.Key == y.Key && x.Occ == y.Occ
	}) && slices.EqualFunc(a.Links, b.Links, func(x, y markdown.Link) bool {
		return x.Slug == y.Slug && x.Fragment == y.Fragment
	}) && slices.EqualFunc(a.Headings, b.Headings, func(x, y markdown.Heading) bool {
		return x.ID == y.ID
	})
}
