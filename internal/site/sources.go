package site

// This file makes the sources of the cases: the site-wide check of their
// ids, and each case's from its own work.

import (
	"cmp"
	"slices"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
)

// sourceIDs is what checkSourceIDs finds.
type sourceIDs struct {
	owner  map[string]int   // source id -> the index of the file that has it
	remade map[int]*caseOwn // file index -> its case's own work without the ids earlier files took
	diags  diag.List
}

// checkSourceIDs checks that source ids are unique across the site, going
// through the case files in order (content.Load's, by path): an id that an
// earlier file took is reported, and the later case's own work made again
// without it. It reads only the files and their own work, so it runs
// meanwhile with collect.
func checkSourceIDs(files []*content.File, docs []*markdown.Doc, owns []*own) *sourceIDs {
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
	ids := &sourceIDs{owner: make(map[string]int, n)}
	for _, i := range order {
		var drop map[string]bool
		for _, ms := range files[i].Case.Sources {
			id := ms.ID.Value
			prev, taken := ids.owner[id]
			switch {
			case id == "":
			case !taken:
				ids.owner[id] = i
			case prev != i:
				ids.diags.Add(diag.Errorf(ms.ID.Pos, "duplicate source id %q", id).
					WithHint("it is already defined at %s; source ids must be unique across the site", sourcePos(owns[prev].c, id)))
				if drop == nil {
					drop = map[string]bool{}
				}
				drop[id] = true
			}
		}
		co := owns[i].c
		if drop != nil {
			co = newCaseOwn(files[i], docs[i], drop)
			if ids.remade == nil {
				ids.remade = map[int]*caseOwn{}
			}
			ids.remade[i] = co
		}
		ids.diags.Add(co.diags...) // a source id used twice in the file
	}
	return ids
}

// sourcePos returns where a case (own work co) defines source id.
func sourcePos(co *caseOwn, id string) diag.Pos {
	for _, os := range co.sources {
		if os.meta.ID.Value == id {
			return os.meta.ID.Pos
		}
	}
	return diag.Pos{}
}

// unknownSource reports a reference of case c to a source id it has not.
func (r *resolver) unknownSource(c *Case, ref content.Ref) {
	id := ref.Value
	d := diag.Errorf(ref.Pos, "unknown source %q", id)
	if i, ok := r.owner[id]; ok {
		d = d.WithHint("%q is a source of %s; copy it into this case's sources with an id of its own", id, r.s.files[i].Path)
	} else {
		ids := make([]string, len(c.meta.Sources))
		for i, s := range c.meta.Sources {
			ids[i] = s.ID.Value
		}
		if h := diag.DidYouMean(id, ids); h != "" {
			d = d.WithHint("%s", h)
		} else {
			d = d.WithHint("add it under sources: with id: %s, or use one of this case's source ids", id)
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
