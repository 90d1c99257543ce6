package markdown

import (
	"encoding/binary"
	"iter"

	"github.com/casebook/casebook/internal/diag"
)

// A body's citations and links are kept from Parse until the site is
// resolved, which reads them, and a build holds every body's at once: a
// casebook of ten thousand cases has about half a million, which took 35 MB
// as values (a position each, with its file's name). They are kept as one
// byte string each (Doc.cites, Doc.links), written and read as the parts
// are (parts.go): strings as a uvarint length and the bytes, numbers as
// uvarints, a link's kind as a byte, the position as its line and column
// (the file is Doc.File).
// Citations and Links read them back.

// addCitation appends the occurrence occ of key, at pos in d's file, to d's
// citations.
func (d *Doc) addCitation(key string, occ int, pos diag.Pos) {
	b := appendStr(d.cites, key)
	b = binary.AppendUvarint(b, uint64(occ))
	d.cites = appendPos(b, pos)
}

// addLink appends l to d's links.
func (d *Doc) addLink(l Link) {
	b := appendStr(d.links, l.Slug)
	b = appendStr(b, l.Fragment)
	b = append(b, byte(l.Kind))
	d.links = appendPos(b, l.Pos)
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendPos(b []byte, p diag.Pos) []byte {
	b = binary.AppendUvarint(b, uint64(max(p.Line, 0)))
	return binary.AppendUvarint(b, uint64(max(p.Col, 0)))
}

// Citations returns every citation occurrence of d, in document order (none
// once d is trimmed: Trim).
func (d *Doc) Citations() iter.Seq[Citation] {
	return func(yield func(Citation) bool) {
		p := partReader{b: d.cites}
		for len(p.b) > 0 && p.err == nil {
			c := Citation{Key: intern(p.str()), Occ: p.num()}
			c.Pos = d.readPos(&p)
			if p.err != nil || !yield(c) {
				return
			}
		}
	}
}

// Links returns every [[...]] and relative link to a .md file of d, in
// document order (none once d is trimmed: Trim).
func (d *Doc) Links() iter.Seq[Link] {
	return func(yield func(Link) bool) {
		p := partReader{b: d.links}
		for len(p.b) > 0 && p.err == nil {
			l := Link{Slug: intern(p.str()), Fragment: intern(p.str()), Kind: LinkKind(p.byte())}
			l.Pos = d.readPos(&p)
			if p.err != nil || !yield(l) {
				return
			}
		}
	}
}

func (d *Doc) readPos(p *partReader) diag.Pos {
	line := p.num()
	return diag.Pos{File: d.File, Line: line, Col: p.num()}
}
