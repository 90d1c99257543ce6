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

// Reuse says how Update made the new site.
type Reuse int

const (
	// Resolved: Update could not make the site; Resolve must.
	Resolved Reuse = iota
	// Kept: the same model, with new bodies and texts; the same pages.
	Kept
	// Patched: one case was resolved again and the model patched around
	// it (patch.go); the site may have other pages than before.
	Patched
)

// Update returns the site that Resolve(cfg, files, docs, opt) would return,
// and Resolve's diagnostics, without resolving again, when the inputs differ
// from those s was resolved from only as follows (and s had no errors):
//
//   - Kept: the same files in the same order; each changed body with the
//     same citations (keys, in order), the same links (slug and heading)
//     and the same heading ids; each changed front matter the same but for
//     texts Resolve only copies (see sameButText), positions included.
//   - Patched: as above, but for one published case, whose front matter
//     and body may change in anything but its draft flag, aliases and
//     headings (see patchable), or which is new (see addable), as long as
//     the new case has no error.
//
// s may have errors only when they all are in the case patched: that case
// is resolved from scratch, and the rest of the model does not depend on
// what failed in it, so that fixing a mistake in a case is a patch too.
// Otherwise it returns Resolved, and a full Resolve is needed.
//
// The new site shares every case, entity, page and index with s, which is
// changed in place: new texts of the front matter are written into the
// shared cases, entities and pages, and a patch changes the lists and
// order of the model. s must not be in use (being rendered) while Update
// runs, nor after it but as the new site. Give Update only inputs without
// errors in loading or parsing: it changes s before its site is known to
// be good.
func (s *Site) Update(cfg *content.Config, files []*content.File, docs []*markdown.Doc, opt Options) (*Site, diag.List, Reuse) {
	old := s.in
	if old.cfg == nil || opt != old.opt || len(docs) != len(files) || !reflect.DeepEqual(cfg, old.cfg) {
		return nil, nil, Resolved
	}
	added := -1 // the index of a file added, if one was
	switch len(files) - len(old.files) {
	case 0:
	case 1:
		added = len(old.files)
		for i, f := range old.files {
			if f.Path != files[i].Path {
				added = i
				break
			}
		}
		for i := added; i < len(old.files); i++ {
			if old.files[i].Path != files[i+1].Path {
				return nil, nil, Resolved
			}
		}
	default:
		return nil, nil, Resolved
	}
	errFile := "" // the one file of s's errors: only a patch of it can fix them
	for _, d := range old.diags {
		if d.Severity == diag.Error {
			if errFile != "" && d.Pos.File != errFile || d.Pos.File == "" {
				return nil, nil, Resolved
			}
			errFile = d.Pos.File
		}
	}
	var retext []*content.File // files whose texts changed
	patch := -1                // the index of the case to resolve again
	for i, f := range files {
		j := i // f's index in the old files
		switch {
		case i == added:
			if !addable(f) {
				return nil, nil, Resolved
			}
			continue
		case added >= 0 && i > added:
			j = i - 1
		}
		if f == old.files[j] && docs[i] == old.docs[j] {
			continue
		}
		switch {
		case sameRefs(docs[i], old.docs[j]) && sameFrontMatter(f, old.files[j]):
		case sameRefs(docs[i], old.docs[j]) && sameButText(f, old.files[j]):
			retext = append(retext, f)
		case patch < 0 && added < 0 && patchable(old.files[j], f, old.docs[j], docs[i]):
			patch = i
		default:
			return nil, nil, Resolved
		}
	}
	if added >= 0 {
		patch = added
	}
	if errFile != "" && (patch < 0 || files[patch].Path != errFile) {
		return nil, nil, Resolved
	}
	how, diags := Kept, old.diags
	var apply func() diag.List
	if patch >= 0 {
		var ok bool
		if apply, ok = s.patch(files[patch], docs[patch], patch, patch == added); !ok {
			return nil, nil, Resolved
		}
		how = Patched
	}
	for _, f := range retext {
		s.retext(f)
	}
	if apply != nil {
		diags = apply()
	}
	ns := *s
	ns.Config = cfg
	ns.in = inputs{cfg: cfg, files: files, docs: docs, opt: opt, diags: diags}
	return &ns, diags, how
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

func (h Reuse) String() string {
	switch h {
	case Kept:
		return "kept"
	case Patched:
		return "patched"
	}
	return "resolved"
}
