package render

// Whole pages of the default theme written in Go: the layout ("base") and
// the "main" of a case page, the most numerous page. Through html/template
// a case page makes a few hundred reflective calls (each field, function
// and escaper) and copies every fragment a method returns (the body, each
// timeline entry, each partial) into a string before writing it; written in
// Go, it writes every fragment straight into the page. The Renderer uses a
// page writer only for a page template whose "base", "main" and every
// template they call parse as the default theme's (findFast); a theme that
// changes any of them gets its templates. TestFastPaths renders whole sites
// with and without the Go writers and compares every file.

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
)

// fastPages are the page templates whose "main" has a Go writer, and the
// templates that main calls (besides "base" and the partials base calls,
// which every page needs).
var fastPages = map[string]struct {
	main  func(b *bytes.Buffer, v pageView) error
	calls []string
}{
	"case":     {writeCaseMain, []string{"entitylinks", "entries", "entry", "source", "caselinks", "backlinks", "cite"}},
	"entity":   {writeEntityMain, []string{"entitylinks", "entries", "entry", "provideractions", "caselinks", "backlinks", "cite"}},
	"timeline": {writeTimelineMain, []string{"entitylinks", "entries", "entry"}},
	"sources":  {writeSourcesMain, nil},
	"cases":    {writeCasesMain, []string{"entitylinks"}},
}

// baseCalls are the templates the default "base" calls.
var baseCalls = []string{"meta", "header", "footer"}

// writePage writes what the default theme's "base" writes for v, with main
// writing its "main".
func (r *Renderer) writePage(b *bytes.Buffer, v pageView, main func(*bytes.Buffer, pageView) error) error {
	asset := func(name string) error {
		out, ok := r.names[name]
		if !ok {
			return fmt.Errorf("no static asset %q", name)
		}
		escURL(b, v.Site.BasePath+"static/"+out)
		return nil
	}
	cfg := v.Site.Config
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	escHTML(b, cfg.Language)
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n" +
		"<meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">\n<title>")
	if v.Path == v.Site.BasePath {
		escHTML(b, cfg.Title)
	} else {
		escHTML(b, v.Title)
		b.WriteString(" · ")
		escHTML(b, cfg.Title)
	}
	b.WriteString("</title>\n")
	if v.Description != "" {
		b.WriteString(`<meta name="description" content="`)
		escHTML(b, v.Description)
		b.WriteString("\">\n")
	}
	if v.NoIndex {
		b.WriteString("<meta name=\"robots\" content=\"noindex\">\n")
	}
	b.WriteString(`<link rel="canonical" href="`)
	escURL(b, v.Canonical())
	b.WriteString("\">\n")
	if err := writeMeta(b, v); err != nil {
		return err
	}
	b.WriteString(`<link rel="stylesheet" href="`)
	if err := asset("style.css"); err != nil {
		return err
	}
	b.WriteString("\">\n<link rel=\"stylesheet\" href=\"")
	if err := asset("code.css"); err != nil {
		return err
	}
	b.WriteString("\">\n<link rel=\"icon\" href=\"")
	if err := asset("favicon.svg"); err != nil {
		return err
	}
	b.WriteString("\" type=\"image/svg+xml\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
	escHTML(b, cfg.Title)
	b.WriteString(`: new cases" href="`)
	escURL(b, v.Site.BasePath)
	b.WriteString("feed.xml\">\n")
	for _, s := range v.Scripts {
		b.WriteString(`<script src="`)
		if err := asset(s); err != nil {
			return err
		}
		b.WriteString("\" defer></script>\n")
	}
	b.WriteString("\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n")
	if err := writeHeader(b, v); err != nil {
		return err
	}
	b.WriteString("\n<main id=\"main\" tabindex=\"-1\">\n")
	if err := main(b, v); err != nil {
		return err
	}
	b.WriteString("\n</main>\n")
	if err := writeFooter(b, v); err != nil {
		return err
	}
	b.WriteString("\n</body>\n</html>\n")
	return nil
}

// writeBody writes the rendered Markdown body of the page's case, entity or
// free page, if it has one.
func (v pageView) writeBody(b *bytes.Buffer) error {
	var t site.Target
	switch {
	case v.Case != nil:
		t = v.Case
	case v.Entity != nil:
		t = v.Entity
	case v.Free != nil:
		t = v.Free
	default:
		return nil
	}
	d := v.Site.Doc(t)
	if d == nil {
		return nil
	}
	res := v.Site.Resolver(t)
	if v.Case != nil {
		res = markdown.WithParagraphAnchors(res) // a quote can be linked to its paragraph
	}
	if err := v.r.md.Render(b, d, res); err != nil {
		return err
	}
	if v.release && v.Case != nil { // a case's body is on its page only
		d.ReleaseSource()
	}
	return nil
}

// dateTime writes <time datetime="iso">human</time>.
func dateTime(b *bytes.Buffer, iso, human string) {
	b.WriteString(`<time datetime="`)
	escHTML(b, iso)
	b.WriteString(`">`)
	escHTML(b, human)
	b.WriteString(`</time>`)
}

// link writes <a href="url">text</a>.
func link(b *bytes.Buffer, url, text string) {
	b.WriteString(`<a href="`)
	escURL(b, url)
	b.WriteString(`">`)
	escHTML(b, text)
	b.WriteString(`</a>`)
}

// writeCaseMain writes what the default theme's case.html "main" writes.
func writeCaseMain(b *bytes.Buffer, v pageView) error {
	c := v.Case
	b.WriteString("<article class=\"wrap case\">\n<header class=\"page-header\">\n<p class=\"kicker\">Case · ")
	dateTime(b, c.Date.String(), c.Date.Human())
	b.WriteString("</p>\n<h1>")
	escHTML(b, c.Title)
	b.WriteString("</h1>\n<p class=\"lead\">")
	escHTML(b, c.Summary)
	b.WriteString("</p>\n</header>\n<section class=\"key-facts\" aria-labelledby=\"key-facts\">\n<h2 id=\"key-facts\">Key facts</h2>\n<dl>\n<dt>Date</dt><dd>")
	dateTime(b, c.Date.String(), c.Date.Human())
	b.WriteString("</dd>\n<dt>Target")
	if len(c.Targets) > 1 {
		b.WriteByte('s')
	}
	b.WriteString("</dt><dd>")
	writeEntityLinks(b, c.Targets)
	b.WriteString("</dd>\n<dt>Providers</dt>\n<dd><ul class=\"plain\">\n")
	for _, a := range c.Actions {
		b.WriteString("<li>")
		if a.Provider != nil {
			link(b, a.Provider.URL(), a.Provider.Name)
		}
		b.WriteString(`: <span class="badge badge-`)
		escHTML(b, a.Type)
		b.WriteString(`">`)
		escHTML(b, ActionLabel(a.Type))
		b.WriteString("</span> ")
		dateTime(b, a.Date.String(), a.Date.Human())
		if len(a.Services) > 0 {
			b.WriteString(` <span class="services">(`)
			for i, s := range a.Services {
				if i > 0 {
					b.WriteString(", ")
				}
				escHTML(b, s)
			}
			b.WriteString(`)</span>`)
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul></dd>\n")
	if len(c.People) > 0 {
		b.WriteString("<dt>Also involved</dt><dd>")
		writeEntityLinks(b, c.People)
		b.WriteString("</dd>")
	}
	b.WriteByte('\n')
	if len(c.Tags) > 0 {
		b.WriteString("<dt>Tags</dt><dd>")
		for i, t := range c.Tags {
			if i > 0 {
				b.WriteString(", ")
			}
			link(b, t.URL(), t.Slug)
		}
		b.WriteString("</dd>")
	}
	b.WriteByte('\n')
	if !c.Updated.IsZero() {
		b.WriteString("<dt>Last updated</dt><dd>")
		dateTime(b, c.Updated.String(), c.Updated.Human())
		b.WriteString("</dd>")
	}
	b.WriteString("\n</dl>\n</section>\n<div class=\"body prose\">\n")
	if err := v.writeBody(b); err != nil {
		return err
	}
	b.WriteString("\n</div>\n<section aria-labelledby=\"actions-events\">\n<h2 id=\"actions-events\">Actions and events</h2>\n<ol class=\"entries\">\n")
	l := v.CaseEntries()
	for _, e := range l.Items {
		writeEntry(b, l, e)
	}
	b.WriteString("</ol>\n</section>\n<section class=\"sources\" aria-labelledby=\"sources\">\n<h2 id=\"sources\">Sources</h2>\n")
	sources := func(ss []*site.Source) error {
		for _, s := range ss {
			if err := writeSource(b, []any{v, s}); err != nil {
				return err
			}
		}
		return nil
	}
	if ss := c.CitedSources(); len(ss) > 0 {
		b.WriteString("<ol class=\"source-list\">\n")
		if err := sources(ss); err != nil {
			return err
		}
		b.WriteString("</ol>")
	}
	b.WriteByte('\n')
	if ss := c.FurtherSources(); len(ss) > 0 {
		b.WriteString("<h3 id=\"further-sources\">Further sources</h3>\n<ul class=\"source-list\">\n")
		if err := sources(ss); err != nil {
			return err
		}
		b.WriteString("</ul>")
	}
	b.WriteString("\n</section>\n")
	if len(c.Related) > 0 {
		b.WriteString("<section aria-labelledby=\"related\">\n<h2 id=\"related\">Related cases</h2>\n")
		if err := writeCaseLinks(b, c.Related); err != nil {
			return err
		}
		b.WriteString("\n</section>")
	}
	b.WriteByte('\n')
	if len(c.LinkedFrom) > 0 {
		b.WriteString("<section aria-labelledby=\"linked-from\">\n<h2 id=\"linked-from\">Linked from</h2>\n")
		if err := writeBacklinks(b, c.LinkedFrom); err != nil {
			return err
		}
		b.WriteString("\n</section>")
	}
	b.WriteByte('\n')
	if len(c.Changes) > 0 || !c.Commit.IsZero() {
		b.WriteString("<section aria-labelledby=\"revisions\">\n<h2 id=\"revisions\">Revision history</h2>\n")
		if len(c.Changes) > 0 {
			b.WriteString("<ul>")
			for _, ch := range c.Changes {
				b.WriteString("<li>")
				dateTime(b, ch.Date.String(), ch.Date.Human())
				b.WriteString(": ")
				escHTML(b, ch.Note)
				b.WriteString("</li>")
			}
			b.WriteString("</ul>\n")
		}
		if !c.Commit.IsZero() {
			b.WriteString(`<p class="meta commit">Last changed in commit `)
			if u := v.CommitURL(); u != "" {
				b.WriteString(`<a href="`)
				escURL(b, u)
				b.WriteString(`" rel="nofollow noreferrer"><code>`)
				escHTML(b, c.Commit.Short())
				b.WriteString(`</code></a>`)
			} else {
				b.WriteString(`<code>`)
				escHTML(b, c.Commit.Short())
				b.WriteString(`</code>`)
			}
			b.WriteString(" on ")
			dateTime(b, c.Commit.Date.String(), c.Commit.Date.Human())
			b.WriteString(".</p>\n")
		}
		b.WriteString("</section>")
	}
	b.WriteByte('\n')
	if err := writeCite(b, v); err != nil {
		return err
	}
	b.WriteString("\n<nav class=\"prev-next\" aria-label=\"Previous and next case\">\n")
	if p := c.Prev; p != nil {
		b.WriteString(`<a rel="prev" href="`)
		escURL(b, p.URL())
		b.WriteString(`">← Older: `)
		escHTML(b, p.Title)
		b.WriteString(`</a>`)
	}
	b.WriteByte('\n')
	if n := c.Next; n != nil {
		b.WriteString(`<a rel="next" href="`)
		escURL(b, n.URL())
		b.WriteString(`">Newer: `)
		escHTML(b, n.Title)
		b.WriteString(` →</a>`)
	}
	b.WriteString("\n</nav>\n")
	if u := v.EditURL(); u != "" {
		b.WriteString(`<p class="edit"><a href="`)
		escURL(b, u)
		b.WriteString(`" rel="nofollow noreferrer">Edit this page</a></p>`)
	}
	b.WriteString("\n</article>\n")
	return nil
}

// writeEntityMain writes what the default theme's entity.html "main" writes.
func writeEntityMain(b *bytes.Buffer, v pageView) error {
	e := v.Entity
	b.WriteString("<article class=\"wrap entity\">\n<header class=\"page-header\">\n<p class=\"kicker\">")
	escHTML(b, kindLabel(e.Kind))
	b.WriteString("</p>\n<h1>")
	escHTML(b, e.Name)
	b.WriteString("</h1>\n")
	if e.Summary != "" {
		b.WriteString(`<p class="lead">`)
		escHTML(b, e.Summary)
		b.WriteString("</p>")
	}
	b.WriteString("\n</header>\n")
	if len(e.Aliases) > 0 || e.Website != "" || e.Wikidata != "" {
		b.WriteString("<dl class=\"key-facts\">\n")
		if len(e.Aliases) > 0 {
			b.WriteString("<dt>Also known as</dt><dd>")
			for i, a := range e.Aliases {
				if i > 0 {
					b.WriteString(", ")
				}
				escHTML(b, a)
			}
			b.WriteString("</dd>")
		}
		b.WriteByte('\n')
		if e.Website != "" {
			b.WriteString(`<dt>Website</dt><dd><a href="`)
			escURL(b, e.Website)
			b.WriteString(`" rel="nofollow noreferrer">`)
			escHTML(b, e.Website)
			b.WriteString("</a></dd>")
		}
		b.WriteByte('\n')
		if e.Wikidata != "" {
			b.WriteString(`<dt>Wikidata</dt><dd><a href="https://www.wikidata.org/wiki/`)
			processURL(b, e.Wikidata, true) // in the middle of a URL: normalised, not filtered
			b.WriteString(`" rel="nofollow noreferrer">`)
			escHTML(b, e.Wikidata)
			b.WriteString("</a></dd>")
		}
		b.WriteString("\n</dl>")
	}
	b.WriteByte('\n')
	start := b.Len()
	b.WriteString(`<div class="body prose">`)
	n := b.Len()
	if err := v.writeBody(b); err != nil {
		return err
	}
	if b.Len() == n {
		b.Truncate(start) // no body: no wrapper
	} else {
		b.WriteString("</div>")
	}
	b.WriteByte('\n')
	if len(e.AsProvider) > 0 {
		b.WriteString("<section aria-labelledby=\"as-provider\">\n<h2 id=\"as-provider\">As provider</h2>\n")
		if err := writeProviderActions(b, e.AsProvider); err != nil {
			return err
		}
		b.WriteString("\n</section>")
	}
	b.WriteByte('\n')
	cases := func(id, title string, cs []*site.Case) error {
		if len(cs) == 0 {
			return nil
		}
		b.WriteString(`<section aria-labelledby="` + id + "\">\n<h2 id=\"" + id + `">` + title + "</h2>\n")
		if err := writeCaseLinks(b, cs); err != nil {
			return err
		}
		b.WriteString("\n</section>")
		return nil
	}
	if err := cases("as-target", "As target", e.AsTarget); err != nil {
		return err
	}
	b.WriteByte('\n')
	if err := cases("involved", "Otherwise involved", e.Involved); err != nil {
		return err
	}
	b.WriteByte('\n')
	if tl := v.EntityEntries(); tl.Total > 0 {
		b.WriteString("<section aria-labelledby=\"entity-timeline\">\n<h2 id=\"entity-timeline\">Timeline</h2>\n")
		if len(tl.Entries.Items) < tl.Total {
			b.WriteString("<p>The latest " + strconv.Itoa(len(tl.Entries.Items)) + " of " + strconv.Itoa(tl.Total) + " entries.</p>\n")
		}
		if tl.Provider != "" {
			b.WriteString(`<p>Its actions as a provider, with filters: <a href="`)
			escURL(b, tl.Provider)
			b.WriteString(`">the timeline of `)
			escHTML(b, e.Name)
			b.WriteString("</a>.</p>\n")
		}
		b.WriteString("<ol class=\"entries\">\n")
		for _, en := range tl.Entries.Items {
			writeEntry(b, tl.Entries, en)
		}
		b.WriteString("</ol>\n</section>")
	}
	b.WriteByte('\n')
	if len(e.LinkedFrom) > 0 {
		b.WriteString("<section aria-labelledby=\"linked-from\">\n<h2 id=\"linked-from\">Linked from</h2>\n")
		if err := writeBacklinks(b, e.LinkedFrom); err != nil {
			return err
		}
		b.WriteString("\n</section>")
	}
	b.WriteByte('\n')
	if err := writeCite(b, v); err != nil {
		return err
	}
	b.WriteString("\n</article>\n")
	return nil
}

// writeTimelineMain writes what the default theme's timeline.html "main"
// writes.
func writeTimelineMain(b *bytes.Buffer, v pageView) error {
	t := v.Timeline
	itoa := func(n int) { b.WriteString(strconv.Itoa(n)) }
	links := func(ls []TimelineLink) {
		for _, l := range ls {
			b.WriteString("<li>")
			link(b, l.URL, l.Label)
			b.WriteString(` <span class="count">(`)
			itoa(l.Count)
			b.WriteString(")</span></li>")
		}
	}
	current := func(l TimelineLink) {
		b.WriteString(`<a href="`)
		escURL(b, l.URL)
		b.WriteByte('"')
		if l.Current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteByte('>')
	}
	open := func(ls []TimelineLink) {
		for _, l := range ls {
			if l.Current {
				b.WriteString(" open")
			}
		}
	}
	b.WriteString("<div class=\"wrap timeline\">\n<header class=\"page-header\">\n")
	if len(t.Up) > 0 {
		b.WriteString(`<nav class="crumbs" aria-label="Breadcrumb"><ol>`)
		for _, l := range t.Up {
			b.WriteString("<li>")
			link(b, l.URL, l.Label)
			b.WriteString("</li>")
		}
		b.WriteString("</ol></nav>")
	}
	b.WriteString("\n<h1>")
	escHTML(b, t.Heading)
	b.WriteString("</h1>\n<p class=\"lead\">")
	escHTML(b, t.Lead)
	b.WriteString("</p>\n</header>\n")
	if c := t.Chart; c != nil {
		b.WriteString("<figure class=\"tl-chart\">\n")
		b.WriteString(string(c.SVG)) // template.HTML: written as it is
		b.WriteString("\n<div class=\"visually-hidden\"><table>\n<caption>Provider actions per year, by type</caption>\n<thead><tr><th scope=\"col\">Year</th>")
		for _, typ := range c.Types {
			b.WriteString(`<th scope="col">`)
			escHTML(b, ActionLabel(typ))
			b.WriteString("</th>")
		}
		b.WriteString("<th scope=\"col\">Total</th></tr></thead>\n<tbody>\n")
		for _, r := range c.Rows {
			b.WriteString(`<tr><th scope="row">`)
			itoa(r.Year)
			b.WriteString("</th>")
			for _, n := range r.Counts {
				b.WriteString("<td>")
				itoa(n)
				b.WriteString("</td>")
			}
			b.WriteString("<td>")
			itoa(r.Total)
			b.WriteString("</td></tr>\n")
		}
		b.WriteString("</tbody>\n</table></div>\n<figcaption>Provider actions per year, by type. Choose a year below, or a bar, to go to it.</figcaption>\n</figure>")
	}
	b.WriteByte('\n')
	if len(t.YearNav) > 0 {
		b.WriteString("<nav class=\"tl-years\" aria-label=\"Years\">\n<ul>")
		links(t.YearNav)
		b.WriteString("</ul>\n</nav>")
	}
	b.WriteByte('\n')
	if bar := t.Bar; bar != nil {
		b.WriteString("<nav class=\"tl-filterbar\" aria-label=\"Filtered timelines\">\n<p>")
		current(bar.All)
		escHTML(b, bar.All.Label)
		b.WriteString(`</a> <span class="count">(`)
		itoa(bar.All.Count)
		b.WriteString(")</span></p>\n<details")
		open(bar.Providers)
		b.WriteString("><summary>By provider</summary>\n<ul class=\"columns\">")
		for _, l := range bar.Providers {
			b.WriteString("<li>")
			current(l)
			escHTML(b, l.Label)
			b.WriteString(`</a> <span class="count">(`)
			itoa(l.Count)
			b.WriteString(")</span></li>")
		}
		b.WriteString("</ul>\n</details>\n<details")
		open(bar.Actions)
		b.WriteString("><summary>By action</summary>\n<ul class=\"tl-actions\">")
		for _, l := range bar.Actions {
			b.WriteString("<li>")
			current(l)
			b.WriteString(`<span class="badge badge-`)
			escHTML(b, l.Label)
			b.WriteString(`">`)
			escHTML(b, ActionLabel(l.Label))
			b.WriteString(`</span></a> <span class="count">(`)
			itoa(l.Count)
			b.WriteString(")</span></li>")
		}
		b.WriteString("</ul>\n</details>\n<p class=\"tl-downloads\">Download: <a href=\"")
		escURL(b, v.Site.BasePath)
		b.WriteString("timeline.ics\">calendar (iCalendar)</a> · <a href=\"")
		escURL(b, v.Site.BasePath)
		b.WriteString("data/timeline.json\">data (JSON)</a></p>\n</nav>")
	}
	b.WriteString("\n<form class=\"filters tl-filters\" id=\"tl-filters\" hidden aria-label=\"Filter the entries\">\n")
	f := t.Filters
	entities := func(label, name string, es []*site.Entity) {
		if len(es) == 0 {
			return
		}
		b.WriteString("<label>" + label + ` <select name="` + name + `"><option value="">All</option>`)
		for _, e := range es {
			b.WriteString(`<option value="`)
			escHTML(b, e.Slug)
			b.WriteString(`">`)
			escHTML(b, e.Name)
			b.WriteString("</option>")
		}
		b.WriteString("</select></label>")
	}
	entities("Provider", "provider", f.Providers)
	b.WriteByte('\n')
	entities("Target", "target", f.Targets)
	b.WriteByte('\n')
	if len(f.Actions) > 0 {
		b.WriteString(`<label>Action <select name="action"><option value="">All</option>`)
		for _, a := range f.Actions {
			b.WriteString(`<option value="`)
			escHTML(b, a)
			b.WriteString(`">`)
			escHTML(b, ActionLabel(a))
			b.WriteString("</option>")
		}
		if f.Events {
			b.WriteString(`<option value="event">Events</option>`)
		}
		b.WriteString("</select></label>")
	}
	b.WriteByte('\n')
	if len(f.Tags) > 0 {
		b.WriteString(`<label>Tag <select name="tag"><option value="">All</option>`)
		for _, tag := range f.Tags {
			b.WriteString(`<option value="`)
			escHTML(b, tag)
			b.WriteString(`">`)
			escHTML(b, tag)
			b.WriteString("</option>")
		}
		b.WriteString("</select></label>")
	}
	b.WriteByte('\n')
	if len(f.Years) > 1 {
		years := func(label, name string) {
			b.WriteString("<label>" + label + ` <select name="` + name + `"><option value="">Any</option>`)
			for _, y := range f.Years {
				b.WriteString(`<option value="`)
				itoa(y)
				b.WriteString(`">`)
				itoa(y)
				b.WriteString("</option>")
			}
			b.WriteString("</select></label>")
		}
		years("From", "from")
		b.WriteByte('\n')
		years("To", "to")
	}
	b.WriteString("\n<button type=\"reset\">Clear</button>\n</form>\n<p class=\"filter-status\" id=\"tl-status\" role=\"status\" aria-live=\"polite\"></p>\n")
	if len(t.Earlier) > 0 {
		b.WriteString("<section class=\"tl-earlier\" aria-labelledby=\"earlier\">\n<h2 id=\"earlier\">Earlier years</h2>\n<p>These years have their own pages.</p>\n<ul class=\"tl-links\">")
		links(t.Earlier)
		b.WriteString("</ul>\n</section>")
	}
	b.WriteString("\n<div class=\"tl-entries\" id=\"tl-entries\"")
	if t.YearPages != "" {
		attr(b, "data-year-pages", t.YearPages)
	}
	if t.MonthPages != "" {
		attr(b, "data-month-pages", t.MonthPages)
	}
	b.WriteString(">\n")
	for _, y := range t.Years {
		b.WriteString(`<section class="tl-year"`)
		attr(b, "id", y.ID)
		attr(b, "aria-labelledby", y.ID+"-h")
		b.WriteString(">\n<h2")
		attr(b, "id", y.ID+"-h")
		b.WriteByte('>')
		itoa(y.Year)
		b.WriteString(` <span class="count">(`)
		itoa(y.Count)
		if y.Count == 1 {
			b.WriteString(" entry")
		} else {
			b.WriteString(" entries")
		}
		b.WriteString(")</span></h2>\n")
		for _, m := range y.Months {
			b.WriteString(`<section class="tl-month"`)
			attr(b, "aria-labelledby", m.ID)
			b.WriteString(">\n<h3")
			attr(b, "id", m.ID)
			b.WriteByte('>')
			escHTML(b, m.Heading)
			b.WriteString("</h3>\n<ol class=\"entries\">\n")
			for _, e := range m.Entries.Items {
				writeEntry(b, m.Entries, e)
			}
			b.WriteString("</ol>\n</section>\n")
		}
		if len(y.MonthLinks) > 0 {
			b.WriteString("<p>This year has its own page for each month:</p>\n<ul class=\"tl-links\">")
			links(y.MonthLinks)
			b.WriteString("</ul>\n")
		}
		b.WriteString("</section>\n")
	}
	if len(t.Years) == 0 {
		b.WriteString("<p>No entries yet.</p>\n")
	}
	b.WriteString("</div>\n")
	if t.Prev != nil || t.Next != nil {
		b.WriteString("<nav class=\"prev-next\" aria-label=\"Previous and next\">\n")
		if p := t.Prev; p != nil {
			b.WriteString(`<a rel="prev" href="`)
			escURL(b, p.URL)
			b.WriteString(`">← `)
			escHTML(b, p.Label)
			b.WriteString("</a>")
		}
		b.WriteByte('\n')
		if n := t.Next; n != nil {
			b.WriteString(`<a rel="next" href="`)
			escURL(b, n.URL)
			b.WriteString(`">`)
			escHTML(b, n.Label)
			b.WriteString(" →</a>")
		}
		b.WriteString("\n</nav>")
	}
	b.WriteString("\n</div>\n")
	return nil
}

// writeSourcesMain writes what the default theme's sources.html "main"
// writes: every cited work, by publisher.
func writeSourcesMain(b *bytes.Buffer, v pageView) error {
	b.WriteString("<div class=\"wrap sources-index\">\n<header class=\"page-header\">\n<h1>Sources</h1>\n" +
		"<p class=\"lead\">Every source cited in the casebook, by publisher, with the cases that cite it.</p>\n</header>\n")
	for _, p := range v.Site.Publishers() {
		b.WriteString(`<section class="publisher"`)
		attr(b, "aria-label", p.Name)
		b.WriteString(">\n<h2>")
		escHTML(b, p.Name)
		b.WriteString("</h2>\n<ul class=\"source-list\">\n")
		for _, w := range p.Works {
			s := w.Source
			isForeign := foreign(v, s.Language)
			b.WriteString("<li>\n")
			writeCiteElement(b, s, isForeign, "")
			if !s.Date.IsZero() {
				b.WriteString(", ")
				dateTime(b, s.Date.String(), s.Date.Human())
			}
			b.WriteString(".\n")
			writeLanguageArchive(b, s, isForeign)
			b.WriteString("\n<span class=\"cited-by\">Cited in ")
			for i, src := range w.IDs {
				if i > 0 {
					b.WriteString("; ")
				}
				b.WriteString(`<a href="`)
				escURL(b, src.Case.URL())
				b.WriteByte('#')
				escURLPart(b, sourceID(src))
				b.WriteString(`">`)
				escHTML(b, src.Case.Title)
				b.WriteString("</a>")
			}
			b.WriteString(".</span>\n</li>\n")
		}
		b.WriteString("</ul>\n</section>\n")
	}
	b.WriteString("</div>\n")
	return nil
}

// writeCasesMain writes what the default theme's cases.html "main" writes:
// the table of every case, with its filters.
func writeCasesMain(b *bytes.Buffer, v pageView) error {
	s := v.Site
	option := func(value, label string) {
		b.WriteString(`<option value="`)
		escHTML(b, value)
		b.WriteString(`">`)
		escHTML(b, label)
		b.WriteString("</option>")
	}
	b.WriteString("<div class=\"wrap-wide cases-index\">\n<header class=\"page-header\">\n<h1>All cases</h1>\n<p class=\"lead\">")
	b.WriteString(strconv.Itoa(len(s.Cases)))
	b.WriteString(" documented cases, newest first. Each links to its sources.</p>\n</header>\n" +
		"<form class=\"filters\" id=\"case-filters\" hidden aria-label=\"Filter cases\">\n" +
		"<label>Search <input type=\"search\" name=\"q\" autocomplete=\"off\"></label>\n" +
		"<label>Provider <select name=\"provider\"><option value=\"\">All</option>")
	for _, p := range s.Providers() {
		option(p.Slug, p.Name)
	}
	b.WriteString("</select></label>\n<label>Action <select name=\"action\"><option value=\"\">All</option>")
	for _, a := range s.Actions {
		option(a.Slug, ActionLabel(a.Slug))
	}
	b.WriteString("</select></label>\n<label>Tag <select name=\"tag\"><option value=\"\">All</option>")
	for _, t := range s.Tags {
		option(t.Slug, t.Slug)
	}
	b.WriteString("</select></label>\n<label>Year <select name=\"year\"><option value=\"\">All</option>")
	for _, y := range s.Years() {
		option(strconv.Itoa(y), strconv.Itoa(y))
	}
	b.WriteString("</select></label>\n<button type=\"reset\">Clear</button>\n</form>\n" +
		"<p class=\"filter-status\" id=\"filter-status\" role=\"status\" aria-live=\"polite\"></p>\n" +
		"<section class=\"table-wrap\" tabindex=\"0\" aria-labelledby=\"cases-caption\">\n" +
		"<table class=\"cases-table\" id=\"cases-table\">\n<caption id=\"cases-caption\">Cases, newest first</caption>\n<thead><tr>\n" +
		"<th scope=\"col\" data-sort=\"date\" aria-sort=\"descending\">Date</th>\n<th scope=\"col\" data-sort=\"title\">Case</th>\n" +
		"<th scope=\"col\">Targets</th>\n<th scope=\"col\">Providers and actions</th>\n<th scope=\"col\">Tags</th>\n</tr></thead>\n<tbody>\n")
	for i, c := range v.Cases {
		b.WriteString("<tr")
		if v.YearStart(i) {
			attr(b, "id", "year-"+strconv.Itoa(c.Date.Year))
		}
		attr(b, "data-date", c.Date.String())
		attr(b, "data-year", strconv.Itoa(c.Date.Year))
		b.WriteString(` data-providers="`)
		for _, p := range c.Providers() {
			escHTML(b, p.Slug)
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		attr(b, "data-actions", strings.Join(c.ActionTypes(), " "))
		b.WriteString(` data-tags="`)
		for _, t := range c.Tags {
			escHTML(b, t.Slug)
			b.WriteByte(' ')
		}
		b.WriteString("\">\n<td class=\"nowrap\">")
		dateTime(b, c.Date.String(), c.Date.Human())
		b.WriteString("</td>\n<td>")
		link(b, c.URL(), c.Title)
		b.WriteString("</td>\n<td>")
		writeEntityLinks(b, c.Targets)
		b.WriteString("</td>\n<td><ul class=\"plain\">")
		for _, a := range c.Actions {
			b.WriteString("<li>")
			if a.Provider != nil {
				link(b, a.Provider.URL(), a.Provider.Name)
			}
			b.WriteString(` <span class="badge badge-`)
			escHTML(b, a.Type)
			b.WriteString(`">`)
			escHTML(b, ActionLabel(a.Type))
			b.WriteString("</span></li>")
		}
		b.WriteString("</ul></td>\n<td>")
		for j, t := range c.Tags {
			if j > 0 {
				b.WriteString(", ")
			}
			link(b, t.URL(), t.Slug)
		}
		b.WriteString("</td>\n</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n</section>\n</div>\n")
	return nil
}
