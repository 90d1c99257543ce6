// Package build runs the whole pipeline — load, parse, resolve, render — as
// one value that the CLI and the dev server share, and writes the result to
// an output folder safely: into a temp folder beside it, swapped in only when
// the whole build succeeded, the output's .git and site.yaml's keep: paths
// carried over (keep.go).
//
//	b := build.New(build.Options{SiteDir: "mysite"})
//	res, err := b.WriteDir(ctx, "mysite/public")
//	res.Diags.Format(os.Stderr)
//
// A Build keeps between runs only caches of what does not depend on other
// files (each file's decoded front matter and parsed body, checked against
// its bytes, and what resolving derives from each file alone: site.Cache);
// running it twice gives byte-identical output, and every run resolves a new
// site, never changing one it returned before. Build.Lazy stops before
// rendering, for the dev server, which renders pages as they are asked for.
package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
	"golang.org/x/sync/errgroup"
)

// Options configure a build.
type Options struct {
	SiteDir string // the site root on disk; used for Site when that is nil, and to check the output folder
	Site    fs.FS  // the site root; tests pass an fstest.MapFS
	Drafts  bool   // include drafts (cases, entities and pages marked draft: true)
	BaseURL string // overrides site.yaml's base_url, and Config's
	// Config is the path of a configuration overlay laid over site.yaml
	// (casebook build -config FILE; see content.Overlay), read at every
	// run; messages name it as given.
	Config string
	Git    bool // require the git history of the cases and entities (used anyway when SiteDir is a full git checkout)
	// Once says the Build runs once (casebook build): it keeps no loaded
	// file or parsed body for a later run, and drops what a large build
	// would otherwise hold to its end: once the site is resolved, what only
	// resolving reads (each body's headings, citations and links), and
	// while rendering, each body's text once indexed and each case's body
	// once its page is written (render.Renderer.RenderOnce).
	Once bool
	// Waiting, when set, is called once when WriteDir has to wait for
	// another build writing to the same place (casebook build says so).
	Waiting func()
}

// Build is a configured pipeline. It is safe to Run it several times; runs
// after the first re-parse only the files whose body changed.
type Build struct {
	opt      Options
	files    *content.Cache     // decoded files of the last run
	cache    *docCache          // guards md and reserved too
	md       *markdown.Markdown // set by useTheme
	reserved string             // the ids md reserves, joined
	resolver *site.Cache        // each file's own work, for the next Resolve; nil with Once
	// Kept from the last Lazy run for the next, guarded by cache.mu: the
	// renderer of its theme, and the commits read from git at a HEAD.
	theme   themeCache
	commits commitCache
	// For the tests of WriteDir: use the two-rename swap, and a hook
	// called at each step of the swap and the clean-up.
	twoRenames bool
	stepHook   func(step string)
}

// themeCache is a parsed theme and what it was parsed from.
type themeCache struct {
	sum [sha256.Size]byte // of the site's own templates/ and static/ files
	md  *markdown.Markdown
	r   *render.Renderer
}

// themeID finds the literal ids of a theme's templates (id="sources").
var themeID = regexp.MustCompile(`\bid="([A-Za-z0-9_-]+)"`)

// useTheme makes sure the Markdown converter reserves the ids that the
// theme's templates use, so that no heading of a body takes one. When they
// change (a template was edited), the converter is rebuilt and the parse
// cache dropped.
func (b *Build) useTheme(theme fs.FS) {
	var ids []string
	for _, pattern := range []string{"templates/*.html", "templates/partials/*.html"} {
		names, _ := fs.Glob(theme, pattern)
		for _, name := range names {
			data, err := fs.ReadFile(theme, name)
			if err != nil {
				continue
			}
			for _, m := range themeID.FindAllSubmatch(data, -1) {
				ids = append(ids, string(m[1]))
			}
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	key := strings.Join(ids, " ")
	b.cache.mu.Lock()
	defer b.cache.mu.Unlock()
	if b.md != nil && key == b.reserved {
		return
	}
	b.md, b.reserved = markdown.New(markdown.WithReservedIDs(ids...)), key
	b.cache.docs = map[string]cachedDoc{}
}

func (b *Build) markdown() *markdown.Markdown {
	b.cache.mu.Lock()
	defer b.cache.mu.Unlock()
	return b.md
}

// docCache keeps the parsed body of each file between runs, keyed by path
// and checked against a hash of the body and the page language. A parsed
// Doc is never changed after parsing, so it can be shared between runs.
type docCache struct {
	mu   sync.Mutex
	docs map[string]cachedDoc
}

type cachedDoc struct {
	file *content.File // the loaded file the doc was parsed from
	sum  [sha256.Size]byte
	lang string
	doc  *markdown.Doc
}

// New returns a Build for opt.
func New(opt Options) *Build {
	if opt.Site == nil {
		opt.Site = os.DirFS(opt.SiteDir)
	}
	b := &Build{opt: opt, files: &content.Cache{}, cache: &docCache{docs: map[string]cachedDoc{}}}
	if !opt.Once {
		b.resolver = &site.Cache{}
	}
	return b
}

// OnlyChanged promises that, of the site's content files, at most those at
// paths (slash paths from the site root) have changed, been added or been
// removed since the last run: the next run takes the others as they were
// without looking at them or listing their folders (see
// content.Cache.OnlyChanged). The dev server's watcher makes this promise.
func (b *Build) OnlyChanged(paths []string) { b.files.OnlyChanged(paths) }

// Result is the outcome of a run.
type Result struct {
	Site     *site.Site // nil when content could not be resolved
	Diags    diag.List  // every problem found, sorted
	Pages    int        // HTML pages written
	Duration time.Duration
	Stats    Stats // time and allocation per stage, and counts
}

// AddStage records a stage run after Run, such as check's link check, so
// that the summary's time counts it.
func (r *Result) AddStage(st Stage) {
	r.Stats.Stages = append(r.Stats.Stages, st)
	r.Duration += st.Duration
}

// OK reports whether the run found no content errors.
func (r *Result) OK() bool { return !r.Diags.HasErrors() }

// Summary returns the one-line report of a run: "built 18 cases, 74
// entities, 412 pages (530 files, 9.8 MB) in 0.21s", or "3 errors in 2
// files".
func (r *Result) Summary(verb string) string {
	if !r.OK() {
		return r.Diags.Summary()
	}
	s := fmt.Sprintf("%s %d cases, %d entities, %d pages", verb, len(r.Site.Cases), len(r.Site.Entities), r.Pages)
	if r.Stats.Files > 0 {
		s += fmt.Sprintf(" (%d files, %.1f MB)", r.Stats.Files, float64(r.Stats.Bytes)/1e6)
	}
	s += fmt.Sprintf(" in %.2fs", r.Duration.Seconds())
	if n := r.Diags.Warnings(); n > 0 {
		s += fmt.Sprintf(" (%s)", r.Diags.Summary())
	}
	return s
}

// Run loads, parses and resolves the site and, when the content has no
// errors, renders every file into sink (which may be nil: check mode). The
// error is for failures of the tool or the theme, not of the content.
func (b *Build) Run(ctx context.Context, sink render.Sink) (*Result, error) {
	res, r, clock, err := b.prepare(ctx, sink != nil, false)
	if err != nil || !res.OK() {
		return res, err
	}
	wrote := sink != nil
	if !wrote {
		sink = discard{} // check: render everything, write nothing
	}
	counted, countingSink := newStatSink(sink)
	renderAll := r.Render
	if b.opt.Once {
		renderAll = r.RenderOnce
	}
	if res.Pages, err = renderAll(ctx, res.Site, countingSink); err != nil {
		var pe *render.PlanError
		switch {
		case errors.As(err, &pe):
			res.Diags.Add(pe.Diags...) // nothing was written
			res.Diags.Sort()
		case !b.templateDiags(err, res):
			return nil, err
		}
		res.Pages = 0
		res.Duration = res.Stats.Total()
		return res, nil
	}
	if wrote {
		counted.record(&res.Stats)
	}
	clock.lap("render")
	res.Duration = res.Stats.Total()
	return res, nil
}

// Lazy runs the pipeline up to rendering and returns, when the content has
// no errors, the site's files to be rendered as they are asked for: the dev
// server's way of showing an edit at once, whatever the size of the site.
// Result.Pages counts the pages to be rendered.
//
// Each call returns a new site and a new Lazy; those of earlier calls are
// never changed, so they can go on serving while Lazy runs.
func (b *Build) Lazy(ctx context.Context) (*Result, *render.Lazy, error) {
	res, r, clock, err := b.prepare(ctx, true, true)
	if err != nil || !res.OK() {
		return res, nil, err
	}
	l := r.Lazy(res.Site)
	if d := l.Diags(); len(d) > 0 {
		res.Diags.Add(d...)
		res.Diags.Sort()
		res.Duration = res.Stats.Total()
		return res, nil, nil
	}
	res.Pages = l.Pages()
	clock.lap("plan")
	res.Duration = res.Stats.Total()
	return res, l, nil
}

// prepare loads, parses and resolves the site and, when the content has no
// errors and rendering is set, parses the theme. The clock it returns is
// timing the next stage, which parsing the theme starts.
//
// Resolving goes through the Build's site.Cache (none with Once), which
// does again only the work of the files that changed since the last run;
// the commits of the cases are read from git before resolving (see
// commitsFor), when loading and parsing found no error.
func (b *Build) prepare(ctx context.Context, rendering, update bool) (*Result, *render.Renderer, *clock, error) {
	res := &Result{}
	clock := startClock(&res.Stats)
	// The site's own templates and static files are read only when none is
	// a link, a special file or too large: nothing from outside the site
	// may reach the output or a message.
	var themeDiags diag.List
	top := b.opt.Site
	templatesOK := content.CheckTree(b.opt.Site, "templates", content.MaxTemplateSize, &themeDiags)
	staticOK := content.CheckTree(b.opt.Site, "static", content.MaxStaticSize, &themeDiags)
	rootOK := checkRoot(b.opt.Site, &themeDiags)
	if !templatesOK || !staticOK || !rootOK {
		top = emptyFS{} // the build fails; the default theme keeps the parse going
	}
	theme := overlay{top: top, bottom: casebook.Theme()}
	b.useTheme(theme)
	cache := b.files
	if b.opt.Once {
		cache = nil // its files would lose their bodies (parse)
	}
	files, cfg, diags := content.LoadCached(b.opt.Site, cache)
	diags.Add(themeDiags...)
	cfg = b.overlay(cfg, &diags)
	res.Stats.Inputs = len(files)
	clock.lap("load")
	docs, err := b.parse(ctx, files, cfg.Language, &res.Stats.Parsed)
	if err != nil {
		return nil, nil, nil, err
	}
	for i, d := range docs {
		diags.Add(d.Diags...)
		for _, p := range d.Placeholders { // a warning in a draft, an error in a file to publish
			diags.Add(content.PlaceholderDiag(p.Pos, "", p.Text, files[i].Draft()))
		}
	}
	clock.lap("parse")
	opt := site.Options{Drafts: b.opt.Drafts, BaseURL: b.opt.BaseURL, Today: content.Today(time.Now())}
	if !diags.HasErrors() {
		if opt.History, err = b.commitsFor(ctx, rendering, update, &res.Stats.Commits); err != nil {
			return nil, nil, nil, err
		}
		if b.opt.SiteDir != "" && (rendering || b.opt.Git) {
			clock.lap("commits")
		}
	}
	var s *site.Site
	var more diag.List
	if b.resolver != nil {
		s, more = b.resolver.Resolve(cfg, files, docs, opt)
		res.Stats.Resolved = b.resolver.Made()
	} else {
		s, more = site.Resolve(cfg, files, docs, opt)
		res.Stats.Resolved = len(files)
	}
	diags.Add(more...)
	diags.Sort()
	res.Site, res.Diags = s, diags
	if b.opt.Once && !update {
		for _, d := range docs {
			if d != nil {
				d.Trim()
			}
		}
	}
	clock.lap("resolve")
	if diags.HasErrors() {
		res.Duration = res.Stats.Total()
		return res, nil, nil, nil
	}
	r, err := b.renderer(theme, update, &res.Stats.Theme)
	if err != nil {
		if !b.templateDiags(err, res) {
			return nil, nil, nil, err
		}
		res.Duration = res.Stats.Total()
		return res, nil, nil, nil
	}
	return res, r, clock, nil
}

// templateDiags adds to res the diagnostics of err when it is a
// *render.TemplateError (a template of the theme does not parse, or
// failed on a page), and reports whether it was. A template that is not
// the site's own is the default theme's, which a template of the site or
// the site's content made fail: the hint says so.
func (b *Build) templateDiags(err error, res *Result) bool {
	var te *render.TemplateError
	if !errors.As(err, &te) {
		return false
	}
	for _, d := range te.Diags {
		if _, err := fs.Stat(b.opt.Site, d.Pos.File); err != nil && d.Pos.File != "" {
			d.Hint += fmt.Sprintf(" (%s is the default theme's: what made it fail may be a template of this site that it calls)", d.Pos.File)
		}
		res.Diags.Add(d)
	}
	res.Diags.Sort()
	return true
}

// renderer parses the theme or, with update set, reuses the renderer of the
// last run when the site's own templates and static files have the same
// bytes (the built-in theme never changes); *kept tells which.
func (b *Build) renderer(theme fs.FS, update bool, kept *bool) (*render.Renderer, error) {
	md := b.markdown()
	if !update {
		return render.New(theme, md)
	}
	sum := themeSum(b.opt.Site)
	b.cache.mu.Lock()
	tc := b.theme
	b.cache.mu.Unlock()
	if tc.r != nil && tc.md == md && tc.sum == sum {
		*kept = true
		return tc.r, nil
	}
	r, err := render.New(theme, md)
	if err != nil {
		return nil, err
	}
	b.cache.mu.Lock()
	b.theme = themeCache{sum: sum, md: md, r: r}
	b.cache.mu.Unlock()
	return r, nil
}

// themeSum hashes the path and bytes of every file below templates/,
// static/ and root/ in the site root.
func themeSum(fsys fs.FS) [sha256.Size]byte {
	h := sha256.New()
	for _, dir := range []string{"templates", "static", render.RootDir} {
		fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil // an absent folder is an empty one; an unreadable file fails render.New
			}
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil
			}
			fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
			h.Write(data)
			return nil
		})
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// parse converts every body in parallel, keeping the order of files; bodies
// unchanged since the last run come from the cache. It counts the bodies it
// parsed in *parsed.
func (b *Build) parse(ctx context.Context, files []*content.File, lang string, parsed *int) ([]*markdown.Doc, error) {
	docs := make([]*markdown.Doc, len(files))
	sums := make([][sha256.Size]byte, len(files))
	b.cache.mu.Lock()
	old, md := b.cache.docs, b.md
	b.cache.mu.Unlock()
	var n atomic.Int64
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range files {
		c, ok := old[f.Path]
		if ok && c.file == f && c.lang == lang { // the load cache gave the same file
			sums[i], docs[i] = c.sum, c.doc
			continue
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if !b.opt.Once { // the hash is only for the cache
				sums[i] = sha256.Sum256(f.Body)
			}
			if ok && c.sum == sums[i] && c.lang == lang {
				docs[i] = c.doc
				return nil
			}
			docs[i] = md.Parse(f.Path, f.Body, lang)
			if b.opt.Once {
				f.Body = nil // the document holds its rendering instead, until it is released (render.Renderer.RenderOnce)
			}
			n.Add(1)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	*parsed = int(n.Load())
	if b.opt.Once {
		return docs, nil // nothing kept: Trim changes the documents
	}
	fresh := make(map[string]cachedDoc, len(files))
	for i, f := range files {
		fresh[f.Path] = cachedDoc{file: f, sum: sums[i], lang: lang, doc: docs[i]}
	}
	b.cache.mu.Lock()
	b.cache.docs = fresh
	b.cache.mu.Unlock()
	return docs, nil
}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// MemSink collects the files of a build in memory (for tests). It is safe
// for concurrent use.
type MemSink struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// WriteFile stores a copy of data under name.
func (m *MemSink) WriteFile(name string, data []byte) error {
	data = slices.Clone(data)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = map[string][]byte{}
	}
	m.Files[name] = data
	return nil
}
