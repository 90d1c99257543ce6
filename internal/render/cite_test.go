package render_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/site"
	"golang.org/x/net/html"
)

// awkward is a case whose citation has every character the formats must
// escape, accents, several authors and a month-only date.
const awkward = `
-- content/site.yaml --
title: 'L’Observatoire & {Co}: 100% #1'
description: A test casebook.
base_url: https://example.org/sub/
language: fr
publisher: 'Éditions $ & ~ ^ _'
license: CC BY 4.0
authors: [Zoë Ångström, 'Dupont, Jean-Luc', Þóra Ólafsdóttir]
-- content/cases/x.md --
---
title: 'Café {Noir} & 100% "quoted" #1_a ~b^c \d $5 — Ærø'
summary: A summary.
date: 2019-08-04
published: 2023-11-20
updated: 2024-03
targets: [daily-stormer]
actions:
  - provider: cloudflare
    action: terminated
    date: 2019-08-04
    sources: [x-1]
sources:
  - id: x-1
    title: A source
    publisher: A publisher
    url: https://example.com/x
---

Body text [@x-1].
`

// wantFields are the fields every format must carry for the awkward case.
type fields struct {
	Title, Site, Date, URL string
	Authors                []string // "Family, Given"
}

func awkwardWant(s *site.Site) fields {
	return fields{
		Title:   `Café {Noir} & 100% "quoted" #1_a ~b^c \d $5 — Ærø`,
		Site:    `L’Observatoire & {Co}: 100% #1`,
		Date:    "2024-03",
		URL:     abs(s, s.BasePath+"cases/x/"),
		Authors: []string{"Ångström, Zoë", "Dupont, Jean-Luc", "Ólafsdóttir, Þóra"},
	}
}

func TestBibTeXRoundTrip(t *testing.T) {
	s, files := buildSite(t, awkward)
	src := string(download(t, files, "x", "bib"))
	entries, err := parseBib(src)
	if err != nil {
		t.Fatalf("cite.bib does not parse: %v\n%s", err, src)
	}
	if len(entries) != 1 || entries[0].typ != "online" || entries[0].key != "x" {
		t.Fatalf("entries = %+v; want one @online{x}", entries)
	}
	e := entries[0]
	got := fields{Title: e.text("title"), Site: e.text("organization"), Date: e.raw("date"), URL: e.raw("url")}
	for _, a := range splitBibNames(e.raw("author")) {
		got.Authors = append(got.Authors, unescapeBib(a))
	}
	if want := awkwardWant(s); !fieldsEqual(got, want) {
		t.Errorf("cite.bib fields = %+v; want %+v\n%s", got, want, src)
	}
	if e.raw("year") != "2024" || e.raw("month") != "mar" {
		t.Errorf("year, month = %q, %q; want 2024, mar", e.raw("year"), e.raw("month"))
	}
	if e.raw("langid") != "french" {
		t.Errorf("langid = %q; want french", e.raw("langid"))
	}
	// Capitals are protected from a style's case change; accents stay UTF-8.
	for _, w := range []string{"{Café}", `\{{Noir}\}`, "{Ærø}", `\#1\_a`, `\textasciitilde{}b\textasciicircum{}c`, `\textbackslash{}d`, `\$5`, `100\%`, `\&`} {
		if !strings.Contains(e.raw("title"), w) {
			t.Errorf("title %q lacks %q", e.raw("title"), w)
		}
	}
	// The whole-site file holds every case, each parsing the same.
	all, err := parseBib(string(file(t, files, "data/casebook.bib")))
	if err != nil {
		t.Fatalf("data/casebook.bib does not parse: %v", err)
	}
	var keys []string
	for _, e := range all {
		keys = append(keys, e.key)
		if e.key == "x" && e.text("title") != awkwardWant(s).Title {
			t.Errorf("casebook.bib title of x = %q", e.text("title"))
		}
	}
	var want []string
	for _, c := range s.Cases {
		want = append(want, c.Slug)
	}
	if !slices.Equal(keys, want) {
		t.Errorf("casebook.bib keys = %v; want %v", keys, want)
	}
}

func TestRISRoundTrip(t *testing.T) {
	s, files := buildSite(t, awkward)
	src := string(download(t, files, "x", "ris"))
	recs, err := parseRIS(src)
	if err != nil || len(recs) != 1 {
		t.Fatalf("cite.ris: %d records, %v\n%s", len(recs), err, src)
	}
	r := recs[0]
	got := fields{Title: r.one("TI"), Site: r.one("T2"), URL: r.one("UR"), Authors: r["AU"]}
	got.Date = strings.TrimRight(strings.ReplaceAll(strings.TrimRight(r.one("DA"), "/"), "/", "-"), "-")
	if want := awkwardWant(s); !fieldsEqual(got, want) {
		t.Errorf("cite.ris fields = %+v; want %+v\n%s", got, want, src)
	}
	for tag, want := range map[string]string{"TY": "ELEC", "PY": "2024", "DA": "2024/03//", "LA": "fr", "PB": "Éditions $ & ~ ^ _"} {
		if got := r.one(tag); got != want {
			t.Errorf("%s = %q; want %q", tag, got, want)
		}
	}
}

type cslItem struct {
	ID             string `json:"id"`
	Type           string `json:"type"`
	Title          string `json:"title"`
	ContainerTitle string `json:"container-title"`
	Publisher      string `json:"publisher"`
	Author         []struct {
		Family, Given, Literal string
	} `json:"author"`
	Issued struct {
		DateParts [][]int `json:"date-parts"`
	} `json:"issued"`
	URL      string `json:"URL"`
	Language string `json:"language"`
}

func TestCSLJSONRoundTrip(t *testing.T) {
	s, files := buildSite(t, awkward)
	var items []cslItem
	dec := json.NewDecoder(bytes.NewReader(download(t, files, "x", "json")))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&items); err != nil || len(items) != 1 {
		t.Fatalf("cite.json: %d items, %v", len(items), err)
	}
	it := items[0]
	got := fields{Title: it.Title, Site: it.ContainerTitle, URL: it.URL}
	for _, a := range it.Author {
		got.Authors = append(got.Authors, a.Family+", "+a.Given)
	}
	if len(it.Issued.DateParts) == 1 {
		var parts []string
		for i, p := range it.Issued.DateParts[0] {
			parts = append(parts, fmt.Sprintf("%0*d", []int{4, 2, 2}[i], p))
		}
		got.Date = strings.Join(parts, "-")
	}
	if want := awkwardWant(s); !fieldsEqual(got, want) {
		t.Errorf("cite.json fields = %+v; want %+v", got, want)
	}
	if it.ID != "x" || it.Type != "webpage" || it.Language != "fr" || it.Publisher != "Éditions $ & ~ ^ _" {
		t.Errorf("cite.json id, type, language, publisher = %q, %q, %q, %q", it.ID, it.Type, it.Language, it.Publisher)
	}
}

// TestCiteOrganisation: without authors in site.yaml the publisher is the
// author, as an organisation that no format splits into names.
func TestCiteOrganisation(t *testing.T) {
	_, files := buildSite(t, "")
	bib, err := parseBib(string(download(t, files, "ds-2017", "bib")))
	if err != nil || len(bib) != 1 {
		t.Fatalf("cite.bib: %v", err)
	}
	if a := bib[0].raw("author"); a != "{Test Editors}" {
		t.Errorf("bib author = %q; want {Test Editors}", a)
	}
	var items []cslItem
	if err := json.Unmarshal(download(t, files, "ds-2017", "json"), &items); err != nil || len(items) != 1 {
		t.Fatalf("cite.json: %v", err)
	}
	if a := items[0].Author; len(a) != 1 || a[0].Literal != "Test Editors" || a[0].Family != "" {
		t.Errorf("csl author = %+v; want literal Test Editors", a)
	}
}

// TestCiteText checks the visible citations of a case page, and that an
// entity page has them too.
func TestCiteText(t *testing.T) {
	s, files := buildSite(t, "")
	page := parseHTML(t, file(t, files, "cases/ds-2017/index.html"))
	u := abs(s, s.BasePath+"cases/ds-2017/")
	want := map[string]string{
		// Dated by the page's last update (updated: 2024-03-05), not by the
		// case's events (2017).
		"citation-apa":     "Test Editors. (2024, March 5). Cloudflare terminates The Daily Stormer. Test Casebook. " + u,
		"citation-mla":     "Test Editors. “Cloudflare Terminates The Daily Stormer.” Test Casebook, 5 Mar. 2024, " + u + ".",
		"citation-chicago": "Test Editors. 2024. “Cloudflare Terminates The Daily Stormer.” Test Casebook, March 5. " + u + ".",
	}
	for id, w := range want {
		n := byID(page, id)
		if n == nil {
			t.Errorf("no #%s", id)
			continue
		}
		if got := textOf(n); got != w {
			t.Errorf("#%s = %q; want %q", id, got, w)
		}
	}
	for id, label := range map[string]string{"citation-apa": "APA 7", "citation-mla": "MLA 9", "citation-chicago": "Chicago (author-date)"} {
		if n := byID(page, id); n != nil {
			if got, _ := attr(n, "data-label"); got != label { // the copy button's name (cite.js)
				t.Errorf("#%s data-label = %q; want %q", id, got, label)
			}
		}
	}
	if n := byID(page, "citation-apa"); n != nil && !strings.Contains(renderNode(n), "<i>Cloudflare terminates The Daily Stormer</i>") {
		t.Errorf("APA title is not in italics: %s", renderNode(n))
	}
	for _, want := range []struct{ ext, typ string }{{"bib", "application/x-bibtex"}, {"ris", "application/x-research-info-systems"}, {"json", "application/vnd.citationstyles.csl+json"}} {
		if len(download(t, files, "ds-2017", want.ext)) == 0 {
			t.Errorf("the .%s download is empty", want.ext)
		}
		if a := downloadLink(t, files, "ds-2017", want.ext); a == nil {
			continue
		} else if typ, _ := attr(a, "type"); typ != want.typ {
			t.Errorf("the .%s download has type %q; want %q", want.ext, typ, want.typ)
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "cases/") && !strings.HasSuffix(name, "/index.html") {
			t.Errorf("%s: a case has no file but its page", name)
		}
	}
	ent := parseHTML(t, file(t, files, "entities/cloudflare/index.html"))
	// An entity's page changes with its cases: dated by their latest update.
	if n := byID(ent, "citation-apa"); n == nil || !strings.HasPrefix(textOf(n), "Test Editors. (2024, March 5). Cloudflare.") {
		t.Errorf("entity page citation missing or wrong")
	}
	// A page with no known date (other-2019: no git, no published or
	// updated) is cited without one, as the styles write it.
	other := parseHTML(t, file(t, files, "cases/other-2019/index.html"))
	if n := byID(other, "citation-apa"); n == nil || !strings.HasPrefix(textOf(n), "Test Editors. (n.d.). Cloudflare keeps another site.") {
		t.Errorf("undated page citation missing or wrong")
	}
}

// TestCiteAuthors checks the author lists of the three styles with three
// people and a month-only updated date.
func TestCiteAuthors(t *testing.T) {
	_, files := buildSite(t, awkward)
	page := parseHTML(t, file(t, files, "cases/x/index.html"))
	for id, prefix := range map[string]string{
		"citation-apa": "Ångström, Z., Dupont, J.-L., & Ólafsdóttir, Þ. (2024, March). Café",
		// A page in French: its title keeps its case (citeproc-js changes
		// the case of English titles only).
		"citation-mla":     "Ångström, Zoë, et al. “Café {Noir} & 100% ‘quoted’ #1_a",
		"citation-chicago": "Ångström, Zoë, Jean-Luc Dupont, and Þóra Ólafsdóttir. 2024. “Café {Noir} & 100% ‘quoted’",
	} {
		n := byID(page, id)
		if n == nil || !strings.HasPrefix(textOf(n), prefix) {
			t.Errorf("#%s does not start with %q", id, prefix)
		}
	}
	if n := byID(page, "citation-chicago"); n == nil || !strings.Contains(textOf(n), "L’Observatoire & {Co}: 100% #1, Éditions $ & ~ ^ _, March. https://") {
		t.Errorf("the Chicago citation does not end with the site, the publisher and the month: %q", textOf(n))
	}
}

// BibTeX: a minimal parser, enough to read back what we write.

type bibEntry struct {
	typ, key string
	fields   map[string]string // raw values, without the outer braces
}

func (e bibEntry) raw(name string) string  { return e.fields[name] }
func (e bibEntry) text(name string) string { return unescapeBib(e.fields[name]) }

// parseBib reads @type{key, name = {value} or name = macro, ...} entries;
// text outside entries is a comment.
func parseBib(src string) ([]bibEntry, error) {
	var out []bibEntry
	for {
		at := strings.IndexByte(src, '@')
		if at < 0 {
			return out, nil
		}
		src = src[at+1:]
		open := strings.IndexByte(src, '{')
		comma := strings.IndexByte(src, ',')
		if open < 0 || comma < open {
			return nil, fmt.Errorf("bad entry head %.30q", src)
		}
		e := bibEntry{typ: src[:open], key: strings.TrimSpace(src[open+1 : comma]), fields: map[string]string{}}
		src = src[comma+1:]
		for {
			src = strings.TrimLeft(src, " \t\n,")
			if strings.HasPrefix(src, "}") {
				src = src[1:]
				break
			}
			eq := strings.IndexByte(src, '=')
			if eq < 0 {
				return nil, fmt.Errorf("no = in %.30q", src)
			}
			name := strings.ToLower(strings.TrimSpace(src[:eq]))
			src = strings.TrimLeft(src[eq+1:], " ")
			if !strings.HasPrefix(src, "{") { // a macro
				end := strings.IndexAny(src, ",}")
				if end < 0 {
					return nil, fmt.Errorf("unterminated field %s", name)
				}
				e.fields[name] = strings.TrimSpace(src[:end])
				src = src[end:]
				continue
			}
			depth, end := 0, -1
			for i := 0; i < len(src) && end < 0; i++ {
				switch src[i] {
				case '\\':
					i++ // an escaped character never opens or closes a group
				case '{':
					depth++
				case '}':
					if depth--; depth == 0 {
						end = i
					}
				}
			}
			if end < 0 {
				return nil, fmt.Errorf("unbalanced braces in field %s", name)
			}
			if _, dup := e.fields[name]; dup {
				return nil, fmt.Errorf("field %s twice", name)
			}
			e.fields[name] = src[1:end]
			src = src[end+1:]
		}
		out = append(out, e)
	}
}

// unescapeBib turns escaped LaTeX back into text and drops the protecting
// braces.
func unescapeBib(s string) string {
	s = strings.NewReplacer(`\textbackslash{}`, "\x01", `\textasciitilde{}`, "~", `\textasciicircum{}`, "^").Replace(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '{' || c == '}':
		case c == '\x01':
			b.WriteByte('\\')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// splitBibNames splits an author field on " and " outside braces.
func splitBibNames(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ' ':
			if depth == 0 && strings.HasPrefix(s[i:], " and ") {
				out = append(out, s[start:i])
				start = i + len(" and ")
			}
		}
	}
	return append(out, s[start:])
}

// RIS: records of "TG  - value" lines ending with "ER  - ".

type risRecord map[string][]string

func (r risRecord) one(tag string) string {
	if len(r[tag]) != 1 {
		return fmt.Sprintf("<%d values>", len(r[tag]))
	}
	return r[tag][0]
}

var risLine = regexp.MustCompile(`^([A-Z][A-Z0-9])  - (.*)$`)

func parseRIS(src string) ([]risRecord, error) {
	var out []risRecord
	var cur risRecord
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		m := risLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("bad RIS line %q", line)
		}
		switch {
		case m[1] == "TY":
			cur = risRecord{}
		case cur == nil:
			return nil, fmt.Errorf("%s before TY", m[1])
		case m[1] == "ER":
			out = append(out, cur)
			cur = nil
			continue
		}
		cur[m[1]] = append(cur[m[1]], m[2])
	}
	if cur != nil {
		return nil, fmt.Errorf("record without ER")
	}
	return out, nil
}

func fieldsEqual(a, b fields) bool {
	return a.Title == b.Title && a.Site == b.Site && a.Date == b.Date && a.URL == b.URL && slices.Equal(a.Authors, b.Authors)
}

// HTML helpers.

// downloadLink returns the link of a case page that downloads slug.ext.
func downloadLink(t *testing.T, files map[string][]byte, slug, ext string) *html.Node {
	t.Helper()
	page := parseHTML(t, file(t, files, "cases/"+slug+"/index.html"))
	links := find(page, func(n *html.Node) bool {
		d, _ := attr(n, "download")
		return n.Data == "a" && d == slug+"."+ext
	})
	if len(links) != 1 {
		t.Errorf("case page %s has %d links downloading %s.%s; want 1", slug, len(links), slug, ext)
		return nil
	}
	return links[0]
}

// download returns the file that the case page of slug offers as slug.ext:
// the content of its data: URL.
func download(t *testing.T, files map[string][]byte, slug, ext string) []byte {
	t.Helper()
	a := downloadLink(t, files, slug, ext)
	if a == nil {
		t.FailNow()
	}
	href, _ := attr(a, "href")
	typ, _ := attr(a, "type")
	rest, ok := strings.CutPrefix(href, "data:"+typ+";charset=utf-8,")
	if !ok {
		t.Fatalf("the %s.%s link is not a data: URL of type %s: %.60s", slug, ext, typ, href)
	}
	data, err := url.PathUnescape(rest)
	if err != nil {
		t.Fatalf("the %s.%s data: URL: %v", slug, ext, err)
	}
	return []byte(data)
}

func parseHTML(t *testing.T, data []byte) *html.Node {
	t.Helper()
	if !utf8.Valid(data) {
		t.Fatal("page is not UTF-8")
	}
	n, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func byID(root *html.Node, id string) *html.Node {
	ns := find(root, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == id })
	if len(ns) != 1 {
		return nil
	}
	return ns[0]
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func renderNode(n *html.Node) string {
	var b bytes.Buffer
	_ = html.Render(&b, n)
	return b.String()
}

// TestRISOrganisationAuthor checks that the editors, an organisation, are
// written in RIS as a family name alone with its comma ("Name,"): RIS has
// no other mark for an organisation, and EndNote and Zotero read it as one
// name in a single field (Zotero's RIS import: no given name, fieldMode 1),
// not split at the last space into a person. (bibutils drops the comma and
// splits it all the same unless told the name is not a person's:
// TestCitationFilesReadBack.)
func TestRISOrganisationAuthor(t *testing.T) {
	_, files := buildSite(t, "")
	recs, err := parseRIS(string(download(t, files, "ds-2017", "ris")))
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	au := recs[0]["AU"]
	if len(au) != 1 {
		t.Fatalf("AU = %q; want one author", au)
	}
	family, given, _ := strings.Cut(au[0], ",")
	if family != "Test Editors" || strings.TrimSpace(given) != "" {
		t.Errorf("AU %q reads as family %q, given %q; want the organisation whole", au[0], family, given)
	}
}
