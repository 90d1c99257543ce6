package site

// This file lets the dev server skip Resolve after the commonest edit: a
// maintainer rewording the body of one case. Such an edit changes what the
// case page (and the search index) shows, but nothing Resolve computes, so
// the resolved model of the last build can be kept with the new bodies.

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
// from those s was resolved from only in bodies, and only in what Resolve
// does not read: the same files in the same order, each with the same front
// matter, and each changed body with the same citations (keys, in order),
// the same links (slug and heading) and the same heading ids. The new site
// shares every case, entity, page and index with s, which stays unchanged;
// only the bodies differ. ok is false, and a full Resolve is needed, when
// anything else changed or s had errors (whose positions may be in a body).
func (s *Site) Update(cfg *content.Config, files []*content.File, docs []*markdown.Doc, opt Options) (_ *Site, _ diag.List, ok bool) {
	old := s.in
	if old.cfg == nil || old.diags.HasErrors() || opt != old.opt || len(files) != len(old.files) ||
		len(docs) != len(files) || !reflect.DeepEqual(cfg, old.cfg) {
		return nil, nil, false
	}
	for i, f := range files {
		if f == old.files[i] && docs[i] == old.docs[i] {
			continue
		}
		if !sameFrontMatter(f, old.files[i]) || !sameRefs(docs[i], old.docs[i]) {
			return nil, nil, false
		}
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
