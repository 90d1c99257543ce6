package markdown

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// typography holds the typographer substitutions of each language Parse
// knows (others use "en"). Typographic characters are written as they are,
// not as entities, so the plain text of a document needs no decoding.
var typography = map[string]map[extension.TypographicPunctuation]string{
	"en": {
		extension.LeftSingleQuote:  "‘",
		extension.RightSingleQuote: "’",
		extension.LeftDoubleQuote:  "“",
		extension.RightDoubleQuote: "”",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
		extension.LeftAngleQuote:   "«",
		extension.RightAngleQuote:  "»",
		extension.Apostrophe:       "’",
	},
	"fr": { // « guillemets » with no-break spaces inside
		extension.LeftSingleQuote:  "‹\u00a0",
		extension.RightSingleQuote: "\u00a0›",
		extension.LeftDoubleQuote:  "«\u00a0",
		extension.RightDoubleQuote: "\u00a0»",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
		extension.LeftAngleQuote:   "«\u00a0",
		extension.RightAngleQuote:  "\u00a0»",
		extension.Apostrophe:       "’",
	},
}

// extensions returns the goldmark extensions of a parser whose
// typographer uses subs.
func extensions(subs map[extension.TypographicPunctuation]string, reserved map[string]bool) []goldmark.Extender {
	return []goldmark.Extender{
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		extension.Strikethrough,
		extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:"})),
		extension.TaskList,
		extension.NewFootnote(),
		extension.DefinitionList,
		extension.NewTypographer(extension.WithTypographicSubstitutions(subs)),
		casebook{reserved: reserved},
		paragraphAnchors{},
	}
}

// casebook is the goldmark extension of the casebook syntax: citations,
// wiki links, relative links to content files, heading ids, highlighting
// and safe HTML.
type casebook struct {
	reserved map[string]bool // ids headings must not take
}

// Extend implements goldmark.Extender.
func (c casebook) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(
			// Before goldmark's link parser (200).
			util.Prioritized(wikiLinkParser{}, 110),
			util.Prioritized(citationParser{}, 120),
		),
		parser.WithASTTransformers(
			// After the footnote transformer (999), which moves footnotes to
			// the end: ids are given in the order of the page.
			util.Prioritized(relativeLinkTransformer{}, 1000),
			util.Prioritized(headingIDTransformer{reserved: c.reserved}, 1001),
		),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// Before goldmark's HTML renderer (1000) and extensions (500).
		util.Prioritized(newNodeRenderer(), 100),
	))
}

// nodeRenderer writes our nodes, and goldmark's where we differ. It is
// immutable: the resolver of a Render call comes with its writer.
type nodeRenderer struct {
	code         *highlighter
	table        renderer.NodeRendererFunc // goldmark's, wrapped
	footnoteLink renderer.NodeRendererFunc // goldmark's, wrapped
}

func newNodeRenderer() *nodeRenderer {
	r := &nodeRenderer{code: newHighlighter()}
	funcs := funcMap{}
	extension.NewTableHTMLRenderer(
		extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute),
	).RegisterFuncs(funcs)
	extension.NewFootnoteHTMLRenderer().RegisterFuncs(funcs)
	r.table = funcs[east.KindTable]
	r.footnoteLink = funcs[east.KindFootnoteLink]
	return r
}

// funcMap collects the functions a goldmark node renderer registers.
type funcMap map[ast.NodeKind]renderer.NodeRendererFunc

func (m funcMap) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { m[k] = f }

// RegisterFuncs implements renderer.NodeRenderer.
func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCitation, renderCitation)
	reg.Register(KindWikiLink, renderWikiLink)
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(ast.KindFencedCodeBlock, r.code.renderFencedCode)
	reg.Register(ast.KindCodeBlock, r.code.renderCodeBlock)
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindImage, renderImage)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(east.KindTable, r.renderTable)
	reg.Register(east.KindFootnoteLink, r.renderFootnoteLink)
}

// renderTable wraps tables for horizontal scrolling on narrow screens, in a
// focusable region (so keyboard users can scroll it) named by the table's
// number in the document (landmark names must be unique on a page):
//
//	<section class="table-wrap" tabindex="0" aria-label="Table 2"><table>...</table></section>
func (r *nodeRenderer) renderTable(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = fmt.Fprintf(w, `<section class="table-wrap" tabindex="0" aria-label="Table %d">`+"\n", ordinal(n, east.KindTable))
	}
	s, err := r.table(w, source, n, entering)
	if !entering {
		_, _ = w.WriteString("</section>\n")
	}
	return s, err
}

// ordinal returns the 1-based position of n among the nodes of its
// document of the given kinds (which do not nest), in document order.
func ordinal(n ast.Node, kinds ...ast.NodeKind) int {
	root := n
	for root.Parent() != nil {
		root = root.Parent()
	}
	count, number := 0, 0
	_ = ast.Walk(root, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || !slices.Contains(kinds, m.Kind()) {
			return ast.WalkContinue, nil
		}
		count++
		if m == n {
			number = count
			return ast.WalkStop, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return number
}

// renderFootnoteLink writes a footnote reference inside a link without its
// own link (links do not nest), keeping the id footnotes link back to.
func (r *nodeRenderer) renderFootnoteLink(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !insideLink(n) {
		return r.footnoteLink(w, source, n, entering)
	}
	if entering {
		fl := n.(*east.FootnoteLink)
		ref := ""
		if fl.RefIndex > 0 {
			ref = strconv.Itoa(fl.RefIndex)
		}
		_, _ = fmt.Fprintf(w, `<sup id="fnref%s:%d">%d</sup>`, ref, fl.Index, fl.Index)
	}
	return ast.WalkContinue, nil
}
