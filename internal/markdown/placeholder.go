package markdown

// This file finds what a body must not publish as it is: the placeholders
// that casebook new writes for the text to come, and headings with nothing
// under them.

import (
	"regexp"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/casebook/casebook/internal/diag"
)

// Placeholder is text in angle brackets left in a body for the author to
// replace: "<Write the background: who the target is.>".
type Placeholder struct {
	Text string
	Pos  diag.Pos
}

// bodyPlaceholder matches a placeholder of a body: a capital letter after
// the <, at least one space, and no <, > or = before the closing > (so that
// an autolink <https://...>, a tag <br> or <a href="..."> is not one).
var bodyPlaceholder = regexp.MustCompile(`<\p{Lu}[^<>=]* [^<>=]*>`)

// collectPlaceholders fills d.Placeholders with the placeholders of the
// text of paragraphs, headings and raw HTML blocks, outside code spans.
func (d *Doc) collectPlaceholders(root ast.Node, pos func(int) diag.Pos) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, ast.KindHTMLBlock:
		default:
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		if lines.Len() == 0 {
			return ast.WalkContinue, nil
		}
		start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
		found := bodyPlaceholder.FindAllIndex(d.src[start:stop], -1)
		if found == nil {
			return ast.WalkContinue, nil
		}
		code := codeSpans(n)
		for _, m := range found {
			at, end := start+m[0], start+m[1]
			if inside(code, at) {
				continue // "`<Not a placeholder>`"; "<One citing `[@id]`>" is one
			}
			d.Placeholders = append(d.Placeholders, Placeholder{Text: string(d.src[at:end]), Pos: pos(at)})
		}
		return ast.WalkContinue, nil
	})
}

// codeSpans returns the source segments of the code spans inside block n.
func codeSpans(n ast.Node) []text.Segment {
	var out []text.Segment
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c.Kind() != ast.KindCodeSpan {
			return ast.WalkContinue, nil
		}
		for t := c.FirstChild(); t != nil; t = t.NextSibling() {
			if t, ok := t.(*ast.Text); ok {
				out = append(out, t.Segment)
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// inside reports whether offset is inside one of segs.
func inside(segs []text.Segment, offset int) bool {
	for _, s := range segs {
		if s.Start <= offset && offset < s.Stop {
			return true
		}
	}
	return false
}

// emptySections warns about each heading of the body's top level that has
// nothing under it before the next heading of its level or above, or the
// end: it would be published as an empty section.
func (d *Doc) emptySections(root ast.Node, pos func(int) diag.Pos) {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		next, isHeading := n.NextSibling().(*ast.Heading)
		if n.NextSibling() != nil && (!isHeading || next.Level > h.Level) {
			continue
		}
		title := plainText(h, d.src)
		d.Diags.Add(diag.Warnf(pos(h.Pos()), "the section %q is empty", shorten(title, 60)).
			WithHint("write it, or remove the heading: an empty section is published as it is"))
	}
}

// shorten cuts s to at most n characters, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
