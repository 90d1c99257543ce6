package render_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/sitetest"
	"golang.org/x/net/html"
)

// headMeta collects the <meta> tags of a page's head: name or property ->
// contents, in order.
func headMeta(t *testing.T, page *html.Node) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range find(page, func(n *html.Node) bool { return n.Data == "meta" }) {
		key, ok := attr(m, "name")
		if !ok {
			key, ok = attr(m, "property")
		}
		if ok {
			v, _ := attr(m, "content")
			out[key] = append(out[key], v)
		}
	}
	return out
}

// metaSite gives the awkward site's cloudflare a Wikidata item.
const metaSite = awkward + `
-- content/entities/cloudflare.md --
---
name: Cloudflare
kind: company
website: https://www.cloudflare.com
wikidata: Q4778915
---
`

func TestCaseMetadata(t *testing.T) {
	s, files := buildSite(t, metaSite)
	page := parseHTML(t, file(t, files, "cases/x/index.html"))
	meta := headMeta(t, page)
	u := abs(s, s.BasePath+"cases/x/")
	title := `Café {Noir} & 100% "quoted" #1_a ~b^c \d $5 — Ærø`
	once := map[string]string{
		"citation_title":            title,
		"citation_publication_date": "2024/03",    // the page's last update
		"citation_online_date":      "2023/11/20", // when it first appeared
		"article:published_time":    "2023-11-20",
		"article:modified_time":     "2024-03",
		"citation_publisher":        "Éditions $ & ~ ^ _",
		"citation_public_url":       u,
		"citation_language":         "fr",
		"og:type":                   "article",
		"og:title":                  title,
		"og:url":                    u,
		"og:site_name":              "L’Observatoire & {Co}: 100% #1",
		"og:description":            "A summary.",
		"twitter:card":              "summary",
	}
	for name, want := range once {
		if got := meta[name]; len(got) != 1 || got[0] != want {
			t.Errorf("meta %s = %q; want exactly [%q]", name, got, want)
		}
	}
	// The page's dates only: the case's date (its events, 2019-08-04) is in
	// the body, not in any metadata of the page.
	for name, values := range meta {
		for _, v := range values {
			if strings.Contains(v, "2019-08-04") || strings.Contains(v, "2019/08/04") {
				t.Errorf("meta %s = %q: the events' date", name, v)
			}
		}
	}
	authors := []string{"Ångström, Zoë", "Dupont, Jean-Luc", "Ólafsdóttir, Þóra"}
	if got := meta["citation_author"]; !slices.Equal(got, authors) {
		t.Errorf("meta citation_author = %q; want %q", got, authors)
	}
	// Each thing once: no Dublin Core copy of the Highwire tags, no Twitter
	// copy of Open Graph's title and description (Twitter reads og:*).
	for name := range meta {
		if strings.HasPrefix(name, "DC.") || name == "twitter:title" || name == "twitter:description" {
			t.Errorf("meta %s repeats what another tag says", name)
		}
	}
	canon := find(page, func(n *html.Node) bool { r, _ := attr(n, "rel"); return n.Data == "link" && r == "canonical" })
	if len(canon) != 1 {
		t.Fatalf("%d canonical links; want 1", len(canon))
	}
	if href, _ := attr(canon[0], "href"); href != u || !strings.HasPrefix(href, "https://") {
		t.Errorf("canonical = %q; want absolute %q", href, u)
	}

	// What Zotero's "Embedded Metadata" import makes of the page.
	z := zoteroView(meta)
	want := zoteroItem{Title: title, Creators: authors, Date: "2024/03", URL: u, Publisher: "Éditions $ & ~ ^ _",
		Language: "fr", WebsiteTitle: "L’Observatoire & {Co}: 100% #1"}
	if !slices.Equal(z.Creators, want.Creators) || z.Title != want.Title || z.Date != want.Date || z.URL != want.URL ||
		z.Publisher != want.Publisher || z.Language != want.Language || z.WebsiteTitle != want.WebsiteTitle {
		t.Errorf("Zotero view = %+v; want %+v", z, want)
	}
}

// zoteroItem is what Zotero's Embedded Metadata translator reads from a
// page with Highwire Press tags, falling back to Dublin Core and Open Graph.
type zoteroItem struct {
	Title, Date, URL, Publisher, Language, WebsiteTitle string
	Creators                                            []string
}

func zoteroView(meta map[string][]string) zoteroItem {
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := meta[k]; len(v) > 0 {
				return v[0]
			}
		}
		return ""
	}
	creators := meta["citation_author"]
	if len(creators) == 0 {
		creators = meta["DC.creator"]
	}
	return zoteroItem{
		Title:        first("citation_title", "DC.title", "og:title"),
		Date:         first("citation_publication_date", "citation_date", "DC.date"),
		URL:          first("citation_public_url", "og:url"),
		Publisher:    first("citation_publisher", "DC.publisher"),
		Language:     first("citation_language", "DC.language"),
		WebsiteTitle: first("og:site_name"),
		Creators:     creators,
	}
}

type ldNode struct {
	Context       string   `json:"@context"`
	Type          string   `json:"@type"`
	Name          string   `json:"name"`
	Headline      string   `json:"headline"`
	URL           string   `json:"url"`
	SameAs        []string `json:"sameAs"`
	DatePublished string   `json:"datePublished"`
	DateModified  string   `json:"dateModified"`
	InLanguage    string   `json:"inLanguage"`
	ArchivedAt    string   `json:"archivedAt"`
	Author        []ldNode `json:"author"`
	Publisher     *ldNode  `json:"publisher"`
	About         []ldNode `json:"about"`
	Citation      []ldNode `json:"citation"`
}

// jsonLD returns the text of the page's one JSON-LD script.
func jsonLD(t *testing.T, page *html.Node) string {
	t.Helper()
	scripts := find(page, func(n *html.Node) bool {
		ty, _ := attr(n, "type")
		return n.Data == "script" && ty == "application/ld+json"
	})
	if len(scripts) != 1 {
		t.Fatalf("%d JSON-LD scripts; want 1", len(scripts))
	}
	return textOf(scripts[0])
}

func TestCaseJSONLD(t *testing.T) {
	s, files := buildSite(t, metaSite)
	raw := jsonLD(t, parseHTML(t, file(t, files, "cases/x/index.html")))
	if !json.Valid([]byte(raw)) {
		t.Fatalf("JSON-LD is not valid JSON: %s", raw)
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal([]byte(raw), &keys)
	for _, k := range []string{"@context", "@type", "headline", "datePublished", "dateModified", "publisher", "author", "about", "citation", "url"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("JSON-LD lacks %q", k)
		}
	}
	var n ldNode
	if err := json.Unmarshal([]byte(raw), &n); err != nil {
		t.Fatal(err)
	}
	if n.Context != "https://schema.org" || n.Type != "Article" || n.Headline != `Café {Noir} & 100% "quoted" #1_a ~b^c \d $5 — Ærø` {
		t.Errorf("context, type, headline = %q, %q, %q", n.Context, n.Type, n.Headline)
	}
	// The page's dates (published 2023-11-20, updated 2024-03), not the
	// case's (2019-08-04), which is nowhere in the description.
	if n.DatePublished != "2023-11-20" || n.DateModified != "2024-03" || n.URL != abs(s, s.BasePath+"cases/x/") {
		t.Errorf("dates, url = %q, %q, %q", n.DatePublished, n.DateModified, n.URL)
	}
	if strings.Contains(raw, "2019-08-04") {
		t.Errorf("JSON-LD gives the events' date: %s", raw)
	}
	if n.Publisher == nil || n.Publisher.Name != "Éditions $ & ~ ^ _" || len(n.Author) != 3 || n.Author[0].Name != "Zoë Ångström" {
		t.Errorf("publisher, authors = %+v, %+v", n.Publisher, n.Author)
	}
	var cf *ldNode
	for i, a := range n.About {
		if a.Name == "Cloudflare" {
			cf = &n.About[i]
		}
	}
	if len(n.About) != 2 || cf == nil || !slices.Contains(cf.SameAs, "https://www.wikidata.org/wiki/Q4778915") {
		t.Errorf("about = %+v; want the target and Cloudflare with its Wikidata item", n.About)
	}
	if len(n.Citation) != 1 || n.Citation[0].URL != "https://example.com/x" || n.Citation[0].Name != "A source" {
		t.Errorf("citation = %+v; want the one source", n.Citation)
	}
}

// TestJSONLDCannotCloseScript: a title holding </script> stays inside the
// JSON-LD script, and the JSON still reads back the same.
func TestJSONLDCannotCloseScript(t *testing.T) {
	_, files := buildSite(t, `
-- content/cases/x.md --
---
title: 'A </script><script>alert(1)</script> <!-- title'
summary: A summary.
date: 2019-08-04
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
`)
	data := file(t, files, "cases/x/index.html")
	raw := jsonLD(t, parseHTML(t, data))
	var n ldNode
	if err := json.Unmarshal([]byte(raw), &n); err != nil || n.Headline != "A </script><script>alert(1)</script> <!-- title" {
		t.Errorf("headline = %q, %v", n.Headline, err)
	}
	if strings.Contains(raw, "</") || strings.Contains(raw, "<!--") {
		t.Errorf("JSON-LD holds </ or <!--: %s", raw)
	}
}

func TestEntityMetadata(t *testing.T) {
	s, files := buildSite(t, metaSite)
	page := parseHTML(t, file(t, files, "entities/cloudflare/index.html"))
	meta := headMeta(t, page)
	if got := meta["citation_title"]; len(got) != 1 || got[0] != "Cloudflare" {
		t.Errorf("citation_title = %q", got)
	}
	var n ldNode
	if err := json.Unmarshal([]byte(jsonLD(t, page)), &n); err != nil {
		t.Fatal(err)
	}
	if n.Type != "WebPage" || len(n.About) != 1 || n.About[0].URL != abs(s, s.BasePath+"entities/cloudflare/") ||
		!slices.Equal(n.About[0].SameAs, []string{"https://www.wikidata.org/wiki/Q4778915", "https://www.cloudflare.com"}) {
		t.Errorf("entity JSON-LD = %+v", n)
	}
	// Pages that are not cited have Open Graph tags but no citation tags.
	home := headMeta(t, parseHTML(t, file(t, files, "index.html")))
	if len(home["og:title"]) != 1 || len(home["citation_title"]) != 0 {
		t.Errorf("home page meta = %v", home)
	}
}

// TestRedirects: every alias page points at the live URL, and the
// machine-readable lists agree.
func TestRedirects(t *testing.T) {
	s, files := buildSite(t, `
-- content/cases/x.md --
`+strings.Replace(sitetest.CaseX, "date: 2019-08-04\n", "date: 2019-08-04\naliases: [old-x, older-x]\n", 1))
	live := s.BasePath + "cases/x/"
	for _, old := range []string{"old-x", "older-x"} {
		page := parseHTML(t, file(t, files, "cases/"+old+"/index.html"))
		refresh := find(page, func(n *html.Node) bool { v, _ := attr(n, "http-equiv"); return v == "refresh" })
		if len(refresh) != 1 {
			t.Fatalf("%s: %d refresh tags", old, len(refresh))
		}
		if c, _ := attr(refresh[0], "content"); c != "0; url="+live {
			t.Errorf("%s: refresh = %q; want 0; url=%s", old, c, live)
		}
		canon := find(page, func(n *html.Node) bool { r, _ := attr(n, "rel"); return r == "canonical" })
		if len(canon) != 1 {
			t.Fatalf("%s: %d canonical links", old, len(canon))
		}
		if h, _ := attr(canon[0], "href"); h != abs(s, live) {
			t.Errorf("%s: canonical = %q; want %q", old, h, abs(s, live))
		}
		visible := find(page, func(n *html.Node) bool { h, _ := attr(n, "href"); return n.Data == "a" && h == live })
		if len(visible) == 0 {
			t.Errorf("%s: no visible link to %s", old, live)
		}
		if m := headMeta(t, page); len(m["citation_title"])+len(m["og:title"]) != 0 {
			t.Errorf("%s: a redirect page carries citation or Open Graph tags", old)
		}
	}
	var rf struct {
		Redirects []struct{ From, To, FromURL, ToURL string } `json:"redirects"`
	}
	if err := json.Unmarshal(file(t, files, "data/redirects.json"), &rf); err != nil {
		t.Fatal(err)
	}
	if len(rf.Redirects) != 2 || rf.Redirects[0].From != s.BasePath+"cases/old-x/" || rf.Redirects[1].To != live {
		t.Errorf("redirects.json = %+v", rf.Redirects)
	}
	wantLines := []string{
		"/sub/cases/old-x /sub/cases/x/ 301", "/sub/cases/old-x/ /sub/cases/x/ 301",
		"/sub/cases/older-x /sub/cases/x/ 301", "/sub/cases/older-x/ /sub/cases/x/ 301",
	}
	var got []string
	for line := range strings.Lines(string(file(t, files, "_redirects"))) {
		if !strings.HasPrefix(line, "#") {
			got = append(got, strings.TrimSuffix(line, "\n"))
		}
	}
	if !slices.Equal(got, wantLines) {
		t.Errorf("_redirects = %q; want %q", got, wantLines)
	}
}

// TestRobustLinks: a source link with an archived copy carries the Robust
// Links data-versionurl and, when known, data-versiondate.
func TestRobustLinks(t *testing.T) {
	src := func(id, archive, accessed string) string {
		s := "  - id: " + id + "\n    title: T " + id + "\n    publisher: P\n    url: https://example.com/" + id + "\n"
		if archive != "" {
			s += "    archive: " + archive + "\n"
		}
		if accessed != "" {
			s += "    accessed: " + accessed + "\n"
		}
		return s
	}
	x := strings.Replace(sitetest.CaseX, "Body text [@x-1].", "Body text [@x-1; @wb; @ph; @mg; @acc; @none].", 1)
	x = strings.Replace(x, "---\n\nBody", src("wb", "https://web.archive.org/web/20170816123456/https://example.com/wb", "2020-01-01")+
		src("ph", "https://archive.ph/2021.02.03-040506/https://example.com/ph", "")+
		src("mg", "https://megalodon.jp/ref/2023-0216-0726-18/https://example.com/mg", "")+
		src("acc", "https://example.net/copy", "2019-05")+
		src("none", "", "2019-05")+"---\n\nBody", 1)
	_, files := buildSite(t, "-- content/cases/x.md --\n"+x)
	page := parseHTML(t, file(t, files, "cases/x/index.html"))
	want := map[string][2]string{ // source url -> versionurl, versiondate
		"https://example.com/wb":   {"https://web.archive.org/web/20170816123456/https://example.com/wb", "2017-08-16"},
		"https://example.com/ph":   {"https://archive.ph/2021.02.03-040506/https://example.com/ph", "2021-02-03"},
		"https://example.com/mg":   {"https://megalodon.jp/ref/2023-0216-0726-18/https://example.com/mg", "2023-02-16"},
		"https://example.com/acc":  {"https://example.net/copy", "2019-05"},
		"https://example.com/none": {"", ""},
	}
	for u, w := range want {
		links := find(page, func(n *html.Node) bool { h, _ := attr(n, "href"); c, _ := attr(n, "rel"); return h == u && c != "" })
		if len(links) != 1 {
			t.Errorf("%s: %d source links", u, len(links))
			continue
		}
		vu, _ := attr(links[0], "data-versionurl")
		vd, _ := attr(links[0], "data-versiondate")
		if vu != w[0] || vd != w[1] {
			t.Errorf("%s: versionurl, versiondate = %q, %q; want %q, %q", u, vu, vd, w[0], w[1])
		}
	}
}

// ldIRIs are the properties of the JSON-LD whose values schema.org reads
// as addresses (IRIs), wherever they occur: the page's url and license,
// an entity's sameAs, the publisher's @id, and the url of isPartOf,
// publisher, about[] and citation[].
var ldIRIs = map[string]bool{"url": true, "license": true, "sameAs": true, "@id": true}

// ldIRIValues walks a decoded JSON-LD value and calls found with the path
// and value of every string of an IRI-valued property.
func ldIRIValues(v any, at string, found func(path, value string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			p := strings.TrimPrefix(at+"."+k, ".")
			if ldIRIs[k] {
				switch x := x.(type) {
				case string:
					found(p, x)
				case []any:
					for _, s := range x {
						str, _ := s.(string)
						found(p+"[]", str)
					}
				default:
					found(p, fmt.Sprint(x))
				}
				continue
			}
			ldIRIValues(x, p, found)
		}
	case []any:
		for _, x := range v {
			ldIRIValues(x, at+"[]", found)
		}
	}
}

// TestJSONLDAddressesAreAbsolute expands the JSON-LD of every page of a
// built site as a JSON-LD processor would read its IRI-valued properties,
// and checks that each is an absolute http(s) URL: a relative one (such as
// a licence's name, "CC BY 4.0") would be resolved against the page's
// address into a wrong one. No JSON-LD processor library is needed: with
// the schema.org context, these properties (url, license, sameAs, @id) are
// IRIs, so checking their values directly is what expansion would test. It
// also checks every node against the schema.org vocabulary (ldVocabulary).
func TestJSONLDAddressesAreAbsolute(t *testing.T) {
	seen := map[string]bool{}
	pages := 0
	// The base site (its publisher is the author, by @id) and the awkward
	// one (authors, a Wikidata item).
	for _, archive := range []string{"", metaSite} {
		_, files := buildSite(t, archive)
		pages += jsonLDAddresses(t, files, seen)
	}
	if pages == 0 {
		t.Fatal("no page has JSON-LD")
	}
	for _, p := range []string{"url", "license", "publisher.@id", "author[].@id", "isPartOf.url", "publisher.url", "about[].url", "about[].sameAs[]", "citation[].url"} {
		if !seen[p] {
			t.Errorf("no JSON-LD has %s: the test checks less than it should (seen %v)", p, slices.Sorted(maps.Keys(seen)))
		}
	}
}

// jsonLDAddresses checks the IRI-valued properties of the JSON-LD of every
// page of files, records the paths it saw, and returns how many pages have
// JSON-LD.
func jsonLDAddresses(t *testing.T, files map[string][]byte, seen map[string]bool) int {
	t.Helper()
	pages := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		scripts := find(parseHTML(t, files[name]), func(n *html.Node) bool {
			ty, _ := attr(n, "type")
			return n.Data == "script" && ty == "application/ld+json"
		})
		for _, sc := range scripts {
			pages++
			var v any
			if err := json.Unmarshal([]byte(textOf(sc)), &v); err != nil {
				t.Fatalf("%s: JSON-LD does not parse: %v", name, err)
			}
			ldVocabulary(t, name, v, "")
			ldIRIValues(v, "", func(p, value string) {
				seen[p] = true
				u, err := url.Parse(value)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					t.Errorf("%s: JSON-LD %s = %q; want an absolute http(s) URL", name, p, value)
				}
			})
		}
	}
	return pages
}

// TestLicense: site.yaml's license_url, else the address of a Creative
// Commons licence its license names, is the JSON-LD's license and the
// footer's link; a licence with no known address is text in the footer and
// absent from the JSON-LD.
func TestLicense(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"license_url", "license: Our own terms\nlicense_url: https://example.org/terms", "https://example.org/terms"},
		{"license_url over the table", "license: CC BY 4.0\nlicense_url: https://example.org/by", "https://example.org/by"},
		{"table", "license: CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"},
		{"table, lenient", "license: cc-by-nc-sa  4.0 International", "https://creativecommons.org/licenses/by-nc-sa/4.0/"},
		{"CC0", "license: CC0", "https://creativecommons.org/publicdomain/zero/1.0/"},
		{"unknown", "license: All rights reserved", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, files := buildSite(t, "-- content/site.yaml --\ntitle: T\nbase_url: https://example.org/sub/\nlanguage: en\npublisher: P\n"+tt.yaml+"\n")
			if s.LicenseURL != tt.want {
				t.Errorf("Site.LicenseURL = %q; want %q", s.LicenseURL, tt.want)
			}
			page := parseHTML(t, file(t, files, "cases/ds-2017/index.html"))
			var keys map[string]json.RawMessage
			if err := json.Unmarshal([]byte(jsonLD(t, page)), &keys); err != nil {
				t.Fatal(err)
			}
			got := ""
			if raw, ok := keys["license"]; ok {
				if err := json.Unmarshal(raw, &got); err != nil || got == "" {
					t.Errorf("JSON-LD license = %s; want a URL or no license", raw)
				}
			}
			if got != tt.want {
				t.Errorf("JSON-LD license = %q; want %q", got, tt.want)
			}
			footer := find(page, func(n *html.Node) bool { return n.Data == "footer" })
			if len(footer) != 1 {
				t.Fatalf("%d footers; want 1", len(footer))
			}
			links := find(footer[0], func(n *html.Node) bool { rel, _ := attr(n, "rel"); return n.Data == "a" && rel == "license" })
			licence := strings.TrimPrefix(strings.SplitN(tt.yaml, "\n", 2)[0], "license: ")
			switch {
			case tt.want == "" && len(links) != 0:
				t.Errorf("footer links the licence: %s", renderNode(links[0]))
			case tt.want == "" && !strings.Contains(textOf(footer[0]), " · "+licence):
				t.Errorf("footer %q does not name the licence %q", textOf(footer[0]), licence)
			case tt.want != "" && (len(links) != 1 || textOf(links[0]) != licence):
				t.Errorf("footer licence links = %d; want one, %q", len(links), licence)
			case tt.want != "":
				if href, _ := attr(links[0], "href"); href != tt.want {
					t.Errorf("footer licence link = %q; want %q", href, tt.want)
				}
			}
		})
	}
}

// ldParent and ldDomains are the part of the schema.org vocabulary the pages
// use, as schema.org defines it (https://schema.org/CreativeWork and the
// pages of each type and property): each type's parent, and each
// property's domain, the type whose every subtype may have it.
var (
	ldParent = map[string]string{
		"Article": "CreativeWork", "WebPage": "CreativeWork", "WebSite": "CreativeWork",
		"CreativeWork": "Thing", "Organization": "Thing", "Person": "Thing",
	}
	ldDomains = map[string]string{
		"name": "Thing", "url": "Thing", "description": "Thing", "sameAs": "Thing",
		"about": "CreativeWork", "author": "CreativeWork", "citation": "CreativeWork", "dateModified": "CreativeWork",
		"datePublished": "CreativeWork", "headline": "CreativeWork", "inLanguage": "CreativeWork",
		"isPartOf": "CreativeWork", "license": "CreativeWork", "publisher": "CreativeWork",
	}
)

// ldVocabulary checks that every node of a JSON-LD value has a type of the
// vocabulary, or is a reference by @id alone, and only properties whose
// domain is its type or one of its parents: a property a type cannot have
// is dropped or misread by the processors that validate against schema.org.
func ldVocabulary(t *testing.T, page string, v any, at string) {
	t.Helper()
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			ldVocabulary(t, page, x, at+"[]")
		}
	case map[string]any:
		typ, _ := v["@type"].(string)
		if typ == "" {
			if _, ref := v["@id"]; ref && len(v) == 1 {
				return
			}
			t.Errorf("%s: JSON-LD node %s has no @type", page, at)
			return
		}
		if _, ok := ldParent[typ]; !ok {
			t.Errorf("%s: JSON-LD %s has @type %q, not one the test knows of schema.org", page, at, typ)
		}
		for k, x := range v {
			if strings.HasPrefix(k, "@") {
				continue
			}
			domain, ok := ldDomains[k]
			allowed := false
			for ty := typ; ok && ty != ""; ty = ldParent[ty] {
				allowed = allowed || ty == domain
			}
			if !allowed {
				t.Errorf("%s: JSON-LD %q (%s) has %q, which schema.org does not define for it", page, at, typ, k)
			}
			ldVocabulary(t, page, x, strings.TrimPrefix(at+"."+k, "."))
		}
	}
}
