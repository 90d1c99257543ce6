package site

// This file makes the sources of the cases: the site-wide check of their
// ids, and each case's from its own work.

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
)

// sourceIDs is what checkSourceIDs finds.
type sourceIDs struct {
	owner map[string]*content.File // source id -> the first file (by path) that has it
	diags diag.List
	// No id is defined twice: owner is the one file of each id, and a
	// Cache's next Resolve may bring it up to date (nextSourceIDs).
	unique bool
}

// checkSourceIDs checks that source ids are unique across the site. An id
// that several cases define is reported at each of its definitions, each
// naming the others: which of the files is the mistake is not for the
// build to guess (the new one, most often, but the build cannot tell which
// is new), and no file is blamed for being second in alphabetical order.
// Each case keeps its own sources all the same, and its references resolve
// to them, so that a duplicate gives no "unknown source" in the files that
// use it. It reads only the files and their own work, so it runs meanwhile
// with collect.
func checkSourceIDs(files []*content.File, owns []*own) *sourceIDs {
	var order []int // the case files left in, in order
	n := 0
	for i, o := range owns {
		if o != nil && o.c != nil {
			order = append(order, i)
			n += len(o.c.sources)
		}
	}
	if !sortedByPath(files) {
		slices.SortFunc(order, func(a, b int) int { return cmp.Compare(files[a].Path, files[b].Path) })
	}
	ids := &sourceIDs{owner: make(map[string]*content.File, n)}
	var defs map[string][]diag.Pos // the ids defined by more than one case: where, in order
	for _, i := range order {
		co := owns[i].c
		for _, os := range co.sources {
			id := os.meta.ID.Value
			prev, taken := ids.owner[id]
			switch {
			case !taken:
				ids.owner[id] = files[i]
			case prev != files[i]:
				if defs == nil {
					defs = map[string][]diag.Pos{}
				}
				if defs[id] == nil {
					defs[id] = []diag.Pos{sourcePos(prev.Case, id)}
				}
				defs[id] = append(defs[id], os.meta.ID.Pos)
			}
		}
		ids.diags.Add(co.diags...) // a source id used twice in the file
	}
	ids.unique = defs == nil
	for _, id := range slices.Sorted(maps.Keys(defs)) {
		at := defs[id]
		for k, pos := range at {
			others := slices.Concat(at[:k], at[k+1:])
			ids.diags.Add(diag.Errorf(pos, "source id %q is also defined at %s", id, joinPos(others)).
				WithHint("source ids are unique across the site: give one of them another id, and change that case's references to it"))
		}
	}
	return ids
}

// joinPos lists positions: "a.md:3:9", "a.md:3:9 and b.md:4:9", or the first
// three and how many more.
func joinPos(ps []diag.Pos) string {
	s := make([]string, 0, 3)
	for _, p := range ps[:min(len(ps), 3)] {
		s = append(s, p.String())
	}
	switch {
	case len(ps) > 3:
		return strings.Join(s, ", ") + fmt.Sprintf(" and %d more", len(ps)-3)
	case len(s) > 1:
		return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
	}
	return s[0]
}

// sourcePos returns where a case (front matter m) defines source id.
func sourcePos(m *content.CaseMeta, id string) diag.Pos {
	for _, s := range m.Sources {
		if s.ID.Value == id {
			return s.ID.Pos
		}
	}
	return diag.Pos{}
}

// nextSourceIDs is checkSourceIDs for the files of a Resolve that differ
// from the last one's as d says (see diffTable), given what the last check
// found: after an edit, it takes the ids of the files changed or gone out of
// last.owner and puts those of the files changed or new in, instead of
// going through every source of the site. It returns nil, having changed
// nothing, when it cannot: d or last is nil, the last check found an id
// defined twice, many files changed, or a file changed or new defines an
// id that another defines (checkSourceIDs then reports every definition
// of it). Otherwise last.owner becomes the result's: the caller gives up
// last.
func nextSourceIDs(last *sourceIDs, d *tableDiff, files []*content.File, owns []*own) *sourceIDs {
	if d == nil || last == nil || !last.unique {
		return nil
	}
	var changed []int // files changed or new, by index
	for j, o := range owns {
		if p := d.prev[j]; p < 0 || d.last.owns[p] != o {
			changed = append(changed, j)
		}
	}
	var gone []int // the last versions of files changed or gone, by index in d.last
	for i, j := range d.remap {
		if j < 0 || d.last.owns[i] != owns[j] {
			gone = append(gone, i)
		}
	}
	if len(changed)+len(gone) > maxSourceEdits {
		return nil
	}
	freed := make(map[*content.File]bool, len(gone)) // their ids leave the table
	for _, i := range gone {
		freed[d.last.files[i]] = true
	}
	added := map[string]int{} // id -> the changed file that defines it
	for _, j := range changed {
		for _, os := range sourcesOf(owns[j]) {
			id := os.meta.ID.Value
			if f, ok := last.owner[id]; ok && !freed[f] {
				return nil
			}
			if k, ok := added[id]; ok && k != j {
				return nil
			}
			added[id] = j
		}
	}
	for _, i := range gone {
		for _, os := range sourcesOf(d.last.owns[i]) {
			delete(last.owner, os.meta.ID.Value) // its one file was d.last.files[i]
		}
	}
	for id, j := range added {
		last.owner[id] = files[j]
	}
	next := &sourceIDs{owner: last.owner, unique: true}
	for _, o := range owns { // files are in path order (diffTable)
		if o != nil && o.c != nil {
			next.diags.Add(o.c.diags...)
		}
	}
	return next
}

// maxSourceEdits is the most files changed, new or gone for which
// nextSourceIDs is worth it.
const maxSourceEdits = 256

// sourcesOf returns the sources of a file's own work: none for a file
// left out, an entity or a page.
func sourcesOf(o *own) []ownSource {
	if o == nil || o.c == nil {
		return nil
	}
	return o.c.sources
}

// unknownSource reports a reference of case c to a source id it has not.
func (r *resolver) unknownSource(c *Case, ref content.Ref) {
	id := ref.Value
	d := diag.Errorf(ref.Pos, "unknown source %q", id)
	if f, ok := r.owner[id]; ok {
		d = d.WithHint("%q is a source of %s; copy it into this case's sources with an id of its own", id, f.Path)
	} else {
		ids := make([]string, len(c.meta.Sources))
		for i, s := range c.meta.Sources {
			ids[i] = s.ID.Value
		}
		switch h := diag.DidYouMean(id, ids); {
		case h != "":
			d = d.WithHint("%s", h)
		case len(ids) == 0:
			d = d.WithHint("add it under sources: with id: %s", id)
		case len(ids) <= 10:
			d = d.WithHint("add it under sources: with id: %s, or use one of this case's source ids: %s", id, strings.Join(ids, ", "))
		default:
			d = d.WithHint("add it under sources: with id: %s, or use one of this case's %d source ids", id, len(ids))
		}
	}
	r.diags.Add(d)
}

// room is the arrays one Resolve makes the parts of every case in: its
// actions, events, the lists of them, its links, entities and timeline
// entries (its sources are its own work's). A case's part of each is found
// by its Case.ord (see of): a few large allocations instead of a dozen per
// case.
type room struct {
	at      []roomAt // by Case.ord, and one more at the end
	actions []Action
	actPtrs []*Action
	events  []Event
	evPtrs  []*Event
	links   []Target
	ents    []*Entity // each case's targets, then its people
	entries []Entry   // each case's timeline entries
	entPtrs []*Entry
}

// roomAt is where a case's parts start in each array of a room.
type roomAt struct{ act, ev, link, ent, entry int }

// caseRoom is one case's part of each array of a room.
type caseRoom struct {
	actions   []Action
	actPtrs   []*Action
	events    []Event
	evPtrs    []*Event
	links     []Target // empty, with room for the case's links
	ents      []*Entity
	entries   []Entry
	entryPtrs []*Entry
}

// newRoom makes the arrays for cases, whose files' own work is owns (by
// file index).
func newRoom(cases []*Case, owns []*own) *room {
	rm := &room{at: make([]roomAt, len(cases)+1)}
	for i, c := range cases {
		a, m := rm.at[i], c.meta
		rm.at[i+1] = roomAt{act: a.act + len(m.Actions), ev: a.ev + len(m.Events), link: a.link + len(owns[c.in].links),
			ent: a.ent + len(m.Targets) + len(m.People), entry: a.entry + len(m.Actions) + len(m.Events)}
	}
	end := rm.at[len(cases)]
	rm.actions, rm.actPtrs = make([]Action, end.act), make([]*Action, end.act)
	rm.events, rm.evPtrs = make([]Event, end.ev), make([]*Event, end.ev)
	rm.links, rm.ents = make([]Target, end.link), make([]*Entity, end.ent)
	rm.entries, rm.entPtrs = make([]Entry, end.entry), make([]*Entry, end.entry)
	return rm
}

// of returns case c's part of the room's arrays; empty parts are nil.
func (rm *room) of(c *Case) caseRoom {
	a, b := rm.at[c.ord], rm.at[c.ord+1]
	return caseRoom{
		actions: rm.actions[a.act:b.act:b.act], actPtrs: nilIfEmpty(rm.actPtrs[a.act:b.act:b.act]),
		events: rm.events[a.ev:b.ev:b.ev], evPtrs: nilIfEmpty(rm.evPtrs[a.ev:b.ev:b.ev]),
		links: rm.links[a.link:a.link:b.link], ents: rm.ents[a.ent:b.ent:b.ent],
		entries: rm.entries[a.entry:b.entry:b.entry], entryPtrs: rm.entPtrs[a.entry:b.entry:b.entry],
	}
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
