package render

// Views: flat, typed values built in Go for the templates to read. A view
// holds strings computed once (formatted dates, built URLs, chosen labels)
// so that a template reads fields instead of calling methods; it holds no
// markup, which is the templates' alone.

import (
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// SourceView is one item of a case's source list, what the partial
// "source" receives.
type SourceView struct {
	ID      string // the item's id: source-3, or source-<id> when not cited
	Title   string
	URL     string // may be empty
	Archive string // the archived copy's URL, or ""
	// VersionDate is the date of the archived copy (Robust Links), set only
	// with Archive.
	VersionDate string
	Lang        string // the source's language tag when it is not the site's, else ""
	LangName    string // the name of Lang in English, set with Lang
	Authors     string // joined with ", "
	Publisher   string
	DateISO     string // "" when the source is undated
	DateHuman   string
	Backrefs    []Backref // the citations of the source in the body
}

// Backref is a link from a source back to one of its citations.
type Backref struct {
	ID    string // of the citation in the body: cite-3-a
	Label string // a, b, ...
}

// sourceView makes the view of src for a page of site s.
func sourceView(s *site.Site, src *site.Source) SourceView {
	v := SourceView{ID: sourceID(src), Title: src.Title, URL: src.URL, Archive: src.Archive, Publisher: src.Publisher}
	if src.Archive != "" {
		v.VersionDate = versionDate(src)
	}
	if src.Language != "" && !sameLanguage(src.Language, s.Config.Language) {
		v.Lang, v.LangName = src.Language, LanguageName(src.Language)
	}
	for i, a := range src.Authors {
		if i > 0 {
			v.Authors += ", "
		}
		v.Authors += a
	}
	if !src.Date.IsZero() {
		v.DateISO, v.DateHuman = src.Date.String(), src.Date.Human()
	}
	for i, b := range src.Backrefs {
		v.Backrefs = append(v.Backrefs, Backref{ID: b, Label: backrefLabel(i)})
	}
	return v
}

func sourceViews(s *site.Site, srcs []*site.Source) []SourceView {
	out := make([]SourceView, len(srcs))
	for i, src := range srcs {
		out[i] = sourceView(s, src)
	}
	return out
}

// Link is a labelled URL; Sep is the text before it in a list ("", ", " or
// " and ").
type Link struct {
	Sep, Label, URL string
	of              site.Target // what a list of pages links to (LinkList.Item), or nil
}

// Sentence is what an entry says, in parts the templates link and the plain
// exports (feed, iCalendar, JSON) join: "<Provider> <Verb> <Targets>
// (<Services>)" for an action, Event for an event. entrySentence is its one
// builder.
type Sentence struct {
	Provider *Link // nil when the action names no provider
	Verb     string
	Targets  []Link // "A", "A and B", "A, B and C"
	Services string // "dns, cdn", or ""
	Event    string // the event's text, for an event
	IsEvent  bool
}

// entrySentence builds what e says.
func entrySentence(e *site.Entry) Sentence {
	if e.Event != nil {
		return Sentence{Event: e.Event.Text, IsEvent: true}
	}
	s := Sentence{Verb: actionVerb(e.Type()), Targets: listLinks(e.Case.Targets)}
	if p := e.Provider(); p != nil {
		s.Provider = &Link{Label: p.Name, URL: p.URL()}
	}
	s.Services = strings.Join(e.Action.Services, ", ")
	return s
}

// listLinks links entities as a list in a sentence: "A", "A and B",
// "A, B and C".
func listLinks(es []*site.Entity) []Link {
	out := make([]Link, len(es))
	for i, e := range es {
		out[i] = Link{Label: e.Name, URL: e.URL()}
		switch {
		case i == 0:
		case i == len(es)-1:
			out[i].Sep = " and "
		default:
			out[i].Sep = ", "
		}
	}
	return out
}

// Text is the sentence in plain text, without a final period:
// "Cloudflare terminated service to The Daily Stormer (dns)".
func (s Sentence) Text() string {
	if s.IsEvent {
		return strings.TrimSpace(s.Event)
	}
	var b strings.Builder
	if s.Provider != nil {
		b.WriteString(s.Provider.Label + " ")
	}
	b.WriteString(s.Verb)
	for i, t := range s.Targets {
		if i == 0 {
			b.WriteString(" ")
		}
		b.WriteString(t.Sep + t.Label)
	}
	if s.Services != "" {
		b.WriteString(" (" + s.Services + ")")
	}
	return b.String()
}

// EntryView is a timeline entry (an action or an event of a case) as the
// partial "entry" shows it, built once per rendering of a site.
type EntryView struct {
	ID, URL            string // URL: the permalink, on the entry's year or month page
	DateISO, DateHuman string
	Year               int
	Kind               string // action or event
	Type               string // the action type; "" for an event
	Badge              string // the badge's CSS class suffix: the action type, or event
	Label              string // the badge's text
	Provider           string // the provider's slug, or ""
	Targets            string // the case's targets' slugs, space-separated (data-* attributes)
	Tags               string // the case's tags' slugs, space-separated
	What               Sentence
	CaseTitle, CaseURL string
	Sources            []SourceRef // its sources in the case's source list: [3] or [id]
}

// SourceRef is a link to a source in its case's list of sources: Label is
// its number in brackets (or its id), ID the list item's id and URL the
// item's address from another page (the case's URL and #ID). The case's
// own page links #ID alone.
type SourceRef struct {
	Label, ID, URL string
}

// entryView builds the view of e.
func entryView(e *site.Entry) *EntryView {
	c := e.Case
	v := &EntryView{ID: e.ID, URL: e.URL(), DateISO: e.Date.String(), DateHuman: e.Date.Human(), Year: e.Date.Year,
		Kind: "action", Type: e.Type(), What: entrySentence(e), CaseTitle: c.Title, CaseURL: c.URL(),
		Targets: entitySlugs(c.Targets), Tags: strings.Join(termSlugs(c.Tags), " ")}
	v.Badge, v.Label = v.Type, ActionLabel(v.Type)
	if e.Event != nil {
		v.Kind, v.Badge, v.Label = "event", "event", "Event"
	}
	if p := e.Provider(); p != nil {
		v.Provider = p.Slug
	}
	v.Sources = make([]SourceRef, len(e.Sources))
	for i, s := range e.Sources {
		label := s.ID
		if s.N > 0 {
			label = strconv.Itoa(s.N)
		}
		id := sourceID(s)
		v.Sources[i] = SourceRef{Label: "[" + label + "]", ID: id, URL: c.URL() + "#" + id}
	}
	return v
}

// entitySlugs joins the slugs of entities with spaces.
func entitySlugs(es []*site.Entity) string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Slug
	}
	return strings.Join(out, " ")
}

// EntryItem is what the partial "entry" receives: an entry and how its list
// shows it.
type EntryItem struct {
	Entry *EntryView
	// Anchors gives the item its id and the data-* attributes the
	// timeline's filters use: only on timeline pages, where ids are unique.
	Anchors  bool
	ShowCase bool // link the entry's case (not on the case's own page)
	Short    bool // the date, linked to the permalink, and what happened only
	// Head is the entry's date, linked to its permalink, and its badge,
	// rendered with the partial "entryhead" (given .Entry); Sentence what
	// the entry says, rendered with "sentence" (given .Entry.What). Each
	// is rendered once for every list that shows the entry.
	Head, Sentence template.HTML
}

// Dated is a date as pages show it: ISO 8601 for the datetime attribute,
// and in words.
type Dated struct {
	ISO, Human string
}

func dated(d content.Date) Dated {
	if d.IsZero() {
		return Dated{}
	}
	return Dated{ISO: d.String(), Human: d.Human()}
}

// CaseLink is a case in a list of links to cases.
type CaseLink struct {
	Title, URL string
	Date       Dated
	c          *site.Case
}

// CaseLinks is a list of links to cases (a case's related cases, an
// entity's cases), for the partial "caselinks": its Items, and Item, which
// renders one with the partial "caselink" once per rendering and page
// template and reuses it on every page that lists the case.
type CaseLinks struct {
	Items []CaseLink
	frags *fragments
	tmpl  string
}

// Item renders c with the partial "caselink", or returns the rendering of
// an earlier page.
func (l *CaseLinks) Item(c CaseLink) (template.HTML, error) {
	return l.frags.item(l.tmpl, "caselink", c.c, c)
}

// caseLinks links the cases cs for the page v; nil for none, so that
// {{with}} skips an empty list.
func (v *Page) caseLinks(cs []*site.Case) *CaseLinks {
	if len(cs) == 0 {
		return nil
	}
	out := make([]CaseLink, len(cs))
	for i, c := range cs {
		out[i] = CaseLink{Title: c.Title, URL: c.URL(), Date: dated(c.Date), c: c}
	}
	return &CaseLinks{Items: out, frags: v.frags, tmpl: v.tmpl}
}

// LinkList is a list of the pages linking to a page, for the partial
// "backlinks": its Items, and Item, which renders one with the partial
// "backlink" once per rendering and page template and reuses it (a case's
// body links to several pages, which all list it).
type LinkList struct {
	Items []Link
	frags *fragments
	tmpl  string
}

// Item renders k with the partial "backlink", or returns the rendering of
// an earlier page.
func (l *LinkList) Item(k Link) (template.HTML, error) {
	return l.frags.item(l.tmpl, "backlink", k.of, k)
}

// entityLinks links entities (a list's separators are the template's).
func entityLinks(es []*site.Entity) []Link {
	out := make([]Link, len(es))
	for i, e := range es {
		out[i] = Link{Label: e.Name, URL: e.URL()}
	}
	return out
}

// targetLinks links what links to a page.
// backlinks returns the first maxEntityList of the pages linking to t,
// their number, and the URL of their full list when it is cut (a page that
// thousands of bodies link to listed them all).
func backlinks(v *Page, t site.Target, from []site.Target) (*LinkList, int, string) {
	if len(from) <= maxEntityList {
		return v.targetLinks(from), len(from), ""
	}
	return v.targetLinks(from[:maxEntityList]), len(from), v.Site.BasePath + backlinksDir(v.Site, t)
}

// backlinksDir is the folder of the full list of the pages linking to t.
func backlinksDir(s *site.Site, t site.Target) string {
	return strings.TrimPrefix(t.URL(), s.BasePath) + "linked-from/"
}

// targetLinks lists the pages ts link to the page v shows; nil for none.
func (v *Page) targetLinks(ts []site.Target) *LinkList {
	if len(ts) == 0 {
		return nil
	}
	out := make([]Link, len(ts))
	for i, t := range ts {
		out[i] = Link{Label: t.Label(), URL: t.URL(), of: t}
	}
	return &LinkList{Items: out, frags: v.frags, tmpl: v.tmpl}
}

// termLinks links terms, labelled by their slugs.
func termLinks(ts []*site.Term) []Link {
	out := make([]Link, len(ts))
	for i, t := range ts {
		out[i] = Link{Label: t.Slug, URL: t.URL()}
	}
	return out
}

// ActionRow is a provider's action in a case's key facts.
type ActionRow struct {
	Provider *Link // nil when the action names none
	Type     string
	Label    string
	Date     Dated
	Services string // "dns, cdn", or ""
}

// Change is an entry of a case's revision history.
type Change struct {
	Date Dated
	Note string
}

// CommitView is the last git commit that changed a case's file.
type CommitView struct {
	Short string
	URL   string // the commit's page, when site.yaml has a repo_url
	Date  Dated
}

// CaseView is a case as its page shows it.
type CaseView struct {
	Title, Summary string
	Date           Dated  // of the case (its events)
	Published      Dated  // when the page first appeared (site.PageDates); zero when unknown
	Updated        Dated  // the page's last update; zero unless it was updated since
	TargetsLabel   string // Target or Targets
	Targets        []Link
	Actions        []ActionRow
	People         []Link
	Tags           []Link
	Entries        entryList // its actions and events, oldest first
	CitedSources   []SourceView
	FurtherSources []SourceView
	Related        *CaseLinks // nil for none
	LinkedFrom     *LinkList  // the first maxEntityList pages that link to it; nil for none
	LinkedTotal    int        // all of them
	LinkedAll      string     // URL of the full list, when LinkedFrom is cut
	Changes        []Change
	Commit         *CommitView // nil when unknown
	Prev, Next     *Link       // the older and newer cases
	EditURL        string      // the source file in the repository, when site.yaml has a repo_url
}

// caseView makes the view of c for its page v.
func caseView(v *Page, c *site.Case) *CaseView {
	s := v.Site
	cv := &CaseView{Title: c.Title, Summary: c.Summary, Date: dated(c.Date), Published: dated(c.Dates.Published),
		TargetsLabel: "Target", Targets: entityLinks(c.Targets), People: entityLinks(c.People), Tags: termLinks(c.Tags),
		CitedSources: sourceViews(s, c.CitedSources()), FurtherSources: sourceViews(s, c.FurtherSources()),
		Related: v.caseLinks(c.Related), EditURL: editURL(s, c)}
	cv.LinkedFrom, cv.LinkedTotal, cv.LinkedAll = backlinks(v, c, c.LinkedFrom)
	if len(c.Targets) > 1 {
		cv.TargetsLabel = "Targets"
	}
	for _, a := range c.Actions {
		row := ActionRow{Type: a.Type, Label: ActionLabel(a.Type), Date: dated(a.Date), Services: strings.Join(a.Services, ", ")}
		if a.Provider != nil {
			row.Provider = &Link{Label: a.Provider.Name, URL: a.Provider.URL()}
		}
		cv.Actions = append(cv.Actions, row)
	}
	for _, e := range c.Timeline() {
		cv.Entries.Items = append(cv.Entries.Items, &e)
	}
	cv.Entries.frags, cv.Entries.tmpl = v.frags, v.tmpl
	for _, ch := range c.Changes {
		cv.Changes = append(cv.Changes, Change{Date: dated(ch.Date), Note: ch.Note})
	}
	if !c.Commit.IsZero() {
		cv.Commit = &CommitView{Short: c.Commit.Short(), URL: commitURL(s, c), Date: dated(c.Commit.Date)}
	}
	if c.Dates.Updated() {
		cv.Updated = dated(c.Dates.Modified)
	}
	if c.Prev != nil {
		cv.Prev = &Link{Label: c.Prev.Title, URL: c.Prev.URL()}
	}
	if c.Next != nil {
		cv.Next = &Link{Label: c.Next.Title, URL: c.Next.URL()}
	}
	return cv
}

// ProviderAction is an action of an entity as a provider, on its page.
type ProviderAction struct {
	Date     Dated
	Type     string
	Label    string
	Case     Link
	Services string
}

// EntityView is an entity as its page shows it.
type EntityView struct {
	Slug, Name, Summary string
	KindLabel           string // Company, Platform, ...
	Aliases             string // joined with ", "
	Website             string
	Wikidata            string // the item's id: Q42
	// Its latest actions as a provider and cases in each role, at most
	// maxEntityList each; the Total counts all of them.
	AsProvider    []ProviderAction
	AsTarget      *CaseLinks // nil for none
	Involved      *CaseLinks
	ProviderTotal int
	TargetTotal   int
	InvolvedTotal int
	AllCases      string // URL of the full list of its cases, when a list is cut
	Timeline      EntityTimeline
	LinkedFrom    *LinkList // as CaseView's
	LinkedTotal   int
	LinkedAll     string
}

// maxEntityList caps each list of an entity page (its actions as a
// provider, its cases as a target and otherwise): a large provider has
// thousands, which made its page megabytes long. The full lists are the
// provider's timeline and the entity's list of cases.
const maxEntityList = 50

// maxEntityTimeline caps the timeline of an entity page: its latest
// entries. Each of them is written in full on its year's page and shown on
// its case's page, which the lists above link to; this third view was a
// third of the bytes of the entity pages of a large casebook at 50 entries
// (33 of 84 MB at 10,000 cases).
const maxEntityTimeline = 20

// hasCaseList reports whether the entity page cuts a list, and so links to
// the full list of the entity's cases (entityCasesDir).
func hasCaseList(e *site.Entity) bool {
	return len(e.AsTarget) > maxEntityList || len(e.Involved) > maxEntityList || len(e.AsProvider) > maxEntityList
}

// entityView makes the view of e for its page v.
func entityView(v *Page, e *site.Entity) *EntityView {
	ev := &EntityView{Slug: e.Slug, Name: e.Name, Summary: e.Summary, KindLabel: kindLabel(e.Kind),
		Aliases: strings.Join(e.Aliases, ", "), Website: e.Website, Wikidata: e.Wikidata,
		AsTarget: v.caseLinks(e.AsTarget[:min(len(e.AsTarget), maxEntityList)]), Involved: v.caseLinks(e.Involved[:min(len(e.Involved), maxEntityList)]),
		ProviderTotal: len(e.AsProvider), TargetTotal: len(e.AsTarget), InvolvedTotal: len(e.Involved),
		Timeline: entityTimeline(v, e)}
	ev.LinkedFrom, ev.LinkedTotal, ev.LinkedAll = backlinks(v, e, e.LinkedFrom)
	if hasCaseList(e) {
		ev.AllCases = v.Site.BasePath + entityCasesDir(e)
	}
	ev.AsProvider = make([]ProviderAction, min(len(e.AsProvider), maxEntityList))
	for i, a := range e.AsProvider[:len(ev.AsProvider)] {
		ev.AsProvider[i] = ProviderAction{Date: dated(a.Date), Type: a.Type, Label: ActionLabel(a.Type),
			Case: Link{Label: a.Case.Title, URL: a.Case.URL()}, Services: strings.Join(a.Services, ", ")}
	}
	return ev
}

// Badge is an action type as a badge shows it.
type Badge struct {
	Type, Label string
}

// CaseRow is a case in a list of cases (the home page, a tag's page, the
// table of all cases), built once per rendering.
type CaseRow struct {
	Title, URL, Summary string
	Date                Dated
	Year                int
	Badges              []Badge // its action types, in the order of content.ActionTypes
	Targets             []Link
	Actions             []ActionRow
	Tags                []Link
	// The slugs of its providers, action types and tags, space-separated,
	// for the data-* attributes the table's filters read.
	ProviderSlugs, ActionSlugs, TagSlugs string

	seq int // 1 + the case's index in the site's cases
}

// CaseList is what the partial "caselist" receives: the rows to show, and
// Item, which renders a row with the partial "caseitem" once per build and
// reuses it on every page that lists the case.
type CaseList struct {
	Rows  []*CaseRow
	frags *fragments
	tmpl  string
}

// Item renders one row of the list with the template "caseitem".
func (l CaseList) Item(r *CaseRow) (template.HTML, error) { return l.frags.caseItem(l.tmpl, r) }

// caseRow makes the row of c.
func caseRow(c *site.Case) *CaseRow {
	r := &CaseRow{Title: c.Title, URL: c.URL(), Summary: c.Summary, Date: dated(c.Date), Year: c.Date.Year,
		Targets: entityLinks(c.Targets), Tags: termLinks(c.Tags)}
	types := c.ActionTypes()
	for _, t := range types {
		r.Badges = append(r.Badges, Badge{Type: t, Label: ActionLabel(t)})
	}
	r.ActionSlugs = strings.Join(types, " ")
	for _, a := range c.Actions {
		row := ActionRow{Type: a.Type, Label: ActionLabel(a.Type)}
		if a.Provider != nil {
			row.Provider = &Link{Label: a.Provider.Name, URL: a.Provider.URL()}
		}
		r.Actions = append(r.Actions, row)
	}
	for _, p := range c.Providers() {
		r.ProviderSlugs += p.Slug + " "
	}
	for _, t := range c.Tags {
		r.TagSlugs += t.Slug + " "
	}
	return r
}

// PublisherView is a publisher on a page of the sources, with the works
// cited from it that the page shows.
type PublisherView struct {
	Name      string
	Continued bool // its first works are on the page before
	Works     []WorkView
}

// PublisherLink is a publisher in the index of the sources: the page its
// works start on, and how many there are.
type PublisherLink struct {
	Label, URL string
	Count      int
}

// pubWork is a cited work and its publisher, in the order of the sources'
// pages: by publisher, then as site.Publishers sorts the works.
type pubWork struct {
	pub  *site.Publisher
	work *site.CitedWork
}

// lazyWorks is the list of cited works of a site, gathered once, when
// first asked for.
type lazyWorks struct {
	s     *site.Site
	once  sync.Once
	works []pubWork
}

func (l *lazyWorks) get() []pubWork {
	l.once.Do(func() { l.works = citedWorks(l.s) })
	return l.works
}

// citedWorks lists every cited work of s with its publisher.
func citedWorks(s *site.Site) []pubWork {
	var out []pubWork
	for _, p := range s.Publishers() {
		for _, w := range p.Works {
			out = append(out, pubWork{p, w})
		}
	}
	return out
}

// publisherIndex lists the publishers of works, each linked to the page of
// the sources its works start on.
func publisherIndex(s *site.Site, works []pubWork) []PublisherLink {
	var out []PublisherLink
	for i, w := range works {
		if i > 0 && works[i-1].pub == w.pub {
			out[len(out)-1].Count++
			continue
		}
		u := s.BasePath + "sources/"
		if n := i/worksPerPage + 1; n > 1 {
			u += "page/" + strconv.Itoa(n) + "/"
		}
		out = append(out, PublisherLink{Label: w.pub.Name, URL: u, Count: 1})
	}
	return out
}

// WorkView is a cited work on the sources page.
type WorkView struct {
	Source  SourceView // the first citing case's entry
	CitedIn []Link     // each citing case, linked to its entry in the case's source list
}

// publisherViews makes the views of the publishers of works, one of a
// page of the sources: first, the works of the publisher before continued.
func publisherViews(s *site.Site, works []pubWork, first bool) []PublisherView {
	var out []PublisherView
	for i, w := range works {
		if i == 0 || works[i-1].pub != w.pub {
			out = append(out, PublisherView{Name: w.pub.Name, Continued: i == 0 && !first && w.work != w.pub.Works[0]})
		}
		wv := WorkView{Source: sourceView(s, w.work.Source), CitedIn: make([]Link, len(w.work.IDs))}
		for k, src := range w.work.IDs {
			c := w.work.Cases[k]
			wv.CitedIn[k] = Link{Label: c.Title, URL: c.URL() + "#" + sourceID(src)}
		}
		out[len(out)-1].Works = append(out[len(out)-1].Works, wv)
	}
	return out
}
