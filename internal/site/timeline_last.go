package site

// This file spares the timeline, after an edit, most of its work: sorting
// every entry, and making the ids of every year's entries unique. A Cache
// keeps, from the last Resolve, where each case's entries were in its
// timeline, and each entry's base id and id. The entries of a case whose
// own work is the same keep their order among themselves (what the order
// reads, their dates, case slug and order in the case, is the own work's),
// so the next Resolve puts them in that order and merges in the entries of
// the cases that are new or changed. The ids of a year whose entries are
// the same, in the same order and with the same base ids, are the last ones
// (assignIDs reads nothing else).

import (
	"slices"
	"sort"
)

// lastTimeline is the timeline of the last Resolve through a Cache, for
// the next one.
type lastTimeline struct {
	cases []lastCase     // by the index of the case's file in the last Resolve's files
	bases []string       // by position in the timeline: each entry's base id
	ids   []string       // and its id
	years map[int][2]int // each year's [start, end) positions
}

// lastCase is one case's entries in the last timeline.
type lastCase struct {
	own  *caseOwn // the case's own work
	urls []string // the permalink of each (in the order of Case.entries)
	pos  []int32  // the position of each in the timeline
}

// newLastTimeline records site s's timeline for the next Resolve.
func newLastTimeline(s *Site) *lastTimeline {
	es := s.timeline.Entries
	lt := &lastTimeline{
		cases: make([]lastCase, len(s.files)),
		bases: make([]string, len(es)),
		ids:   make([]string, len(es)),
		years: map[int][2]int{},
	}
	urls := make([]string, len(es)) // one allocation for every case's
	pos := make([]int32, len(es))
	for _, c := range s.Cases {
		n := len(c.entries)
		lc := lastCase{own: c.own, urls: urls[:n:n], pos: pos[:n:n]}
		urls, pos = urls[n:], pos[n:]
		for k, e := range c.entries {
			lc.urls[k], lc.pos[k] = e.url, int32(e.seq-1)
		}
		lt.cases[c.in] = lc
	}
	for i, e := range es {
		lt.bases[i], lt.ids[i] = e.base, e.ID
	}
	for _, y := range yearRanges(es) {
		lt.years[es[y[0]].Date.Year] = y
	}
	return lt
}

// sorted returns the entries of cases (n in all) in the order of
// compareEntries, as sortedEntries does, and the position in the last
// timeline of each (-1 for the entries of a case new or changed). It
// returns nil when lt or d (how the files differ from the last ones) is
// nil, or when more than an eighth of the entries are of cases new or
// changed: a full sort is then as quick. (Two entries never compare
// equal: case slugs are file names of one folder.)
func (lt *lastTimeline) sorted(d *tableDiff, cases []*Case, n int) ([]*Entry, []int32) {
	if lt == nil || d == nil {
		return nil, nil
	}
	slots := make([]*Entry, len(lt.bases)) // the entries kept, at their last positions
	var added []*Entry
	for _, c := range cases {
		lc, ok := lt.of(d, c)
		if !ok || len(lc.pos) != len(c.entries) {
			added = append(added, c.entries...)
			if len(added) > n/8 {
				return nil, nil
			}
			continue
		}
		for k, e := range c.entries {
			slots[lc.pos[k]] = e
		}
	}
	kept := make([]*Entry, 0, n)
	keptFrom := make([]int32, 0, n)
	for p, e := range slots {
		if e != nil {
			kept, keptFrom = append(kept, e), append(keptFrom, int32(p))
		}
	}
	if len(added) == 0 {
		return kept, keptFrom
	}
	// Each added entry goes after the kept ones that come before it.
	slices.SortFunc(added, compareEntries)
	out := make([]*Entry, 0, n)
	from := make([]int32, 0, n)
	i := 0 // the kept entries before i are out
	for _, a := range added {
		j := i + sort.Search(len(kept)-i, func(k int) bool { return compareEntries(kept[i+k], a) > 0 })
		out, from = append(out, kept[i:j]...), append(from, keptFrom[i:j]...)
		out, from = append(out, a), append(from, -1)
		i = j
	}
	out, from = append(out, kept[i:]...), append(from, keptFrom[i:]...)
	return out, from
}

// sameYear gives the entries of one year (es, in order; from, their
// positions in the last timeline) their last ids when they are the last
// year's entries, in the same order, with the same base ids, and reports
// whether it did.
func (lt *lastTimeline) sameYear(es []*Entry, from []int32) bool {
	if lt == nil || len(es) == 0 {
		return false
	}
	y, ok := lt.years[es[0].Date.Year]
	if !ok || y[1]-y[0] != len(es) {
		return false
	}
	for k, e := range es {
		if p := from[k]; p != int32(y[0]+k) || e.base != lt.bases[p] {
			return false
		}
	}
	for k, e := range es {
		e.ID = lt.ids[y[0]+k]
	}
	return true
}

// of returns case c's entries in the last timeline, if it was there with
// the same own work; d says how the files differ from the last ones.
func (lt *lastTimeline) of(d *tableDiff, c *Case) (lastCase, bool) {
	if lt == nil || d == nil {
		return lastCase{}, false
	}
	p := d.prev[c.in]
	if p < 0 || lt.cases[p].own != c.own {
		return lastCase{}, false
	}
	return lt.cases[p], true
}
