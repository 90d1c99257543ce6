package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// The chroma styles of CSS: a light palette, and a dark one for readers who
// prefer it.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// highlighter writes code blocks, fenced ones highlighted with chroma CSS
// classes when their language is known:
//
//	<pre class="chroma"><code class="language-go"><span class="kd">func</span>...</code></pre>
//
// and as plain escaped <pre><code> otherwise (indented ones always). Each
// block is wrapped in a focusable region that scrolls sideways, like a
// table (see codeStart).
type highlighter struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
}

func newHighlighter() *highlighter {
	return &highlighter{
		formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true)),
		style:     styles.Get(lightStyle),
	}
}

// language returns the language of a fenced code block, lowercased: the
// first word of its info string.
func language(n *ast.FencedCodeBlock, source []byte) string {
	if n.Info == nil {
		return ""
	}
	info := strings.Fields(string(n.Info.Segment.Value(source)))
	if len(info) == 0 {
		return ""
	}
	lang, _, _ := strings.Cut(info[0], "{")
	return strings.ToLower(lang)
}

// lexer returns chroma's lexer for lang, or nil. chroma's registry is only
// read.
func lexer(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	return lexers.Get(lang)
}

func (h *highlighter) renderFencedCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	code := codeText(n, source)
	lang := language(n, source)
	if l := lexer(lang); l != nil {
		var b bytes.Buffer
		it, err := chroma.Coalesce(l).Tokenise(nil, code)
		if err == nil && h.formatter.Format(&b, h.style, it) == nil {
			codeStart(w, n, lang)
			_, _ = w.Write(b.Bytes())
			codeEnd(w)
			return ast.WalkSkipChildren, nil
		}
	}
	codeStart(w, n, "")
	writeText(w, code)
	codeEnd(w)
	return ast.WalkSkipChildren, nil
}

// renderCodeBlock writes an indented code block: plain escaped text, in the
// same region as a fenced one.
func (h *highlighter) renderCodeBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	codeStart(w, node, "")
	writeText(w, codeText(node, source))
	codeEnd(w)
	return ast.WalkSkipChildren, nil
}

// codeText returns the lines of a code block as they are in source.
func codeText(n ast.Node, source []byte) string {
	var code strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(source))
	}
	return code.String()
}

// codeStart opens code block n: a region that scrolls sideways (a long line
// does not widen the page) and that keyboard users can focus to scroll it,
// named by the block's number in the document (landmark names must be
// unique on a page), then the <pre> and <code>, with chroma's class and the
// language when lang (known to chroma) is given:
//
//	<section class="code-wrap" tabindex="0" aria-label="Code 2">
//	<pre class="chroma"><code class="language-go">
//
// The region is a <section>, as for tables, not a <pre role="region">: the
// native element is preferred to the role.
func codeStart(w util.BufWriter, n ast.Node, lang string) {
	_, _ = fmt.Fprintf(w, `<section class="code-wrap" tabindex="0" aria-label="Code %d">`+"\n", ordinal(n, ast.KindFencedCodeBlock, ast.KindCodeBlock))
	if lang == "" {
		_, _ = w.WriteString("<pre><code>")
		return
	}
	_, _ = w.WriteString(`<pre class="chroma"><code class="language-`)
	writeText(w, lang)
	_, _ = w.WriteString(`">`)
}

// codeEnd closes what codeStart opened.
func codeEnd(w util.BufWriter) {
	_, _ = w.WriteString("</code></pre></section>\n")
}

// CSS returns the stylesheet of highlighted code: chroma's classes in a
// light palette, and a dark one inside @media (prefers-color-scheme: dark).
// It is the same on every call; the site writes it once.
func CSS() string {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false))
	var light, dark strings.Builder
	_ = f.WriteCSS(&light, styles.Get(lightStyle))
	_ = f.WriteCSS(&dark, styles.Get(darkStyle))
	var b strings.Builder
	b.WriteString("/* Code highlighting: chroma styles " + lightStyle + " and " + darkStyle + ". */\n")
	b.WriteString(light.String())
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	for line := range strings.Lines(dark.String()) {
		b.WriteString("  " + line)
	}
	b.WriteString("}\n")
	return b.String()
}
