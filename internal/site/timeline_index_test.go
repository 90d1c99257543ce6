package site_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

// timelineSite is the base site with two more cases whose dates mix
// precisions and tie: a year-only action, a month-only action and event,
// day-precise ones on the same day in two cases, and two cases whose first
// actions would share an id.
const timelineSite = `
-- content/entities/godaddy.md --
---
name: GoDaddy
kind: company
---
-- content/cases/b-case.md --
---
title: B case
summary: B.
date: 2019-08
targets: [daily-stormer]
actions:
  - provider: godaddy
    action: terminated
    date: 2019-08-04
    sources: [b1]
  - provider: cloudflare
    action: suspended
    date: 2019
    sources: [b1]
  - provider: godaddy
    action: restored
    date: 2019-08
    sources: [b1]
events:
  - date: 2019-08-04
    text: Second event of the day, first in front matter.
    sources: [b1]
  - date: 2019-08
    text: Sometime in August.
    sources: [b1]
  - date: 2019-08-04
    text: Third event of the day.
    sources: [b1]
people: [matthew-prince]
sources:
  - id: b1
    title: B source
    publisher: P
    url: https://example.com/b1
---

Body [@b1].
-- content/cases/a-case.md --
---
title: A case
summary: A.
date: 2019-08-04
targets: [daily-stormer]
actions:
  - provider: godaddy
    action: terminated
    date: 2019-08-04
    sources: [a1]
sources:
  - id: a1
    title: A source
    publisher: P
    url: https://example.com/a1
---

Body [@a1].
`

func timelineOf(t *testing.T) *site.Site {
	t.Helper()
	res, _ := sitetest.Build(t, sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), timelineSite))
	if !res.OK() {
		t.Fatalf("build failed:\n%v", res.Diags)
	}
	return res.Site
}

func TestTimelineOrderAndIDs(t *testing.T) {
	s := timelineOf(t)
	var got []string
	for _, e := range s.Timeline().Entries {
		got = append(got, e.ID)
	}
	want := []string{
		// 2017: the base site; an event before the action, by date.
		"2017-08-12-ds-2017-event-1",
		"2017-08-16-cloudflare-terminated-daily-stormer",
		// 2019 year-only first, then August 2019 (month-only: by case slug,
		// then actions before events), then the 4th: case a before case b,
		// then b's actions before its events in front-matter order.
		"2019-cloudflare-suspended-daily-stormer",
		"2019-08-godaddy-restored-daily-stormer",
		"2019-08-b-case-event-1",
		"2019-08-cloudflare-refused-daily-stormer",
		"2019-08-04-godaddy-terminated-daily-stormer",
		"2019-08-04-godaddy-terminated-daily-stormer-2", // b-case's: the collision gets -2
		"2019-08-04-b-case-event-1",
		"2019-08-04-b-case-event-2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("timeline ids =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	tl := s.Timeline()
	if e, ok := tl.Lookup("2019-08-04-godaddy-terminated-daily-stormer-2"); !ok || e.Case.Slug != "b-case" {
		t.Errorf("Lookup(...-2) = %v, %v; want the entry of b-case", e, ok)
	}
	if e, _ := tl.Lookup("2019-08-04-b-case-event-2"); e == nil || e.Event.Text != "Third event of the day." {
		t.Errorf("event-2 is %+v; want the third event of b-case", e)
	}
	// Same ids, same order in a second build: nothing depends on map order.
	s2 := timelineOf(t)
	for i, e := range s2.Timeline().Entries {
		if e.ID != want[i] {
			t.Fatalf("second build: entry %d = %s; want %s", i, e.ID, want[i])
		}
	}
}

func TestTimelineURLsAndCaseTimeline(t *testing.T) {
	s := timelineOf(t)
	for _, e := range s.Timeline().Entries {
		want := fmt.Sprintf("/sub/timeline/%d/#%s", e.Date.Year, e.ID)
		if e.URL() != want {
			t.Errorf("URL() = %s; want %s", e.URL(), want)
		}
	}
	c, _ := s.Lookup("b-case")
	var ids []string
	for _, e := range c.(*site.Case).Timeline() {
		ids = append(ids, e.ID)
	}
	want := []string{
		"2019-cloudflare-suspended-daily-stormer", "2019-08-godaddy-restored-daily-stormer", "2019-08-b-case-event-1",
		"2019-08-04-godaddy-terminated-daily-stormer-2", "2019-08-04-b-case-event-1", "2019-08-04-b-case-event-2",
	}
	if !slices.Equal(ids, want) {
		t.Errorf("b-case Timeline() = %q; want %q", ids, want)
	}
}

func TestTimelineForEntity(t *testing.T) {
	s := timelineOf(t)
	tl := s.Timeline()
	ids := func(es []*site.Entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	entity := func(slug string) *site.Entity {
		e, ok := s.Lookup(slug)
		if !ok {
			t.Fatalf("no entity %s", slug)
		}
		return e.(*site.Entity)
	}
	// Matthew Prince is in the people of ds-2017 and b-case: every entry of both.
	if got, want := len(tl.ForEntity(entity("matthew-prince"))), 2+6; got != want {
		t.Errorf("ForEntity(matthew-prince) has %d entries; want %d: %q", got, want, ids(tl.ForEntity(entity("matthew-prince"))))
	}
	// The Daily Stormer is the target of every case.
	if got, want := len(tl.ForEntity(entity("daily-stormer"))), len(tl.Entries); got != want {
		t.Errorf("ForEntity(daily-stormer) has %d entries; want %d", got, want)
	}
	// Cloudflare: its three actions only (it is nobody's target or person).
	want := []string{"2017-08-16-cloudflare-terminated-daily-stormer", "2019-cloudflare-suspended-daily-stormer", "2019-08-cloudflare-refused-daily-stormer"}
	if got := ids(tl.ForEntity(entity("cloudflare"))); !slices.Equal(got, want) {
		t.Errorf("ForEntity(cloudflare) = %q; want %q", got, want)
	}
	if got := ids(tl.ForProvider(entity("cloudflare"))); !slices.Equal(got, want) {
		t.Errorf("ForProvider(cloudflare) = %q; want %q", got, want)
	}
	if got := ids(tl.ForAction("terminated")); len(got) != 3 || got[0] != "2017-08-16-cloudflare-terminated-daily-stormer" {
		t.Errorf("ForAction(terminated) = %q; want 3 entries, the 2017 one first", got)
	}
}

func TestGroupByYear(t *testing.T) {
	s := timelineOf(t)
	years := site.GroupByYear(s.Timeline().Entries)
	var got []string
	for _, y := range years {
		for _, m := range y.Months {
			got = append(got, fmt.Sprintf("%d-%d:%d", y.Year, m.Month, len(m.Entries)))
		}
	}
	want := []string{"2017-8:2", "2019-0:1", "2019-8:7"}
	if !slices.Equal(got, want) {
		t.Errorf("GroupByYear = %q; want %q", got, want)
	}
	if years[1].Count != 8 {
		t.Errorf("2019 count = %d; want 8", years[1].Count)
	}
}
