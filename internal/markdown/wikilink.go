package markdown

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/casebook/casebook/internal/diag"
)

// Links to other content files are written two ways, both resolved through
// the Resolver at render time:
//
//	[[slug]]  [[slug|label]]  [[slug#heading]]  [[slug#heading|label]]
//	[label](../entities/slug.md#heading)
//
// The heading part is normalised with HeadingID. A wiki link lies on one
// line, its label is plain text, and '|' may be written '\|' (in tables).

// KindWikiLink is the goldmark node kind of a link to a content file.
var KindWikiLink = ast.NewNodeKind("WikiLink")

// WikiLink is a link to a case, entity or page. A relative Markdown link
// keeps its children as the label; a wiki link has none and a Label.
type WikiLink struct {
	ast.BaseInline
	Slug     string
	Fragment string // normalised heading id, or ""
	Label    string // wiki link label, or "" to use the target's title
	LinkKind LinkKind
}

// Kind implements ast.Node.
func (n *WikiLink) Kind() ast.NodeKind { return KindWikiLink }

// Dump implements ast.Node.
func (n *WikiLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Slug": n.Slug, "Fragment": n.Fragment, "Label": n.Label, "Kind": n.LinkKind.String(),
	}, nil)
}

// wikiLinkParser parses [[...]]. It runs before the citation and link
// parsers.
type wikiLinkParser struct{}

func (wikiLinkParser) Trigger() []byte { return []byte{'['} }

func (wikiLinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 || line[1] != '[' {
		return nil
	}
	end := closingWiki(line)
	if end < 0 {
		return nil
	}
	inner := string(line[2:end])
	if strings.HasPrefix(strings.TrimSpace(inner), "@") {
		return nil // [[@a]]: a citation in brackets
	}
	block.Advance(end + 2)
	n, problem := parseWikiLink(inner)
	if problem != "" {
		hint := `write [[slug]], [[slug|label]] or [[slug#heading]], where slug is a file name without ".md"`
		if s := slugify(inner); s != "" {
			hint = fmt.Sprintf("did you mean %q?", "[["+s+"]]")
		}
		report(pc, seg.Start, diag.Error, fmt.Sprintf("malformed link %q: %s", "[["+inner+"]]", problem), hint)
		return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+end+2))
	}
	n.SetPos(seg.Start)
	return n
}

// closingWiki returns the index of the "]]" closing the "[[" at the start
// of line, or -1 when it is not on the line or a bracket comes first.
func closingWiki(line []byte) int {
	for i := 2; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '[', '\n', '\r':
			return -1
		case ']':
			if i+1 < len(line) && line[i+1] == ']' {
				return i
			}
			return -1
		}
	}
	return -1
}

// parseWikiLink parses the inside of [[...]]; it returns the link, or what
// is wrong with it.
func parseWikiLink(inner string) (*WikiLink, string) {
	inner = strings.ReplaceAll(inner, `\|`, "|")
	target, label, _ := strings.Cut(inner, "|")
	slug, fragment, _ := strings.Cut(target, "#")
	slug = strings.TrimSpace(slug)
	switch {
	case strings.TrimSpace(inner) == "":
		return nil, "empty link"
	case slug == "":
		return nil, "missing slug"
	case !validSlug(slug):
		return nil, fmt.Sprintf("a slug is lowercase a-z, 0-9 and '-', not %q", slug)
	}
	n := &WikiLink{Slug: slug, Label: unescape(strings.TrimSpace(label)), LinkKind: Wiki}
	if f := strings.TrimSpace(fragment); f != "" {
		n.Fragment = HeadingID(unescape(f))
	}
	return n, ""
}

// slugify returns the slug a malformed [[target]] probably meant:
// lowercase, with runs of other characters than a-z and 0-9 made one '-';
// or "" when there is none.
func slugify(inner string) string {
	target, _, _ := strings.Cut(strings.ReplaceAll(inner, `\|`, "|"), "|")
	target, _, _ = strings.Cut(target, "#")
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(target) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// validSlug reports whether s is a content slug: a-z, 0-9 and '-',
// starting with a letter or digit.
func validSlug(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' && i > 0) {
			return false
		}
	}
	return s != ""
}

// relativeLinkTransformer turns Markdown links to content files
// (`../entities/cloudflare.md`) into WikiLink nodes, keeping their text.
type relativeLinkTransformer struct{}

func (relativeLinkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var links []*ast.Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			links = append(links, l)
		}
		return ast.WalkContinue, nil
	})
	for _, l := range links {
		w := contentLink(l.Destination)
		if w == nil {
			continue
		}
		w.SetPos(l.Pos())
		for c := l.FirstChild(); c != nil; {
			next := c.NextSibling()
			w.AppendChild(w, c)
			c = next
		}
		l.Parent().ReplaceChild(l.Parent(), l, w)
	}
}

// contentLink returns the WikiLink for a link destination that is a
// relative path to a .md file, or nil.
func contentLink(dest []byte) *WikiLink {
	u, kind := classifyURL(dest)
	if kind != urlRelative {
		return nil
	}
	p, fragment, _ := strings.Cut(u, "#")
	p, _, _ = strings.Cut(p, "?")
	if dp, err := url.PathUnescape(p); err == nil && utf8.ValidString(dp) { // %80 is no character: keep it escaped
		p = dp
	}
	if !strings.HasSuffix(p, ".md") || strings.HasPrefix(p, "/") {
		return nil
	}
	w := &WikiLink{Slug: strings.TrimSuffix(path.Base(p), ".md"), LinkKind: Relative}
	if fragment != "" {
		if f, err := url.PathUnescape(fragment); err == nil && utf8.ValidString(f) {
			fragment = f
		}
		w.Fragment = HeadingID(fragment)
	}
	return w
}

// renderWikiLink records the start and end of a link to a page of the site
// as parts (see writeLinkOpen and writeLinkClose): <a href="HREF">TEXT</a>,
// or for an unknown page <span class="link-missing">TEXT</span>. TEXT is
// the label (the link's children for a relative link), else the page's
// title, else the slug.
func renderWikiLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*WikiLink)
	rec := recorderOf(w)
	if !entering {
		rec.part(partLinkClose).str(n.Slug).str(n.Fragment).flag(insideLink(n))
		return ast.WalkContinue, nil
	}
	rec.part(partLinkOpen).str(n.Slug).str(n.Fragment).str(n.Label).flag(insideLink(n)).flag(!n.HasChildren())
	return ast.WalkContinue, nil
}
