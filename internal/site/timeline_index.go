package site

// This file builds the site-wide timeline: every entry of every case in
// chronological order, each with a stable id and a permalink, and the
// indexes the timeline pages need (by entity, by provider, by action type).

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// TimelinePageSize is the most entries one timeline page shows in full (an
// entry takes about 1 kB of HTML, so a page stays under about 1 MB). A year
// with more entries than this is split into one page per month, and the
// permalinks of its entries point to the month pages.
const TimelinePageSize = 800

// Timeline is every entry of every case, oldest first.
type Timeline struct {
	Entries []*Entry // chronological (see SortEntries)

	byEntity   map[*Entity][]*Entry
	byProvider map[*Entity][]*Entry
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
func (t *Timeline) ForEntity(e *Entity) []*Entry { return t.byEntity[e] }

// ForProvider returns the actions the entity took as provider, oldest first.
func (t *Timeline) ForProvider(e *Entity) []*Entry { return t.byProvider[e] }

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
	t := &Timeline{
		byEntity:   map[*Entity][]*Entry{},
		byProvider: map[*Entity][]*Entry{},
		byAction:   map[string][]*Entry{},
		byID:       map[string]*Entry{},
	}
	for _, c := range r.s.Cases {
		c.entries = make([]*Entry, 0, len(c.Actions)+len(c.Events))
		for i, a := range c.Actions {
			c.entries = append(c.entries, &Entry{Date: a.Date, Case: c, Action: a, Sources: a.Sources, order: i})
		}
		for i, ev := range c.Events {
			c.entries = append(c.entries, &Entry{Date: ev.Date, Case: c, Event: ev, Sources: ev.Sources, order: len(c.Actions) + i})
		}
		slices.SortFunc(c.entries, compareEntries)
		t.Entries = append(t.Entries, c.entries...)
	}
	slices.SortFunc(t.Entries, compareEntries)
	t.assignIDs()
	perYear := map[int]int{}
	for _, e := range t.Entries {
		perYear[e.Date.Year]++
	}
	for _, e := range t.Entries {
		e.url = r.s.BasePath + timelinePath(e, perYear[e.Date.Year]) + "#" + e.ID
		t.index(e)
	}
	r.s.timeline = t
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

// assignIDs gives every entry its id, in chronological order, so that a
// collision is always resolved the same way: the later entry gets -2, -3, ...
func (t *Timeline) assignIDs() {
	nth := map[string]int{} // case slug + date -> events seen on that date
	for _, e := range t.Entries {
		n := 0
		if e.Event != nil {
			key := e.Case.Slug + "\x00" + e.Date.String()
			nth[key]++
			n = nth[key]
		}
		base := baseID(e, n)
		id := base
		for k := 2; t.byID[id] != nil; k++ {
			id = base + "-" + strconv.Itoa(k)
		}
		e.ID = id
		t.byID[id] = e
	}
}

// baseID is an entry's id before collisions are resolved: the date as
// written, then for an action the provider, the action type and the case's
// first target (2017-08-16-cloudflare-terminated-daily-stormer), for an
// event the case slug, "event" and the event's rank among the case's events
// of that date (2017-08-12-ds-2017-event-1).
func baseID(e *Entry, n int) string {
	date := e.Date.String()
	if date == "" {
		date = "undated"
	}
	parts := []string{date}
	if e.Action != nil {
		provider := "unknown"
		if e.Action.Provider != nil {
			provider = e.Action.Provider.Slug
		}
		parts = append(parts, provider, cmp.Or(e.Action.Type, "action"))
		if len(e.Case.Targets) > 0 {
			parts = append(parts, e.Case.Targets[0].Slug)
		}
	} else {
		parts = append(parts, e.Case.Slug, "event", strconv.Itoa(n))
	}
	return strings.Join(parts, "-")
}

// index adds an entry to the per-entity, per-provider and per-action lists.
// Entries arrive in chronological order, so every list stays sorted.
func (t *Timeline) index(e *Entry) {
	var seen []*Entity // an entity can hold several roles in one case
	add := func(en *Entity) {
		if en != nil && !slices.Contains(seen, en) {
			seen = append(seen, en)
			t.byEntity[en] = append(t.byEntity[en], e)
		}
	}
	if e.Action != nil {
		add(e.Action.Provider)
		if e.Action.Provider != nil {
			t.byProvider[e.Action.Provider] = append(t.byProvider[e.Action.Provider], e)
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
