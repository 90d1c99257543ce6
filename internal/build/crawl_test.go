package build_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
	"golang.org/x/net/html"
)

// page is what the crawl learns from one HTML file.
type page struct {
	ids   map[string]bool
	links []string // href values of <a> and <link>
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
				}
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

// crawl checks every HTML page of a built site and that every internal link
// and fragment resolves. basePath is the site's path ("/" or "/sub/").
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
			if isExternal(href) || strings.HasPrefix(href, "mailto:") {
				continue
			}
			u, err := url.Parse(href)
			if err != nil {
				t.Errorf("%s: bad href %q", name, href)
				continue
			}
			target := name
			if u.Path != "" {
				if !strings.HasPrefix(u.Path, basePath) {
					t.Errorf("%s: href %q is not under the base path %q", name, href, basePath)
					continue
				}
				target = strings.TrimPrefix(u.Path, basePath)
				if target == "" || strings.HasSuffix(target, "/") {
					target += "index.html"
				}
				target = path.Clean(target)
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q: no file %s", name, href, target)
				continue
			}
			if u.Fragment != "" {
				tp, ok := pages[target]
				if !ok || !tp.ids[u.Fragment] {
					t.Errorf("%s: link %q: no id %q in %s", name, href, u.Fragment, target)
				}
			}
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
