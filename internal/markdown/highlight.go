package markdown

import (
	"bytes"
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

// highlighter writes fenced code blocks, highlighted with chroma CSS
// classes when their language is known:
//
//	<pre class="chroma"><code class="language-go"><span class="kd">func</span>...</code></pre>
//
// and as plain escaped <pre><code> otherwise.
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
	var code strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(source))
	}
	lang := language(n, source)
	if l := lexer(lang); l != nil {
		var b bytes.Buffer
		it, err := chroma.Coalesce(l).Tokenise(nil, code.String())
		if err == nil && h.formatter.Format(&b, h.style, it) == nil {
			_, _ = w.WriteString(`<pre class="chroma"><code class="language-`)
			writeText(w, lang)
			_, _ = w.WriteString(`">`)
			_, _ = w.Write(b.Bytes())
			_, _ = w.WriteString("</code></pre>\n")
			return ast.WalkSkipChildren, nil
		}
	}
	_, _ = w.WriteString("<pre><code>")
	writeText(w, code.String())
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
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
