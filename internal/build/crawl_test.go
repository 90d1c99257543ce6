package build_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
	"golang.org/x/net/html"
)

// page is what the crawl learns from one HTML file.
type page struct {
	ids     map[string]bool
	links   []string // href values of <a> and <link>
	anchors []string // href values of <a>: the links a reader follows
	noindex bool     // <meta name="robots" content="noindex">: the 404 page, a former address
}

// voidElements have no end tag in HTML.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// scanPage tokenises an HTML page and returns its ids and links, or the
// problems found: unbalanced tags, duplicate ids, not exactly one h1, no
// lang, inline scripts, styles or event handlers, external sub-resources.
func scanPage(data []byte) (*page, []string) {
	p := &page{ids: map[string]bool{}}
	var problems []string
	var stack []string
	h1, lang := 0, false
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				problems = append(problems, "tokenizer: "+z.Err().Error())
			}
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name := tok.Data
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Key] = a.Val
				if strings.HasPrefix(a.Key, "on") {
					problems = append(problems, fmt.Sprintf("event handler %s on <%s>", a.Key, name))
				}
			}
			if id, ok := attrs["id"]; ok {
				if p.ids[id] {
					problems = append(problems, fmt.Sprintf("duplicate id %q", id))
				}
				p.ids[id] = true
			}
			if _, ok := attrs["style"]; ok {
				problems = append(problems, fmt.Sprintf("style attribute on <%s>", name))
			}
			switch name {
			case "html":
				lang = attrs["lang"] != ""
			case "h1":
				h1++
			case "style":
				problems = append(problems, "<style> element")
			case "script":
				// JSON-LD is data that browsers never execute; anything else
				// must come from a file so a strict CSP holds.
				if attrs["src"] == "" && attrs["type"] != "application/ld+json" {
					problems = append(problems, "inline <script>")
				}
			case "a", "link":
				if href, ok := attrs["href"]; ok {
					p.links = append(p.links, href)
					if name == "a" {
						p.anchors = append(p.anchors, href)
					}
				}
			case "meta":
				p.noindex = p.noindex || attrs["name"] == "robots" && strings.Contains(attrs["content"], "noindex")
			}
			if src := attrs["src"]; src != "" && isExternal(src) {
				problems = append(problems, fmt.Sprintf("external src %q", src))
			}
			if name == "link" && attrs["rel"] == "stylesheet" && isExternal(attrs["href"]) {
				problems = append(problems, fmt.Sprintf("external stylesheet %q", attrs["href"]))
			}
			if tt == html.StartTagToken && !voidElements[name] {
				stack = append(stack, name)
			}
		case html.EndTagToken:
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				problems = append(problems, fmt.Sprintf("unexpected </%s> (open: %v)", tok.Data, stack))
				return p, problems
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		problems = append(problems, fmt.Sprintf("unclosed elements %v", stack))
	}
	if h1 != 1 {
		problems = append(problems, fmt.Sprintf("%d h1 elements; want 1", h1))
	}
	if !lang {
		problems = append(problems, "no lang on <html>")
	}
	return p, problems
}

func isExternal(u string) bool {
	return strings.HasPrefix(u, "http:") || strings.HasPrefix(u, "https:") || strings.HasPrefix(u, "//")
}

// crawl checks every HTML page of a built site, that every internal link
// and fragment resolves, and that no page or download is an orphan.
// basePath is the site's path ("/" or "/sub/").
func crawl(t *testing.T, files map[string][]byte, basePath string) {
	t.Helper()
	if len(files) == 0 {
		t.Fatal("no files built")
	}
	crawlWith(t, files, basePath)
}

// reporter is the part of testing.T the crawl uses, so the crawl itself can
// be tested.
type reporter interface {
	Errorf(format string, args ...any)
}

type recorder struct{ errs *[]string }

func (r recorder) Errorf(format string, args ...any) {
	*r.errs = append(*r.errs, fmt.Sprintf(format, args...))
}

func crawlWith(t reporter, files map[string][]byte, basePath string) {
	pages := map[string]*page{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		p, problems := scanPage(files[name])
		for _, pr := range problems {
			t.Errorf("%s: %s", name, pr)
		}
		pages[name] = p
	}
	for _, name := range slices.Sorted(maps.Keys(pages)) {
		for _, href := range pages[name].links {
			target, fragment, ok := linkTarget(t, name, href, basePath)
			if !ok {
				continue
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q: no file %s", name, href, target)
				continue
			}
			if fragment != "" {
				tp, ok := pages[target]
				if !ok || !tp.ids[fragment] {
					t.Errorf("%s: link %q: no id %q in %s", name, href, fragment, target)
				}
			}
		}
	}
	orphans(t, files, pages, basePath)
}

// linkTarget returns the file a link of the page name leads to (name
// itself for a fragment alone) and its fragment; ok is false for a link
// to another site, and for a bad one, reported to t.
func linkTarget(t reporter, name, href, basePath string) (target, fragment string, ok bool) {
	if isExternal(href) || strings.HasPrefix(href, "mailto:") {
		return "", "", false
	}
	u, err := url.Parse(href)
	if err != nil {
		t.Errorf("%s: bad href %q", name, href)
		return "", "", false
	}
	if u.Path == "" {
		return name, u.Fragment, true
	}
	// A relative link (from a Markdown body) is resolved against the
	// page's address.
	page := &url.URL{Path: basePath + strings.TrimSuffix(name, "index.html")}
	p := page.ResolveReference(u).Path
	if !strings.HasPrefix(p, basePath) {
		t.Errorf("%s: href %q is not under the base path %q", name, href, basePath)
		return "", "", false
	}
	target = strings.TrimPrefix(p, basePath)
	if target == "" || strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	return path.Clean(target), u.Fragment, true
}

// downloads are the files outside data/ that the data page offers.
var downloads = []string{"feed.xml", "sitemap.xml", "timeline.ics"}

// orphans reports each file that no other page links to with an <a>: every
// HTML page but those marked noindex (the 404 page and the pages left at
// former addresses), and every download (each file of data/, and
// downloads).
func orphans(t reporter, files map[string][]byte, pages map[string]*page, basePath string) {
	linked := map[string]bool{}
	quiet := recorder{errs: new([]string)} // bad links are reported once, by the link check
	for name, p := range pages {
		for _, href := range p.anchors {
			if target, _, ok := linkTarget(quiet, name, href, basePath); ok && target != name {
				linked[target] = true
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p, isPage := pages[name]
		switch {
		case linked[name]:
		case isPage && !p.noindex:
			t.Errorf("%s: no page links to it", name)
		case strings.HasPrefix(name, "data/") || slices.Contains(downloads, name):
			t.Errorf("%s: no page links to this download", name)
		}
	}
}

// TestCrawlRealContent builds the bundled casebook and crawls every page.
func TestCrawlRealContent(t *testing.T) {
	sink := &sitetest.MemSink{}
	res, err := build.New(build.Options{SiteDir: "../.."}).Run(context.Background(), sink)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) > 0 {
		var b strings.Builder
		res.Diags.Format(&b)
		t.Fatalf("the real content has diagnostics:\n%s", b.String())
	}
	crawl(t, sink.Files, res.Site.BasePath)
	sitetest.CheckDataPage(t, sink.Files, res.Site.BasePath)
	// The about page links to the data page and to the BibTeX file it
	// names.
	about, _ := scanPage(sink.Files["about/index.html"])
	for _, want := range []string{"data/index.html", "data/casebook.bib"} {
		found := false
		for _, href := range about.anchors {
			if target, _, ok := linkTarget(t, "about/index.html", href, res.Site.BasePath); ok && target == want {
				found = true
			}
		}
		if !found {
			t.Errorf("the about page does not link to %s (links: %q)", want, about.anchors)
		}
	}
}

// TestDataPageOnDisk: the data page of a build written to a folder, where
// the largest files are streamed, gives each file its size on disk.
func TestDataPageOnDisk(t *testing.T) {
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	out := filepath.Join(dir, "public")
	res, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), out)
	if err != nil || !res.OK() {
		t.Fatalf("build: %v %v", err, res.Diags)
	}
	tree := sitetest.ReadTree(t, out)
	delete(tree, build.Marker) // the folder's, not the site's
	sitetest.CheckDataPage(t, tree, res.Site.BasePath)
}

// TestCrawlSubPath crawls the test site, published under a sub-path.
func TestCrawlSubPath(t *testing.T) {
	res, files := sitetest.Build(t, sitetest.FS(t, sitetest.Base))
	if res.Site.BasePath != "/sub/" {
		t.Fatalf("base path %q; want /sub/", res.Site.BasePath)
	}
	crawl(t, files, res.Site.BasePath)
}

// TestScanPageFindsProblems guards the crawl: each broken page is caught.
func TestScanPageFindsProblems(t *testing.T) {
	wrap := func(body string) string {
		return `<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>` + body + `</body></html>`
	}
	tests := []struct{ name, page, want string }{
		{"two h1", wrap("<h1>a</h1><h1>b</h1>"), "2 h1 elements"},
		{"no h1", wrap("<p>a</p>"), "0 h1 elements"},
		{"no lang", `<html><body><h1>a</h1></body></html>`, "no lang"},
		{"inline script", wrap("<h1>a</h1><script>alert(1)</script>"), "inline <script>"},
		{"inline module", wrap(`<h1>a</h1><script type="module">alert(1)</script>`), "inline <script>"},
		{"style attribute", wrap(`<h1 style="color:red">a</h1>`), "style attribute"},
		{"event handler", wrap(`<h1 onclick="x()">a</h1>`), "event handler onclick"},
		{"external script", wrap(`<h1>a</h1><script src="https://cdn.example/x.js"></script>`), "external src"},
		{"external stylesheet", wrap(`<h1>a</h1><link rel="stylesheet" href="//cdn.example/x.css">`), "external stylesheet"},
		{"unbalanced", wrap("<h1>a</h2>"), "unexpected </h2>"},
		{"duplicate id", wrap(`<h1 id="x">a</h1><p id="x"></p>`), `duplicate id "x"`},
	}
	for _, tt := range tests {
		_, problems := scanPage([]byte(tt.page))
		if !strings.Contains(strings.Join(problems, "\n"), tt.want) {
			t.Errorf("%s: problems %q; want one containing %q", tt.name, problems, tt.want)
		}
	}
	_, problems := scanPage([]byte(wrap(`<h1 id="x">ok</h1><img src="/static/a.png" alt="">`)))
	if len(problems) > 0 {
		t.Errorf("a good page has problems: %q", problems)
	}
}

// TestCrawlFindsOrphans guards the orphan check: a page and a download no
// other page links to are reported, a noindex page, a page linked by a
// relative link and a file outside data/ are not.
func TestCrawlFindsOrphans(t *testing.T) {
	ok := `<!DOCTYPE html><html lang="en"><body><h1>x</h1>`
	files := map[string][]byte{
		"index.html":          []byte(ok + `<a href="/sub/a/">a</a><a href="/sub/">self</a></body></html>`),
		"a/index.html":        []byte(ok + `<a href="../b/">b</a><a href="/sub/data/x.json">x</a><link rel="alternate" href="/sub/data/y.json"></body></html>`),
		"b/index.html":        []byte(ok + `<a href="/sub/a/">a</a><a href="/sub/">home</a></body></html>`),
		"orphan/index.html":   []byte(ok + `<a href="/sub/a/">a</a></body></html>`),
		"former/index.html":   []byte(`<!DOCTYPE html><html lang="en"><head><meta name="robots" content="noindex"></head><body><h1>x</h1></body></html>`),
		"data/x.json":         []byte(`{}`),
		"data/y.json":         []byte(`{}`),
		"feed.xml":            []byte(`<feed/>`),
		"robots.txt":          []byte(``),
		"data/sub/deep.ics":   []byte(``),
		"static/style.css":    []byte(``),
		"search/index.json":   []byte(`{}`),
		"sitemap.xml":         []byte(`<urlset/>`),
		"timeline.ics":        []byte(``),
		"timeline/index.html": []byte(ok + `<a href="/sub/timeline.ics">ics</a><a href="/sub/sitemap.xml">map</a></body></html>`),
	}
	var errs []string
	crawlWith(recorder{errs: &errs}, files, "/sub/")
	want := []string{
		"data/sub/deep.ics: no page links to this download",
		"data/y.json: no page links to this download",
		"feed.xml: no page links to this download",
		"orphan/index.html: no page links to it",
		"timeline/index.html: no page links to it",
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("crawl errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

// TestCrawlFindsBrokenLinks guards the link check.
func TestCrawlFindsBrokenLinks(t *testing.T) {
	ok := `<!DOCTYPE html><html lang="en"><body><h1 id="top">x</h1>`
	files := map[string][]byte{
		"index.html":   []byte(ok + `<a href="/a/">a</a><a href="/a/#top">t</a></body></html>`),
		"a/index.html": []byte(ok + `<a href="/missing/">m</a><a href="/#nope">n</a></body></html>`),
	}
	var errs []string
	rec := recorder{errs: &errs}
	crawlWith(rec, files, "/")
	want := []string{`a/index.html: link "/missing/": no file missing/index.html`, `a/index.html: link "/#nope": no id "nope" in index.html`}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("crawl errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}
