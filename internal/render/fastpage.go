package render

// Partials of the default theme written in Go, as writeEntry is (see
// fastentry.go): the head's metadata ("meta", 25-odd interpolations on every
// page), the site's header and footer, a case's sources ("source") and the
// "Cite this page" section ("cite"). Templates call them through pageView.Partial, which uses the Go
// writer only where the page template's definition is the default theme's.
// TestFastPaths renders whole sites with and without the writers and
// compares every file.

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/casebook/casebook/internal/site"
)

// fastPartial writes what the default theme's partial writes for data.
type fastPartial func(b *bytes.Buffer, data any) error

// fastPartials are the partials with a Go writer, and the templates each
// calls (whose definitions must be the default's too).
var fastPartials = map[string]struct {
	write fastPartial
	calls []string
}{
	"entry":    {nil, []string{"entitylinks"}}, // written by fragments.entry
	"meta":     {writeMeta, nil},
	"header":   {writeHeader, nil},
	"footer":   {writeFooter, nil},
	"caselist": {writeCaseList, nil},
	// partials/lists.html
	"caselinks":       {writeCaseLinks, nil},
	"backlinks":       {writeBacklinks, nil},
	"provideractions": {writeProviderActions, nil},
	"cite":            {writeCite, nil},
	"source":          {writeSource, nil},
}

// Partial renders the named partial for data: with its Go writer when the
// page template's definition of it is the default theme's, else with the
// template. Templates call it as {{.Partial "meta" .}}, where the default
// theme would write {{template "meta" .}}.
func (v pageView) Partial(name string, data any) (template.HTML, error) {
	if f := fastPartials[name].write; f != nil && v.r.fast[v.tmpl][name] {
		return v.frags.render(func(b *bytes.Buffer) error { return f(b, data) })
	}
	return v.frags.render(func(b *bytes.Buffer) error { return v.r.pages[v.tmpl].ExecuteTemplate(b, name, data) })
}

// attr writes ` name="value"`, value escaped as html/template escapes a
// quoted attribute value that is not a URL.
func attr(b *bytes.Buffer, name, value string) {
	b.WriteString(" " + name + `="`)
	escHTML(b, value)
	b.WriteByte('"')
}

// writeMeta writes the default theme's "meta": Open Graph, Twitter,
// Highwire Press (Google Scholar, Zotero) and Dublin Core tags, and JSON-LD.
func writeMeta(b *bytes.Buffer, data any) error {
	v := data.(pageView)
	if v.Redirect != nil {
		return nil
	}
	meta := func(key, name, value string) {
		b.WriteString("<meta")
		attr(b, key, name)
		attr(b, "content", value)
		b.WriteString(">\n")
	}
	meta("property", "og:type", v.OGType())
	meta("property", "og:title", v.Title)
	if v.Description != "" {
		meta("property", "og:description", v.Description)
	}
	meta("property", "og:url", v.Canonical())
	meta("property", "og:site_name", v.Site.Config.Title)
	if c := v.Case; c != nil {
		meta("property", "article:published_time", c.Date.String())
		meta("property", "article:modified_time", c.LastModified().String())
	}
	meta("name", "twitter:card", "summary")
	meta("name", "twitter:title", v.Title)
	if v.Description != "" {
		meta("name", "twitter:description", v.Description)
	}
	c := v.Citation()
	if c == nil {
		return nil
	}
	meta("name", "citation_title", c.Title)
	for _, a := range c.Authors {
		meta("name", "citation_author", a.Inverted())
	}
	if d := c.HighwireDate(); d != "" {
		meta("name", "citation_publication_date", d)
	}
	if d := c.HighwireOnlineDate(); d != "" {
		meta("name", "citation_online_date", d)
	}
	meta("name", "citation_publisher", c.Publisher)
	meta("name", "citation_public_url", c.URL)
	meta("name", "citation_language", c.Language)
	b.WriteString("<link rel=\"schema.DC\" href=\"http://purl.org/dc/elements/1.1/\">\n")
	meta("name", "DC.title", c.Title)
	for _, a := range c.Authors {
		meta("name", "DC.creator", a.Inverted())
	}
	if d := c.ISODate(); d != "" {
		meta("name", "DC.date", d)
	}
	meta("name", "DC.publisher", c.Publisher)
	meta("name", "DC.language", c.Language)
	meta("name", "DC.identifier", c.URL)
	meta("name", "DC.type", "Text")
	js, err := v.JSONLD()
	if err != nil {
		return err
	}
	b.WriteString(`<script type="application/ld+json">`)
	b.WriteString(string(js)) // template.JS: html/template writes it as it is
	b.WriteString("</script>\n")
	return nil
}

// writeCite writes the default theme's "cite", the "Cite this page" section.
func writeCite(b *bytes.Buffer, data any) error {
	c := data.(pageView).Citation()
	if c == nil {
		return nil
	}
	b.WriteString("<section class=\"cite-page\" aria-labelledby=\"cite-this-page\">\n<h2 id=\"cite-this-page\">Cite this page</h2>\n<p class=\"meta\">")
	if c.Modified {
		b.WriteString("Dated by its last update. ")
	}
	b.WriteString("Add the date you consulted the page if your style asks for it.</p>\n<dl class=\"cite-styles\">\n")
	for _, st := range c.Styles() {
		b.WriteString("<dt>")
		escHTML(b, st.Name)
		b.WriteString("</dt>\n<dd><p class=\"cite-text\" id=\"citation-")
		escHTML(b, st.ID)
		b.WriteString(`" data-label="`)
		escHTML(b, st.Name)
		b.WriteString(`">`)
		for _, p := range st.Parts {
			if p.Italic {
				b.WriteString("<i>")
				escHTML(b, p.Text)
				b.WriteString("</i>")
			} else {
				escHTML(b, p.Text)
			}
		}
		b.WriteString("</p></dd>\n")
	}
	b.WriteString("</dl>\n")
	if len(c.Downloads) > 0 {
		b.WriteString(`<p class="cite-downloads">Import into a reference manager: `)
		for i, d := range c.Downloads {
			if i > 0 {
				b.WriteString(" · ")
			}
			b.WriteString(`<a href="`)
			escURL(b, d.URL)
			b.WriteByte('"')
			attr(b, "type", d.Type)
			attr(b, "download", d.File)
			b.WriteByte('>')
			escHTML(b, d.Label)
			b.WriteString("</a>")
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("<p class=\"cite-status\" id=\"cite-status\" role=\"status\"></p>\n</section>\n")
	return nil
}

// writeSource writes the default theme's "source", one item of a case's
// source list; data is pair(page, source).
func writeSource(b *bytes.Buffer, data any) error {
	args, ok := data.([]any)
	if !ok || len(args) != 2 {
		return fmt.Errorf("source: want (pair page source), got %T", data)
	}
	p, ok1 := args[0].(pageView)
	s, ok2 := args[1].(*site.Source)
	if !ok1 || !ok2 {
		return fmt.Errorf("source: want (pair page source), got %T and %T", args[0], args[1])
	}
	b.WriteString("<li")
	attr(b, "id", sourceID(s))
	b.WriteString(" class=\"source\">\n")
	isForeign := foreign(p, s.Language)
	writeCiteElement(b, s, isForeign, p.VersionDate(s))
	b.WriteString(".\n")
	for i, a := range s.Authors {
		if i > 0 {
			b.WriteString(", ")
		}
		escHTML(b, a)
	}
	if len(s.Authors) > 0 {
		b.WriteString(". ")
	}
	escHTML(b, s.Publisher)
	if !s.Date.IsZero() {
		b.WriteString(`, <time datetime="`)
		escHTML(b, s.Date.String())
		b.WriteString(`">`)
		escHTML(b, s.Date.Human())
		b.WriteString("</time>")
	}
	b.WriteString(".\n")
	writeLanguageArchive(b, s, isForeign)
	b.WriteByte('\n')
	if len(s.Backrefs) > 0 {
		b.WriteString(`<span class="backrefs">`)
		for i, r := range s.Backrefs {
			b.WriteString(` <a href="#`)
			escURLPart(b, r)
			b.WriteString(`" aria-label="Back to citation `)
			escHTML(b, backrefLabel(i))
			b.WriteString("\">↩&#xFE0E;&nbsp;")
			escHTML(b, backrefLabel(i))
			b.WriteString("</a>")
		}
		b.WriteString("</span>")
	}
	b.WriteString("\n</li>\n")
	return nil
}

// headerLinks are the fixed links of the default theme's menu: a path below
// the base path, its label, and the page kind that marks it current.
var headerLinks = []struct{ path, label, kind string }{
	{"cases/", "Cases", "cases"}, {"timeline/", "Timeline", "timeline"}, {"entities/", "Entities", "entities"},
	{"tags/", "Tags", "tags"}, {"sources/", "Sources", "sources"},
}

// writeHeader writes the default theme's "header": the site's title, the
// menu with the current page marked, and the search form.
func writeHeader(b *bytes.Buffer, data any) error {
	v := data.(pageView)
	base := v.Site.BasePath
	b.WriteString("<header class=\"site-header\">\n<div class=\"wrap header-inner\">\n<a class=\"site-title\" href=\"")
	escURL(b, base)
	b.WriteString(`">`)
	escHTML(b, v.Site.Config.Title)
	b.WriteString("</a>\n<nav aria-label=\"Main\">\n<ul class=\"menu\">\n")
	for _, l := range headerLinks {
		b.WriteString(`<li><a href="`)
		escURL(b, base)
		b.WriteString(l.path + `"`)
		if v.Kind == l.kind {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(">" + l.label + "</a></li>\n")
	}
	for _, p := range v.Site.Pages {
		if p.Menu == 0 {
			continue
		}
		b.WriteString(`<li><a href="`)
		escURL(b, p.URL())
		b.WriteByte('"')
		if p.URL() == v.Path {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteByte('>')
		escHTML(b, p.Title)
		b.WriteString("</a></li>\n")
	}
	b.WriteString("</ul>\n</nav>\n")
	if v.Kind != "search" {
		b.WriteString(`<form class="site-search" role="search" action="`)
		escURL(b, base)
		b.WriteString("search/\" method=\"get\">\n<label class=\"visually-hidden\" for=\"site-search-q\">Search the casebook</label>\n" +
			"<input id=\"site-search-q\" type=\"search\" name=\"q\" placeholder=\"Search\" autocomplete=\"off\">\n" +
			"<button type=\"submit\">Search</button>\n</form>\n")
	}
	b.WriteString("</div>\n</header>\n")
	return nil
}

// writeFooter writes the default theme's "footer".
func writeFooter(b *bytes.Buffer, data any) error {
	cfg := data.(pageView).Site.Config
	b.WriteString("<footer class=\"site-footer\">\n<div class=\"wrap\">\n<p>")
	escHTML(b, cfg.Title)
	if cfg.Publisher != "" {
		b.WriteString(" · published by ")
		escHTML(b, cfg.Publisher)
	}
	if cfg.License != "" {
		b.WriteString(" · ")
		escHTML(b, cfg.License)
	}
	b.WriteString("</p>\n")
	if cfg.Description != "" {
		b.WriteString("<p>")
		escHTML(b, cfg.Description)
		b.WriteString("</p>")
	}
	b.WriteString("\n</div>\n</footer>\n")
	return nil
}

// writeCiteElement writes the <cite> of a source in a source list: its
// title, linked to its URL (and to its archived copy, dated by versionDate
// when not empty, for Zotero and browser extensions).
func writeCiteElement(b *bytes.Buffer, s *site.Source, isForeign bool, versionDate string) {
	b.WriteString("<cite")
	if isForeign {
		attr(b, "lang", s.Language)
	}
	b.WriteByte('>')
	if s.URL != "" {
		b.WriteString(`<a href="`)
		escURL(b, s.URL)
		b.WriteString(`" rel="nofollow noreferrer"`)
		if s.Archive != "" {
			b.WriteString(` data-versionurl="`) // html/template takes *url* attributes for URLs
			escURL(b, s.Archive)
			b.WriteByte('"')
			if versionDate != "" {
				attr(b, "data-versiondate", versionDate)
			}
		}
		b.WriteByte('>')
		escHTML(b, s.Title)
		b.WriteString("</a>")
	} else {
		escHTML(b, s.Title)
	}
	b.WriteString("</cite>")
}

// writeLanguageArchive writes the language note of a source in another
// language and the link to its archived copy, on two lines.
func writeLanguageArchive(b *bytes.Buffer, s *site.Source, isForeign bool) {
	if isForeign {
		b.WriteString(`<span class="lang-note">In `)
		escHTML(b, LanguageName(s.Language))
		b.WriteString(".</span>")
	}
	b.WriteByte('\n')
	if s.Archive != "" {
		b.WriteString(`<a class="archive" href="`)
		escURL(b, s.Archive)
		b.WriteString(`" rel="nofollow noreferrer">Archived copy</a>.`)
	}
}

// writeCaseList writes the default theme's "caselist", the list of cases of
// a tag, service or action page and of the home page.
func writeCaseList(b *bytes.Buffer, data any) error {
	cases, ok := data.([]*site.Case)
	if !ok {
		return fmt.Errorf("caselist: want the cases, got %T", data)
	}
	b.WriteString("<ol class=\"case-list\">\n")
	for _, c := range cases {
		b.WriteString("<li>\n<article class=\"case-item\">\n<h3><a href=\"")
		escURL(b, c.URL())
		b.WriteString(`">`)
		escHTML(b, c.Title)
		b.WriteString("</a></h3>\n<p class=\"meta\"><time datetime=\"")
		escHTML(b, c.Date.String())
		b.WriteString(`">`)
		escHTML(b, c.Date.Human())
		b.WriteString("</time>")
		for _, t := range c.ActionTypes() {
			b.WriteString(` <span class="badge badge-`)
			escHTML(b, t)
			b.WriteString(`">`)
			escHTML(b, ActionLabel(t))
			b.WriteString("</span>")
		}
		b.WriteString("</p>\n<p>")
		escHTML(b, c.Summary)
		b.WriteString("</p>\n</article>\n</li>\n")
	}
	b.WriteString("</ol>\n")
	return nil
}

// writeCaseLinks writes the default theme's "caselinks": cases with their
// dates (related cases; an entity's cases as target or otherwise involved).
func writeCaseLinks(b *bytes.Buffer, data any) error {
	cases, ok := data.([]*site.Case)
	if !ok {
		return fmt.Errorf("caselinks: want the cases, got %T", data)
	}
	b.WriteString("<ul>")
	for _, c := range cases {
		b.WriteString(`<li><a href="`)
		escURL(b, c.URL())
		b.WriteString(`">`)
		escHTML(b, c.Title)
		b.WriteString(`</a> <span class="meta">(`)
		escHTML(b, c.Date.Human())
		b.WriteString(")</span></li>")
	}
	b.WriteString("</ul>")
	return nil
}

// writeBacklinks writes the default theme's "backlinks": the pages that
// link to a case or an entity.
func writeBacklinks(b *bytes.Buffer, data any) error {
	ts, ok := data.([]site.Target)
	if !ok {
		return fmt.Errorf("backlinks: want the linking pages, got %T", data)
	}
	b.WriteString("<ul>")
	for _, t := range ts {
		b.WriteString(`<li><a href="`)
		escURL(b, t.URL())
		b.WriteString(`">`)
		escHTML(b, t.Label())
		b.WriteString("</a></li>")
	}
	b.WriteString("</ul>")
	return nil
}

// writeProviderActions writes the default theme's "provideractions": an
// entity's actions as a provider.
func writeProviderActions(b *bytes.Buffer, data any) error {
	as, ok := data.([]*site.Action)
	if !ok {
		return fmt.Errorf("provideractions: want the actions, got %T", data)
	}
	b.WriteString("<ul>")
	for _, a := range as {
		b.WriteString(`<li><time datetime="`)
		escHTML(b, a.Date.String())
		b.WriteString(`">`)
		escHTML(b, a.Date.Human())
		b.WriteString(`</time> <span class="badge badge-`)
		escHTML(b, a.Type)
		b.WriteString(`">`)
		escHTML(b, ActionLabel(a.Type))
		b.WriteString(`</span> in <a href="`)
		escURL(b, a.Case.URL())
		b.WriteString(`">`)
		escHTML(b, a.Case.Title)
		b.WriteString("</a>")
		if len(a.Services) > 0 {
			b.WriteString(" (")
			escHTML(b, strings.Join(a.Services, ", "))
			b.WriteString(")")
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
	return nil
}
