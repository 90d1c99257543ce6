package render

// This file renders the default theme's "entry" template in Go. An entry is
// the most repeated fragment of a casebook (every action and event, on its
// case page, its timeline pages and the pages of its entities), and
// html/template spends about 40 µs on each: a reflective call per field,
// function and escaper of its twenty-odd actions. writeEntry writes the same
// bytes in a few microseconds. The Renderer uses it only for a page template
// whose "entry" and "entitylinks" are the default theme's (a theme that
// changes either gets the template), and TestFastEntry checks it against the
// template for every entry of the test site, a generated casebook and
// entries made of hostile text.
//
// The escapers are those html/template applies in each context, copied
// from the standard library (html/template/html.go and url.go, BSD licence):
// text and quoted attribute values, and URL attributes (filter, normalise,
// then escape for the attribute; after a '#', escape as a URL part).

import (
	"bytes"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/site"
)

// treeString returns the source of a parsed template, as the parser
// understood it, for comparison with the default theme's.
func treeString(t *parse.Tree) string {
	if t == nil || t.Root == nil {
		return ""
	}
	return t.Root.String()
}

// writeEntry writes what the default theme's "entry" writes for e as an
// item of l.
func writeEntry(b *bytes.Buffer, l entryList, e *site.Entry) {
	c := e.Case
	b.WriteString(`<li class="entry entry-`)
	if e.Action != nil {
		b.WriteString("action")
	} else {
		b.WriteString("event")
	}
	b.WriteByte('"')
	if l.Anchors {
		attr(b, "id", e.ID)
		attr(b, "data-year", strconv.Itoa(e.Date.Year))
		if p := e.Provider(); p != nil {
			attr(b, "data-provider", p.Slug)
		}
		attr(b, "data-targets", l.Slugs(c.Targets))
		if typ := e.Type(); typ != "" {
			b.WriteString(` data-action="`) // html/template takes data-action for a URL
			escURL(b, typ)
			b.WriteByte('"')
		}
		if len(c.Tags) > 0 {
			attr(b, "data-tags", l.TagSlugs(c.Tags))
		}
	}
	b.WriteString(">\n<p class=\"entry-head\"><a class=\"entry-date\" href=\"")
	escURL(b, e.URL())
	b.WriteString(`"><time datetime="`)
	escHTML(b, e.Date.String())
	b.WriteString(`">`)
	escHTML(b, e.Date.Human())
	b.WriteString(`</time></a> `)
	if a := e.Action; a != nil {
		b.WriteString(`<span class="badge badge-`)
		escHTML(b, a.Type)
		b.WriteString(`">`)
		escHTML(b, ActionLabel(a.Type))
		b.WriteString(`</span>`)
	} else {
		b.WriteString(`<span class="badge badge-event">Event</span>`)
	}
	b.WriteString("</p>\n<p class=\"entry-what\">")
	if a := e.Action; a != nil {
		if p := a.Provider; p != nil {
			b.WriteString(`<a href="`)
			escURL(b, p.URL())
			b.WriteString(`">`)
			escHTML(b, p.Name)
			b.WriteString(`</a> `)
		}
		escHTML(b, actionVerb(a.Type))
		b.WriteByte(' ')
		writeEntityLinks(b, c.Targets)
		if len(a.Services) > 0 {
			b.WriteString(` <span class="services">(`)
			escHTML(b, strings.Join(a.Services, ", "))
			b.WriteString(`)</span>`)
		}
		b.WriteByte('.')
	} else {
		escHTML(b, e.Event.Text)
	}
	b.WriteString("</p>\n")
	if l.ShowCase || len(e.Sources) > 0 {
		b.WriteString(`<p class="entry-meta">`)
		if l.ShowCase {
			b.WriteString(`Case: <a href="`)
			escURL(b, c.URL())
			b.WriteString(`">`)
			escHTML(b, c.Title)
			b.WriteString(`</a>`)
		}
		if l.ShowCase && len(e.Sources) > 0 {
			b.WriteString(" · ")
		}
		if len(e.Sources) > 0 {
			b.WriteString("Sources:")
			for _, src := range e.Sources {
				b.WriteString(` <a class="src-ref" href="`)
				escURL(b, src.Case.URL())
				b.WriteByte('#')
				escURLPart(b, sourceID(src))
				b.WriteString(`">[`)
				if src.N != 0 {
					b.WriteString(strconv.Itoa(src.N))
				} else {
					escHTML(b, src.ID)
				}
				b.WriteString(`]</a>`)
			}
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("</li>\n")
}

// writeEntityLinks writes what the default theme's "entitylinks" writes.
func writeEntityLinks(b *bytes.Buffer, es []*site.Entity) {
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`<a href="`)
		escURL(b, e.URL())
		b.WriteString(`">`)
		escHTML(b, e.Name)
		b.WriteString(`</a>`)
	}
}

// htmlReplacementTable is html/template's: the runes escaped in text and in
// quoted attribute values.
var htmlReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// escHTML writes s as html/template's htmlEscaper and attrEscaper write a
// string (its htmlReplacer with badRunes set).
func escHTML(b *bytes.Buffer, s string) {
	written := 0
	for i, w := 0, 0; i < len(s); i += w {
		var r rune
		r, w = utf8.DecodeRuneInString(s[i:])
		if int(r) < len(htmlReplacementTable) {
			if repl := htmlReplacementTable[r]; repl != "" {
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		}
	}
	b.WriteString(s[written:])
}

// escURL writes s, the whole value of a URL attribute, as html/template
// does: urlFilter, urlNormalizer, then attrEscaper (of whose runes the
// normaliser keeps only & and +).
func escURL(b *bytes.Buffer, s string) {
	if !isSafeURL(s) {
		s = "#ZgotmplZ"
	}
	processURL(b, s, true)
}

// escURLPart writes s, after a '?' or '#' in a URL attribute, as
// html/template does: urlEscaper, then attrEscaper (a no-op on its output).
func escURLPart(b *bytes.Buffer, s string) { processURL(b, s, false) }

// isSafeURL is html/template's: s is relative or http, https or mailto.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// processURL is html/template's processURLOnto: it percent-encodes what a
// URL (norm) or a URL part (!norm) may not hold as it is. It also escapes
// for a quoted attribute the two runes a normalised URL may still hold that
// need it, & and + (an escaped part holds neither).
func processURL(b *bytes.Buffer, s string, norm bool) {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '&', '+':
			if norm {
				b.WriteString(s[written:i])
				b.WriteString(htmlReplacementTable[c])
				written = i + 1
				continue
			}
		case '!', '#', '$', '*', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte("0123456789abcdef"[c>>4])
		b.WriteByte("0123456789abcdef"[c&15])
		written = i + 1
	}
	b.WriteString(s[written:])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
