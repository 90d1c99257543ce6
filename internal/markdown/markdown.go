// Package markdown turns the Markdown body of a casebook content file into a
// parsed document and renders it to safe HTML.
//
// It is CommonMark plus GFM tables, strikethrough, task lists and linkify,
// footnotes, definition lists and a typographer, extended with the casebook
// syntax:
//
//	Cloudflare cut the site off [see @cf-blog-2017, p. 3; @nyt-2017].
//	It kept serving [[kiwi-farms#aftermath|Kiwi Farms]] for years,
//	see also [Cloudflare](../entities/cloudflare.md).
//
// Parsing and rendering are two steps, so that the site can validate every
// citation and link (with positions) before anything is written. Parse
// renders the body once, but for the parts that depend on the site (a
// linked page's URL and title, a cited source's number), which Render
// writes (see parts.go):
//
//	md := markdown.New() // once per build; safe for concurrent use
//	doc := md.Parse("content/cases/x.md", body, "en")
//	for c := range doc.Citations() {
//		// check c.Key at c.Pos
//	}
//	err := md.Render(w, doc, resolver) // resolver numbers sources, finds slugs
//
// Rendering never passes raw HTML through (it is shown as text), drops links
// with a scheme other than http, https or mailto, highlights fenced code with
// chroma CSS classes (see CSS) and gives every heading a unique,
// Unicode-aware id (see HeadingID) with a visible self-link.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"unique"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"

	"github.com/casebook/casebook/internal/diag"
)

// Markdown holds the goldmark parsers (one per typographer language) and the
// renderer, built once by New. It is immutable and safe for concurrent use.
type Markdown struct {
	parsers   map[string]parser.Parser // by base language: "en", "fr"
	renderer  renderer.Renderer
	writers   sync.Pool // of *bufio.Writer, reused by Render
	recorders sync.Pool // of *recorder, reused by Parse
	maxHTML   int       // maxBodyHTML, but in tests
}

// Option configures New.
type Option func(*options)

type options struct {
	reserved map[string]bool
}

// WithReservedIDs names ids that the page around a body already uses (its
// "sources" or "related" sections, say): a heading whose id would be one of
// them gets a suffix instead ("sources-1"), so every id of a page is unique.
func WithReservedIDs(ids ...string) Option {
	return func(o *options) {
		for _, id := range ids {
			o.reserved[id] = true
		}
	}
}

// New builds the goldmark instances with every casebook extension.
func New(opts ...Option) *Markdown {
	o := options{reserved: map[string]bool{}}
	for _, opt := range opts {
		opt(&o)
	}
	m := &Markdown{parsers: map[string]parser.Parser{}, maxHTML: maxBodyHTML}
	for lang, subs := range typography {
		gm := goldmark.New(goldmark.WithExtensions(extensions(subs, o.reserved)...))
		m.parsers[lang] = gm.Parser()
		if lang == defaultLang {
			m.renderer = gm.Renderer()
		}
	}
	return m
}

// defaultLang is the typographer language of pages in other languages.
const defaultLang = "en"

// parser returns the parser for a page language such as "fr" or "fr-CA".
func (m *Markdown) parser(lang string) parser.Parser {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	base, _, _ = strings.Cut(base, "_")
	if p, ok := m.parsers[base]; ok {
		return p
	}
	return m.parsers[defaultLang]
}

// Doc is a parsed Markdown body with what the site needs to check it.
//
// Document order is the order of the rendered page: footnote texts come
// after the body, wherever they are in the file, and footnotes that are
// never referenced (so not rendered) contribute nothing.
type Doc struct {
	File     string
	Headings []Heading // every heading in document order, with its final unique id
	Keys     []string  // distinct citation keys in order of first use
	Quotes   []Quote   // every quotation of four words or more, in document order
	// Placeholders are the <Text in angle brackets> left to replace, in
	// document order: the build reports them, as warnings in a draft and
	// as errors in a file to publish (see content.PlaceholderDiag).
	Placeholders []Placeholder
	Diags        diag.List // problems found while parsing

	// The syntax tree is not kept: it takes about four times the bytes of
	// the source. Parse renders the body from it once: its HTML but for
	// the parts that depend on the site (see parts.go).
	html, parts []byte
	// The citations and links, as byte strings (refs.go): see Citations
	// and Links.
	cites, links []byte
	src          []byte // the source, while Parse reads it
	text         string // see Text
	released     bool   // see ReleaseHTML
	refused      bool   // the guard refused the body (see guard): it was not parsed
}

// Heading is a heading of a document.
type Heading struct {
	Level int    // 1 to 6
	ID    string // unique within the document
	Text  string // plain text
	Pos   diag.Pos
}

// Citation is one citation of a source, `@key` in `[see @key, p. 3]`.
//
// A build keeps the citations of every body until the site is resolved: the
// text around a key (its prefix and locator) is in the body's rendering and
// not kept here.
type Citation struct {
	Key string
	Occ int // 0-based occurrence index of Key in the document
	Pos diag.Pos
}

// LinkKind tells how a link to another content file was written.
type LinkKind int

// The link kinds.
const (
	Wiki     LinkKind = iota // [[slug#fragment|label]]
	Relative                 // [label](../entities/slug.md#fragment)
)

// String returns "wiki" or "relative".
func (k LinkKind) String() string {
	if k == Relative {
		return "relative"
	}
	return "wiki"
}

// Link is a link to a case, entity or page of the site. A build keeps the
// links of every body until the site is resolved, which reads their slugs,
// fragments and positions; the label is in the body's rendering.
type Link struct {
	Slug     string
	Fragment string // heading id (already normalised with HeadingID), or ""
	Kind     LinkKind
	Pos      diag.Pos
}

// Resolver looks up what a document refers to. The site implements it.
type Resolver interface {
	// Link returns the URL and title of the case, entity or page slug;
	// fragment is an already normalised heading id or "" and is not part of
	// href. ok is false if slug is unknown.
	Link(slug, fragment string) (href, title string, ok bool)
	// Cite returns the 1-based number of source key in the page's source
	// list; ok is false if key is unknown.
	Cite(key string) (n int, ok bool)
}

// Parse parses body, the Markdown of file with its front matter replaced by
// as many newlines, so that offsets map to the file's lines. lang is the
// page language ("en", "fr", ...); it selects the typographer. Parse never
// fails: problems are reported in Doc.Diags.
func (m *Markdown) Parse(file string, body []byte, lang string) *Doc {
	d := &Doc{File: file, src: body}
	defer func() { d.src = nil }()
	lines := newLineIndex(body)
	pos := func(offset int) diag.Pos { return lines.pos(file, offset) }
	if p := guard(body); p != nil {
		// Not parsed: it would take too long. Render writes nothing.
		d.Diags.Add(p.at(pos(p.offset)))
		d.refused = true
		return d
	}
	root, col := m.parse(body, lang)
	d.collect(root, pos)
	d.collectQuotes(root, pos)
	d.collectPlaceholders(root, pos)
	d.emptySections(root, pos)
	d.text = d.plainTextOf(root)
	m.renderParts(d, root, pos)
	for _, p := range col.diags {
		d.Diags.Add(p.at(pos(p.offset)))
	}
	d.Diags.Sort()
	return d
}

// collect fills the Headings, Citations, Keys and Links of d from its AST,
// numbering the occurrences of each citation key.
func (d *Doc) collect(root ast.Node, pos func(int) diag.Pos) {
	numberCitations(root)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			if _, kind := classifyURL(n.Destination); kind == urlExternal {
				d.Diags.Add(diag.Diagnostic{Pos: pos(n.Pos()), Severity: diag.Warning,
					Msg:  fmt.Sprintf("image %q is on another site: it is shown as a link", n.Destination),
					Hint: "the site loads nothing from other sites (its Content Security Policy allows images from itself only): copy the image into static/ and write ![…](/static/name.png)"})
			}
			return ast.WalkSkipChildren, nil // only its alt text is rendered
		case *ast.Heading:
			id, _ := headingID(n)
			d.Headings = append(d.Headings, Heading{
				Level: n.Level, ID: id, Text: plainText(n, d.src), Pos: pos(n.Pos()),
			})
		case *CitationGroup:
			for i := range n.Items {
				it := &n.Items[i]
				key := intern(it.Key)
				if it.Occ == 0 {
					d.Keys = append(d.Keys, key)
				}
				d.addCitation(key, it.Occ, pos(n.Pos()))
			}
		case *WikiLink:
			d.addLink(Link{Slug: n.Slug, Fragment: n.Fragment, Kind: n.LinkKind, Pos: pos(n.Pos())})
		}
		return ast.WalkContinue, nil
	})
	// A build keeps every document's lists until it ends: without the room
	// append left (a third of their bytes).
	d.Headings, d.Keys, d.cites, d.links = exact(d.Headings), exact(d.Keys), exact(d.cites), exact(d.links)
}

// Trim drops the headings, citations, keys and links of d, which resolving
// a site reads and rendering does not, and its diagnostics. A build that
// runs once calls it when the site is resolved: a third of what a parsed
// body keeps besides its rendering and text.
func (d *Doc) Trim() {
	d.Headings, d.cites, d.Keys, d.links, d.Quotes, d.Placeholders, d.Diags = nil, nil, nil, nil, nil, nil, nil
}

// ReleaseText drops the plain text of d (Text returns "" after it), and
// ReleaseHTML its rendering (Render fails after it). A build that renders a
// site once calls them as soon as the search index has read the text and
// the page has rendered the body: a large build need not hold every body
// until its end.
func (d *Doc) ReleaseText() { d.text = "" }

// ReleaseHTML: see ReleaseText.
func (d *Doc) ReleaseHTML() { d.html, d.parts, d.released = nil, nil, true }

// intern returns s as a string of its own, shared with every equal one: a
// slug, a fragment or a key is cut from the text of its link or citation,
// which it would otherwise keep whole, and the same few slugs and keys are
// written many times.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// exact returns s in an array of its length.
func exact[T any](s []T) []T {
	if len(s) == cap(s) {
		return s
	}
	return append(make([]T, 0, len(s)), s...)
}

// Render writes the HTML of d to w, numbering citations and resolving links
// with r (nil resolves nothing). It only reads d, so documents may be
// rendered concurrently, and more than once.
func (m *Markdown) Render(w io.Writer, d *Doc, r Resolver) error {
	if r == nil {
		r = noResolver{}
	}
	if d.released {
		return fmt.Errorf("markdown: %s: the rendering was released (Doc.ReleaseHTML) before Render", d.File)
	}
	if d.refused {
		return fmt.Errorf("markdown: %s: the body was refused (see Doc.Diags)", d.File)
	}
	switch w := w.(type) {
	case *bytes.Buffer: // writes to them cannot fail
		return writeParts(w, d.html, d.parts, r)
	case *strings.Builder:
		return writeParts(w, d.html, d.parts, r)
	}
	bw, _ := m.writers.Get().(*bufio.Writer)
	if bw == nil {
		bw = bufio.NewWriter(w)
	} else {
		bw.Reset(w)
	}
	defer func() {
		bw.Reset(nil) // hold no writer while pooled
		m.writers.Put(bw)
	}()
	if err := writeParts(bw, d.html, d.parts, r); err != nil {
		return err
	}
	return bw.Flush()
}

// renderParts renders the tree of d, its citations numbered, into d's HTML
// and parts; pos gives the position of a source offset.
func (m *Markdown) renderParts(d *Doc, root ast.Node, pos func(int) diag.Pos) {
	rec, _ := m.recorders.Get().(*recorder)
	if rec == nil {
		rec = new(recorder)
	}
	defer func() {
		if rec.Cap() <= 4<<20 { // a large body's buffer is not kept
			m.recorders.Put(rec)
		}
	}()
	rec.Reset()
	rec.parts, rec.last, rec.max, rec.over = rec.parts[:0], 0, m.maxHTML, false
	err := m.renderer.Render(rec, d.src, root)
	switch {
	case rec.over:
		start := len(d.src) - len(bytes.TrimLeft(d.src, "\n")) // the body's first line
		d.Diags.Add(diag.Errorf(pos(start), "the body renders to more than %d MB of HTML", m.maxHTML>>20).
			WithHint("a link definition, a footnote or an abbreviation used very many times multiplies the body: use it less often, or split the page"))
		d.refused = true
	case err != nil: // not reached: no node renderer fails
		d.Diags.Add(diag.Errorf(pos(0), "the body could not be rendered: %v", err))
		d.refused = true
	default:
		d.html, d.parts = bytes.Clone(rec.Bytes()), bytes.Clone(rec.parts)
	}
}

// numberCitations sets the Occ of every citation of a fresh tree: its
// occurrence among the citations of the same key, in document order (the
// alt text of images, which renders no citation, excluded).
func numberCitations(root ast.Node) {
	occ := map[string]int{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		case *CitationGroup:
			for i := range n.Items {
				n.Items[i].Occ = occ[n.Items[i].Key]
				occ[n.Items[i].Key]++
			}
		}
		return ast.WalkContinue, nil
	})
}

// parse returns the tree of a body and what our extensions collected while
// building it.
func (m *Markdown) parse(body []byte, lang string) (ast.Node, *collector) {
	col := &collector{}
	pc := parser.NewContext()
	pc.Set(collectorKey, col)
	return m.parser(lang).Parse(text.NewReader(body), parser.WithContext(pc)), col
}

// noResolver knows no slug and no source.
type noResolver struct{}

func (noResolver) Link(string, string) (string, string, bool) { return "", "", false }
func (noResolver) Cite(string) (int, bool)                    { return 0, false }

// lineIndex maps byte offsets of a source to lines and columns.
type lineIndex []int // offsets of the line starts

func newLineIndex(src []byte) lineIndex {
	starts := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// pos returns the 1-based line and byte column of offset in file; a
// negative offset (an unknown position) gives the whole file.
func (l lineIndex) pos(file string, offset int) diag.Pos {
	if offset < 0 {
		return diag.Pos{File: file}
	}
	line := sort.Search(len(l), func(i int) bool { return l[i] > offset }) // 1-based
	return diag.Pos{File: file, Line: line, Col: offset - l[line-1] + 1}
}

// collectorKey is the parser.Context key of the per-document collector.
var collectorKey = parser.NewContextKey()

// collector gathers what our parsers find in one document.
type collector struct {
	diags []pendingDiag
	seen  map[pendingDiag]bool
}

// pendingDiag is a diagnostic at a byte offset, positioned after parsing.
type pendingDiag struct {
	offset   int
	severity diag.Severity
	msg      string
	hint     string
}

func (p pendingDiag) at(pos diag.Pos) diag.Diagnostic {
	return diag.Diagnostic{Pos: pos, Severity: p.severity, Msg: p.msg, Hint: p.hint}
}

// report records an error at offset (once, should a parser run twice).
func report(pc parser.Context, offset int, severity diag.Severity, msg, hint string) {
	c, ok := pc.Get(collectorKey).(*collector)
	if !ok {
		return
	}
	p := pendingDiag{offset: offset, severity: severity, msg: msg, hint: hint}
	if c.seen == nil {
		c.seen = map[pendingDiag]bool{}
	}
	if !c.seen[p] {
		c.seen[p] = true
		c.diags = append(c.diags, p)
	}
}
