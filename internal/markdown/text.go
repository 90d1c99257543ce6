package markdown

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Text returns the plain text of d, for search indexes and word counts:
// one line per paragraph, heading, list item, table cell or code line, no
// markup, no raw HTML, citations dropped, links reduced to their labels (a
// bare [[slug]] to its slug).
func (d *Doc) Text() string { return d.text }

// plainTextOf computes Doc.Text from the tree of d's source.
func (d *Doc) plainTextOf(root ast.Node) string {
	var lines []string
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch n.Kind() {
		case ast.KindHTMLBlock:
			return
		case ast.KindCodeBlock, ast.KindFencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				lines = append(lines, strings.TrimRight(string(seg.Value(d.src)), "\r\n"))
			}
			return
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			if s := plainText(n, d.src); s != "" {
				lines = append(lines, s)
			}
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c)
		}
	}
	walk(root)
	return strings.Join(lines, "\n")
}

// plainText returns the text of the inline content of n with white space
// collapsed: citations and raw HTML contribute nothing, a link its label (a
// bare wiki link its slug).
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	writePlain(&b, n, source, nil)
	return collapseSpace(b.String())
}

// plainPiece is a piece of the plain text of a node: text, or a bare wiki
// link (link), whose page's title it shows: the page's slug is text.
type plainPiece struct {
	text, fragment string
	link           bool
}

// plainPieces returns the plain text of n, as plainText gives it, in pieces
// (white space not collapsed): each bare wiki link is a piece of its own,
// which Render replaces with the title of the page (see recorder.plain).
func plainPieces(n ast.Node, source []byte) []plainPiece {
	var b strings.Builder
	var out []plainPiece
	writePlain(&b, n, source, func(l *WikiLink) {
		out = append(out, plainPiece{text: b.String()}, plainPiece{text: l.Slug, fragment: l.Fragment, link: true})
		b.Reset()
	})
	return append(out, plainPiece{text: b.String()})
}

// collapseSpace returns strings.Join(strings.Fields(s), " ") without
// building the list of words: s with leading and trailing white space
// removed and every other run of it replaced by one space. It returns s
// itself when there is nothing to change.
func collapseSpace(s string) string {
	clean, space := true, true // space: at the start, or after a space
	for _, r := range s {
		if !unicode.IsSpace(r) {
			space = false
			continue
		}
		if space || r != ' ' {
			clean = false
			break
		}
		space = true
	}
	if clean && !space {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	word := -1 // start of the current word
	for i, r := range s {
		switch {
		case !unicode.IsSpace(r):
			if word < 0 {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				word = i
			}
		case word >= 0:
			b.WriteString(s[word:i]) // bytes as they are, invalid UTF-8 included
			word = -1
		}
	}
	if word >= 0 {
		b.WriteString(s[word:])
	}
	return b.String()
}

// writePlain writes the plain text of n to b; a bare wiki link (no label,
// no children) is written by link, or as its slug when link is nil.
func writePlain(b *strings.Builder, n ast.Node, source []byte, link func(*WikiLink)) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(source)
			if !c.IsRaw() {
				v = resolveText(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() {
				b.Write(c.Value)
			} else {
				b.Write(resolveText(c.Value))
			}
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *ast.RawHTML, *CitationGroup:
		case *WikiLink:
			switch {
			case c.HasChildren():
				writePlain(b, c, source, link)
			case c.Label == "" && link != nil:
				link(c)
			default:
				b.WriteString(wikiText(c))
			}
		default:
			writePlain(b, c, source, link)
		}
	}
}

// wikiText is the text of a wiki link without children when its page's
// title is not known: its label, else its slug.
func wikiText(n *WikiLink) string {
	if n.Label != "" {
		return n.Label
	}
	return n.Slug
}

// resolveText removes backslash escapes and resolves character references,
// as goldmark's HTML writer does.
func resolveText(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}
