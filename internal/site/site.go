// Package site resolves the loaded content files into one typed, cross-linked
// model of the casebook — cases, entities, sources, actions, events, pages —
// with the indexes the pages need (cases by entity, tag and action type,
// backlinks, related cases), and validates every reference.
//
//	files, cfg, diags := content.Load(fsys)
//	docs := ... // one *markdown.Doc per file, parsed in parallel
//	s, more := site.Resolve(cfg, files, docs, site.Options{})
//	for _, c := range s.Cases {
//		fmt.Println(c.Date, c.Title, len(c.Sources))
//	}
//
// Resolve is deterministic: every list is sorted with an explicit
// tie-breaker, nothing is emitted in map order, and work is shared out among
// CPUs only where no case reads what another writes. A returned Site is
// never changed afterwards.
//
// Resolve does two kinds of work. Each file's own work (own.go) reads that
// file and its body alone: its sources numbered by citation, the source
// references of its actions, events and citations, its timeline entries in
// order with their ids, the distinct targets and headings its body links to.
// The fold (resolve.go) combines every file's own work into the site and
// does all that reads more than one file: the order of the cases, the
// look-ups of entities, cases and link targets, site-wide source ids, the
// indexes, back-links, related cases, the timeline, redirects, warnings.
// A Cache keeps the own work between calls, keyed by the loaded file and
// its body, so that the dev server, after an edit, does the own work of the
// edited file only, and the fold:
//
//	var cache site.Cache
//	s, diags := cache.Resolve(cfg, files, docs, site.Options{})
//
// gives what Resolve gives, and leaves every site it returned before as it
// was. The cache also lets the fold take again what it found last time
// where the inputs it was found from are the same: what each file's
// references resolved to, while no slug they name changed in the table of
// slugs (refs.go); each case's computed related cases, while its groups
// have the same members (related.go); the site-wide table of source ids,
// brought up to date with the files changed (nextSourceIDs); and the
// timeline's order and ids, into which the entries of the cases changed
// are merged (timeline_last.go). The timeline's lists by entity, which only
// entity pages read, are made when first asked for (Timeline.ForEntity).
package site

import (
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
)

// Site is the resolved casebook.
type Site struct {
	Config   *content.Config
	BaseURL  string // absolute, with a trailing slash
	BasePath string // the path of BaseURL: "/" or "/sub/"
	// LicenseURL is the address of the site's licence: site.yaml's
	// license_url, else that of the licence its license names
	// (content.LicenseURL), else "".
	LicenseURL string
	// Params are site.yaml's params, never nil: templates read them as
	// .Site.Params.name.
	Params content.Params
	// Menu is site.yaml's menu: the site's own entries of the main menu.
	Menu []MenuLink

	Cases     []*Case    // newest first (date, then slug)
	Entities  []*Entity  // by name, then slug
	Pages     []*Page    // by menu position, then slug
	Tags      []*Term    // by slug
	Services  []*Term    // by slug
	Actions   []*Term    // in the order of content.Actions, only those used
	Redirects []Redirect // by old path

	bySlug    map[string]Target
	providers []*Entity       // see Providers
	timeline  *Timeline       // every entry of every case: see Timeline()
	files     []*content.File // what the site was resolved from; nil once resolved (forgetInputs)
	docs      []*markdown.Doc // docs[i] is the body of the i-th file given to Resolve: see Doc
}

// Target is anything a [[slug]] link can point at: a case, an entity or a page.
type Target interface {
	URL() string           // root-relative URL of the target's page
	Label() string         // its title or name
	Anchors() []string     // the ids of its headings
	setBacklinks([]Target) // its back-links (resolver.bodies)
	input() int            // the index of its file in the files given to Resolve
}

// MenuLink is an entry of site.yaml's menu, its address resolved.
type MenuLink struct {
	Label    string
	URL      string // absolute when External, else root-relative: the base path and Path
	External bool
	// Path is, for a link inside the site, the path below the site's root
	// it leads to, as written after the first / ("about/", "data/x.csv").
	Path string
	Pos  diag.Pos // of the url, in site.yaml or an overlay
}

// Redirect is a page at a former slug pointing to the live page.
type Redirect struct {
	From string // root-relative path of the old page, e.g. /sub/cases/old/
	To   Target
}

// Case is one case study.
type Case struct {
	Slug, File string
	Title      string
	Summary    string
	Date       content.Date
	Targets    []*Entity
	Actions    []*Action
	People     []*Entity
	Tags       []*Term
	Related    []*Case // explicit first, then computed; at most MaxRelated
	Events     []*Event
	Sources    []*Source // the cited ones first, numbered 1..Cited, then the others
	Cited      int
	Draft      bool
	Updated    content.Date
	Aliases    []string
	Changes    []content.Change
	Commit     Commit    // the last git commit that changed File (Options.History); zero when unknown
	Dates      PageDates // of the case's page: when it first appeared, its last update (dates.go)
	Prev, Next *Case     // older and newer case by date
	LinkedFrom []Target

	url      string
	in       int               // index of the file in Resolve's files: see Site.Doc
	anchors  []string          // the ids of the body's headings
	meta     *content.CaseMeta // the front matter; nil once resolved (forgetInputs)
	own      *caseOwn          // what Resolve derived from the case's file alone (own.go); nil once resolved
	ord      int               // the case's index in Site.Cases
	num      map[string]int    // source id -> number in this case's list; the own work's
	entries  []*Entry          // chronological, with ids: set by Resolve
	links    []Target          // what the body links to, each once, in order, itself left out: set by Resolve
	explicit int               // how many of Related the front matter lists
	refsOK   bool              // every entity the front matter names exists
}

// Action is what one provider did in one case.
type Action struct {
	Case     *Case
	Provider *Entity
	Services []string
	Type     string // one of content.Actions
	Date     content.Date
	Sources  []*Source
}

// Event is a further dated step of a case.
type Event struct {
	Case    *Case
	Date    content.Date
	Text    string
	Sources []*Source
}

// Source is one source of one case. It is made with the case file's own
// work and shared, unchanged, by every site resolved from that file; it does
// not point back to its case: the case is the one whose Sources list it.
type Source struct {
	ID        string
	N         int // number in the case's source list; 0 when not cited in the body
	Title     string
	Publisher string
	Authors   []string
	Date      content.Date
	URL       string
	Archive   string
	Language  string
	Accessed  content.Date
	Backrefs  []string // ids of the places in the body that cite it
	pos       diag.Pos // where its id is defined
	used      bool
	work      uint64 // workHash
}

// Entity is a provider, target, person or organisation.
type Entity struct {
	Slug, File string
	Name       string
	Kind       string
	Aliases    []string
	Website    string
	Wikidata   string
	Summary    string
	Dates      PageDates // of the entity's page, its Modified the latest of its own and its cases' (dates.go)
	AsProvider []*Action // newest first
	AsTarget   []*Case   // newest first
	Involved   []*Case   // newest first: listed in people
	LinkedFrom []Target
	url        string
	in         int
	anchors    []string
	ord        int     // the entity's index in Site.Entities
	cases      []*Case // see Cases
}

// Cases returns every case the entity takes part in, in any role, newest
// first (the order of Site.Cases) and without repeats.
func (e *Entity) Cases() []*Case { return e.cases }

// Order is the entity's index in Site.Entities (by name, then slug), to sort
// any list of entities by name without comparing names again.
func (e *Entity) Order() int { return e.ord }

// Page is a free page (about, methodology, ...).
type Page struct {
	Slug, File string
	Title      string
	Summary    string
	Menu       int
	LinkedFrom []Target
	url        string
	in         int
	anchors    []string
}

// Term is a tag, a service or an action type, with its cases.
type Term struct {
	Slug  string
	Cases []*Case // newest first
	url   string
}

// URL returns the root-relative URL of the term's page.
func (t *Term) URL() string { return t.url }

// URL returns the root-relative URL of the case page.
func (c *Case) URL() string { return c.url }

// Label returns the case's title.
func (c *Case) Label() string { return c.Title }

// Anchors returns the ids of the case's headings.
func (c *Case) Anchors() []string { return c.anchors }

func (c *Case) input() int { return c.in }

func (c *Case) setBacklinks(from []Target) { c.LinkedFrom = from }

// Providers returns the providers of the case's actions, without repeats.
func (c *Case) Providers() []*Entity {
	var out []*Entity
	for _, a := range c.Actions {
		if a.Provider != nil && !containsEntity(out, a.Provider) {
			out = append(out, a.Provider)
		}
	}
	return out
}

// ActionTypes returns the case's action types without repeats, in the order of
// content.Actions.
func (c *Case) ActionTypes() []string {
	var out []string
	for _, t := range content.Actions {
		for _, a := range c.Actions {
			if a.Type == t {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// FurtherSources returns the sources listed but not cited in the body.
func (c *Case) FurtherSources() []*Source { return c.Sources[c.Cited:] }

// CitedSources returns the numbered sources, in number order.
func (c *Case) CitedSources() []*Source { return c.Sources[:c.Cited] }

// Stamp returns the date of the case's page's last update (Dates.Modified),
// or, when its page has no known date, the case's own date: for the formats
// that must date every item they list (the feed's updated, a calendar's
// DTSTAMP). Every other format gives Dates as they are.
func (c *Case) Stamp() content.Date {
	if !c.Dates.Modified.IsZero() {
		return c.Dates.Modified
	}
	return c.Date
}

// URL returns the root-relative URL of the entity page.
func (e *Entity) URL() string { return e.url }

// Label returns the entity's name.
func (e *Entity) Label() string { return e.Name }

// Anchors returns the ids of the entity body's headings.
func (e *Entity) Anchors() []string { return e.anchors }

func (e *Entity) input() int { return e.in }

func (e *Entity) setBacklinks(from []Target) { e.LinkedFrom = from }

// URL returns the root-relative URL of the page.
func (p *Page) URL() string { return p.url }

// Label returns the page title.
func (p *Page) Label() string { return p.Title }

// Anchors returns the ids of the page's headings.
func (p *Page) Anchors() []string { return p.anchors }

func (p *Page) input() int { return p.in }

func (p *Page) setBacklinks(from []Target) { p.LinkedFrom = from }

func headingIDs(d *markdown.Doc) []string {
	if d == nil {
		return nil
	}
	ids := make([]string, len(d.Headings))
	for i, h := range d.Headings {
		ids[i] = h.ID
	}
	return ids
}

func containsEntity(es []*Entity, e *Entity) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// Doc returns the parsed body of a case, entity or page of the site, or nil.
func (s *Site) Doc(t Target) *markdown.Doc {
	if t == nil {
		return nil
	}
	if i := t.input(); i >= 0 && i < len(s.docs) {
		return s.docs[i]
	}
	return nil
}

// Lookup returns the case, entity or page with the given slug.
func (s *Site) Lookup(slug string) (Target, bool) {
	t, ok := s.bySlug[slug]
	return t, ok
}

// Pos returns where the source is defined (its id) in its case file.
func (s *Source) Pos() diag.Pos { return s.pos }
