package site

import (
	"cmp"
	"slices"

	"github.com/casebook/casebook/internal/content"
)

// Entry is one dated step of a case: a provider's action or an event.
// Exactly one of Action and Event is set.
type Entry struct {
	ID      string // unique across the site, e.g. 2017-08-16-cloudflare-terminated-daily-stormer; set by Resolve
	Date    content.Date
	Case    *Case
	Action  *Action
	Event   *Event
	Sources []*Source
	base    string // ID before collisions were resolved
	order   int    // position in the case's front matter, the last tie-breaker
	url     string // the permalink, set by Resolve
	seq     int    // 1 + the index in the site's Timeline().Entries; 0 before Resolve
}

// Seq returns 1 + the index of the entry in its resolved site's
// Timeline().Entries (of a copy, of the entry copied), or 0 for an entry of
// a case not resolved.
func (e *Entry) Seq() int { return e.seq }

// Timeline returns the case's actions and events in chronological order. A
// less precise date sorts at the start of its period; on the same date,
// actions come before events, then front-matter order. The entries of a
// resolved site carry their ids and permalinks.
func (c *Case) Timeline() []Entry {
	if c.entries != nil {
		out := make([]Entry, len(c.entries))
		for i, e := range c.entries {
			out[i] = *e
		}
		return out
	}
	out := make([]Entry, 0, len(c.Actions)+len(c.Events))
	for i, a := range c.Actions {
		out = append(out, Entry{Date: a.Date, Case: c, Action: a, Sources: a.Sources, order: i})
	}
	for i, e := range c.Events {
		out = append(out, Entry{Date: e.Date, Case: c, Event: e, Sources: e.Sources, order: len(c.Actions) + i})
	}
	SortEntries(out)
	return out
}

// SortEntries sorts entries chronologically with deterministic tie-breaking:
// date, then case slug, then actions before events in front-matter order.
func SortEntries(es []Entry) {
	slices.SortFunc(es, func(a, b Entry) int { return compareEntries(&a, &b) })
}

func compareEntries(a, b *Entry) int {
	return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Case.Slug, b.Case.Slug), cmp.Compare(a.order, b.order))
}
