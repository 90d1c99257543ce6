package site

// This file is each content file's own work: what Resolve derives from one
// file and its parsed body alone, without looking at any other file. It is
// computed once per loaded file and body and kept in a Cache between
// Resolve calls (the dev server's), so that after an edit only the edited
// file's own work is done again; the fold (resolve.go) combines the own
// work of every file into the site every time.
//
// What would need another file is left to the fold: whether an entity, a
// case or a link target exists, the headings of a link's target, whether a
// source id is taken by another case, and every diagnostic whose message or
// hint names something of another file. An own value is never changed once
// made, and shared by every site resolved from it.

import (
	"cmp"
	"slices"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
)

// own is the own work of one content file with its body.
type own struct {
	anchors []string      // the ids of the body's headings
	links   []string      // the slugs the body links to, each once, in order of first link
	frags   []ownFragment // each distinct link to a heading, in order of first link
	c       *caseOwn      // a case's own work; nil for an entity or a page
}

// ownFragment is a link to a heading of another file.
type ownFragment struct {
	slug, id string
}

// caseOwn is the own work of a case: its sources numbered by their first
// citation, what its actions, events and citations refer to among them,
// and its timeline entries in order. A case's references to sources are
// to its own, whatever ids other cases define (the fold reports an id
// defined twice: checkSourceIDs).
type caseOwn struct {
	aliases []string
	tags    []string
	sources []ownSource    // the cited ones first, in number order, then the others as listed
	cited   int            // how many of sources are cited in the body
	num     map[string]int // source id -> number; read by the renderer, never changed
	actions [][]int        // each action's sources, by index in sources
	events  [][]int        // each event's sources, by index in sources
	// The sources as the site gives them (Case.Sources, Action.Sources,
	// Event.Sources): made once with the own work and shared, unchanged, by
	// every site resolved from it.
	built   []*Source
	actSrcs [][]*Source
	evSrcs  [][]*Source
	missing []content.Ref // references to ids the case has no source for, actions' and events' first, then citations'
	entries []ownEntry    // chronological
	diags   diag.List     // what is wrong in the file alone (a source id used twice in it)
}

// ownSource is one source of a case.
type ownSource struct {
	meta     *content.Source // in its file's front matter, which the file keeps (a copy took 12 MB at 10,000 cases)
	n        int             // number in the case's list; 0 when not cited in the body
	backrefs []string        // ids of the places in the body that cite it
	used     bool            // cited, or used by an action or event
}

// ownEntry is one timeline entry of a case.
type ownEntry struct {
	order int    // the action's index, or len(actions) + the event's index
	rank  int    // an event's rank among the case's events of its date (see baseID)
	base  string // the id before collisions, for a case whose every entity reference resolves
}

// newOwn computes the own work of file f, whose body is d.
func newOwn(f *content.File, d *markdown.Doc) *own {
	o := &own{anchors: headingIDs(d)}
	if d != nil {
		seen := map[string]bool{}
		seenFrag := map[ownFragment]bool{}
		for l := range d.Links() {
			if !seen[l.Slug] {
				seen[l.Slug] = true
				o.links = append(o.links, l.Slug)
			}
			if l.Fragment != "" {
				fr := ownFragment{l.Slug, markdown.HeadingID(l.Fragment)}
				if !seenFrag[fr] {
					seenFrag[fr] = true
					o.frags = append(o.frags, fr)
				}
			}
		}
	}
	if f.Kind == content.KindCase && f.Case != nil {
		o.c = newCaseOwn(f, d)
	}
	return o
}

// newCaseOwn computes the own work of case file f with body d.
func newCaseOwn(f *content.File, d *markdown.Doc) *caseOwn {
	m := f.Case
	co := &caseOwn{num: map[string]int{}}
	for _, a := range m.Aliases {
		co.aliases = append(co.aliases, a.Value)
	}
	for _, t := range m.Tags {
		co.tags = append(co.tags, t.Value)
	}
	byID := map[string]int{}
	for i := range m.Sources {
		ms := &m.Sources[i]
		id := ms.ID.Value
		if id == "" {
			continue
		}
		if prev, ok := byID[id]; ok {
			co.diags.Add(diag.Errorf(ms.ID.Pos, "duplicate source id %q", id).
				WithHint("it is already defined at %s; source ids must be unique across the site", co.sources[prev].meta.ID.Pos))
			continue
		}
		byID[id] = len(co.sources)
		co.sources = append(co.sources, ownSource{meta: ms})
	}
	// Sources are referred to by index until they are sorted.
	refs := func(rs []content.Ref) []int {
		var out []int
		for _, r := range rs {
			if i, ok := byID[r.Value]; ok {
				co.sources[i].used = true
				out = append(out, i)
			} else {
				co.missing = append(co.missing, r)
			}
		}
		return out
	}
	actions := make([][]int, len(m.Actions))
	for i, ma := range m.Actions {
		actions[i] = refs(ma.Sources)
	}
	events := make([][]int, len(m.Events))
	for i, me := range m.Events {
		events[i] = refs(me.Sources)
	}
	if d != nil && !f.Broken {
		for _, q := range d.Quotes {
			if !q.Cited {
				co.diags.Add(diag.Warnf(q.Pos, "the quotation %q has no citation in its sentence", q.Text).
					WithHint("cite the source that carries the quoted words in the same sentence: [@source-id]"))
			}
		}
		for cit := range d.Citations() {
			i, ok := byID[cit.Key]
			if !ok {
				co.missing = append(co.missing, content.Ref{Value: cit.Key, Pos: cit.Pos})
				continue
			}
			s := &co.sources[i]
			if s.n == 0 {
				co.cited++
				s.n = co.cited
				co.num[s.meta.ID.Value] = s.n
			}
			s.used = true
			s.backrefs = append(s.backrefs, CiteID(s.n, cit.Occ))
		}
	}
	// The sources in their final order, and the references to them.
	perm := make([]int, len(co.sources)) // new index -> old
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int { return cmp.Compare(numKey(co.sources[a].n), numKey(co.sources[b].n)) })
	sorted := make([]ownSource, len(co.sources))
	at := make([]int, len(co.sources)) // old index -> new
	for i, old := range perm {
		sorted[i] = co.sources[old]
		at[old] = i
	}
	co.sources = sorted
	for _, is := range slices.Concat(actions, events) {
		for k, i := range is {
			is[k] = at[i]
		}
	}
	co.actions, co.events = actions, events
	co.entries = caseEntries(f, m)
	co.build()
	return co
}

// build makes the case's Source values from its own sources, and the lists
// of them of its actions and events, each in one allocation.
func (co *caseOwn) build() {
	co.actSrcs = make([][]*Source, len(co.actions))
	co.evSrcs = make([][]*Source, len(co.events))
	if len(co.sources) == 0 {
		return // no lists: every reference is missing
	}
	all := make([]Source, len(co.sources))
	refs := 0
	for _, is := range slices.Concat(co.actions, co.events) {
		refs += len(is)
	}
	ptrs := make([]*Source, len(co.sources)+refs)
	co.built = ptrs[:len(co.sources):len(co.sources)]
	slab := ptrs[len(co.sources):]
	for k, os := range co.sources {
		m := os.meta
		all[k] = Source{ID: m.ID.Value, N: os.n, Title: m.Title, Publisher: m.Publisher, Authors: m.Authors,
			Date: m.Date, URL: m.URL, Archive: m.Archive, Language: m.Language, Accessed: m.Accessed,
			Backrefs: os.backrefs, pos: m.ID.Pos, used: os.used}
		all[k].work = workHash(&all[k])
		co.built[k] = &all[k]
	}
	at := func(is []int) []*Source {
		if len(is) == 0 {
			return nil
		}
		out := slab[:len(is):len(is)]
		slab = slab[len(is):]
		for k, i := range is {
			out[k] = co.built[i]
		}
		return out
	}
	for i, is := range co.actions {
		co.actSrcs[i] = at(is)
	}
	for i, is := range co.events {
		co.evSrcs[i] = at(is)
	}
}

// caseEntries orders the actions and events of case f (front matter m) as
// compareEntries does, and gives each its base id as baseID would for a
// case whose every entity reference resolves.
func caseEntries(f *content.File, m *content.CaseMeta) []ownEntry {
	type dated struct {
		date  content.Date
		order int
	}
	es := make([]dated, 0, len(m.Actions)+len(m.Events))
	for i, a := range m.Actions {
		es = append(es, dated{a.Date, i})
	}
	for i, e := range m.Events {
		es = append(es, dated{e.Date, len(m.Actions) + i})
	}
	// One case: the slug ties, so date then order.
	slices.SortFunc(es, func(a, b dated) int { return cmp.Or(a.date.Compare(b.date), cmp.Compare(a.order, b.order)) })
	firstTarget := ""
	if len(m.Targets) > 0 {
		firstTarget = m.Targets[0].Value
	}
	out := make([]ownEntry, len(es))
	n := 0
	for i, e := range es {
		oe := ownEntry{order: e.order}
		if e.order < len(m.Actions) {
			a := m.Actions[e.order]
			oe.base = actionID(e.date, a.Provider.Value, a.Action, firstTarget)
		} else {
			if i > 0 && es[i-1].order >= len(m.Actions) && es[i-1].date == e.date {
				n++
			} else {
				n = 1
			}
			oe.rank = n
			oe.base = eventID(e.date, f.Slug, n)
		}
		out[i] = oe
	}
	return out
}
