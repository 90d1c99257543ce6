// Package render turns a resolved *site.Site into the files of the published
// site: every HTML page, the static assets (with content-hashed names), the
// feed, sitemap and exports, and the files of the site's root/ folder as they
// are (root.go). Pages are rendered in parallel and handed to a
// Sink keyed by path, so the order of rendering does not matter.
//
//	r, err := render.New(themeFS, md)
//	n, err := r.Render(ctx, s, sink) // sink.WriteFile("cases/x/index.html", data)
//
// # One source of page HTML
//
// Every page is the execution of one html/template page template of the
// theme (templates/<kind>.html, which defines "main", parsed with
// templates/base.html and templates/partials/*.html). No Go code here writes
// page markup or escapes HTML: Go builds views, templates write them, and
// html/template escapes every value. The Markdown body comes rendered by the
// markdown package's goldmark renderers. The feed and sitemap are
// encoding/xml, the exports encoding/json and encoding/csv.
//
// # Views
//
// A page template receives a Page: flat, typed values built in Go for that
// page (CaseView, EntityView, CaseRow, SourceView, TimelineView, Chart, ...)
// whose strings are computed once (formatted dates, built URLs, chosen
// labels), so that templates read fields rather than call methods: most of
// the cost of a template is its reflective calls. What every page shares
// (Layout) is built once per rendering (a pass), as are the views of the
// timeline entries (EntryView) and the rows of the lists of cases (CaseRow).
//
// # Fragments rendered once
//
// A timeline entry is listed on up to five pages, a case in the lists of
// its tags, services and action types. The partial "entries" renders each
// item through entryList.Item, which executes the template "entry" once per
// entry, page template and way of showing it, and reuses the result on
// every other page; "caselist" does the same with "caseitem" through
// CaseList.Item (fragments.go), the lists of links with "caselink" and
// "backlink" through CaseLinks.Item and LinkList.Item, and the page's
// header and footer through Page.Header and Page.Footer, once per state of
// the menu (Chrome). It is the same code for the default theme and for a
// theme that overrides a partial; a page template that defines a partial
// of its own keeps its fragments apart (Renderer.fragmentOwner).
//
// # Vocabulary
//
// The action types (labels, verbs, CSS classes, chart patterns) come from
// content.ActionTypes, and what an entry says from one builder,
// entrySentence, for the pages, the feed, iCalendar and the exports.
//
// Templates are parsed once by New; a Renderer can render any number of sites.
// Lazy lists a site's files and renders each when first asked for (the dev
// server). A template that does not parse, or fails on a page, is a
// *TemplateError: diagnostics at the template's file, line and column, with
// a hint (tmplerr.go).
package render

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
	"golang.org/x/sync/errgroup"
)

// Sink receives the generated files. name is a slash path relative to the
// output root ("cases/x/index.html"). WriteFile is called concurrently. data
// is reused once WriteFile returns: a sink that keeps it must copy it.
type Sink interface {
	WriteFile(name string, data []byte) error
}

// A StreamSink also takes a file as it is written: the largest files (the
// exports of every case or entry, tens of megabytes for a big casebook) are
// written through Create rather than built whole in memory. Create is called
// concurrently, for names as WriteFile's; the file is complete once Close
// returned nil.
type StreamSink interface {
	Sink
	Create(name string) (io.WriteCloser, error)
}

// textWriter is what a streamed file is written to: a buffered file, or a
// buffer when the sink cannot stream.
type textWriter interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}

// Renderer holds the parsed templates and static assets of a theme.
type Renderer struct {
	md     *markdown.Markdown
	theme  fs.FS                         // what the templates were read from, for the columns of their errors
	pages  map[string]*template.Template // by page template name: "case", "entity", ...
	assets []asset                       // static files, with their output names
	names  map[string]string             // asset source name -> output URL path (below static/)
	roots  []asset                       // the files of the site's root/ folder, published as they are
	// owns holds the page templates whose file defines more than "main":
	// their partials may differ from the other pages' (fragmentOwner).
	owns map[string]bool
}

type asset struct {
	src, out string
	data     []byte
	hashed   bool // its name carries a hash of its content
}

// pageTemplates are the templates that render a whole page; each is parsed
// together with every partial (templates/partials/*.html and base.html).
var pageTemplates = []string{"home", "case", "cases", "entity", "page", "list", "sources", "404", "timeline", "search", "data"}

// hashedExts are the asset types whose file names carry a content hash, so
// they can be cached for ever.
var hashedExts = []string{".css", ".js"}

// New parses the templates and reads the static files of theme, which holds
// templates/ and static/ (a site's overrides already laid over the default).
//
// A template that does not parse gives a *TemplateError, with every
// template that does not parse as a diagnostic at its file and line.
func New(theme fs.FS, md *markdown.Markdown) (*Renderer, error) {
	r := &Renderer{md: md, theme: theme, pages: map[string]*template.Template{}, names: map[string]string{}, owns: map[string]bool{}}
	if err := r.loadAssets(theme); err != nil {
		return nil, err
	}
	if err := r.loadRoot(theme); err != nil {
		return nil, err
	}
	root := template.New("").Funcs(r.funcs())
	partials, err := fs.Glob(theme, "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	var bad diag.List // the templates that do not parse
	parse := func(t *template.Template, name string) (ok bool, err error) {
		err = parseFile(t, theme, name)
		if perr := (*parseError)(nil); errors.As(err, &perr) {
			bad.Add(r.templateDiag(perr.err, ""))
			return false, nil
		}
		return err == nil, err
	}
	for _, p := range append([]string{"templates/base.html"}, partials...) {
		if _, err := parse(root, p); err != nil {
			return nil, err
		}
	}
	for _, name := range pageTemplates {
		t, err := root.Clone()
		if err != nil {
			return nil, err
		}
		ok, err := parse(t, "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		r.pages[name] = t
		own, err := definesMore(theme, "templates/"+name+".html", r.funcs())
		if err != nil {
			return nil, err
		}
		r.owns[name] = own
	}
	if len(bad) > 0 {
		bad.Sort()
		return nil, &TemplateError{Diags: bad}
	}
	return r, nil
}

// definesMore reports whether the page template file name defines any
// template but "main" (its own version of a partial, say).
func definesMore(fsys fs.FS, name string, funcs template.FuncMap) (bool, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return false, fmt.Errorf("theme: %w", err)
	}
	t, err := template.New(name).Funcs(funcs).Parse(string(src))
	if err != nil {
		return false, fmt.Errorf("theme: %w", err)
	}
	for _, d := range t.Templates() {
		if n := d.Name(); n != name && n != "main" {
			return true, nil
		}
	}
	return false, nil
}

// fragmentOwner is the key under which the fragments a page template
// renders are kept: "" (shared by every page template) when its file
// defines only "main", so that all of them render the partials' files'
// definitions; else the page template's name.
func (r *Renderer) fragmentOwner(tmpl string) string {
	if r.owns[tmpl] {
		return tmpl
	}
	return ""
}

func parseFile(t *template.Template, fsys fs.FS, name string) error {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	if _, err := t.New(name).Parse(string(src)); err != nil {
		return &parseError{err}
	}
	return nil
}

// loadAssets reads static/ and gives CSS and JS files hashed names. The
// generated code-highlighting stylesheet joins them as static/code.css.
func (r *Renderer) loadAssets(theme fs.FS) error {
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		r.addAsset(strings.TrimPrefix(p, "static/"), data)
		return nil
	})
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	r.addAsset("code.css", []byte(markdown.CSS()))
	slices.SortFunc(r.assets, func(a, b asset) int { return strings.Compare(a.out, b.out) })
	return nil
}

func (r *Renderer) addAsset(name string, data []byte) {
	out := name
	hashed := slices.Contains(hashedExts, path.Ext(name))
	if hashed {
		ext := path.Ext(name)
		sum := sha256.Sum256(data)
		out = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
	}
	r.names[name] = out
	r.assets = append(r.assets, asset{src: name, out: "static/" + out, data: data, hashed: hashed})
}

// job renders one output file.
type job struct {
	name string
	tmpl string // the page template of a page, "" for another file
	// fn renders the file of the site it was planned from; its argument is
	// the rendering of that site it is part of.
	fn func(*bytes.Buffer, *pass) error
	// stream, set instead of fn for a large file, writes it to a
	// StreamSink's file as it goes.
	stream func(textWriter, *pass) error
	// late is set on a page that shows the sizes of other files (the data
	// page): Render renders it once every other file is written.
	late bool
	root bool // a file of the site's root/ folder
}

// streamed returns a job for a large file.
func streamed(name string, fn func(textWriter, *pass) error) job {
	return job{name: name, stream: fn}
}

// compressed returns a job for a large file that readers download rather
// than read in a browser, written gzip-compressed: its name ends in ".gz"
// (the files of a year of the data exports, docs/data.md). Compressing
// there, inside the job, makes a build and the dev server write the same
// bytes; the header has no name and no time, so the same content gives the
// same bytes with the same Go release (its compress/flate makes them).
func compressed(name string, fn func(textWriter, *pass) error) job {
	return streamed(name, func(w textWriter, ps *pass) error {
		zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(zw, 32<<10)
		if err := fn(bw, ps); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		return zw.Close()
	})
}

// render renders the job's file into b.
func (j job) render(b *bytes.Buffer, ps *pass) error {
	if j.stream != nil {
		return j.stream(b, ps)
	}
	return j.fn(b, ps)
}

// group is a set of output files whose names are known only once files has
// computed them (the search index), all in the folder dir ("search/").
type group struct {
	dir   string
	files func(*pass) []job // the argument as for job.fn
}

// pass is one rendering of a site's files (a Render, or a Lazy): what its
// jobs share.
type pass struct {
	site   *site.Site
	layout *Layout
	// pending counts, by page template, the pages not yet written by a
	// RenderOnce: once none is left, the timeline entries rendered with
	// that template are dropped (the case items, a few megabytes shared by
	// the page templates, are kept to the end).
	pending map[string]*atomic.Int64
	frags   *fragments
	release bool // see RenderOnce
	// size returns the size of a file of the site as this rendering
	// writes it, for a late job: Render's sizes, or Lazy's file.
	size func(name string) (int64, error)
	// sizes records the size of each file Render writes.
	sizes *fileSizes
	// failed gathers the template errors of a Render.
	failed *failures
}

// fileSizes is the size of each file written, by name; safe for concurrent
// use.
type fileSizes struct {
	mu sync.Mutex
	n  map[string]int64
}

func (f *fileSizes) record(name string, n int64) {
	f.mu.Lock()
	f.n[name] = n
	f.mu.Unlock()
}

func (f *fileSizes) size(name string) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, ok := f.n[name]
	if !ok {
		return 0, fmt.Errorf("no file %s was written", name)
	}
	return n, nil
}

func (r *Renderer) newPass(s *site.Site) *pass {
	ps := &pass{site: s, layout: r.newLayout(s), frags: newFragments(r, s), sizes: &fileSizes{n: map[string]int64{}}}
	ps.size = ps.sizes.size
	return ps
}

// Render writes every file of s to sink and returns the number of HTML pages.
// When the files planned clash with root/, keep: or menu:, it writes
// nothing and returns a *PlanError.
func (r *Renderer) Render(ctx context.Context, s *site.Site, sink Sink) (int, error) {
	return r.render(ctx, r.newPass(s), sink)
}

// RenderOnce is Render for a site that will not be rendered again: it
// drops the plain text of each body once the search index has read it, and
// the rendering of each case's body once its page is written
// (Doc.ReleaseText, Doc.ReleaseHTML), so that the build need not hold every
// body to its end.
func (r *Renderer) RenderOnce(ctx context.Context, s *site.Site, sink Sink) (int, error) {
	ps := r.newPass(s)
	ps.release = true
	return r.render(ctx, ps, sink)
}

func (r *Renderer) render(ctx context.Context, ps *pass, sink Sink) (int, error) {
	s := ps.site
	jobs, groups := r.jobs(s)
	if d := r.checkPlan(s, jobs, groups); len(d) > 0 {
		return 0, &PlanError{Diags: d}
	}
	if ps.release {
		ps.pending = map[string]*atomic.Int64{}
		for _, j := range jobs {
			if j.tmpl != "" {
				if ps.pending[j.tmpl] == nil {
					ps.pending[j.tmpl] = new(atomic.Int64)
				}
				ps.pending[j.tmpl].Add(1)
			}
		}
	}
	var pages atomic.Int64
	countPages := func(jobs []job) {
		for _, j := range jobs {
			if strings.HasSuffix(j.name, ".html") {
				pages.Add(1)
			}
		}
	}
	countPages(jobs)
	var late []job
	jobs = slices.DeleteFunc(slices.Clone(jobs), func(j job) bool {
		if j.late {
			late = append(late, j)
		}
		return j.late
	})
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	ps.failed = &failures{first: map[string]string{}}
	for _, gr := range groups {
		g.Go(func() error {
			sub := gr.files(ps)
			countPages(sub)
			buf := bufs.Get().(*bytes.Buffer)
			defer bufs.Put(buf)
			for _, j := range sub {
				if err := writeJob(buf, j, ps, sink); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for _, j := range jobs {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			buf := bufs.Get().(*bytes.Buffer)
			defer bufs.Put(buf)
			return writeJob(buf, j, ps, sink)
		})
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	// The pages that show the sizes of the files, now all written.
	buf := bufs.Get().(*bytes.Buffer)
	defer bufs.Put(buf)
	for _, j := range late {
		if err := writeJob(buf, j, ps, sink); err != nil {
			return 0, err
		}
	}
	if err := r.failedTemplates(ps.failed); err != nil {
		return 0, err
	}
	return int(pages.Load()), nil
}

func writeJob(buf *bytes.Buffer, j job, ps *pass, sink Sink) error {
	if ss, ok := sink.(StreamSink); ok && j.stream != nil {
		return streamJob(j, ps, ss)
	}
	buf.Reset()
	if err := j.render(buf, ps); err != nil {
		if ps.failed != nil && isTemplateError(err) {
			ps.failed.add(err, j.name) // reported at the end
			return nil
		}
		return fmt.Errorf("rendering %s: %w", j.name, err)
	}
	if n := ps.pending[j.tmpl]; n != nil && n.Add(-1) == 0 {
		ps.frags.drop(j.tmpl) // the last page of its template
	}
	if err := sink.WriteFile(j.name, buf.Bytes()); err != nil {
		return err
	}
	ps.sizes.record(j.name, int64(buf.Len()))
	return nil
}

func streamJob(j job, ps *pass, sink StreamSink) error {
	f, err := sink.Create(j.name)
	if err != nil {
		return err
	}
	counted := &countingWriter{w: f}
	w := bufio.NewWriterSize(counted, 64<<10)
	if err := j.stream(w, ps); err != nil {
		f.Close()
		return fmt.Errorf("rendering %s: %w", j.name, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	ps.sizes.record(j.name, counted.n)
	return nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// jobs lists every file of the site, rendering none.
func (r *Renderer) jobs(s *site.Site) ([]job, []group) {
	// Room for every file but the timeline's few hundred: a page and three
	// citation files a case (tens of thousands: growing the list would copy
	// it over and over).
	jobs := make([]job, 0, len(r.assets)+16+4*len(s.Cases)+len(s.Entities)+len(s.Pages)+
		len(s.Tags)+len(s.Services)+len(s.Actions)+2*len(s.Redirects))
	for _, a := range r.assets {
		jobs = append(jobs, job{name: a.out, fn: func(b *bytes.Buffer, _ *pass) error { b.Write(a.data); return nil }})
	}
	page := func(name, tmpl string, p *pageSpec) {
		p.Site = s
		p.Path = s.BasePath + strings.TrimSuffix(name, "index.html")
		p.titled()
		jobs = append(jobs, job{name: name, tmpl: tmpl, fn: func(b *bytes.Buffer, ps *pass) error {
			return r.page(b, tmpl, p, ps)
		}})
	}
	// The pages of the sources are planned from the number of works,
	// counted meanwhile (a dev server plans every rebuild); the works
	// themselves are gathered once, when the first page is written.
	nWorks := make(chan int, 1)
	go func() { nWorks <- s.CitedWorks() }()
	timeline := make(chan []job, 1) // planned meanwhile too
	go func() { timeline <- r.timelineJobs(s) }()
	page("index.html", "home", &pageSpec{Title: s.Config.Title, Description: s.Config.Description, Cases: s.Cases[:min(len(s.Cases), 6)]})
	page("404.html", "404", &pageSpec{Title: "Page not found", NoIndex: true})
	paginate(s.BasePath, "cases/", len(s.Cases), tablePerPage, func(name string, lo, hi int, pg *Pager) {
		page(name, "cases", &pageSpec{Title: pagedTitle("All cases", pg), Kind: "cases", Cases: s.Cases[lo:hi], Scripts: []string{"cases.js"}, Pager: pg})
	})
	for _, c := range s.Cases {
		page("cases/"+c.Slug+"/index.html", "case", &pageSpec{Case: c, Scripts: []string{"cite.js"}})
	}
	page("entities/index.html", "list", &pageSpec{Title: "Entities", Kind: "entities"})
	for _, e := range s.Entities {
		page("entities/"+e.Slug+"/index.html", "entity", &pageSpec{Entity: e, Scripts: []string{"cite.js"}})
		if hasCaseList(e) {
			cases := e.Cases()
			paginate(s.BasePath, entityCasesDir(e), len(cases), perPage, func(name string, lo, hi int, pg *Pager) {
				page(name, "list", &pageSpec{Title: pagedTitle("Cases involving "+e.Name, pg), Kind: "entitycases", Parent: e, Cases: cases[lo:hi], Pager: pg})
			})
		}
	}
	linked := func(t site.Target, from []site.Target) {
		if len(from) <= maxEntityList {
			return
		}
		paginate(s.BasePath, backlinksDir(s, t), len(from), linksPerPage, func(name string, lo, hi int, pg *Pager) {
			page(name, "list", &pageSpec{Title: pagedTitle("Pages linking to "+t.Label(), pg), Kind: "backlinks", Parent: t, Links: from[lo:hi], Pager: pg})
		})
	}
	for _, c := range s.Cases {
		linked(c, c.LinkedFrom)
	}
	for _, e := range s.Entities {
		linked(e, e.LinkedFrom)
	}
	for _, p := range s.Pages {
		if p.Slug == site.HomeSlug {
			continue // shown on the home page
		}
		page(p.Slug+"/index.html", "page", &pageSpec{Free: p})
	}
	terms := []struct {
		dir, title, kind string
		list             []*site.Term
	}{{"tags", "Tags", "tag", s.Tags}, {"services", "Services", "service", s.Services}, {"actions", "Actions", "action", s.Actions}}
	for _, t := range terms {
		page(t.dir+"/index.html", "list", &pageSpec{Title: t.title, Kind: t.dir, Terms: t.list})
		for _, term := range t.list {
			paginate(s.BasePath, t.dir+"/"+term.Slug+"/", len(term.Cases), perPage, func(name string, lo, hi int, pg *Pager) {
				page(name, "list", &pageSpec{Title: pagedTitle(termTitle(t.kind, term.Slug), pg), Kind: t.kind, Term: term, Cases: term.Cases[lo:hi], Pager: pg})
			})
		}
	}
	for _, rd := range s.Redirects {
		name := strings.TrimPrefix(rd.From, s.BasePath) + "index.html"
		page(name, "404", &pageSpec{Redirect: rd.To, NoIndex: true})
	}
	if _, draw := r.socialImage(s); draw {
		jobs = append(jobs, job{name: "static/" + socialName, fn: func(b *bytes.Buffer, _ *pass) error {
			data, err := drawSocial(s.Config.Title)
			b.Write(data)
			return err
		}})
	}
	jobs = append(jobs, r.headersJob(s.BasePath))
	jobs = append(jobs, dataJobs(s)...)
	searchPage, searchIndex := r.searchJobs(s)
	jobs = append(jobs, searchPage)
	jobs = appendCiteJobs(jobs, s)
	jobs = append(jobs, <-timeline...)
	works := &lazyWorks{s: s}
	paginate(s.BasePath, "sources/", <-nWorks, worksPerPage, func(name string, lo, hi int, pg *Pager) {
		page(name, "sources", &pageSpec{Title: pagedTitle("Sources", pg), Kind: "sources", WorksFrom: lo, WorksTo: hi, AllWorks: works, Pager: pg})
	})
	jobs = append(jobs, r.dataPageJob(s, jobs))
	jobs = append(jobs, r.rootJobs()...)
	return jobs, []group{searchIndex, sitemapGroup(sitemapMaxURLs)}
}

// pagedTitle is the title of a page of a list: the list's, and which page
// after the first.
func pagedTitle(title string, pg *Pager) string {
	if pg == nil || pg.Number == 1 {
		return title
	}
	return title + " (page " + strconv.Itoa(pg.Number) + " of " + strconv.Itoa(pg.Count) + ")"
}

// entityCasesDir is the folder of the full list of an entity's cases.
func entityCasesDir(e *site.Entity) string { return "entities/" + e.Slug + "/cases/" }

func termTitle(kind, slug string) string {
	switch kind {
	case "action":
		return "Cases with the action “" + ActionLabel(slug) + "”"
	case "service":
		return "Cases involving the service “" + slug + "”"
	}
	return "Cases tagged “" + slug + "”"
}

// pageSpec is a page as jobs plans it; page makes its view (Page). Exactly one of its content fields
// (Case, Entity, Free, Term, ...) is set, depending on the page.
type pageSpec struct {
	Site        *site.Site
	Path        string // root-relative URL of the page
	Title       string
	Description string
	NoIndex     bool

	Case     *site.Case
	Entity   *site.Entity
	Free     *site.Page
	Term     *site.Term
	Terms    []*site.Term
	Kind     string // for list pages: cases, entities, tags, tag, ...
	Cases    []*site.Case
	Redirect site.Target
	Scripts  []string // static scripts the page loads (progressive enhancement only)
	// Timeline is set on the timeline pages.
	Timeline *TimelineView
	// Pager is set on a page of a list cut into pages (paginate).
	Pager *Pager
	// Parent is the page a list belongs to (an entity, for the full list
	// of its cases).
	Parent site.Target
	// Links is a list of pages (the pages linking to Parent).
	Links []site.Target
	// WorksFrom and WorksTo are the cited works a page of the sources
	// shows, of AllWorks.
	WorksFrom, WorksTo int
	AllWorks           *lazyWorks
	// Data is the data page's list of files.
	Data *DataView
}

// perPage is the most cases a page of a list of cases shows, and
// linksPerPage the most links a page of a list of links (about the same
// bytes): the rest are on .../page/2/ and after.
const (
	perPage      = 100
	linksPerPage = 500
	// tablePerPage is the most rows a page of the table of all cases has
	// (about 0.8 MB): its filters work on the rows of the page, so it
	// keeps a casebook of a thousand cases on one page.
	tablePerPage = 1000
	// worksPerPage is the most cited works a page of the sources shows
	// (about 125 KB).
	worksPerPage = 250
)

// Pager is where a page stands in a list cut into pages: page Number of
// Count, showing items First to Last (1-based) of Total, with the URLs of
// the pages before and after ("" at the ends). Page 1 is the list's own
// address, page n its page/n/.
type Pager struct {
	Number, Count      int
	First, Last, Total int
	Prev, Next         string
}

// paginate calls page for each page of a list of n items at dir (a folder
// of the site, ending in "/"): its file name, the items it shows
// (lo to hi) and its pager; a list of one page has no pager.
func paginate(basePath, dir string, n, per int, page func(name string, lo, hi int, pg *Pager)) {
	count := max(1, (n+per-1)/per)
	url := func(i int) string {
		if i == 1 {
			return basePath + dir
		}
		return basePath + dir + "page/" + strconv.Itoa(i) + "/"
	}
	for i := 1; i <= count; i++ {
		lo, hi := (i-1)*per, min(n, i*per)
		name := strings.TrimPrefix(url(i), basePath) + "index.html"
		if count == 1 {
			page(name, lo, hi, nil)
			return
		}
		pg := &Pager{Number: i, Count: count, First: lo + 1, Last: hi, Total: n}
		if i > 1 {
			pg.Prev = url(i - 1)
		}
		if i < count {
			pg.Next = url(i + 1)
		}
		page(name, lo, hi, pg)
	}
}

// titled sets the title and description of the page of a case, an entity,
// a free page or a redirect from what it shows.
func (p *pageSpec) titled() {
	switch {
	case p.Case != nil:
		p.Title, p.Description = p.Case.Title, p.Case.Summary
	case p.Entity != nil:
		p.Title, p.Description = p.Entity.Name, p.Entity.Summary
	case p.Free != nil:
		p.Title, p.Description = p.Free.Title, p.Free.Summary
	case p.Redirect != nil:
		p.Title = p.Redirect.Label()
	}
}
