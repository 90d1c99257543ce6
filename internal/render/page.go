package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
)

// Page is what a page template receives: the view of one page. Its fields
// are computed in Go before the template runs, so that templates read
// strings rather than call methods; the few methods (Body, HomeBody,
// EntityGroups, YearStart) render or gather what only some pages show, and
// Header and Footer render the partials of the same names once for every
// page that shows the same menu (Chrome). The
// content fields (Case, Entity, Free, Term, Terms, Cases, Timeline,
// Publishers) are set on the pages that show them.
type Page struct {
	Site        *site.Site
	Layout      *Layout    // what every page of the site shares
	Head        *Head      // the page's metadata, for the <head>
	Menu        []MenuItem // the main menu, the current page marked
	Path        string     // root-relative URL of the page
	Title       string
	Description string
	Kind        string    // cases, entities, tags, tag, service, action, sources, timeline, search, ...
	Scripts     []string  // URLs of the static scripts the page loads (progressive enhancement only)
	Redirect    *Link     // on a page left at a former address: the page's new address
	Parent      *Link     // the page a list belongs to (an entity, for the list of its cases)
	Pager       *Pager    // on a page of a list cut into pages
	Links       *LinkList // a list of pages (those linking to Parent); nil for none

	Case     *CaseView   // a case page
	Entity   *EntityView // an entity page
	Free     *site.Page
	Term     *site.Term
	Terms    []*site.Term
	Cases    []*CaseRow // the cases a list page, the home page or the table of all cases shows
	CaseList CaseList   // Cases, for the partial "caselist"
	Timeline *TimelineView
	Data     *DataView // the data page's files for download
	Cite     *CiteView // "Cite this page", on case and entity pages
	// Publishers are the publishers of every cited work, on the sources
	// page.
	Publishers []PublisherView
	// PublisherIndex lists every publisher and the page its works start
	// on, on the first page of the sources.
	PublisherIndex []PublisherLink

	spec    *pageSpec
	r       *Renderer
	tmpl    string // the page template
	chrome  *Chrome
	frags   *fragments
	cite    *Citation
	release bool // the case's body is rendered once (RenderOnce)
}

// Layout is what every page of a site shares, built once per rendering.
type Layout struct {
	Lang            string // the site's language (BCP 47)
	SiteTitle       string
	SiteDescription string
	Publisher       string
	License         string
	LicenseURL      string            // the licence's address, or ""
	BasePath        string            // the site's root-relative URL: "/" or "/sub/"
	CSP             template.HTMLAttr // the content="..." of the Content-Security-Policy meta tag (a constant of ours)
	Style           string            // URL of style.css
	CodeStyle       string            // URL of code.css (syntax highlighting)
	Icon            string            // URL of favicon.svg
	Social          *SocialImage      // the image link previews show for every page (og:image)
	Feed            string            // URL of the Atom feed
	FeedTitle       string
	menu            []MenuItem
	assets          map[string]string
}

// Asset returns the URL of a static file of the theme (static/name), with
// its content-hashed name for CSS and JS.
func (l *Layout) Asset(name string) (string, error) {
	u, ok := l.assets[name]
	if !ok {
		return "", fmt.Errorf("no static asset %q", name)
	}
	return u, nil
}

// Chrome is what the partials "header" and "footer" receive: what they may
// show of a page. It is the same on every page of a kind whose menu marks
// the same entry, so Page.Header and Page.Footer render each partial once
// per page template and such state, and reuse it (fragments.item).
type Chrome struct {
	Site    *site.Site // the whole casebook: .Site.Params are site.yaml's params:
	Layout  *Layout
	Menu    []MenuItem // the main menu, the current page marked
	Kind    string     // the page's kind (the header of the search page has no search form)
	current string     // the indexes of the entries of Menu marked current ("3", "" for none, "0 7")
}

// Header renders the partial "header" for the page, once per page
// template and Chrome (see Chrome).
func (v *Page) Header() (template.HTML, error) {
	return v.frags.item(v.tmpl, "header", v.chrome.state(), v.chrome)
}

// Footer renders the partial "footer" for the page, as Header does.
func (v *Page) Footer() (template.HTML, error) {
	return v.frags.item(v.tmpl, "footer", v.chrome.state(), v.chrome)
}

// chromeState is what tells a Chrome from another of the same rendering.
type chromeState struct {
	kind    string
	current string
}

func (c *Chrome) state() chromeState { return chromeState{c.Kind, c.current} }

// MenuItem is an entry of the main menu.
type MenuItem struct {
	Label, URL string
	Current    bool // the page is this entry's
	External   bool // a link to another site (site.yaml's menu:)
	kind       string
}

// Head is a page's metadata: what browsers, search engines, link previews
// and reference managers read in the <head>.
type Head struct {
	Title       string // the <title>: the page's, then the site's
	Description string
	NoIndex     bool
	Refresh     string // on a redirect page, the URL to go to
	Canonical   string // absolute
	OG          *OpenGraph
	Cite        *CiteMeta   // Highwire Press and Dublin Core, on case and entity pages
	JSONLD      template.JS // schema.org, on case and entity pages
}

// OpenGraph is a page's Open Graph and Twitter card metadata; nil on a
// redirect page.
type OpenGraph struct {
	Type, Title, Description, URL, SiteName string
	Published, Modified                     string // of a case's page (Type article), ISO 8601; "" when unknown
}

// CiteMeta is the citation metadata of a page as Highwire Press
// (citation_*) tags write it.
type CiteMeta struct {
	Title      string
	Authors    []string // "Family, Given", or an organisation's name
	Date       string   // 2017/08/16: the page's last update, the citation's date; "" when unknown
	OnlineDate string   // when the page first appeared; "" when unknown
	Publisher  string
	URL        string
	Language   string
}

// CiteView is the "Cite this page" section.
type CiteView struct {
	Modified  bool // dated by its last update
	Styles    []CiteStyle
	Downloads []Download
}

// headerKinds are the main menu's fixed entries: path below the site's
// root, label, and the page kind that is theirs.
var headerKinds = [][3]string{
	{"cases/", "Cases", "cases"}, {"timeline/", "Timeline", "timeline"}, {"entities/", "Entities", "entities"},
	{"tags/", "Tags", "tags"}, {"sources/", "Sources", "sources"},
}

// newLayout builds the layout of s's pages.
func (r *Renderer) newLayout(s *site.Site) *Layout {
	cfg := s.Config
	l := &Layout{Lang: cfg.Language, SiteTitle: cfg.Title, SiteDescription: cfg.Description, Publisher: cfg.Publisher,
		License: cfg.License, LicenseURL: s.LicenseURL, BasePath: s.BasePath, CSP: template.HTMLAttr(`content="` + CSP + `"`),
		Feed: s.BasePath + "feed.xml", FeedTitle: cfg.Title + ": new cases", assets: map[string]string{}}
	for name, out := range r.names {
		l.assets[name] = s.BasePath + "static/" + out
	}
	l.Style, l.CodeStyle, l.Icon = l.assets["style.css"], l.assets["code.css"], l.assets["favicon.svg"]
	l.Social, _ = r.socialImage(s)
	for _, k := range headerKinds {
		l.menu = append(l.menu, MenuItem{Label: k[1], URL: s.BasePath + k[0], kind: k[2]})
	}
	for _, p := range s.Pages {
		if p.Menu != 0 {
			l.menu = append(l.menu, MenuItem{Label: p.Title, URL: p.URL()})
		}
	}
	for _, m := range s.Menu {
		l.menu = append(l.menu, MenuItem{Label: m.Label, URL: m.URL, External: m.External})
	}
	return l
}

// page renders the page p with the page template tmpl.
func (r *Renderer) page(b *bytes.Buffer, tmpl string, p *pageSpec, ps *pass) error {
	v, err := r.view(tmpl, p, ps)
	if err != nil {
		return err
	}
	return r.pages[tmpl].ExecuteTemplate(b, "base", v)
}

// view makes the view of the page p.
func (r *Renderer) view(tmpl string, p *pageSpec, ps *pass) (*Page, error) {
	s, l := ps.site, ps.layout
	v := &Page{Site: s, Layout: l, Path: p.Path, Title: p.Title, Description: p.Description, Kind: p.Kind,
		Free: p.Free, Term: p.Term, Terms: p.Terms, Cases: ps.frags.caseRows(p.Cases), Timeline: p.Timeline, Data: p.Data,
		spec: p, r: r, tmpl: tmpl, frags: ps.frags, release: ps.release}
	v.CaseList = CaseList{Rows: v.Cases, frags: ps.frags, tmpl: tmpl}
	for _, name := range p.Scripts {
		u, err := l.Asset(name)
		if err != nil {
			return nil, err
		}
		v.Scripts = append(v.Scripts, u)
	}
	v.Menu = make([]MenuItem, len(l.menu))
	v.chrome = &Chrome{Site: s, Layout: l, Menu: v.Menu, Kind: p.Kind}
	for i, m := range l.menu {
		m.Current = m.kind != "" && m.kind == p.Kind || m.kind == "" && m.URL == p.Path
		if m.Current { // more than one when site.yaml's menu: repeats an entry of the theme's
			v.chrome.current = strings.TrimPrefix(v.chrome.current+" "+strconv.Itoa(i), " ")
		}
		v.Menu[i] = m
	}
	if p.Redirect != nil {
		v.Redirect = &Link{Label: p.Redirect.Label(), URL: p.Redirect.URL()}
	}
	if p.Parent != nil {
		v.Parent = &Link{Label: p.Parent.Label(), URL: p.Parent.URL()}
	}
	v.Pager = p.Pager
	v.Links = v.targetLinks(p.Links)
	v.cite = p.citation(s)
	if v.cite != nil {
		v.Cite = &CiteView{Modified: v.cite.Modified, Styles: v.cite.Styles(), Downloads: v.cite.Downloads()}
	}
	head, err := v.head()
	if err != nil {
		return nil, err
	}
	v.Head = head
	if p.Case != nil {
		v.Case = caseView(v, p.Case)
	}
	if p.Entity != nil {
		v.Entity = entityView(v, p.Entity)
	}
	if tmpl == "sources" {
		first := p.Pager == nil || p.Pager.Number == 1
		all := p.AllWorks.get()
		v.Publishers = publisherViews(s, all[p.WorksFrom:p.WorksTo], first)
		if first {
			v.PublisherIndex = publisherIndex(s, all)
		}
	}
	return v, nil
}

// head builds the page's metadata.
func (v *Page) head() (*Head, error) {
	s, p := v.Site, v.spec
	h := &Head{Title: v.Title + " · " + s.Config.Title, Description: v.Description, NoIndex: p.NoIndex,
		Canonical: v.Abs(v.Path)}
	if v.Path == s.BasePath {
		h.Title = s.Config.Title
	}
	if v.Redirect != nil {
		h.Refresh, h.Canonical = v.Redirect.URL, v.Abs(v.Redirect.URL)
		return h, nil
	}
	h.OG = &OpenGraph{Type: "website", Title: v.Title, Description: v.Description, URL: h.Canonical, SiteName: s.Config.Title}
	if c := p.Case; c != nil {
		h.OG.Type, h.OG.Published, h.OG.Modified = "article", c.Dates.Published.String(), c.Dates.Modified.String()
	}
	if c := v.cite; c != nil {
		m := &CiteMeta{Title: c.Title, Date: c.HighwireDate(), OnlineDate: c.HighwireOnlineDate(),
			Publisher: c.Publisher, URL: c.URL, Language: c.Language}
		for _, a := range c.Authors {
			m.Authors = append(m.Authors, a.Inverted())
		}
		h.Cite = m
		js, err := v.jsonLD()
		if err != nil {
			return nil, err
		}
		h.JSONLD = js
	}
	return h, nil
}

// Abs returns the absolute URL of a root-relative URL of the site.
func (v *Page) Abs(u string) string {
	return strings.TrimSuffix(v.Site.BaseURL, v.Site.BasePath) + u
}

// Body renders the Markdown body of the page's case, entity or free page
// (see writeBody).
func (v *Page) Body() (template.HTML, error) {
	if v.frags != nil {
		return v.frags.render(v.writeBody) // a pooled buffer: a body is about 9 KB
	}
	var b bytes.Buffer
	if err := v.writeBody(&b); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// writeBody writes the rendered Markdown body of the page's case, entity or
// free page, if it has one.
func (v *Page) writeBody(b *bytes.Buffer) error {
	var t site.Target
	switch p := v.spec; {
	case p.Case != nil:
		t = p.Case
	case p.Entity != nil:
		t = p.Entity
	case p.Free != nil:
		t = p.Free
	default:
		return nil
	}
	d := v.Site.Doc(t)
	if d == nil {
		return nil
	}
	res := v.Site.Resolver(t)
	if v.spec.Case != nil {
		res = markdown.WithParagraphAnchors(res) // a quote can be linked to its paragraph
	}
	if err := v.r.md.Render(b, d, res); err != nil {
		return err
	}
	if v.release && v.spec.Case != nil { // a case's body is on its page only
		d.ReleaseHTML()
	}
	return nil
}

// HomeBody renders content/pages/home.md, when the site has one, for the
// home page.
func (v *Page) HomeBody() (template.HTML, error) {
	t, ok := v.Site.Lookup("home")
	if !ok {
		return "", nil
	}
	p, ok := t.(*site.Page)
	if !ok {
		return "", nil
	}
	return (&Page{Site: v.Site, spec: &pageSpec{Free: p}, r: v.r}).Body()
}

// EntityGroup is the entities of one kind, for the entities index.
type EntityGroup struct {
	Kind, Label string
	Entities    []*site.Entity
}

// EntityGroups returns the site's entities grouped by kind, in the order of
// content.EntityKinds.
func (v *Page) EntityGroups() []EntityGroup {
	var out []EntityGroup
	for _, k := range content.EntityKinds {
		g := EntityGroup{Kind: k, Label: kindLabel(k) + "s"}
		if k == "company" {
			g.Label = "Companies"
		}
		for _, e := range v.Site.Entities {
			if e.Kind == k {
				g.Entities = append(g.Entities, e)
			}
		}
		if len(g.Entities) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// YearStart reports whether the i-th case of the page's list is the first
// of its year (the list is newest first), for year anchors.
func (v *Page) YearStart(i int) bool {
	return i == 0 || v.Cases[i-1].Year != v.Cases[i].Year
}
