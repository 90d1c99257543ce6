package site

// This file builds the site-wide timeline: every entry of every case in
// chronological order, each with a stable id and a permalink, and the
// indexes the timeline pages need (by entity, by provider, by action type).

import (
	"cmp"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/casebook/casebook/internal/content"
)

// TimelinePageSize is the most entries one timeline page shows in full (an
// entry takes about 1 kB of HTML, so a page stays under about 1 MB). A year
// with more entries than this is split into one page per month, and the
// permalinks of its entries point to the month pages.
const TimelinePageSize = 800

// Timeline is every entry of every case, oldest first.
type Timeline struct {
	Entries []*Entry // chronological (see SortEntries)

	byProvider [][]*Entry // by Entity.ord
	byAction   map[string][]*Entry

	// The per-entity lists, made when first asked for (indexEntities) from
	// the site's cases (by Case.ord) and its number of entities.
	entityOnce sync.Once
	byEntity   [][]*Entry // by Entity.ord
	cases      []*Case
	entities   int
}

// TimelineYear is the entries of one year, grouped by month.
type TimelineYear struct {
	Year   int
	Count  int
	Months []TimelineMonth // chronological: month 0 (dates known only to the year) first
}

// TimelineMonth is the entries of one month of a year. Month is 0 for the
// entries whose date is known only to the year.
type TimelineMonth struct {
	Year, Month int
	Entries     []*Entry
}

// Timeline returns the site's timeline; it is never nil.
func (s *Site) Timeline() *Timeline {
	if s.timeline == nil {
		return &Timeline{}
	}
	return s.timeline
}

// ForEntity returns the entries an entity takes part in, oldest first: the
// actions it took as provider, and every entry of the cases where it is a
// target or listed in people.
func (t *Timeline) ForEntity(e *Entity) []*Entry {
	t.entityOnce.Do(t.indexEntities)
	return byOrd(t.byEntity, e)
}

// ForProvider returns the actions the entity took as provider, oldest first.
func (t *Timeline) ForProvider(e *Entity) []*Entry { return byOrd(t.byProvider, e) }

func byOrd(lists [][]*Entry, e *Entity) []*Entry {
	if e == nil || e.ord >= len(lists) {
		return nil
	}
	return lists[e.ord]
}

// ForAction returns the actions of one type, oldest first.
func (t *Timeline) ForAction(typ string) []*Entry { return t.byAction[typ] }

// Lookup returns the entry with the given id. It goes through the entries
// of the id's year.
func (t *Timeline) Lookup(id string) (*Entry, bool) {
	year := 0 // an id starts with its entry's date, or "undated"
	if len(id) >= 4 {
		year, _ = strconv.Atoi(id[:4])
	}
	i, _ := slices.BinarySearchFunc(t.Entries, year, func(e *Entry, y int) int { return cmp.Compare(e.Date.Year, y) })
	for _, e := range t.Entries[i:] {
		if e.Date.Year != year {
			break
		}
		if e.ID == id {
			return e, true
		}
	}
	return nil, false
}

// URL returns the entry's permalink: its anchor on the page of its year,
// /timeline/2017/#<id>, or, when the year has more than TimelinePageSize
// entries, on the page of its month, /timeline/2017/08/#<id>.
func (e *Entry) URL() string { return e.url }

// Provider returns the provider of an action entry, nil for an event.
func (e *Entry) Provider() *Entity {
	if e.Action == nil {
		return nil
	}
	return e.Action.Provider
}

// Type returns the action type of an action entry, "" for an event.
func (e *Entry) Type() string {
	if e.Action == nil {
		return ""
	}
	return e.Action.Type
}

// GroupByYear groups chronological entries by year and month, oldest first.
// Each month's Entries is a part of es (capped, so that appending to it
// copies), not a copy.
func GroupByYear(es []*Entry) []TimelineYear {
	var out []TimelineYear
	start := 0 // of the current month's run in es
	for i, e := range es {
		y, m := e.Date.Year, e.Date.Month
		if len(out) == 0 || out[len(out)-1].Year != y {
			out = append(out, TimelineYear{Year: y})
		}
		ty := &out[len(out)-1]
		ty.Count++
		if len(ty.Months) == 0 || ty.Months[len(ty.Months)-1].Month != m {
			ty.Months = append(ty.Months, TimelineMonth{Year: y, Month: m})
			start = i
		}
		ty.Months[len(ty.Months)-1].Entries = es[start : i+1 : i+1]
	}
	return out
}

// timeline builds the site's timeline once the cases, their references and
// their entries (makeEntries) are made: it sorts every entry, gives each a
// unique id and a permalink, and indexes them. It reads the cases, their
// actions, events, targets and people, and the entities' order; it writes
// only the timeline and the entries.
func (r *resolver) timeline() {
	n := 0
	for _, c := range r.s.Cases {
		n += len(c.entries)
	}
	t := &Timeline{
		byProvider: make([][]*Entry, len(r.s.Entities)),
		byAction:   map[string][]*Entry{},
		cases:      r.s.Cases,
		entities:   len(r.s.Entities),
	}
	last := r.lastTimeline
	var from []int32 // each entry's position in the last timeline, or -1
	if t.Entries, from = last.sorted(r.diff, r.s.Cases, n); t.Entries == nil {
		t.Entries, last = sortedEntries(r.s.Cases, n), nil
	}
	// Ids and permalinks, year by year: an id starts with its entry's
	// year (or "undated"), so ids of two years never collide.
	years := yearRanges(t.Entries)
	var wg sync.WaitGroup
	wg.Go(t.indexAll) // reads what the ids and permalinks do not write
	parallelGrain(len(years), 1, func(i int) {
		y := years[i]
		es := t.Entries[y[0]:y[1]]
		for k, e := range es {
			e.seq = y[0] + k + 1
		}
		if last == nil || !last.sameYear(es, from[y[0]:y[1]]) {
			assignIDs(es)
		}
		permalinks(es, r.s.BasePath)
	})
	wg.Wait()
	r.s.timeline = t
}

// yearRanges returns the [start, end) indexes of the entries of each year in
// es, which are in chronological order.
func yearRanges(es []*Entry) [][2]int {
	var out [][2]int
	for i, e := range es {
		if i == 0 || es[i-1].Date.Year != e.Date.Year {
			out = append(out, [2]int{i, i})
		}
		out[len(out)-1][1] = i + 1
	}
	return out
}

// permalinks gives every entry of one year (es, in order) its URL, below
// the base path. An entry that has it already (from the last site resolved
// through the cache: see makeEntries) keeps that string, which saves making
// tens of thousands of them after each edit; any other is replaced.
func permalinks(es []*Entry, basePath string) {
	var key [2]int // year, month of path: entries come in chronological order
	path := ""
	for _, e := range es {
		if k := [2]int{e.Date.Year, e.Date.Month}; k != key || path == "" {
			key, path = k, basePath+timelinePath(e, len(es))
		}
		if u := e.url; len(u) != len(path)+1+len(e.ID) || u[:len(path)] != path || u[len(path)] != '#' || u[len(path)+1:] != e.ID {
			e.url = path + "#" + e.ID
		}
	}
}

// sortedEntries returns the entries of every case (n in all) in the order
// of compareEntries. It sorts keys of plain numbers rather than comparing
// entries, whose fields are scattered in memory: one number when the date,
// the rank of the case's slug and the entry's order fit in it.
func sortedEntries(cases []*Case, n int) []*Entry {
	bySlug := make([]int32, len(cases)) // case orders, by slug
	for i := range bySlug {
		bySlug[i] = int32(i)
	}
	// In file order first, which is nearly slug order: the sort then has
	// little to do.
	slices.SortFunc(bySlug, func(a, b int32) int { return cmp.Compare(cases[a].in, cases[b].in) })
	slices.SortFunc(bySlug, func(a, b int32) int { return cmp.Compare(cases[a].Slug, cases[b].Slug) })
	rank := make([]int32, len(cases)) // case order -> rank of its slug
	for i, o := range bySlug {
		rank[o] = int32(i)
	}
	type key struct {
		k uint64 // date (27 bits), slug rank (20 bits), order (16 bits)
		e *Entry
	}
	keys := make([]key, 0, n)
	packed := len(cases) < 1<<20
	for i, c := range cases {
		for _, e := range c.entries {
			d := dateKey(e.Date)
			if d < 0 || d >= 1<<27 || e.order >= 1<<16 {
				packed = false
			}
			keys = append(keys, key{uint64(d)<<36 | uint64(rank[i])<<16 | uint64(e.order), e})
		}
	}
	if packed {
		slices.SortFunc(keys, func(a, b key) int { return cmp.Compare(a.k, b.k) })
	} else {
		slices.SortFunc(keys, func(a, b key) int { return compareEntries(a.e, b.e) })
	}
	out := make([]*Entry, len(keys))
	for i, k := range keys {
		out[i] = k.e
	}
	return out
}

// dateKey orders dates as Date.Compare does.
func dateKey(d content.Date) int64 {
	return int64(d.Year)*10000 + int64(d.Month)*100 + int64(d.Day)
}

// makeEntries fills c.entries (made by the caller) with the case's
// actions and events in chronological order, each with its base id: as its
// own work has them (caseEntries), unless an entity it names is missing.
// last are the permalinks of the entries of the same own work in the last
// site resolved through the cache, if any, which permalinks may keep (the
// strings, when equal: see there).
func (c *Case) makeEntries(last []string) {
	for i, oe := range c.own.entries {
		e := c.entries[i]
		if oe.order < len(c.Actions) {
			a := c.Actions[oe.order]
			*e = Entry{Date: a.Date, Case: c, Action: a, Sources: a.Sources, order: oe.order}
		} else {
			ev := c.Events[oe.order-len(c.Actions)]
			*e = Entry{Date: ev.Date, Case: c, Event: ev, Sources: ev.Sources, order: oe.order}
		}
		e.base = oe.base
		if !c.refsOK {
			e.base = baseID(e, oe.rank)
		}
		e.ID = e.base
		if len(last) == len(c.entries) {
			e.url = last[i]
		}
	}
}

// timelinePath is the path, below the base path, of the page that holds an
// entry's permalink, given the number of entries in its year.
func timelinePath(e *Entry, yearCount int) string {
	p := "timeline/" + strconv.Itoa(e.Date.Year) + "/"
	if yearCount > TimelinePageSize && e.Date.Month > 0 {
		p += twoDigits(e.Date.Month) + "/"
	}
	return p
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// assignIDs makes the id of every entry of es (of one year, in order)
// unique, in chronological order, so that a collision is always resolved
// the same way: the later entry gets -2, -3, ...
func assignIDs(es []*Entry) {
	byID := make(map[string]*Entry, len(es))
	for _, e := range es {
		id := e.base
		if byID[id] != nil {
			base := id
			for k := 2; byID[id] != nil; k++ {
				id = base + "-" + strconv.Itoa(k)
			}
		}
		e.ID = id
		byID[id] = e
	}
}

// baseID is an entry's id before collisions are resolved: the date as
// written, then for an action the provider, the action type and the case's
// first target (2017-08-16-cloudflare-terminated-daily-stormer), for an
// event the case slug, "event" and the event's rank n among the case's
// events of that date (2017-08-12-ds-2017-event-1).
func baseID(e *Entry, n int) string {
	if e.Action == nil {
		return eventID(e.Date, e.Case.Slug, n)
	}
	provider, target := "", ""
	if e.Action.Provider != nil {
		provider = e.Action.Provider.Slug
	}
	if len(e.Case.Targets) > 0 {
		target = e.Case.Targets[0].Slug
	}
	return actionID(e.Date, provider, e.Action.Type, target)
}

// actionID is the base id of an action: provider is "" when unknown, target
// (the case's first) "" when the case has none.
func actionID(d content.Date, provider, typ, target string) string {
	b := appendDate(make([]byte, 0, 64), d)
	b = append(append(append(b, '-'), cmp.Or(provider, "unknown")...), '-')
	b = append(b, cmp.Or(typ, "action")...)
	if target != "" {
		b = append(append(b, '-'), target...)
	}
	return string(b)
}

// eventID is the base id of the event of case slug that is the n-th of the
// case's events of its date.
func eventID(d content.Date, slug string, n int) string {
	b := appendDate(make([]byte, 0, 64), d)
	b = append(append(append(b, '-'), slug...), "-event-"...)
	return string(strconv.AppendInt(b, int64(n), 10))
}

func appendDate(b []byte, d content.Date) []byte {
	if d.IsZero() {
		return append(b, "undated"...)
	}
	return append(b, d.String()...)
}

// indexAll fills the per-provider and per-action lists; the per-entity
// ones are made when first asked for (indexEntities).
func (t *Timeline) indexAll() {
	provider := make([]int, len(t.byProvider))
	// Action types by their index in content.Actions, then any other (a
	// content error) after them: no string hashed per entry.
	types := slices.Clone(content.Actions)
	typeOf := func(e *Entry) int {
		i := slices.Index(types, e.Action.Type)
		if i < 0 {
			i, types = len(types), append(types, e.Action.Type)
		}
		return i
	}
	action := make([]int, len(types))
	for _, e := range t.Entries {
		if e.Action != nil {
			if p := e.Action.Provider; p != nil {
				provider[p.ord]++
			}
			if i := typeOf(e); i < len(action) {
				action[i]++
			} else {
				action = append(action, 1)
			}
		}
	}
	slab := make([]*Entry, sum(provider)+sum(action))
	slab = carve(t.byProvider, provider, slab)
	byType := make([][]*Entry, len(types))
	carve(byType, action, slab)
	for _, e := range t.Entries {
		if e.Action != nil {
			if p := e.Action.Provider; p != nil {
				t.byProvider[p.ord] = append(t.byProvider[p.ord], e)
			}
			i := typeOf(e)
			byType[i] = append(byType[i], e)
		}
	}
	for i, l := range byType {
		if l != nil {
			t.byAction[types[i]] = l
		}
	}
}

// indexEntities makes the per-entity lists: for each entry, its provider and
// the targets and people of its case, each once. Only entity pages ask for
// them, so a dev server's rebuild after an edit does not wait for them.
func (t *Timeline) indexEntities() {
	t.byEntity = make([][]*Entry, t.entities)
	// The entities each case is about (targets and people), each once.
	about := make([][]*Entity, len(t.cases)) // by Case.ord
	parallel(len(t.cases), func(i int) {
		c := t.cases[i]
		ents := make([]*Entity, 0, len(c.Targets)+len(c.People))
		for _, l := range [2][]*Entity{c.Targets, c.People} {
			for _, en := range l {
				if !slices.Contains(ents, en) {
					ents = append(ents, en)
				}
			}
		}
		about[c.ord] = ents
	})
	// each calls f with each entity an entry is about, once.
	each := func(e *Entry, f func(*Entity)) {
		var p *Entity
		if e.Action != nil && e.Action.Provider != nil {
			p = e.Action.Provider
			f(p)
		}
		for _, en := range about[e.Case.ord] {
			if en != p {
				f(en)
			}
		}
	}
	count := make([]int, t.entities)
	for _, e := range t.Entries {
		each(e, func(en *Entity) { count[en.ord]++ })
	}
	carve(t.byEntity, count, make([]*Entry, sum(count)))
	for _, e := range t.Entries {
		each(e, func(en *Entity) { t.byEntity[en.ord] = append(t.byEntity[en.ord], e) })
	}
}

// carve gives each lists[i] room for counts[i] entries (none: nil), in turn
// from slab, and returns what is left of slab: many lists in one array.
func carve(lists [][]*Entry, counts []int, slab []*Entry) []*Entry {
	for i, k := range counts {
		if k > 0 {
			lists[i], slab = slab[:0:k], slab[k:]
		}
	}
	return slab
}

func sum(counts []int) int {
	n := 0
	for _, k := range counts {
		n += k
	}
	return n
}

// parallel runs f(0), ..., f(n-1) on every CPU. Each f must touch only what
// belongs to its index, so that the result does not depend on scheduling.
func parallel(n int, f func(i int)) { parallelGrain(n, 64, f) }

// parallelGrain is parallel with a goroutine for every grain items (at most
// one per CPU): 1 when each item is much work.
func parallelGrain(n, grain int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/grain+1) // not worth a goroutine for a few items
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}
