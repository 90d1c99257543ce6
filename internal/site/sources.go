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

// makeSources makes the case's sources from its own work, in all (its part
// of the array of every case's).
func (c *Case) makeSources(all []Source) {
	c.Cited = c.own.cited
	if len(c.own.sources) == 0 {
		return
	}
	c.Sources = make([]*Source, len(c.own.sources))
	for k, os := range c.own.sources {
		m := os.meta
		all[k] = Source{Case: c, ID: m.ID.Value, N: os.n, Title: m.Title, Publisher: m.Publisher, Authors: m.Authors,
			Date: m.Date, URL: m.URL, Archive: m.Archive, Language: m.Language, Accessed: m.Accessed,
			Backrefs: os.backrefs, pos: m.ID.Pos, used: os.used}
		c.Sources[k] = &all[k]
	}
}

// sourcesAt returns the case's sources at the given indexes, taking the room
// for them from *slab.
func (c *Case) sourcesAt(is []int, slab *[]*Source) []*Source {
	if len(is) == 0 {
		return nil
	}
	out := (*slab)[:len(is):len(is)]
	*slab = (*slab)[len(is):]
	for k, i := range is {
		out[k] = c.Sources[i]
	}
	return out
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
