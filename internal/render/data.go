package render

// This file renders the machine-readable files of a site: the Atom feed, the
// sitemap, robots.txt and the open-data exports (JSON and CSV). Their formats
// are documented for readers in docs/data.md; keep the two in step.

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// dataVersion is the schema version of the JSON exports. Raise it when a
// field is removed, renamed or changes meaning; adding a field keeps it.
// Version 2 split data/cases.json and data/timeline.json into a file a
// year, each an item a line (docs/data.md). Version 3 names entities, and a
// timeline entry its case and sources, by slug and id only: their names,
// titles and URLs are in data/entities.json and the case's own record, once
// (the timeline of a 10,000-case casebook went from 61 to 22 MB). Version
// 4 compresses the files of a year with gzip (.json.gz, .ics.gz): they were
// 103 of the 698 MB of a 10,000-case casebook, and are 25 MB so.
const dataVersion = 4

// multiSep joins the values of a multi-valued CSV cell.
const multiSep = "; "

// dataJobs lists the machine-readable files of s: feed.xml, sitemap.xml,
// robots.txt and the JSON and CSV exports below data/.
func dataJobs(s *site.Site) []job {
	jobs := []job{
		streamed("feed.xml", func(w textWriter, _ *pass) error { return writeFeed(w, s) }),
		{name: "robots.txt", fn: func(b *bytes.Buffer, _ *pass) error { return writeRobots(b, s) }},
		{name: "data/cases.json", fn: func(b *bytes.Buffer, _ *pass) error {
			return writeJSON(b, dataIndex{Version: dataVersion, GeneratedFrom: generatedFrom(s.Cases), Parts: casesParts(s)})
		}},
		{name: "data/entities.json", fn: func(b *bytes.Buffer, _ *pass) error { return writeJSON(b, entitiesFileOf(s)) }},
		streamed("data/cases.csv", func(w textWriter, _ *pass) error { return writeCSV(w, casesCSV(s)) }),
		streamed("data/actions.csv", func(w textWriter, _ *pass) error { return writeCSV(w, actionsCSV(s)) }),
		{name: "data/datapackage.json", fn: func(b *bytes.Buffer, _ *pass) error { return writeJSON(b, dataPackageOf(s)) }},
	}
	for _, r := range yearRuns(len(s.Cases), func(i int) int { return s.Cases[i].Date.Year }) {
		jobs = append(jobs, compressed("data/cases/"+yearName(r.year)+".json.gz", func(w textWriter, _ *pass) error {
			return writeCasesPart(w, s, r)
		}))
	}
	return jobs
}

// A split export: data/cases.json and data/timeline.json are indexes of
// the files of each year, data/cases/<year>.json.gz and
// data/timeline/<year>.json.gz (gzip-compressed: see compressed), so that
// no file passes the hosts' 25 MiB, and a reader fetches only the years it
// needs.

// dataIndex is data/cases.json or data/timeline.json.
type dataIndex struct {
	Version       int        `json:"version"`
	GeneratedFrom string     `json:"generated_from,omitempty"`
	Parts         []dataPart `json:"parts"`
}

// dataPart is one file of a split export.
type dataPart struct {
	Year  int    `json:"year"` // 0 for undated items
	URL   string `json:"url"`
	Count int    `json:"count"`
}

// yearRun is a run of items of one year in a list sorted by date.
type yearRun struct {
	year, lo, hi int
}

// yearRuns returns the runs of equal years of n items sorted by date
// (either way).
func yearRuns(n int, year func(i int) int) []yearRun {
	var out []yearRun
	for i := 0; i < n; i++ {
		if len(out) == 0 || out[len(out)-1].year != year(i) {
			out = append(out, yearRun{year: year(i), lo: i})
		}
		out[len(out)-1].hi = i + 1
	}
	return out
}

// yearName names the file of a year: "2017", or "undated".
func yearName(y int) string {
	if y == 0 {
		return "undated"
	}
	return strconv.Itoa(y)
}

// casesParts lists the files of data/cases.json, newest year first.
func casesParts(s *site.Site) []dataPart {
	out := []dataPart{}
	for _, r := range yearRuns(len(s.Cases), func(i int) int { return s.Cases[i].Date.Year }) {
		out = append(out, dataPart{Year: r.year, URL: absURL(s, s.BasePath+"data/cases/"+yearName(r.year)+".json.gz"), Count: r.hi - r.lo})
	}
	return out
}

// partHead is the start of a file of a split export.
type partHead struct {
	Version int `json:"version"`
	Year    int `json:"year"`
}

// writeCasesPart writes what data/cases/<year>.json.gz holds: the cases of
// a year.
func writeCasesPart(w textWriter, s *site.Site, r yearRun) error {
	return writeJSONLines(w, partHead{dataVersion, r.year}, "cases", r.hi-r.lo, func(i int) any { return caseOf(s, s.Cases[r.lo+i]) })
}

// absURL returns the absolute URL of a root-relative URL of s.
func absURL(s *site.Site, u string) string {
	return strings.TrimSuffix(s.BaseURL, s.BasePath) + u
}

// newest returns the latest update of the pages of cases
// (site.PageDates.Modified), or the zero Date when none is known.
func newest(cases []*site.Case) content.Date {
	var d content.Date
	for _, c := range cases {
		if m := c.Dates.Modified; m.Compare(d) > 0 {
			d = m
		}
	}
	return d
}

func writeXML(b *bytes.Buffer, v any) error {
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.WriteByte('\n')
	return nil
}

func writeJSON(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // served as JSON, never inlined in HTML
	return enc.Encode(v)     // ends with a newline
}

// writeJSONLines writes a struct whose last field, named key in JSON, is
// a list of n items, compact, each item on a line of its own:
//
//	{"version":2,"year":2017,"cases":[
//	{...},
//	{...}
//	]}
//
// head is the struct without that field. It encodes one item(i) at a time,
// so that the list is never whole in memory. The file is what encoding/json
// writes for the whole struct, with a newline before each item and before
// the closing "]}".
func writeJSONLines(w textWriter, head any, key string, n int, item func(i int) any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // served as JSON, never inlined in HTML
	if err := enc.Encode(head); err != nil {
		return err
	}
	h := bytes.TrimSuffix(b.Bytes(), []byte("}\n")) // `{"version":2,...` or `{`
	w.Write(h)
	if len(h) > 1 {
		w.WriteByte(',')
	}
	w.WriteString(`"` + key + `":[`) // key is a plain name: nothing to escape
	for i := range n {
		b.Reset()
		if err := enc.Encode(item(i)); err != nil {
			return err
		}
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
		w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	}
	if n > 0 {
		w.WriteByte('\n')
	}
	_, err := w.WriteString("]}\n")
	return err
}

func writeRobots(b *bytes.Buffer, s *site.Site) error {
	b.WriteString("User-agent: *\nAllow: /\nSitemap: " + absURL(s, s.BasePath+"sitemap.xml") + "\n")
	return nil
}

// Atom feed (RFC 4287).

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Links    []atomLink  `xml:"link"`
	Updated  string      `xml:"updated"`
	Author   *atomPerson `xml:"author,omitempty"`
	Rights   string      `xml:"rights,omitempty"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    string         `xml:"summary,omitempty"`
}

// feedMax is how many cases the feed holds: the most recently changed. A
// feed reader wants what is new; every case was 7.7 MB at 10,000 cases.
const feedMax = 100

// writeFeed writes feed.xml, the atomFeed of the feedMax most recently
// changed cases, an entry at a time. The feed's <updated> is that of its
// newest entry, never the clock.
func writeFeed(w textWriter, s *site.Site) error {
	f, cases := atomHead(s)
	var b bytes.Buffer
	if err := writeXML(&b, f); err != nil {
		return err
	}
	const end = "</feed>\n"
	head, ok := bytes.CutSuffix(b.Bytes(), []byte("\n"+end))
	if !ok {
		return fmt.Errorf("feed: unexpected end %q", b.Bytes()[max(0, b.Len()-20):])
	}
	w.Write(head)
	if len(cases) > 0 {
		w.WriteByte('\n')
	}
	enc := xml.NewEncoder(w)
	enc.Indent("  ", "  ") // as the children of the feed element; it starts each entry but the first on a new line
	for _, c := range cases {
		if err := enc.EncodeElement(atomEntryOf(s, f.Author, c), xml.StartElement{Name: xml.Name{Local: "entry"}}); err != nil {
			return err
		}
		if err := enc.Flush(); err != nil {
			return err
		}
	}
	_, err := w.WriteString("\n" + end)
	return err
}

// atomHead returns the feed without its entries, and the cases in the order
// of the entries.
func atomHead(s *site.Site) (atomFeed, []*site.Case) {
	cases := slices.Clone(s.Cases)
	slices.SortStableFunc(cases, func(a, b *site.Case) int {
		return cmp.Or(b.Dates.Modified.Compare(a.Dates.Modified), b.Date.Compare(a.Date), cmp.Compare(a.Slug, b.Slug))
	})
	cases = cases[:min(len(cases), feedMax)]
	var author *atomPerson
	if name := cmp.Or(s.Config.Publisher, s.Config.Title); name != "" {
		author = &atomPerson{Name: name}
	}
	updated := time.Unix(0, 0) // no cases: a fixed instant, never the clock
	if len(cases) > 0 {
		updated = cases[0].Stamp().Time()
	}
	f := atomFeed{
		Lang:     s.Config.Language,
		Title:    s.Config.Title,
		Subtitle: s.Config.Description,
		ID:       s.BaseURL,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: absURL(s, s.BasePath+"feed.xml")},
			{Rel: "alternate", Type: "text/html", Href: s.BaseURL},
		},
		Updated: rfc3339(updated),
		Author:  author,
		Rights:  s.Config.License,
	}
	return f, cases
}

func atomEntryOf(s *site.Site, author *atomPerson, c *site.Case) atomEntry {
	u := absURL(s, c.URL())
	e := atomEntry{
		Title:   c.Title,
		ID:      u,
		Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: u}},
		Updated: rfc3339(c.Stamp().Time()), // Atom requires it: see site.Case.Stamp
		Author:  author,
		Summary: c.Summary,
	}
	if p := c.Dates.Published; !p.IsZero() { // when the page first appeared; left out when unknown
		e.Published = rfc3339(p.Time())
	}
	for _, t := range c.Tags {
		e.Categories = append(e.Categories, atomCategory{Term: t.Slug})
	}
	return e
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Sitemap (sitemaps.org protocol 0.9).

type sitemapSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemapMaxURLs is the most URLs the protocol allows in one sitemap file;
// past it, sitemap.xml is an index of numbered files.
const sitemapMaxURLs = 50000

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemapGroup lists the sitemap files, whose number is known once the
// site's URLs are: sitemap.xml alone, or, past limit URLs, sitemap.xml as the
// index of sitemap-1.xml, sitemap-2.xml, ... of at most limit URLs each
// (robots.txt names sitemap.xml either way).
func sitemapGroup(limit int) group {
	return group{dir: "sitemap", files: func(ps *pass) []job {
		s := ps.site
		set := sitemapOf(s)
		if len(set.URLs) <= limit {
			return []job{{name: "sitemap.xml", fn: func(b *bytes.Buffer, _ *pass) error { return writeXML(b, set) }}}
		}
		var jobs []job
		var index sitemapIndex
		for i := 0; i*limit < len(set.URLs); i++ {
			part := sitemapSet{URLs: set.URLs[i*limit : min(len(set.URLs), (i+1)*limit)]}
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			entry := sitemapURL{Loc: absURL(s, s.BasePath+name)}
			for _, u := range part.URLs {
				entry.LastMod = max0(entry.LastMod, u.LastMod)
			}
			index.Sitemaps = append(index.Sitemaps, entry)
			jobs = append(jobs, job{name: name, fn: func(b *bytes.Buffer, _ *pass) error { return writeXML(b, part) }})
		}
		return append(jobs, job{name: "sitemap.xml", fn: func(b *bytes.Buffer, _ *pass) error { return writeXML(b, index) }})
	}}
}

// max0 returns the later of two ISO dates ("" for none).
func max0(a, b string) string {
	if b > a {
		return b
	}
	return a
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemapOf lists every indexable HTML page of s (not the 404 page nor the
// redirects), sorted by URL. It mirrors the pages of Renderer.jobs; the tests
// check that the two agree. A page's lastmod is the latest update of
// the cases it shows (site.PageDates.Modified, when known), an entity's
// page its own Modified; free pages, which show no case, have no lastmod.
func sitemapOf(s *site.Site) sitemapSet {
	var out sitemapSet
	addDated := func(u string, d content.Date) {
		su := sitemapURL{Loc: absURL(s, u)}
		if !d.IsZero() {
			su.LastMod = d.Time().Format(time.DateOnly)
		}
		out.URLs = append(out.URLs, su)
	}
	add := func(u string, cases ...*site.Case) { addDated(u, newest(cases)) }
	add(s.BasePath, s.Cases...)
	paginate(s.BasePath, "cases/", len(s.Cases), tablePerPage, func(name string, lo, hi int, _ *Pager) {
		add(s.BasePath+strings.TrimSuffix(name, "index.html"), s.Cases[lo:hi]...)
	})
	works := citedWorks(s)
	paginate(s.BasePath, "sources/", len(works), worksPerPage, func(name string, lo, hi int, _ *Pager) {
		var cases []*site.Case // a page of the sources is dated by the cases citing its works
		for _, w := range works[lo:hi] {
			cases = append(cases, w.work.Cases...)
		}
		add(s.BasePath+strings.TrimSuffix(name, "index.html"), cases...)
	})
	// A list cut into pages: each page, dated by the cases it shows.
	paged := func(dir string, cases []*site.Case) {
		paginate(s.BasePath, dir, len(cases), perPage, func(name string, lo, hi int, _ *Pager) {
			add(s.BasePath+strings.TrimSuffix(name, "index.html"), cases[lo:hi]...)
		})
	}
	linked := func(t site.Target, from []site.Target) {
		if len(from) > maxEntityList {
			paginate(s.BasePath, backlinksDir(s, t), len(from), linksPerPage, func(name string, _, _ int, _ *Pager) {
				add(s.BasePath + strings.TrimSuffix(name, "index.html"))
			})
		}
	}
	for _, c := range s.Cases {
		add(c.URL(), c)
		linked(c, c.LinkedFrom)
	}
	out.URLs = append(out.URLs, timelineSitemap(s)...)
	add(s.BasePath+"entities/", s.Cases...)
	for _, e := range s.Entities {
		addDated(e.URL(), e.Dates.Modified)
		if hasCaseList(e) {
			paged(entityCasesDir(e), e.Cases())
		}
		linked(e, e.LinkedFrom)
	}
	for _, p := range s.Pages {
		if p.Slug != site.HomeSlug { // its body is shown on the home page
			add(p.URL())
		}
	}
	add(s.BasePath+DataPath, s.Cases...) // its files hold every case
	for _, t := range []struct {
		dir   string
		terms []*site.Term
	}{{"tags", s.Tags}, {"services", s.Services}, {"actions", s.Actions}} {
		add(s.BasePath+t.dir+"/", s.Cases...)
		for _, term := range t.terms {
			paged(strings.TrimPrefix(term.URL(), s.BasePath), term.Cases)
		}
	}
	slices.SortFunc(out.URLs, func(a, b sitemapURL) int { return cmp.Compare(a.Loc, b.Loc) })
	return out
}

// JSON exports.

type casesFile struct {
	Version       int        `json:"version"`
	GeneratedFrom string     `json:"generated_from,omitempty"`
	Cases         []caseData `json:"cases"`
}

type caseData struct {
	Slug    string       `json:"slug"`
	URL     string       `json:"url"`
	Title   string       `json:"title"`
	Summary string       `json:"summary,omitempty"`
	Date    string       `json:"date,omitempty"`
	Updated string       `json:"updated,omitempty"`
	Page    *pageDates   `json:"page,omitempty"`    // the page's dates, when known (site.PageDates)
	Targets []string     `json:"targets,omitempty"` // entity slugs (data/entities.json)
	Actions []actionData `json:"actions,omitempty"`
	People  []string     `json:"people,omitempty"` // entity slugs
	Tags    []string     `json:"tags,omitempty"`
	Related []string     `json:"related,omitempty"`
	Events  []eventData  `json:"events,omitempty"`
	Sources []sourceData `json:"sources,omitempty"`
	Aliases []string     `json:"aliases,omitempty"`
	Changes []changeData `json:"changes,omitempty"`
	Commit  *commitData  `json:"commit,omitempty"` // with git: the last commit that changed the file
}

// pageDates are the dates of a case's page: when it first appeared and
// its last update.
type pageDates struct {
	Published string `json:"published,omitempty"`
	Modified  string `json:"modified,omitempty"`
}

// pageDatesOf returns the dates of a page for the exports; nil when none is
// known.
func pageDatesOf(d site.PageDates) *pageDates {
	if d.Modified.IsZero() && d.Published.IsZero() {
		return nil
	}
	return &pageDates{Published: d.Published.String(), Modified: d.Modified.String()}
}

type commitData struct {
	Hash string `json:"hash"`
	Date string `json:"date"`
}

type actionData struct {
	Provider string   `json:"provider,omitempty"` // an entity slug
	Services []string `json:"services,omitempty"`
	Action   string   `json:"action"`
	Date     string   `json:"date,omitempty"`
	Sources  []string `json:"sources,omitempty"`
}

type eventData struct {
	Date    string   `json:"date,omitempty"`
	Text    string   `json:"text"`
	Sources []string `json:"sources,omitempty"`
}

type sourceData struct {
	ID        string   `json:"id"`
	Number    int      `json:"number"`
	Title     string   `json:"title,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Authors   []string `json:"authors,omitempty"`
	Date      string   `json:"date,omitempty"`
	URL       string   `json:"url,omitempty"`
	Archive   string   `json:"archive,omitempty"`
	Language  string   `json:"language,omitempty"`
	Accessed  string   `json:"accessed,omitempty"`
}

type changeData struct {
	Date string `json:"date,omitempty"`
	Note string `json:"note"`
}

// writeCasesFile writes data/cases.json, a casesFile, a case at a time.
// generated_from is the latest update of the cases' pages as YYYY-MM-DD (the
// first day of a month or year), so the file says how fresh it is without
// reading the clock.
func generatedFrom(cases []*site.Case) string {
	if d := newest(cases); !d.IsZero() {
		return d.Time().Format(time.DateOnly)
	}
	return ""
}

// caseOf is the export of one case, in data/cases.json.
func caseOf(s *site.Site, c *site.Case) caseData {
	d := caseData{
		Slug: c.Slug, URL: absURL(s, c.URL()), Title: c.Title, Summary: c.Summary,
		Date: c.Date.String(), Updated: c.Updated.String(), Page: pageDatesOf(c.Dates),
		Targets: entitySlugList(c.Targets), People: entitySlugList(c.People),
		Tags: termSlugs(c.Tags), Aliases: c.Aliases,
	}
	for _, a := range c.Actions {
		ad := actionData{Services: a.Services, Action: a.Type, Date: a.Date.String(), Sources: sourceIDs(a.Sources)}
		if a.Provider != nil {
			ad.Provider = a.Provider.Slug
		}
		d.Actions = append(d.Actions, ad)
	}
	for _, r := range c.Related {
		d.Related = append(d.Related, r.Slug)
	}
	for _, e := range c.Events {
		d.Events = append(d.Events, eventData{Date: e.Date.String(), Text: e.Text, Sources: sourceIDs(e.Sources)})
	}
	for _, src := range c.Sources {
		d.Sources = append(d.Sources, sourceData{
			ID: src.ID, Number: src.N, Title: src.Title, Publisher: src.Publisher, Authors: src.Authors,
			Date: src.Date.String(), URL: src.URL, Archive: src.Archive, Language: src.Language,
			Accessed: src.Accessed.String(),
		})
	}
	for _, ch := range c.Changes {
		d.Changes = append(d.Changes, changeData{Date: ch.Date.String(), Note: ch.Note})
	}
	if !c.Commit.IsZero() {
		d.Commit = &commitData{Hash: c.Commit.Hash, Date: c.Commit.Date.String()}
	}
	return d
}

// entitySlugList returns the slugs of es (nil for none).
func entitySlugList(es []*site.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Slug)
	}
	return out
}

func termSlugs(ts []*site.Term) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Slug)
	}
	return out
}

func sourceIDs(ss []*site.Source) []string {
	var out []string
	for _, src := range ss {
		out = append(out, src.ID)
	}
	return out
}

type entitiesFile struct {
	Version  int          `json:"version"`
	Entities []entityData `json:"entities"`
}

type entityData struct {
	Slug            string   `json:"slug"`
	Name            string   `json:"name"`
	Kind            string   `json:"kind"`
	Aliases         []string `json:"aliases,omitempty"`
	Website         string   `json:"website,omitempty"`
	Wikidata        string   `json:"wikidata,omitempty"`
	Summary         string   `json:"summary,omitempty"`
	URL             string   `json:"url"`
	CasesAsProvider []string `json:"cases_as_provider,omitempty"`
	CasesAsTarget   []string `json:"cases_as_target,omitempty"`
	CasesInvolved   []string `json:"cases_involved,omitempty"`
}

// entitiesFileOf builds data/entities.json: every entity with the slugs of
// its cases in each role. cases_as_provider follows the provider's actions,
// newest first, each case once.
func entitiesFileOf(s *site.Site) entitiesFile {
	f := entitiesFile{Version: dataVersion, Entities: make([]entityData, 0, len(s.Entities))}
	for _, e := range s.Entities {
		d := entityData{
			Slug: e.Slug, Name: e.Name, Kind: e.Kind, Aliases: e.Aliases, Website: e.Website,
			Wikidata: e.Wikidata, Summary: e.Summary, URL: absURL(s, e.URL()),
			CasesAsTarget: caseSlugs(e.AsTarget), CasesInvolved: caseSlugs(e.Involved),
		}
		for _, a := range e.AsProvider {
			if !slices.Contains(d.CasesAsProvider, a.Case.Slug) {
				d.CasesAsProvider = append(d.CasesAsProvider, a.Case.Slug)
			}
		}
		f.Entities = append(f.Entities, d)
	}
	return f
}

func caseSlugs(cs []*site.Case) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Slug)
	}
	return out
}

// CSV exports.

// casesCSV lists the rows of data/cases.csv: one row per case, newest first.
func casesCSV(s *site.Site) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield(columnNames(casesColumns)) {
			return
		}
		for _, c := range s.Cases {
			if !yield([]string{
				c.Slug, c.Date.String(), c.Title, c.Summary,
				joinEntities(c.Targets), joinEntities(c.Providers()),
				strings.Join(c.ActionTypes(), multiSep), strings.Join(termSlugs(c.Tags), multiSep),
				absURL(s, c.URL()),
			}) {
				return
			}
		}
	}
}

// actionsCSV lists the rows of data/actions.csv: one row per provider
// action, cases newest first, each case's actions in front-matter order.
func actionsCSV(s *site.Site) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield(columnNames(actionsColumns)) {
			return
		}
		for _, c := range s.Cases {
			for _, a := range c.Actions {
				var slug, name string
				if a.Provider != nil {
					slug, name = a.Provider.Slug, a.Provider.Name
				}
				if !yield([]string{
					c.Slug, c.Title, a.Date.String(), slug, name, a.Type,
					strings.Join(a.Services, multiSep), joinEntities(c.Targets),
					strings.Join(sourceIDs(a.Sources), multiSep), absURL(s, c.URL()),
				}) {
					return
				}
			}
		}
	}
}

func joinEntities(es []*site.Entity) string {
	slugs := make([]string, len(es))
	for i, e := range es {
		slugs[i] = e.Slug
	}
	return strings.Join(slugs, multiSep)
}

// writeCSV writes rows as RFC 4180 CSV (with LF line ends), every cell made
// spreadsheet-safe.
// csvColumn is a column of a CSV file, as its header names it and as
// data/datapackage.json describes it.
type csvColumn struct {
	Name        string          `json:"name"`
	Type        string          `json:"type"`
	Format      string          `json:"format,omitempty"`
	Description string          `json:"description"`
	Constraints *csvConstraints `json:"constraints,omitempty"`
}

type csvConstraints struct {
	Required bool   `json:"required,omitempty"`
	Unique   bool   `json:"unique,omitempty"`
	Pattern  string `json:"pattern,omitempty"`
}

// datePattern is the pattern of a date as the content writes it: a day, a
// month or a year (a Table Schema "date" must be a whole day).
const datePattern = `[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?`

var (
	slugColumn = func(name, what string, unique bool) csvColumn {
		return csvColumn{Name: name, Type: "string", Description: what, Constraints: &csvConstraints{Required: true, Unique: unique, Pattern: "[a-z0-9][a-z0-9-]*"}}
	}
	dateColumn = func(what string) csvColumn {
		return csvColumn{Name: "date", Type: "string", Description: what + ": YYYY-MM-DD, YYYY-MM or YYYY, as precise as known", Constraints: &csvConstraints{Pattern: datePattern}}
	}
	listColumn = func(name, what string) csvColumn {
		return csvColumn{Name: name, Type: "string", Description: what + `, joined with "; "`}
	}
	urlColumn = func(name, what string) csvColumn {
		return csvColumn{Name: name, Type: "string", Format: "uri", Description: what}
	}
	textColumn = func(name, what string) csvColumn { return csvColumn{Name: name, Type: "string", Description: what} }
)

// The columns of data/cases.csv and data/actions.csv, in order.
var (
	casesColumns = []csvColumn{
		slugColumn("slug", "the case's slug, its key in every file", true),
		dateColumn("the case's date"),
		textColumn("title", "the case's title"),
		textColumn("summary", "the case's summary"),
		listColumn("targets", "the slugs of its target entities"),
		listColumn("providers", "the slugs of the providers of its actions, each once"),
		listColumn("actions", "its action types, each once"),
		listColumn("tags", "its tags"),
		urlColumn("url", "the absolute URL of its page"),
	}
	actionsColumns = []csvColumn{
		slugColumn("case_slug", "the slug of the action's case", false),
		textColumn("case_title", "the case's title"),
		dateColumn("the action's date"),
		textColumn("provider_slug", "the provider's slug"),
		textColumn("provider_name", "the provider's name"),
		textColumn("action", "the action type: "+strings.Join(content.Actions, ", ")),
		listColumn("services", "the services concerned"),
		listColumn("targets", "the slugs of the case's targets"),
		listColumn("source_ids", "the ids of the sources supporting the action"),
		urlColumn("case_url", "the absolute URL of the case's page"),
	}
)

func columnNames(cols []csvColumn) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

// dataPackage is data/datapackage.json, a Frictionless Data Package
// (https://datapackage.org) describing the CSV files, so that pandas, R and
// frictionless read them with their fields and types, and the JSON files.
type dataPackage struct {
	Profile   string            `json:"profile"`
	Name      string            `json:"name"`
	Title     string            `json:"title,omitempty"`
	Homepage  string            `json:"homepage"`
	Version   string            `json:"version"`
	Licenses  []packageLicense  `json:"licenses,omitempty"`
	Resources []packageResource `json:"resources"`
}

type packageLicense struct {
	Path  string `json:"path,omitempty"` // the licence's address, when known
	Title string `json:"title"`
}

type packageResource struct {
	Name      string `json:"name"`
	Path      string `json:"path"`
	Profile   string `json:"profile"`
	Format    string `json:"format"`
	MediaType string `json:"mediatype"`
	Encoding  string `json:"encoding"`
	// Compression is "gz" for a gzip-compressed file, as frictionless
	// names it (it also infers it from the path's ".gz").
	Compression string         `json:"compression,omitempty"`
	Schema      *packageSchema `json:"schema,omitempty"`
}

type packageSchema struct {
	Fields      []csvColumn         `json:"fields"`
	PrimaryKey  string              `json:"primaryKey,omitempty"`
	ForeignKeys []packageForeignKey `json:"foreignKeys,omitempty"`
}

type packageForeignKey struct {
	Fields    string `json:"fields"`
	Reference struct {
		Resource string `json:"resource"`
		Fields   string `json:"fields"`
	} `json:"reference"`
}

// dataPackageOf describes the exports of s.
func dataPackageOf(s *site.Site) dataPackage {
	p := dataPackage{Profile: "data-package", Name: content.SlugFor(s.Config.Title), Title: s.Config.Title,
		Homepage: s.BaseURL, Version: strconv.Itoa(dataVersion)}
	if s.Config.License != "" {
		p.Licenses = []packageLicense{{Path: s.LicenseURL, Title: s.Config.License}}
	}
	fk := packageForeignKey{Fields: "case_slug"}
	fk.Reference.Resource, fk.Reference.Fields = "cases", "slug"
	p.Resources = []packageResource{
		{Name: "cases", Path: "cases.csv", Profile: "tabular-data-resource", Format: "csv", MediaType: "text/csv", Encoding: "utf-8",
			Schema: &packageSchema{Fields: casesColumns, PrimaryKey: "slug"}},
		{Name: "actions", Path: "actions.csv", Profile: "tabular-data-resource", Format: "csv", MediaType: "text/csv", Encoding: "utf-8",
			Schema: &packageSchema{Fields: actionsColumns, ForeignKeys: []packageForeignKey{fk}}},
		{Name: "entities", Path: "entities.json", Profile: "data-resource", Format: "json", MediaType: "application/json", Encoding: "utf-8"},
	}
	for _, part := range casesParts(s) {
		p.Resources = append(p.Resources, packageResource{Name: "cases-" + yearName(part.Year), Path: "cases/" + yearName(part.Year) + ".json.gz",
			Profile: "data-resource", Format: "json", MediaType: "application/json", Encoding: "utf-8", Compression: "gz"})
	}
	for _, part := range timelineParts(s) {
		p.Resources = append(p.Resources, packageResource{Name: "timeline-" + yearName(part.Year), Path: "timeline/" + yearName(part.Year) + ".json.gz",
			Profile: "data-resource", Format: "json", MediaType: "application/json", Encoding: "utf-8", Compression: "gz"})
	}
	return p
}

func writeCSV(b io.Writer, rows iter.Seq[[]string]) error {
	w := csv.NewWriter(b)
	for row := range rows {
		safe := make([]string, len(row))
		for i, cell := range row {
			safe[i] = spreadsheetSafe(cell)
		}
		if err := w.Write(safe); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// spreadsheetSafe prefixes with an apostrophe a cell that a spreadsheet
// would read as a formula (CSV injection): one beginning with =, +, -, @,
// a tab or a carriage return.
func spreadsheetSafe(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
