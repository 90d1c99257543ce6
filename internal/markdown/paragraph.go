package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Paragraph anchors let a reader link to the paragraph a quote comes from.
// Every paragraph of a document is numbered p-1, p-2, ... in document order
// (after footnotes were moved to the end) when it is parsed; a Render call
// whose Resolver comes from WithParagraphAnchors writes the numbers as ids,
// each with a self-link:
//
//	<p id="p-2">Text.&nbsp;<a class="para-anchor" href="#p-2" aria-label="Link to paragraph 2">¶</a></p>
//
// (the space before the link is a no-break space, written as the character).
//
// Other Render calls write plain <p> elements. Paragraphs of tight lists are
// not paragraphs in the AST and get no number. A heading whose id would be
// the id of a paragraph ("## P 3") is renamed "p-3-1" in every document.

// paragraphAnchors is the goldmark extension numbering and rendering
// paragraphs.
type paragraphAnchors struct{}

// Extend implements goldmark.Extender.
func (paragraphAnchors) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		// After the heading ids (1001), which it may have to rename.
		util.Prioritized(paragraphTransformer{}, 1002),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// Before goldmark's HTML renderer (1000).
		util.Prioritized(paragraphRenderer{}, 100),
	))
}

// paragraphIDPrefix starts the id of every numbered paragraph.
const paragraphIDPrefix = "p-"

// isParagraphID reports whether id has the form of a paragraph id, p-N.
func isParagraphID(id string) bool {
	n, ok := strings.CutPrefix(id, paragraphIDPrefix)
	return ok && allIn(n, '0', '9')
}

// paragraphTransformer numbers the paragraphs of a document and keeps
// heading ids clear of paragraph ids.
type paragraphTransformer struct{}

func (paragraphTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	used := map[string]bool{}
	var clash []ast.Node
	n := 0
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch node.Kind() {
		case ast.KindHeading:
			id, _ := headingID(node)
			used[id] = true
			if isParagraphID(id) {
				clash = append(clash, node)
			}
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph:
			n++
			node.SetAttribute(idAttr, []byte(paragraphIDPrefix+strconv.Itoa(n)))
		}
		return ast.WalkContinue, nil
	})
	for _, h := range clash {
		base, _ := headingID(h)
		id := base
		for i := 1; used[id]; i++ {
			id = base + "-" + strconv.Itoa(i)
		}
		used[id] = true
		h.SetAttribute(idAttr, []byte(id))
	}
}

// ParagraphAnchorer is implemented by a Resolver whose page shows paragraph
// ids and self-links. WithParagraphAnchors returns one.
type ParagraphAnchorer interface {
	Resolver
	ParagraphAnchors() bool
}

// WithParagraphAnchors returns r (nil: a resolver of nothing) asking Render
// to give every paragraph its id and a self-link.
func WithParagraphAnchors(r Resolver) Resolver {
	if r == nil {
		r = noResolver{}
	}
	return anchoring{r}
}

// anchoring wraps a Resolver to turn paragraph anchors on.
type anchoring struct{ Resolver }

// ParagraphAnchors implements ParagraphAnchorer.
func (anchoring) ParagraphAnchors() bool { return true }

// paragraphRenderer writes paragraphs; a numbered one's tags are parts
// (see writeParaOpen and writeParaClose), with its id and self-link when
// the Render call asks for them.
type paragraphRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (paragraphRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindParagraph, renderParagraph)
}

func renderParagraph(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	id := ""
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			id = string(b)
		}
	}
	switch {
	case id == "" && entering:
		_, _ = w.WriteString("<p>")
	case id == "":
		_, _ = w.WriteString("</p>\n")
	case entering:
		recorderOf(w).part(partParaOpen).str(id)
	default:
		recorderOf(w).part(partParaClose).str(id)
	}
	return ast.WalkContinue, nil
}
