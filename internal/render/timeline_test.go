package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/sitetest"
)

var updateChart = flag.Bool("update-chart", false, "rewrite testdata/timeline-chart.svg")

// chartSite adds to the base site a case with three actions of two types in
// 2019 and an event in 2021, so the chart has a stacked bar, a gap year with
// no action and an empty-but-linked year.
const chartSite = `
-- content/cases/x.md --
---
title: X case
summary: A summary.
date: 2019-08-04
targets: [daily-stormer]
actions:
  - provider: cloudflare
    action: terminated
    date: 2019-08-04
    sources: [x-1]
  - provider: cloudflare
    action: restored
    date: 2019-09
    sources: [x-1]
  - provider: cloudflare
    action: terminated
    date: 2019-10-01
    sources: [x-1]
events:
  - date: 2021
    text: "Later: the site is back; so are its critics, again."
    sources: [x-1]
sources:
  - id: x-1
    title: A source
    publisher: A publisher
    url: https://example.com/x
---

Body text [@x-1].
`

var svgRe = regexp.MustCompile(`(?s)<svg .*?</svg>`)

// svgNode is a generic XML element, for walking the chart.
type svgNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []svgNode  `xml:",any"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n svgNode) walk(f func(svgNode)) {
	f(n)
	for _, c := range n.Nodes {
		c.walk(f)
	}
}

// TestTimelineChart compares the chart of a small site with
// testdata/timeline-chart.svg, checks that it parses as XML, and that its
// bars, their heights and the data table say what the content says.
func TestTimelineChart(t *testing.T) {
	s, files := buildSite(t, chartSite)
	page := string(file(t, files, "timeline/index.html"))
	svg := svgRe.FindString(page)
	if svg == "" {
		t.Fatal("timeline/index.html has no <svg>")
	}
	golden := filepath.Join("testdata", "timeline-chart.svg")
	if *updateChart {
		if err := os.WriteFile(golden, []byte(svg+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -run TestTimelineChart -update-chart to create it)", err)
	}
	if svg+"\n" != string(want) {
		t.Errorf("the chart differs from %s (rerun with -update-chart and review the diff):\n%s", golden, svg)
	}

	var root svgNode
	if err := xml.Unmarshal([]byte(svg), &root); err != nil {
		t.Fatalf("the chart does not parse as XML: %v", err)
	}
	if root.attr("role") != "group" || root.attr("aria-labelledby") != "tlc-title tlc-desc" {
		t.Errorf("svg role=%q aria-labelledby=%q; want group and the title and desc", root.attr("role"), root.attr("aria-labelledby"))
	}

	// What the content says: actions per year and type.
	want2 := map[string]int{}
	for _, c := range s.Cases {
		for _, a := range c.Actions {
			want2[fmt.Sprintf("%d/%s", a.Date.Year, a.Type)]++
		}
	}
	got := map[string]int{}
	perUnit := 0.0
	links := map[string]string{}
	var titles, descs int
	root.walk(func(n svgNode) {
		switch n.XMLName.Local {
		case "title":
			titles++
		case "desc":
			descs++
		case "a":
			for _, c := range n.Nodes {
				if c.attr("class") == "tlc-text tlc-year" {
					links[strings.TrimSpace(c.Text)] = n.attr("href")
				}
			}
		case "rect":
			if n.attr("class") != "tlc-seg" {
				return
			}
			if strings.Contains(n.attr("style"), ":") {
				t.Errorf("segment has a style attribute")
			}
			count, _ := strconv.Atoi(n.attr("data-count"))
			got[n.attr("data-year")+"/"+n.attr("data-action")] += count
			h, _ := strconv.ParseFloat(n.attr("height"), 64)
			if perUnit == 0 {
				perUnit = h / float64(count)
			} else if d := h/float64(count) - perUnit; d > 0.02 || d < -0.02 {
				t.Errorf("segment %s/%s: height %v for %d; want %v per action", n.attr("data-year"), n.attr("data-action"), h, count, perUnit)
			}
		}
	})
	if fmt.Sprint(got) != fmt.Sprint(want2) {
		t.Errorf("chart segments = %v; want %v", got, want2)
	}
	if descs != 1 || titles < 2 {
		t.Errorf("chart has %d desc and %d titles; want one desc, a title and one per segment", descs, titles)
	}
	// Every year with entries links to its section; 2018 has none.
	wantLinks := map[string]string{"2017": "#year-2017", "2019": "#year-2019", "2021": "#year-2021"}
	if fmt.Sprint(links) != fmt.Sprint(wantLinks) {
		t.Errorf("bar links = %v; want %v", links, wantLinks)
	}
	// The data table, the chart's text alternative, holds the same numbers.
	for _, row := range []string{
		`<tr><th scope="row">2017</th><td>1</td><td>0</td><td>0</td><td>1</td></tr>`,
		`<tr><th scope="row">2018</th><td>0</td><td>0</td><td>0</td><td>0</td></tr>`,
		`<tr><th scope="row">2019</th><td>2</td><td>1</td><td>1</td><td>4</td></tr>`,
		`<tr><th scope="row">2021</th><td>0</td><td>0</td><td>0</td><td>0</td></tr>`,
	} {
		if !strings.Contains(page, row) {
			t.Errorf("the data table lacks %s", row)
		}
	}
	if !strings.Contains(page, `<th scope="col">Terminated</th><th scope="col">Restored</th><th scope="col">Refused to act</th><th scope="col">Total</th>`) {
		t.Errorf("the data table's header is not Terminated, Restored, Refused to act, Total")
	}
}

// icsProp is one unfolded content line of an iCalendar file.
type icsProp struct {
	name, params, value string
}

// parseICS checks the line structure of an iCalendar file (CRLF endings,
// lines of at most 75 octets, folds that split no character), unfolds it and
// returns its properties in order.
func parseICS(t *testing.T, data []byte) []icsProp {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatal("the file does not end with CRLF")
	}
	raw := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	var lines []string
	for i, l := range raw {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets long: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d is not valid UTF-8 on its own (a fold split a character): %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			if len(lines) == 0 {
				t.Fatal("the file begins with a continuation line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var props []icsProp
	for _, l := range lines {
		head, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("content line without a colon: %q", l)
		}
		name, params, _ := strings.Cut(head, ";")
		props = append(props, icsProp{name, params, value})
	}
	return props
}

// unescapeICS reverses the TEXT escaping of RFC 5545 §3.3.11, and fails on
// an unescaped comma or semicolon or an unknown escape.
func unescapeICS(t *testing.T, v string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\\':
			i++
			if i == len(v) {
				t.Fatalf("dangling backslash in %q", v)
			}
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				t.Fatalf("unknown escape \\%c in %q", v[i], v)
			}
		case ',', ';':
			t.Fatalf("unescaped %c in TEXT %q", c, v)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func TestTimelineICS(t *testing.T) {
	// Long runs of 2- and 3-octet characters, so that folds fall inside them.
	long := strings.Repeat("Ça déborde, puis; ça continue — ", 3) + strings.Repeat("é", 80) + " " + strings.Repeat("€", 60)
	s, files := buildSite(t, strings.Replace(chartSite, `"Later: the site is back; so are its critics, again."`,
		`"Later: the site is back; so are its critics, again. A\\B. `+long+`"`, 1))
	props := parseICS(t, file(t, files, "timeline.ics"))
	if props[0].name != "BEGIN" || props[0].value != "VCALENDAR" || props[len(props)-1].value != "VCALENDAR" {
		t.Fatalf("not a VCALENDAR: first %v, last %v", props[0], props[len(props)-1])
	}
	type event map[string]icsProp
	var events []event
	var cur event
	for _, p := range props {
		switch {
		case p.name == "BEGIN" && p.value == "VEVENT":
			cur = event{}
		case p.name == "END" && p.value == "VEVENT":
			events = append(events, cur)
			cur = nil
		case cur != nil:
			cur[p.name] = p
		}
	}
	tl := s.Timeline()
	if len(events) != len(tl.Entries) {
		t.Fatalf("%d VEVENTs; want %d", len(events), len(tl.Entries))
	}
	uids := map[string]bool{}
	for i, ev := range events {
		e := tl.Entries[i]
		for _, name := range []string{"UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION", "URL"} {
			if _, ok := ev[name]; !ok {
				t.Errorf("VEVENT %s has no %s", e.ID, name)
			}
		}
		uid := unescapeICS(t, ev["UID"].value)
		if uid != e.ID+"@example.org" || uids[uid] {
			t.Errorf("UID = %q; want %q, unique", uid, e.ID+"@example.org")
		}
		uids[uid] = true
		if ev["DTSTART"].params != "VALUE=DATE" || ev["DTSTART"].value != e.Date.Time().Format("20060102") {
			t.Errorf("%s: DTSTART;%s:%s; want VALUE=DATE:%s", e.ID, ev["DTSTART"].params, ev["DTSTART"].value, e.Date.Time().Format("20060102"))
		}
		if want := e.Case.Stamp().Time().Format("20060102") + "T000000Z"; ev["DTSTAMP"].value != want {
			t.Errorf("%s: DTSTAMP %s; want %s", e.ID, ev["DTSTAMP"].value, want)
		}
		if want := abs(s, e.URL()); ev["URL"].value != want {
			t.Errorf("%s: URL %s; want %s", e.ID, ev["URL"].value, want)
		}
		desc := unescapeICS(t, ev["DESCRIPTION"].value)
		if len(e.Sources) > 0 && !strings.Contains(desc, "Sources: ["+fmt.Sprint(e.Sources[0].N)+"]") || !strings.Contains(desc, abs(s, e.Case.URL())) {
			t.Errorf("%s: the description does not give the case and its sources: %q", e.ID, desc)
		}
		summary := unescapeICS(t, ev["SUMMARY"].value)
		switch {
		case e.Date.Month == 0:
			if !strings.Contains(desc, "known only to the year (2021)") {
				t.Errorf("%s: the description does not say the date is year-only: %q", e.ID, desc)
			}
		case e.Date.Day == 0:
			if !strings.Contains(desc, "known only to the month ("+e.Date.Human()+")") {
				t.Errorf("%s: the description does not say the date is month-only: %q", e.ID, desc)
			}
		}
		if e.Event != nil && e.Case.Slug == "x" {
			want := "X case: Later: the site is back; so are its critics, again. A\\B. " + long
			if summary != strings.TrimSpace(want) {
				t.Errorf("SUMMARY round trip = %q; want %q", summary, want)
			}
		}
	}
	ics := string(file(t, files, "timeline.ics"))
	if !strings.Contains(ics, `again\, again`) && !strings.Contains(ics, `critics\, again`) {
		t.Errorf("commas are not escaped in the raw file")
	}
}

func TestTimelineJSON(t *testing.T) {
	s, files := buildSite(t, chartSite)
	var f struct {
		Version int `json:"version"`
		Entries []struct {
			ID, URL, Date, Kind, Text, Case, Action, Provider string
			Sources                                           []string
		} `json:"entries"`
	}
	if err := json.Unmarshal(sitetest.DataItems(t, files, "data/timeline.json", "entries"), &f.Entries); err != nil {
		t.Fatal(err)
	}
	tl := s.Timeline()
	if len(f.Entries) != len(tl.Entries) {
		t.Fatalf("%d entries; want %d", len(f.Entries), len(tl.Entries))
	}
	for i, d := range f.Entries {
		e := tl.Entries[i]
		if d.ID != e.ID || d.URL != abs(s, e.URL()) || d.Date != e.Date.String() || d.Case != e.Case.Slug || d.Action != e.Type() {
			t.Errorf("entry %d = %+v; want the entry %s", i, d, e.ID)
		}
		if len(d.Sources) != len(e.Sources) {
			t.Errorf("%s: %d sources; want %d", e.ID, len(d.Sources), len(e.Sources))
		}
	}
	if f.Entries[0].Text != "A rally takes place in Charlottesville." || f.Entries[1].Text != "Cloudflare terminated service to The Daily Stormer (ddos-protection, dns)" {
		t.Errorf("texts = %q, %q", f.Entries[0].Text, f.Entries[1].Text)
	}
	// Version 3: the entry names its case, provider and sources by slug
	// and id; their records are the case's and data/entities.json's.
	if d := f.Entries[1]; d.Provider != "cloudflare" || d.Sources[0] != tl.Entries[1].Sources[0].ID {
		t.Errorf("provider, first source = %q, %q; want cloudflare, %q", d.Provider, d.Sources, tl.Entries[1].Sources[0].ID)
	}
	// The calendars of a year, gzip-compressed like the JSON files: every
	// entry of the timeline is an event of the calendar of its year.
	var uids []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if year, ok := strings.CutPrefix(name, "data/timeline/"); ok && strings.HasSuffix(year, ".ics.gz") {
			for _, p := range parseICS(t, sitetest.Gunzip(t, files[name])) {
				if p.name == "UID" {
					uids = append(uids, strings.TrimSuffix(unescapeICS(t, p.value), "@example.org"))
				}
			}
		}
	}
	var ids []string
	for _, e := range tl.Entries {
		ids = append(ids, e.ID)
	}
	if !slices.Equal(uids, ids) {
		t.Errorf("the calendars of the years have the events %q; want %q", uids, ids)
	}
}

// TestTimelinePages checks the timeline's pages on a small site: the main
// page, a year page, the filtered pages, and that the case and entity pages
// list the same entries with links to them.
func TestTimelinePages(t *testing.T) {
	s, files := buildSite(t, chartSite)
	main := string(file(t, files, "timeline/index.html"))
	for _, e := range s.Timeline().Entries {
		if !strings.Contains(main, ` id="`+e.ID+`"`) {
			t.Errorf("timeline/index.html lacks the entry %s", e.ID)
		}
		year := string(file(t, files, fmt.Sprintf("timeline/%d/index.html", e.Date.Year)))
		if !strings.Contains(year, ` id="`+e.ID+`"`) {
			t.Errorf("the page of %d lacks the entry %s", e.Date.Year, e.ID)
		}
		cp := string(file(t, files, strings.TrimPrefix(e.Case.URL(), s.BasePath)+"index.html"))
		if !strings.Contains(cp, `href="`+e.URL()+`"`) {
			t.Errorf("the page of case %s does not link to %s", e.Case.Slug, e.URL())
		}
	}
	for _, want := range []string{
		`<a href="/sub/timeline/providers/cloudflare/">Cloudflare</a> <span class="count">(5)</span>`,
		`<a href="/sub/timeline/actions/terminated/"><span class="badge badge-terminated">Terminated</span></a> <span class="count">(3)</span>`,
		`<a class="entry-date" href="/sub/timeline/2017/#2017-08-16-cloudflare-terminated-daily-stormer"><time datetime="2017-08-16">16 August 2017</time></a> <span class="badge badge-terminated">Terminated</span>`,
		`<a href="/sub/entities/cloudflare/">Cloudflare</a> terminated service to <a href="/sub/entities/daily-stormer/">The Daily Stormer</a> <span class="services">(ddos-protection, dns)</span>.`,
		`<h3 id="month-2021">Sometime in 2021</h3>`,
		`<time datetime="2019-09">September 2019</time>`,
		`data-provider="cloudflare" data-targets="daily-stormer" data-action="terminated" data-tags="hate-speech"`,
		`<li><a href="/sub/timeline/" aria-current="page">Timeline</a></li>`,
	} {
		if !strings.Contains(main, want) {
			t.Errorf("timeline/index.html lacks %s", want)
		}
	}
	// An entry is written in full once, on its year page; the main page
	// and the filtered timelines show it short, linked to it.
	year := string(file(t, files, "timeline/2017/index.html"))
	for _, want := range []string{`Sources: <a href="/sub/cases/ds-2017/#source-1">[1]</a>`, `Case: <a href="/sub/cases/ds-2017/">`} {
		if !strings.Contains(year, want) {
			t.Errorf("timeline/2017/index.html lacks %s", want)
		}
	}
	for _, name := range []string{"timeline/index.html", "timeline/providers/cloudflare/index.html", "timeline/actions/terminated/index.html", "entities/cloudflare/index.html"} {
		page := string(file(t, files, name))
		if strings.Contains(page, `#source-1">[1]</a>`) || strings.Contains(page, `<p class="entry-meta">`) {
			t.Errorf("%s shows an entry in full; it should show it short, linked to its year page", name)
		}
	}
	prov := string(file(t, files, "timeline/providers/cloudflare/index.html"))
	if n := strings.Count(prov, `<li class="entry entry-action"`); n != 5 || strings.Contains(prov, "entry-event") {
		t.Errorf("Cloudflare's timeline has %d actions (and events: %v); want its 5 actions only", n, strings.Contains(prov, "entry-event"))
	}
	act := string(file(t, files, "timeline/actions/restored/index.html"))
	if n := strings.Count(act, `<li class="entry entry-action"`); n != 1 {
		t.Errorf("the restored timeline has %d entries; want 1", n)
	}
	ent := string(file(t, files, "entities/daily-stormer/index.html"))
	if n := strings.Count(ent, `<li class="entry `); n != len(s.Timeline().Entries) {
		t.Errorf("the Daily Stormer's page lists %d entries; want all %d", n, len(s.Timeline().Entries))
	}
	if strings.Contains(ent, ` id="2017-08-16-cloudflare-terminated-daily-stormer"`) {
		t.Errorf("an entity page gives entries ids; only the timeline should")
	}
	if _, ok := files["timeline/2018/index.html"]; ok {
		t.Errorf("a page for 2018, which has no entries")
	}
}

// TestTimelineFilterChoices: the script's action filter offers the types
// used on the page, in the site's order, and events.
func TestTimelineFilterChoices(t *testing.T) {
	_, files := buildSite(t, chartSite)
	main := string(file(t, files, "timeline/index.html"))
	sel := regexp.MustCompile(`(?s)<select name="action">.*?</select>`).FindString(main)
	var got []string
	for _, m := range regexp.MustCompile(`<option value="([a-z]*)"`).FindAllStringSubmatch(sel, -1) {
		got = append(got, m[1])
	}
	want := []string{"", "terminated", "restored", "refused", "event"}
	if !slices.Equal(got, want) {
		t.Errorf("action choices = %q; want %q", got, want)
	}
}
