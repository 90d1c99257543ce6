package site

// This file lets Update resolve one case again without resolving the site:
// the dev server's answer to an edit of a case's front matter that moves
// it among the others (a date), or changes its groups (a tag, a target, a
// provider), its sources, events or citations. The case is resolved anew
// against the site as it is; only when that finds no error is the site
// changed, in place, by patching what depends on the case: the order of the
// cases, the entity and term lists it is in, the back-links of what it
// links to, the related cases of the cases that share a group with it, the
// timeline and the warnings. Each step does what Resolve does for the whole
// site, restricted to what the case touches, so that the result is the
// model Resolve would make (TestUpdate compares them with reflect.DeepEqual,
// and the build's tests every output file).

import (
	"cmp"
	"slices"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
)

// patchable reports whether a change from file a (body da) to file b (body
// db) can be patched into the site: the same published case, whose
// front matter and body may change but for its draft flag, its aliases
// and its headings (which other pages' links are checked against).
func patchable(a, b *content.File, da, db *markdown.Doc) bool {
	if a.Path != b.Path || a.Slug != b.Slug || a.Kind != content.KindCase || b.Kind != content.KindCase ||
		a.Broken || b.Broken || a.Case == nil || b.Case == nil || a.Case.Draft != b.Case.Draft ||
		!slices.EqualFunc(a.Case.Aliases, b.Case.Aliases, func(x, y content.Ref) bool { return x.Value == y.Value }) {
		return false
	}
	return slices.Equal(headingIDs(da), headingIDs(db))
}

// addable reports whether file f, new, can be patched into the site: a
// published case without aliases (whose redirects Resolve checks against
// the whole site).
func addable(f *content.File) bool {
	return f.Kind == content.KindCase && !f.Broken && f.Case != nil && !f.Case.Draft && len(f.Case.Aliases) == 0
}

// patch resolves file f (index i in the inputs, body d) into a new case and
// returns the function that writes it into the site in place of the case
// of the same slug, or, with add set, as a case more; ok is false when that
// case is not in the site (or, with add, its slug is taken) or the new one
// has an error (a full Resolve then reports it). Nothing changes before
// apply is called.
func (s *Site) patch(f *content.File, d *markdown.Doc, i int, add bool) (apply func() diag.List, ok bool) {
	if s.sources == nil {
		return nil, false
	}
	old, isCase := s.bySlug[f.Slug].(*Case)
	if add {
		// An empty case not yet in the site, which apply adds and then
		// replaces as any other.
		old = &Case{Slug: f.Slug, File: f.Path, url: s.BasePath + "cases/" + f.Slug + "/", num: map[string]int{}}
		_, taken := s.bySlug[f.Slug]
		if taken || slices.ContainsFunc(s.Redirects, func(r Redirect) bool { return r.From == old.url }) {
			return nil, false
		}
	} else if !isCase || old.File != f.Path {
		return nil, false
	}
	m := f.Case
	r := &resolver{s: s, opt: s.in.opt, sources: s.sources}
	nc := &Case{Slug: f.Slug, File: f.Path, Title: m.Title, Summary: m.Summary, Date: m.Date,
		Draft: m.Draft, Updated: m.Updated, Changes: m.Changes, Aliases: old.Aliases, Commit: old.Commit,
		url: old.url, in: i, anchors: headingIDs(d), meta: m, num: map[string]int{}}
	ids := map[string]bool{}
	for _, ms := range m.Sources {
		id := ms.ID.Value
		if id == "" {
			continue
		}
		if prev, taken := s.sources[id]; ids[id] || taken && prev.Case != old {
			return nil, false // a duplicate id
		}
		ids[id] = true
		nc.Sources = append(nc.Sources, &Source{Case: nc, ID: id, Title: ms.Title, Publisher: ms.Publisher,
			Authors: ms.Authors, Date: ms.Date, URL: ms.URL, Archive: ms.Archive, Language: ms.Language,
			Accessed: ms.Accessed, src: ms})
	}
	r.resolveCase(nc)
	r.citations(nc, d)
	links := r.links(old, d)
	if r.diags.HasErrors() {
		return nil, false
	}
	return func() diag.List {
		if add {
			s.insert(old, i)
		}
		s.replace(old, nc, links)
		r.diags = nil
		r.warnings()
		return r.diags
	}, true
}

// insert adds c, the case of the file of index i, to the cases, and
// shifts the index of every later file.
func (s *Site) insert(c *Case, i int) {
	for _, t := range s.bySlug {
		t.shiftInput(i)
	}
	c.in = i
	s.Cases = append(s.Cases, c) // replace sorts them
	s.bySlug[c.Slug] = c
}

func (c *Case) shiftInput(i int) {
	if c.in >= i {
		c.in++
	}
}

func (e *Entity) shiftInput(i int) {
	if e.in >= i {
		e.in++
	}
}

func (p *Page) shiftInput(i int) {
	if p.in >= i {
		p.in++
	}
}

// replace writes nc, a new resolution of case c linking to links, into c
// and patches the site around it.
func (s *Site) replace(c, nc *Case, links []Target) {
	// What the case was part of: its groups for related cases, its
	// entities, terms, links and timeline entries.
	before := groupMembers(c, providedCases(s.providers), nil)
	oldActions, oldEntries, oldLinks := c.Actions, c.entries, c.links
	ents, terms := c.roles(nil), c.terms(s, nil)
	for _, src := range c.Sources {
		delete(s.sources, src.ID)
	}

	linkedFrom := c.LinkedFrom // the other bodies did not change
	*c = *nc
	c.LinkedFrom, c.links = linkedFrom, links
	for _, a := range c.Actions {
		a.Case = c
	}
	for _, e := range c.Events {
		e.Case = c
	}
	for _, src := range c.Sources {
		src.Case = c
		s.sources[src.ID] = src
	}
	for _, t := range c.meta.Tags {
		c.Tags = append(c.Tags, s.term(s.tags, "tags", t.Value))
	}
	ents, terms = c.roles(ents), c.terms(s, terms)

	// The order of the cases (a date may have changed).
	sortCases(s.Cases)
	for i, o := range s.Cases {
		o.ord, o.Prev, o.Next = i, nil, nil
		if i > 0 {
			o.Next = s.Cases[i-1]
		}
		if i+1 < len(s.Cases) {
			o.Prev = s.Cases[i+1]
		}
	}

	// The entity roles and terms, as indexes makes them.
	isOld := make(map[*Action]bool, len(oldActions))
	for _, a := range oldActions {
		isOld[a] = true
	}
	for _, e := range ents {
		e.AsProvider = slices.DeleteFunc(e.AsProvider, func(a *Action) bool { return isOld[a] })
		for _, a := range c.Actions {
			if a.Provider == e {
				e.AsProvider = append(e.AsProvider, a)
			}
		}
		slices.SortFunc(e.AsProvider, compareProvided)
		e.AsTarget = withCase(e.AsTarget, c, slices.Contains(c.Targets, e))
		e.Involved = withCase(e.Involved, c, slices.Contains(c.People, e))
	}
	now := c.terms(s, nil)
	for _, t := range terms {
		t.Cases = withCase(t.Cases, c, slices.Contains(now, t))
	}
	for _, m := range []map[string]*Term{s.tags, s.svcs, s.acts} {
		for slug, t := range m {
			if len(t.Cases) == 0 {
				delete(m, slug)
			}
		}
	}
	s.Tags, s.Services, s.Actions = sortedTerms(s.tags), sortedTerms(s.svcs), nil
	for _, t := range content.Actions {
		if at, ok := s.acts[t]; ok {
			s.Actions = append(s.Actions, at)
		}
	}
	s.providers = providers(s.Entities)

	// Back-links: c among the cases that link to each of its targets, in
	// case order, before the entities and pages that do.
	for _, t := range uniqueTargets(oldLinks, links) {
		from := slices.DeleteFunc(t.backlinks(), func(x Target) bool { return x == c })
		if slices.Contains(links, t) {
			i := 0
			for i < len(from) {
				if o, isCase := from[i].(*Case); !isCase || o.ord > c.ord {
					break
				}
				i++
			}
			from = slices.Insert(from, i, Target(c))
		}
		t.setBacklinks(from)
	}

	// Related cases: those of c, and of every case that shares a group
	// with it before or after; the others' candidates and their order
	// did not change.
	provided := providedCases(s.providers)
	which := groupMembers(c, provided, before)
	for _, o := range which {
		if o.explicit == 0 {
			o.Related = nil
		} else {
			o.Related = o.Related[:min(o.explicit, len(o.Related))]
		}
	}
	relate(s.Cases, which, provided)

	s.patchTimeline(c, oldEntries, ents)
}

// compareProvided orders an entity's actions as provider: newest first,
// then by case slug, then as listed in the case.
func compareProvided(a, b *Action) int {
	if n := cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Case.Slug, b.Case.Slug)); n != 0 {
		return n
	}
	return cmp.Compare(slices.Index(a.Case.Actions, a), slices.Index(b.Case.Actions, b))
}

// withCase returns cases, a list in case order, with or without c.
func withCase(cases []*Case, c *Case, with bool) []*Case {
	cases = slices.DeleteFunc(cases, func(o *Case) bool { return o == c })
	if with {
		i, _ := slices.BinarySearchFunc(cases, c.ord, func(o *Case, ord int) int { return cmp.Compare(o.ord, ord) })
		cases = slices.Insert(cases, i, c)
	}
	if len(cases) == 0 {
		return nil
	}
	return cases
}

// roles appends to ents the entities c refers to as provider, target or
// person, each once.
func (c *Case) roles(ents []*Entity) []*Entity {
	add := func(e *Entity) {
		if e != nil && !slices.Contains(ents, e) {
			ents = append(ents, e)
		}
	}
	for _, a := range c.Actions {
		add(a.Provider)
	}
	for _, e := range c.Targets {
		add(e)
	}
	for _, e := range c.People {
		add(e)
	}
	return ents
}

// terms appends to ts the tag, service and action-type terms c is listed
// under, each once, creating those the site does not have yet.
func (c *Case) terms(s *Site, ts []*Term) []*Term {
	add := func(t *Term) {
		if !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	for _, t := range c.Tags {
		add(t)
	}
	for _, a := range c.Actions {
		for _, svc := range a.Services {
			add(s.term(s.svcs, "services", svc))
		}
	}
	for _, t := range c.ActionTypes() {
		add(s.term(s.acts, "actions", t))
	}
	return ts
}

// term returns the term of the given slug in m, created if need be.
func (s *Site) term(m map[string]*Term, dir, slug string) *Term {
	return (&resolver{s: s}).term(m, dir, slug)
}

// groupMembers returns c, the cases of also, and those of every group of c
// that counts for relatedness (see eachGroup), each once.
func groupMembers(c *Case, provided map[*Entity][]*Case, also []*Case) []*Case {
	seen := map[*Case]bool{}
	var out []*Case
	for _, o := range append([]*Case{c}, also...) {
		if !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	eachGroup(c, provided, func(group []*Case, _ int32) {
		for _, o := range group {
			if !seen[o] {
				seen[o] = true
				out = append(out, o)
			}
		}
	})
	return out
}

func uniqueTargets(a, b []Target) []Target {
	var out []Target
	for _, t := range slices.Concat(a, b) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func (c *Case) backlinks() []Target      { return c.LinkedFrom }
func (c *Case) setBacklinks(ts []Target) { c.LinkedFrom = nilIfEmpty(ts) }

func (e *Entity) backlinks() []Target      { return e.LinkedFrom }
func (e *Entity) setBacklinks(ts []Target) { e.LinkedFrom = nilIfEmpty(ts) }

func (p *Page) backlinks() []Target      { return p.LinkedFrom }
func (p *Page) setBacklinks(ts []Target) { p.LinkedFrom = nilIfEmpty(ts) }

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// patchTimeline replaces the entries of c (oldEntries before) in the
// timeline, as timeline would place them, and gives every entry its id and
// permalink again. ents are the entities c refers to before and after.
func (s *Site) patchTimeline(c *Case, oldEntries []*Entry, ents []*Entity) {
	t := s.timeline
	if t == nil {
		return
	}
	c.entries = make([]*Entry, len(c.Actions)+len(c.Events))
	all := make([]Entry, len(c.entries))
	for i := range c.entries {
		c.entries[i] = &all[i]
	}
	c.makeEntries()

	// Every entry but the old ones, merged with the new ones.
	isOld := make(map[*Entry]bool, len(oldEntries))
	for _, e := range oldEntries {
		isOld[e] = true
	}
	entries := make([]*Entry, 0, len(t.Entries)-len(oldEntries)+len(c.entries))
	fresh := c.entries
	for _, e := range t.Entries {
		if isOld[e] {
			continue
		}
		for len(fresh) > 0 && compareEntries(fresh[0], e) < 0 {
			entries, fresh = append(entries, fresh[0]), fresh[1:]
		}
		entries = append(entries, e)
	}
	t.Entries = append(entries, fresh...)
	for i, e := range t.Entries {
		e.seq = i + 1
	}
	clear(t.byID)
	t.assignIDs()
	t.permalinks(s.BasePath)

	// The lists of the entities and action types of c, before and after.
	lists := make([]*[]*Entry, 0, 2*len(ents))
	for _, e := range ents {
		lists = append(lists, &t.byEntity[e.ord], &t.byProvider[e.ord])
	}
	for _, l := range lists {
		*l = slices.DeleteFunc(*l, func(e *Entry) bool { return e.Case == c })
	}
	for typ, l := range t.byAction {
		t.byAction[typ] = slices.DeleteFunc(l, func(e *Entry) bool { return e.Case == c })
	}
	for _, e := range c.entries {
		t.index(e)
	}
	bySeq := func(a, b *Entry) int { return cmp.Compare(a.seq, b.seq) }
	for _, l := range lists {
		slices.SortFunc(*l, bySeq)
		*l = nilIfEmpty(*l)
	}
	for typ, l := range t.byAction {
		if len(l) == 0 {
			delete(t.byAction, typ)
		}
		slices.SortFunc(l, bySeq)
	}
}
