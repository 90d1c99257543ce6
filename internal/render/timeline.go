package render

// This file renders the timeline: /timeline/ (every entry of every case,
// oldest first), its pages per year and, for a large year, per month, the
// pre-built filtered timelines of each provider (/timeline/providers/<slug>/)
// and action type (/timeline/actions/<action>/), and the entry lists of the
// case and entity pages, which share the "entries" partial.
//
// Page size: a scope's main page shows its most recent years in full while
// they hold at most site.TimelinePageSize entries, and links the older years
// to their own pages; a year with more entries than that shows its months as
// links to month pages. So no page grows with the size of the casebook.

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// actionVerb returns the verb phrase of an action type
// (content.ActionTypes).
func actionVerb(typ string) string {
	if a, ok := content.LookupAction(typ); ok {
		return a.Verb
	}
	return typ
}

// entryText is an entry in one plain-text sentence, without a final period
// (Sentence.Text).
func entryText(e *site.Entry) string { return entrySentence(e).Text() }

// entryList is what the "entries" partial receives: the entries to show as
// list items, and how.
type entryList struct {
	Items []*site.Entry
	// Anchors gives each item its id and the data-* attributes the
	// timeline's filters use: only on timeline pages, where ids are unique.
	Anchors  bool
	ShowCase bool // link each entry's case (not on the case's own page)
	// Short shows each entry as its date, linked to its permalink, and
	// what happened: on every view but the year and month pages of the
	// whole timeline, where each entry is written in full once.
	Short bool

	frags *fragments
	tmpl  string // the page template, whose "entry" renders an item
}

// Item renders one entry of the list with the template "entry".
func (l entryList) Item(e *site.Entry) (template.HTML, error) { return l.frags.entry(l, e) }

// EntityTimeline is the timeline section of an entity page.
type EntityTimeline struct {
	Entries  entryList
	Total    int    // the entries it counts; Entries may show only the latest
	Provider string // URL of the entity's provider timeline, if it has one
}

// entityTimeline returns the entries e takes part in other than its own
// actions as a provider, which the page lists under "As provider" (a
// provider's page listed each of them twice), the latest maxEntityTimeline
// of them, oldest first.
func entityTimeline(v *Page, e *site.Entity) EntityTimeline {
	tl := v.Site.Timeline()
	all := tl.ForEntity(e)
	var out EntityTimeline
	if len(tl.ForProvider(e)) > 0 {
		out.Provider = v.Site.BasePath + "timeline/providers/" + e.Slug + "/"
		all = slices.DeleteFunc(slices.Clone(all), func(x *site.Entry) bool { return x.Action != nil && x.Action.Provider == e })
	}
	out.Total = len(all)
	out.Entries = entryList{Items: all[max(0, len(all)-maxEntityTimeline):], ShowCase: true, Short: true, frags: v.frags, tmpl: v.tmpl}
	return out
}

// tlScope is one timeline: all entries, or those of one provider or action.
type tlScope struct {
	kind    string // all, provider, action
	dir     string // output folder: timeline/, timeline/providers/<slug>/, ...
	label   string // "" for all, the provider's name, the action's label
	slug    string // the provider's or action's slug
	entries []*site.Entry
	years   []site.TimelineYear // entries grouped, set by timelinePages
}

// tlPage is one page of a timeline scope: its main page (year 0), a year
// page (month 0) or a month page.
type tlPage struct {
	name        string // output file, e.g. timeline/2017/index.html
	scope       *tlScope
	year, month int
	entries     []*site.Entry // the entries of the page's year or month, or the scope's
}

// timelineScopes lists the timeline and its filtered views.
func timelineScopes(s *site.Site) []*tlScope {
	tl := s.Timeline()
	out := []*tlScope{{kind: "all", dir: "timeline/", entries: tl.Entries}}
	for _, e := range s.Providers() {
		out = append(out, &tlScope{kind: "provider", dir: "timeline/providers/" + e.Slug + "/", label: e.Name, slug: e.Slug, entries: tl.ForProvider(e)})
	}
	for _, a := range s.Actions {
		out = append(out, &tlScope{kind: "action", dir: "timeline/actions/" + a.Slug + "/", label: ActionLabel(a.Slug), slug: a.Slug, entries: tl.ForAction(a.Slug)})
	}
	return out
}

// timelinePages lists every timeline page of s, with at most limit entries
// shown in full on each (but for a single month). The main timeline has a
// page for every year (they hold the entries' permalinks); a filtered one
// only for the years its main page does not show.
func timelinePages(s *site.Site, limit int) []tlPage {
	var out []tlPage
	for _, sc := range timelineScopes(s) {
		out = append(out, tlPage{name: sc.dir + "index.html", scope: sc, entries: sc.entries})
		sc.years = site.GroupByYear(sc.entries)
		full := splitRecent(sc.years, limit)
		off := 0 // of the year's run in sc.entries
		for i, y := range sc.years {
			es := sc.entries[off : off+y.Count : off+y.Count]
			off += y.Count
			if sc.kind != "all" && i >= full {
				continue // shown in full on the main page
			}
			ydir := sc.dir + strconv.Itoa(y.Year) + "/"
			out = append(out, tlPage{name: ydir + "index.html", scope: sc, year: y.Year, entries: es})
			if y.Count <= limit {
				continue
			}
			for _, m := range y.Months {
				if m.Month > 0 {
					out = append(out, tlPage{name: ydir + monthDir(m.Month) + "index.html", scope: sc, year: y.Year, month: m.Month, entries: m.Entries})
				}
			}
		}
	}
	return out
}

func monthDir(m int) string { return fmt.Sprintf("%02d/", m) }

// splitRecent returns the index of the first year a main page shows in
// full: all years when they hold at most limit entries, else the most recent
// years while their total stays within limit (possibly none).
func splitRecent(years []site.TimelineYear, limit int) int {
	total := 0
	for i := len(years) - 1; i >= 0; i-- {
		if total+years[i].Count > limit {
			return i + 1
		}
		total += years[i].Count
	}
	return 0
}

// timelineJobs lists the timeline's pages and files: its HTML pages,
// data/timeline.json and its files a year (JSON and iCalendar), and
// timeline.ics with the latest entries.
func (r *Renderer) timelineJobs(s *site.Site) []job {
	var jobs []job
	bar := filterBar(s) // the same on every main page but for the current link
	for _, p := range timelinePages(s, site.TimelinePageSize) {
		jobs = append(jobs, job{name: p.name, tmpl: "timeline", fn: func(b *bytes.Buffer, ps *pass) error {
			pg := timelinePage(s, p, site.TimelinePageSize, bar, ps.frags)
			pg.Site = s
			pg.Path = s.BasePath + strings.TrimSuffix(p.name, "index.html")
			return r.page(b, "timeline", pg, ps)
		}})
	}
	jobs = append(jobs,
		job{name: "data/timeline.json", fn: func(b *bytes.Buffer, _ *pass) error {
			return writeJSON(b, dataIndex{Version: dataVersion, GeneratedFrom: generatedFrom(s.Cases), Parts: timelineParts(s)})
		}},
		streamed("timeline.ics", func(w textWriter, _ *pass) error {
			es := s.Timeline().Entries
			return writeICS(w, s, "timeline, latest entries", es[max(0, len(es)-icsLatest):])
		}),
	)
	for _, r := range timelineRuns(s) {
		jobs = append(jobs,
			compressed("data/timeline/"+yearName(r.year)+".json.gz", func(w textWriter, _ *pass) error { return writeTimelinePart(w, s, r) }),
			compressed("data/timeline/"+yearName(r.year)+".ics.gz", func(w textWriter, _ *pass) error {
				return writeICS(w, s, "timeline, "+yearName(r.year), s.Timeline().Entries[r.lo:r.hi])
			}),
		)
	}
	return jobs
}

// timelineSitemap returns the sitemap entries of the timeline pages.
func timelineSitemap(s *site.Site) []sitemapURL {
	var out []sitemapURL
	for _, p := range timelinePages(s, site.TimelinePageSize) {
		u := sitemapURL{Loc: absURL(s, s.BasePath+strings.TrimSuffix(p.name, "index.html"))}
		var d content.Date
		for _, e := range p.entries {
			if m := e.Case.Dates.Modified; m.Compare(d) > 0 {
				d = m
			}
		}
		if !d.IsZero() {
			u.LastMod = d.Time().Format(time.DateOnly)
		}
		out = append(out, u)
	}
	return out
}

// TimelineView is what templates/timeline.html shows.
type TimelineView struct {
	Scope   string // all, provider, action
	Level   string // main, year, month
	Heading string
	Lead    string
	Chart   *Chart
	YearNav []TimelineLink // every year of the scope: its section or its page
	Earlier []TimelineLink // years (or months) that have their own pages
	Years   []TimelineYear // shown in full
	Up      []TimelineLink // the pages above this one, outermost first
	Prev    *TimelineLink  // the previous and next year or month page
	Next    *TimelineLink
	Filters TimelineFilters
	Bar     *FilterBar // the links to the pre-built filtered timelines (main pages)

	// YearPages and MonthPages are the URL prefixes of the pages that hold
	// the entries not on this page, for the script to follow a link to one:
	// the year pages (main timeline) or the month pages (a split year).
	YearPages, MonthPages string
}

// TimelineLink is a link to a year, a month or a filtered timeline.
type TimelineLink struct {
	Label, URL string
	Count      int
	Current    bool
}

// TimelineYear is one year shown in full.
type TimelineYear struct {
	Year       int
	ID         string
	Count      int
	Months     []TimelineMonth
	MonthLinks []TimelineLink // months on their own pages
}

// TimelineMonth is one month (or the year-only dates of a year) in full.
type TimelineMonth struct {
	ID, Heading string
	Entries     entryList
}

// TimelineFilters are the choices of the script's filter form, taken from
// the entries of the page.
type TimelineFilters struct {
	Providers, Targets []*site.Entity
	Actions            []string
	Tags               []string
	Years              []int
	Events             bool // the page shows events, which the action filter can select alone
}

// FilterBar links the pre-built filtered timelines, for readers without
// JavaScript.
type FilterBar struct {
	All       TimelineLink
	Providers []TimelineLink
	Actions   []TimelineLink
	base      string // the site's base path
}

// timelinePage builds the Page of one timeline page.
func timelinePage(s *site.Site, p tlPage, limit int, bar *FilterBar, frags *fragments) *pageSpec {
	sc := p.scope
	base := s.BasePath + sc.dir
	v := &TimelineView{Scope: sc.kind, Level: "main"}
	title := "Timeline"
	if sc.label != "" {
		title += ": " + sc.label
	}
	mainTitle := title
	years := site.GroupByYear(p.entries)
	switch {
	case p.year == 0:
		full := splitRecent(years, limit)
		for i, y := range years {
			l := TimelineLink{Label: strconv.Itoa(y.Year), Count: y.Count, URL: base + strconv.Itoa(y.Year) + "/"}
			if i >= full {
				l.URL = "#" + yearID(y.Year)
				v.Years = append(v.Years, fullYear(y, base, limit, true, frags))
			} else {
				v.Earlier = append(v.Earlier, l)
			}
			v.YearNav = append(v.YearNav, l)
		}
		v.Chart = chartOf(p.entries, v.YearNav)
		v.Bar = bar.at(sc)
		if sc.kind == "all" {
			v.YearPages = base
		}
	case p.month == 0:
		v.Level = "year"
		title += ", " + strconv.Itoa(p.year)
		v.Up = []TimelineLink{{Label: mainTitle, URL: base}}
		v.Years = []TimelineYear{fullYear(years[0], base, limit, sc.kind != "all", frags)}
		v.Prev, v.Next = neighbours(sc, p, base, limit)
		if sc.kind == "all" && len(p.entries) > limit {
			v.MonthPages = base + strconv.Itoa(p.year) + "/"
		}
	default:
		v.Level = "month"
		ym := content.Date{Year: p.year, Month: p.month}
		title += ", " + ym.Human()
		v.Up = []TimelineLink{{Label: mainTitle, URL: base}, {Label: strconv.Itoa(p.year), URL: base + strconv.Itoa(p.year) + "/"}}
		v.Years = []TimelineYear{fullYear(years[0], base, limit, sc.kind != "all", frags)}
		v.Prev, v.Next = neighbours(sc, p, base, limit)
	}
	v.Heading = title
	v.Lead = timelineLead(sc, p)
	v.Filters = filtersOf(p, v.Years)
	kind := "timeline-page"
	if sc.kind == "all" && p.year == 0 {
		kind = "timeline"
	}
	return &pageSpec{Title: title, Description: v.Lead, Kind: kind, Timeline: v, Scripts: []string{"timeline.js"}}
}

func yearID(y int) string { return "year-" + strconv.Itoa(y) }

// fullYear is a year shown in full; a year of more than limit entries shows
// its year-only dates and links its months to their own pages.
// Its entries are short (entryList.Short) but on the year and month pages
// of the whole timeline.
func fullYear(y site.TimelineYear, base string, limit int, short bool, frags *fragments) TimelineYear {
	out := TimelineYear{Year: y.Year, ID: yearID(y.Year), Count: y.Count}
	split := y.Count > limit
	for _, m := range y.Months {
		d := content.Date{Year: y.Year, Month: m.Month}
		if split && m.Month > 0 {
			out.MonthLinks = append(out.MonthLinks, TimelineLink{Label: d.Human(), URL: base + strconv.Itoa(y.Year) + "/" + monthDir(m.Month), Count: len(m.Entries)})
			continue
		}
		tm := TimelineMonth{ID: "month-" + d.String(), Heading: d.Human(), Entries: entryList{Items: m.Entries, Anchors: true, ShowCase: true, Short: short, frags: frags, tmpl: "timeline"}}
		if m.Month == 0 {
			tm.Heading = "Sometime in " + strconv.Itoa(y.Year)
		}
		out.Months = append(out.Months, tm)
	}
	return out
}

// neighbours returns the links to the year (or month) pages before and
// after p in its scope, when they exist.
func neighbours(sc *tlScope, p tlPage, base string, limit int) (prev, next *TimelineLink) {
	full := splitRecent(sc.years, limit)
	type place struct {
		label, url  string
		year, month int
	}
	var places []place
	for i, y := range sc.years {
		if sc.kind != "all" && i >= full {
			continue
		}
		yurl := base + strconv.Itoa(y.Year) + "/"
		if p.month == 0 {
			places = append(places, place{strconv.Itoa(y.Year), yurl, y.Year, 0})
			continue
		}
		if y.Count > limit {
			for _, m := range y.Months {
				if m.Month > 0 {
					places = append(places, place{content.Date{Year: y.Year, Month: m.Month}.Human(), yurl + monthDir(m.Month), y.Year, m.Month})
				}
			}
		}
	}
	i := slices.IndexFunc(places, func(pl place) bool { return pl.year == p.year && pl.month == p.month })
	if i > 0 {
		prev = &TimelineLink{Label: places[i-1].label, URL: places[i-1].url}
	}
	if i >= 0 && i+1 < len(places) {
		next = &TimelineLink{Label: places[i+1].label, URL: places[i+1].url}
	}
	return prev, next
}

// timelineLead is the sentence under a timeline page's title.
func timelineLead(sc *tlScope, p tlPage) string {
	actions, cases := 0, map[*site.Case]bool{}
	for _, e := range p.entries {
		if e.Action != nil {
			actions++
		}
		cases[e.Case] = true
	}
	events := len(p.entries) - actions
	var what string
	switch sc.kind {
	case "provider":
		what = plural(actions, "action") + " by " + sc.label
	case "action":
		what = plural(actions, "provider action") + " of the type “" + sc.label + "”"
	default:
		what = plural(actions, "provider action") + " and " + plural(events, "event")
	}
	span := ""
	if n := len(p.entries); n > 0 && p.year == 0 {
		first, last := p.entries[0].Date.Year, p.entries[n-1].Date.Year
		span = ", " + strconv.Itoa(first)
		if last != first {
			span += "–" + strconv.Itoa(last)
		}
	}
	return fmt.Sprintf("%s, from %s%s, oldest first.", upperFirst(what), plural(len(cases), "case"), span)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// filtersOf collects the choices of the filter form from the entries the
// page shows in full.
func filtersOf(p tlPage, years []TimelineYear) TimelineFilters {
	var f TimelineFilters
	acts := map[string]bool{}
	tags := map[string]bool{}
	targets := map[*site.Entity]bool{} // hundreds on a year's page
	for _, y := range years {
		f.Years = append(f.Years, y.Year)
		for _, m := range y.Months {
			for _, e := range m.Entries.Items {
				if pr := e.Provider(); pr != nil && !slices.Contains(f.Providers, pr) {
					f.Providers = append(f.Providers, pr)
				}
				for _, t := range e.Case.Targets {
					if !targets[t] {
						targets[t] = true
						f.Targets = append(f.Targets, t)
					}
				}
				acts[e.Type()] = true
				f.Events = f.Events || e.Event != nil
				for _, t := range e.Case.Tags {
					tags[t.Slug] = true
				}
			}
		}
	}
	byName := func(a, b *site.Entity) int { return cmp.Compare(a.Order(), b.Order()) } // Site.Entities' order
	slices.SortFunc(f.Providers, byName)
	slices.SortFunc(f.Targets, byName)
	for _, a := range content.Actions {
		if acts[a] {
			f.Actions = append(f.Actions, a)
		}
	}
	for t := range tags {
		f.Tags = append(f.Tags, t)
	}
	slices.Sort(f.Tags)
	return f
}

// filterBar links every pre-built filtered timeline, marking sc's.
func filterBar(s *site.Site) *FilterBar {
	tl := s.Timeline()
	b := &FilterBar{All: TimelineLink{Label: "All entries", URL: s.BasePath + "timeline/", Count: len(tl.Entries)}, base: s.BasePath}
	for _, e := range s.Providers() {
		b.Providers = append(b.Providers, TimelineLink{Label: e.Name, URL: s.BasePath + "timeline/providers/" + e.Slug + "/",
			Count: len(tl.ForProvider(e))})
	}
	slices.SortStableFunc(b.Providers, func(a, b TimelineLink) int {
		return cmp.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label))
	})
	for _, a := range s.Actions {
		b.Actions = append(b.Actions, TimelineLink{Label: a.Slug, URL: s.BasePath + "timeline/actions/" + a.Slug + "/",
			Count: len(tl.ForAction(a.Slug))})
	}
	return b
}

// at returns the bar of the main page of scope sc: b with sc's link marked
// current. b is unchanged; a provider's page copies only the provider links.
func (b *FilterBar) at(sc *tlScope) *FilterBar {
	out := *b
	switch sc.kind {
	case "all":
		out.All.Current = true
	case "provider":
		out.Providers = slices.Clone(b.Providers)
		for i := range out.Providers {
			out.Providers[i].Current = out.Providers[i].URL == b.base+sc.dir
		}
	case "action":
		out.Actions = slices.Clone(b.Actions)
		for i := range out.Actions {
			out.Actions[i].Current = out.Actions[i].Label == sc.slug
		}
	}
	return &out
}
