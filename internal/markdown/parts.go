package markdown

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A body is rendered once, by Parse, and its syntax tree dropped: the tree
// takes about four times the bytes of the source, and a build would either
// hold every body's until its page is written or parse every body twice.
//
// What the HTML of a body owes to the rest of the site is not known when it
// is parsed: the URL and title of a page it links to, the number of a
// source it cites in its page's list, and whether its page shows paragraph
// anchors (case pages do). The node renderers write each such thing as a
// part: they record what it depends on and where it goes in the HTML, and
// Render writes the HTML with each part written by its one function below,
// asking the Render call's Resolver. The node renderers and these functions
// are the only writers of a body's HTML, whatever the page.
//
// The parts are kept in one byte string per document (Doc.parts), not as
// values: a casebook of ten thousand cases has about a million of them,
// and a byte string is neither scanned by the collector nor cut into small
// objects. Each part is the number of HTML bytes since the previous part
// (uvarint), its kind (a byte), then its fields: strings as a uvarint
// length and the bytes, numbers as uvarints, flags as a byte.

// partKind is the kind of a part of a body's HTML left to Render.
type partKind byte

const (
	partParaOpen  partKind = iota + 1 // a paragraph's start tag, with its id when anchored: id
	partParaClose                     // its self-link when anchored, and end tag: id
	partPlain                         // plain text naming pages of the site: see recorder.plain
	partLinkOpen                      // a link to a page of the site, its start: slug, fragment, label, nested, text
	partLinkClose                     // its end: slug, fragment, nested
	partCite                          // a group of citations: nested, count, then prefix, key, locator, occurrence of each
)

// maxBodyHTML is the most HTML one body may render to (parts left out). A
// content file is at most 4 MiB, but a link definition, a footnote or an
// abbreviation used many times can ask for gigabytes: past this, the rest
// of the body is dropped and Parse refuses it with an error.
const maxBodyHTML = 64 << 20

// recorder is what the node renderers write a body's HTML to in Parse:
// the HTML, and the parts left to Render.
type recorder struct {
	bytes.Buffer
	parts []byte
	last  int  // where the previous part goes in the HTML
	max   int  // maxBodyHTML, but in tests
	over  bool // the HTML passed max: what came after was dropped
}

// room reports whether n more bytes of HTML fit within r.max.
func (r *recorder) room(n int) bool {
	if r.over || r.Len()+n > r.max {
		r.over = true
		return false
	}
	return true
}

// Write, WriteString, WriteByte and WriteRune write to the HTML while it
// fits within maxBodyHTML.
func (r *recorder) Write(p []byte) (int, error) {
	if !r.room(len(p)) {
		return len(p), nil
	}
	return r.Buffer.Write(p)
}

// WriteString: see Write.
func (r *recorder) WriteString(s string) (int, error) {
	if !r.room(len(s)) {
		return len(s), nil
	}
	return r.Buffer.WriteString(s)
}

// WriteByte: see Write.
func (r *recorder) WriteByte(c byte) error {
	if !r.room(1) {
		return nil
	}
	return r.Buffer.WriteByte(c)
}

// WriteRune: see Write.
func (r *recorder) WriteRune(c rune) (int, error) {
	if !r.room(utf8.RuneLen(c)) {
		return utf8.RuneLen(c), nil
	}
	return r.Buffer.WriteRune(c)
}

// Buffered and Flush make a recorder a util.BufWriter, which goldmark's
// renderer writes to as it is.
func (r *recorder) Buffered() int { return 0 }

// Flush: see Buffered.
func (r *recorder) Flush() error { return nil }

// recorderOf returns the recorder the node renderers write to (always one:
// Parse is the only caller of the renderer).
func recorderOf(w io.Writer) *recorder {
	if r, ok := w.(*recorder); ok {
		return r
	}
	return &recorder{} // not reached: the part goes nowhere
}

// part starts a part of kind k at the end of the HTML written so far.
func (r *recorder) part(k partKind) *recorder {
	r.parts = binary.AppendUvarint(r.parts, uint64(r.Len()-r.last))
	r.last = r.Len()
	r.parts = append(r.parts, byte(k))
	return r
}

func (r *recorder) str(s string) *recorder {
	r.parts = appendStr(r.parts, s)
	return r
}

func (r *recorder) num(n int) *recorder {
	r.parts = binary.AppendUvarint(r.parts, uint64(n))
	return r
}

func (r *recorder) flag(b bool) *recorder {
	if b {
		r.parts = append(r.parts, 1)
	} else {
		r.parts = append(r.parts, 0)
	}
	return r
}

// partReader reads the parts of a document, written by a recorder.
type partReader struct {
	b   []byte
	err error
}

func (p *partReader) num() int {
	v, n := binary.Uvarint(p.b)
	if n <= 0 || v > math.MaxInt { // not reached: the parts are ours
		p.err, p.b = errBadParts, nil
		return 0
	}
	p.b = p.b[n:]
	return int(v)
}

func (p *partReader) str() string {
	n := p.num()
	if n > len(p.b) {
		p.err, p.b = errBadParts, nil
		return ""
	}
	s := string(p.b[:n])
	p.b = p.b[n:]
	return s
}

func (p *partReader) byte() byte {
	if len(p.b) == 0 {
		p.err = errBadParts
		return 0
	}
	c := p.b[0]
	p.b = p.b[1:]
	return c
}

func (p *partReader) flag() bool { return p.byte() != 0 }

var errBadParts = fmt.Errorf("markdown: the parts of a rendered body do not read back")

// textWriter is what the parts are written to: a bytes.Buffer or a
// bufio.Writer.
type textWriter interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}

// writeParts writes html with its parts written for res.
func writeParts(w textWriter, html, parts []byte, res Resolver) error {
	anchors := false
	if a, ok := res.(ParagraphAnchorer); ok {
		anchors = a.ParagraphAnchors()
	}
	p := &partReader{b: parts}
	for len(p.b) > 0 && p.err == nil {
		at := p.num()
		if at > len(html) {
			return errBadParts
		}
		_, _ = w.Write(html[:at])
		html = html[at:]
		switch partKind(p.byte()) {
		case partParaOpen:
			writeParaOpen(w, p.str(), anchors)
		case partParaClose:
			writeParaClose(w, p.str(), anchors)
		case partPlain:
			writePlainPart(w, p, res)
		case partLinkOpen:
			slug, fragment, label, nested, text := p.str(), p.str(), p.str(), p.flag(), p.flag()
			writeLinkOpen(w, res, slug, fragment, label, nested, text)
		case partLinkClose:
			slug, fragment, nested := p.str(), p.str(), p.flag()
			writeLinkClose(w, res, slug, fragment, nested)
		case partCite:
			writeCite(w, p, res)
		default:
			return errBadParts
		}
	}
	if p.err != nil {
		return p.err
	}
	_, _ = w.Write(html)
	return nil
}

// writeParaOpen writes the start tag of paragraph id (see paragraphAnchors).
func writeParaOpen(w textWriter, id string, anchors bool) {
	if !anchors || id == "" {
		_, _ = w.WriteString("<p>")
		return
	}
	_, _ = w.WriteString(`<p id="`)
	writeText(w, id)
	_, _ = w.WriteString(`">`)
}

// writeParaClose writes the end of paragraph id: its self-link when
// anchored, and its end tag.
func writeParaClose(w textWriter, id string, anchors bool) {
	if !anchors || id == "" {
		_, _ = w.WriteString("</p>\n")
		return
	}
	num := strings.TrimPrefix(id, paragraphIDPrefix)
	// A no-break space keeps the link on the line of the last word.
	_, _ = w.WriteString("\u00a0" + `<a class="para-anchor" href="#`)
	writeText(w, id)
	_, _ = w.WriteString(`" aria-label="Link to paragraph `)
	writeText(w, num)
	_, _ = w.WriteString(`">¶</a></p>` + "\n")
}

// plain records the plain text of pieces (see plainPieces), white space
// collapsed, else fallback if it is empty. It writes the text at once when
// no piece is a page's title.
func (r *recorder) plain(pieces []plainPiece, fallback string) {
	if !slices.ContainsFunc(pieces, func(pc plainPiece) bool { return pc.link }) {
		var b strings.Builder
		for _, pc := range pieces {
			b.WriteString(pc.text)
		}
		s := collapseSpace(b.String())
		if s == "" {
			s = fallback
		}
		writeText(r, s)
		return
	}
	r.part(partPlain).num(len(pieces))
	for _, pc := range pieces {
		r.flag(pc.link).str(pc.text)
		if pc.link {
			r.str(pc.fragment)
		}
	}
	r.str(fallback)
}

// writePlainPart writes a part of plain text: its pieces, a page named by
// its title (its slug when res does not know it), white space collapsed.
func writePlainPart(w textWriter, p *partReader, res Resolver) {
	var b strings.Builder
	for range p.num() {
		link, text := p.flag(), p.str()
		if !link {
			b.WriteString(text)
			continue
		}
		fragment := p.str()
		if _, title, ok := res.Link(text, fragment); ok && title != "" {
			text = title
		}
		b.WriteString(text)
	}
	s := collapseSpace(b.String())
	if fallback := p.str(); s == "" {
		s = fallback
	}
	writeText(w, s)
}

// writeLinkOpen writes the start of a link to the page slug, which the
// renderer of WikiLink records: <a href="HREF">, or <span
// class="link-missing"> when res does not know the page, or nothing inside
// another link; then, for a link without children (text), its label, else
// the page's title, else the slug.
func writeLinkOpen(w textWriter, res Resolver, slug, fragment, label string, nested, text bool) {
	href, title, ok := res.Link(slug, fragment)
	switch {
	case nested:
	case ok:
		if fragment != "" {
			href += "#" + fragment
		}
		_, _ = w.WriteString(`<a href="`)
		writeText(w, href)
		_, _ = w.WriteString(`">`)
	default:
		_, _ = w.WriteString(`<span class="link-missing">`)
	}
	if !text {
		return
	}
	switch {
	case label != "":
		writeText(w, label)
	case ok && title != "":
		writeText(w, title)
	default:
		writeText(w, slug)
	}
}

// writeLinkClose writes the end of a link that writeLinkOpen started.
func writeLinkClose(w textWriter, res Resolver, slug, fragment string, nested bool) {
	if nested {
		return
	}
	if _, _, ok := res.Link(slug, fragment); ok {
		_, _ = w.WriteString("</a>")
	} else {
		_, _ = w.WriteString("</span>")
	}
}

// writeCite writes a group of citations, which the renderer of
// CitationGroup records, numbered by res:
//
//	<sup class="cite">[see <a href="#source-1" id="cite-1-a" role="doc-noteref"
//	aria-label="Source 1">1</a>, pp. 3-5; <a ...>2</a>]</sup>
//
// An unknown key is written `<span class="cite-missing">?key</span>`. Inside
// a link the numbers are not links (links do not nest) but keep their ids.
func writeCite(w textWriter, p *partReader, res Resolver) {
	nested := p.flag()
	_, _ = w.WriteString(`<sup class="cite">[`)
	for i := range p.num() {
		prefix, key, locator, occ := p.str(), p.str(), p.str(), p.num()
		if i > 0 {
			_, _ = w.WriteString("; ")
		}
		if prefix != "" {
			writeText(w, prefix)
			_ = w.WriteByte(' ')
		}
		num, ok := res.Cite(key)
		ns := strconv.Itoa(num)
		switch {
		case !ok:
			_, _ = w.WriteString(`<span class="cite-missing">?`)
			writeText(w, key)
			_, _ = w.WriteString(`</span>`)
		case nested: // keep the id the source list links back to
			_, _ = fmt.Fprintf(w, `<span id="cite-%s-%s">%s</span>`, ns, occLetters(occ), ns)
		default:
			_, _ = fmt.Fprintf(w, `<a href="#source-%s" id="cite-%s-%s" role="doc-noteref" aria-label="Source %s">%s</a>`,
				ns, ns, occLetters(occ), ns, ns)
		}
		if locator != "" {
			_, _ = w.WriteString(", ")
			writeText(w, locator)
		}
	}
	_, _ = w.WriteString(`]</sup>`)
}
