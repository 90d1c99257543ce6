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

	byEntity   [][]*Entry // by Entity.ord
	byProvider [][]*Entry // by Entity.ord
	byAction   map[string][]*Entry
	byID       map[string]*Entry
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
func (t *Timeline) ForEntity(e *Entity) []*Entry { return byOrd(t.byEntity, e) }

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

// Lookup returns the entry with the given id.
func (t *Timeline) Lookup(id string) (*Entry, bool) {
	e, ok := t.byID[id]
	return e, ok
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
func GroupByYear(es []*Entry) []TimelineYear {
	var out []TimelineYear
	for _, e := range es {
		y, m := e.Date.Year, e.Date.Month
		if len(out) == 0 || out[len(out)-1].Year != y {
			out = append(out, TimelineYear{Year: y})
		}
		ty := &out[len(out)-1]
		ty.Count++
		if len(ty.Months) == 0 || ty.Months[len(ty.Months)-1].Month != m {
			ty.Months = append(ty.Months, TimelineMonth{Year: y, Month: m})
		}
		tm := &ty.Months[len(ty.Months)-1]
		tm.Entries = append(tm.Entries, e)
	}
	return out
}

// timeline builds the site's timeline once the cases and entity roles are
// resolved: it sorts every entry, gives each a unique id and a permalink,
// and indexes them.
func (r *resolver) timeline() {
	n := 0
	for _, c := range r.s.Cases {
		n += len(c.Actions) + len(c.Events)
	}
	t := &Timeline{
		byEntity:   make([][]*Entry, len(r.s.Entities)),
		byProvider: make([][]*Entry, len(r.s.Entities)),
		byAction:   map[string][]*Entry{},
		byID:       make(map[string]*Entry, n),
	}
	all := make([]Entry, n) // one allocation for every entry
	for _, c := range r.s.Cases {
		k := len(c.Actions) + len(c.Events)
		c.entries = make([]*Entry, k)
		for i := range c.entries {
			c.entries[i] = &all[i]
		}
		all = all[k:]
	}
	// Each case's entries, in order, with their ids before collisions:
	// independent per case, so in parallel.
	parallel(len(r.s.Cases), func(i int) { r.s.Cases[i].makeEntries() })
	t.Entries = sortedEntries(r.s.Cases, n)
	for i, e := range t.Entries {
		e.seq = i + 1
	}
	t.assignIDs()
	t.permalinks(r.s.BasePath)
	for _, e := range t.Entries {
		t.index(e)
	}
	r.s.timeline = t
}

// permalinks gives every entry its URL, below the base path; an entry that
// has it already keeps its string.
func (t *Timeline) permalinks(basePath string) {
	perYear := map[int]int{}
	for _, e := range t.Entries {
		perYear[e.Date.Year]++
	}
	var key [2]int // year, month of path: entries come in chronological order
	path := ""
	for _, e := range t.Entries {
		if k := [2]int{e.Date.Year, e.Date.Month}; k != key || path == "" {
			key, path = k, basePath+timelinePath(e, perYear[e.Date.Year])
		}
		if len(e.url) != len(path)+1+len(e.ID) || e.url[:len(path)] != path || e.url[len(path)+1:] != e.ID {
			e.url = path + "#" + e.ID
		}
	}
}

// sortedEntries returns the entries of every case (n in all) in the order
// of compareEntries. It sorts keys of plain numbers rather than comparing
// entries, whose fields are scattered in memory.
func sortedEntries(cases []*Case, n int) []*Entry {
	bySlug := make([]int32, len(cases)) // case orders, by slug
	for i := range bySlug {
		bySlug[i] = int32(i)
	}
	slices.SortFunc(bySlug, func(a, b int32) int { return cmp.Compare(cases[a].Slug, cases[b].Slug) })
	rank := make([]int32, len(cases)) // case order -> rank of its slug
	for i, o := range bySlug {
		rank[o] = int32(i)
	}
	type key struct {
		date        int64
		slug, order int32
		e           *Entry
	}
	keys := make([]key, 0, n)
	for i, c := range cases {
		for _, e := range c.entries {
			d := int64(e.Date.Year)*10000 + int64(e.Date.Month)*100 + int64(e.Date.Day) // as Date.Compare
			keys = append(keys, key{d, rank[i], int32(e.order), e})
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.slug, b.slug), cmp.Compare(a.order, b.order))
	})
	out := make([]*Entry, len(keys))
	for i, k := range keys {
		out[i] = k.e
	}
	return out
}

// makeEntries fills c.entries (allocated by the caller) with the case's
// actions and events in chronological order, each with its base id: as its
// own work has them (caseEntries), unless an entity it names is missing.
func (c *Case) makeEntries() {
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

// assignIDs makes every entry's id unique, in chronological order, so that
// a collision is always resolved the same way: the later entry gets -2, -3,
// ...
func (t *Timeline) assignIDs() {
	for _, e := range t.Entries {
		id := e.base
		if t.byID[id] != nil {
			base := id
			for k := 2; t.byID[id] != nil; k++ {
				id = base + "-" + strconv.Itoa(k)
			}
		}
		e.ID = id
		t.byID[id] = e
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

// index adds an entry to the per-entity, per-provider and per-action lists.
// Entries arrive in chronological order, so every list stays sorted.
func (t *Timeline) index(e *Entry) {
	var buf [16]*Entity
	seen := buf[:0] // an entity can hold several roles in one case
	add := func(en *Entity) {
		if en != nil && !slices.Contains(seen, en) {
			seen = append(seen, en)
			t.byEntity[en.ord] = append(t.byEntity[en.ord], e)
		}
	}
	if e.Action != nil {
		add(e.Action.Provider)
		if e.Action.Provider != nil {
			p := e.Action.Provider.ord
			t.byProvider[p] = append(t.byProvider[p], e)
		}
		t.byAction[e.Action.Type] = append(t.byAction[e.Action.Type], e)
	}
	for _, en := range e.Case.Targets {
		add(en)
	}
	for _, en := range e.Case.People {
		add(en)
	}
}

// parallel runs f(0), ..., f(n-1) on every CPU. Each f must touch only what
// belongs to its index, so that the result does not depend on scheduling.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/64+1) // not worth a goroutine for a few items
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
