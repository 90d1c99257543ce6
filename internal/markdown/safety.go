package markdown

import (
	"html"
	"io"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// What may reach the page:
//
//   - Raw HTML, blocks and inline, comments included, is shown as text.
//   - Links go to http, https and mailto URLs, relative paths and
//     #fragments; images to relative paths. An image on another site (http,
//     https, //host) becomes a link to it with its alt text, and a warning:
//     the site loads nothing from elsewhere. Any other scheme
//     (javascript:, data:, file:, ...), however disguised with case, white
//     space, control characters or character references, drops the link:
//     its text is kept (an image's alt text).
//   - Autolinks and linkified text become links for http and https (and
//     www.) only; e-mail addresses stay text.
//   - Links to other sites, protocol-relative ones (//host) included, get
//     rel="nofollow noreferrer"; nothing opens a new tab.

// urlKind is what a link or image destination is.
type urlKind int

const (
	urlBad      urlKind = iota // a scheme we do not allow: drop the link
	urlRelative                // a relative path (or "")
	urlFragment                // #id on the same page
	urlExternal                // http, https or //host
	urlMailto                  // mailto:
)

// allowedSchemes are the schemes of safe destinations.
var allowedSchemes = map[string]urlKind{"http": urlExternal, "https": urlExternal, "mailto": urlMailto}

// classifyURL returns what dest is, and dest as it is written in an href:
// with escapes and character references resolved and percent-encoded.
func classifyURL(dest []byte) (string, urlKind) {
	href := string(util.URLEscape(dest, true))
	// What a browser sees: it drops white space and control characters.
	probe := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))))
	switch {
	case probe == "":
		return href, urlRelative
	case probe[0] == '#':
		return href, urlFragment
	case len(probe) > 1 && isSlash(probe[0]) && isSlash(probe[1]):
		return href, urlExternal
	}
	i := strings.IndexAny(probe, ":/?#")
	if i < 0 || probe[i] != ':' {
		return href, urlRelative
	}
	// A ':' before any '/', '?' or '#' ends a scheme; if what comes before
	// is not a valid scheme a browser sees a relative path, but we drop it.
	scheme := strings.ToLower(probe[:i])
	if kind, ok := allowedSchemes[scheme]; ok && strings.HasPrefix(strings.ToLower(href), scheme+":") {
		return href, kind
	}
	return href, urlBad
}

func isSlash(c byte) bool { return c == '/' || c == '\\' }

// safeLink returns the href of a link destination, or ok=false to drop it.
func safeLink(dest []byte, image bool) (href string, external, ok bool) {
	href, kind := classifyURL(dest)
	switch kind {
	case urlBad:
		return "", false, false
	case urlMailto:
		return href, false, !image
	}
	return href, kind == urlExternal, true
}

// writeText writes s escaped for HTML text or a quoted attribute.
func writeText(w io.Writer, s string) {
	_, _ = w.Write(util.EscapeHTML([]byte(s)))
}

// insideLink reports whether n is within a link, where it must not write
// another <a> (links do not nest).
func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindLink, KindWikiLink, ast.KindAutoLink:
			return true
		}
	}
	return false
}

// relExternal is the rel attribute of links to other sites.
const relExternal = ` rel="nofollow noreferrer"`

func renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	href, external, ok := safeLink(n.Destination, false)
	if !ok || insideLink(n) {
		return ast.WalkContinue, nil // the text alone
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	writeText(w, href)
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(resolveText(n.Title)))
		_ = w.WriteByte('"')
	}
	if external {
		_, _ = w.WriteString(relExternal)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	rec := recorderOf(w)
	alt := plainPieces(n, source) // a bare [[slug]] in it shows the page's title
	href, external, ok := safeLink(n.Destination, true)
	if !ok {
		rec.plain(alt, "")
		return ast.WalkSkipChildren, nil
	}
	if external {
		// Loading it would break the promise of no third-party requests
		// (and the CSP blocks it): a link to it instead.
		if insideLink(n) {
			rec.plain(alt, "")
			return ast.WalkSkipChildren, nil
		}
		_, _ = w.WriteString(`<a href="`)
		writeText(w, href)
		_, _ = w.WriteString(`"` + relExternal + `>`)
		rec.plain(alt, href)
		_, _ = w.WriteString("</a>")
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<img src="`)
	writeText(w, href)
	_, _ = w.WriteString(`" alt="`)
	rec.plain(alt, "")
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(resolveText(n.Title)))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}

func renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	label := n.Label(source)
	href, kind := classifyURL(n.URL(source))
	if n.AutoLinkType != ast.AutoLinkURL || kind != urlExternal || insideLink(n) {
		_, _ = w.Write(util.EscapeHTML(label))
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<a href="`)
	writeText(w, href)
	_, _ = w.WriteString(`"` + relExternal + `>`)
	_, _ = w.Write(util.EscapeHTML(label))
	_, _ = w.WriteString("</a>")
	return ast.WalkSkipChildren, nil
}

// renderRawHTML writes inline raw HTML as text.
func renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(source))))
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock writes a raw HTML block as a paragraph of text.
func renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(source))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(source))
	}
	_, _ = w.WriteString("<p>")
	_, _ = w.WriteString(html.EscapeString(strings.TrimRight(b.String(), "\r\n")))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}
