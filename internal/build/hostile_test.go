package build_test

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
	"golang.org/x/net/html"
)

// hostile is a case whose every front-matter string and body tries to get
// script into the page.
const hostile = `-- content/cases/evil.md --
---
title: <script>alert(1)</script> "onmouseover=alert(1) x="
summary: </p><img src=x onerror=alert(1)> &lt;script&gt; ‮txt.exe‬ zero​width
date: 2019-08-04
targets: [daily-stormer]
actions:
  - provider: cloudflare
    services: [dns]
    action: terminated
    date: 2019-08-04
    sources: [evil-1]
tags: [hate-speech]
events:
  - date: 2019-08-05
    text: <svg onload=alert(1)>
    sources: [evil-1]
sources:
  - id: evil-1
    title: <iframe src=javascript:alert(1)>
    publisher: "\"><script>alert(1)</script>"
    author: [<b onclick=alert(1)>x</b>]
    url: https://example.com/?q=%3Cscript%3E&x=%22onload=alert(1)
    language: en
---

<script>alert(1)</script> <img src=x onerror=alert(1)> [@evil-1]

[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:msgbox(1)) [d](data:text/html,<script>alert(1)</script>)
[e](java&#x09;script:alert(1)) [f](//evil.example/x) ![g](javascript:alert(1)) ![h](data:image/svg+xml,<svg onload=alert(1)>)
<a href="javascript:alert(1)">raw</a> <!-- comment --> <style>body{}</style>

[[cloudflare|<script>alert(1)</script>]] ` + "`<script>`" + `

| <b onclick=x>cell</b> |
|---|
| [@evil-1] |
`

var badHref = regexp.MustCompile(`(?i)^\s*(javascript|vbscript|data|file):`)

// TestHostileContentIsInert builds a site with script in every front-matter
// string and in the body, and checks that no page carries an element, an
// attribute or a URL that could run it.
func TestHostileContentIsInert(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), hostile)
	res, files := sitetest.Build(t, fsys)
	if !res.OK() {
		var b strings.Builder
		res.Diags.Format(&b)
		t.Fatalf("hostile but valid content did not build:\n%s", b.String())
	}
	checked := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		checked++
		for _, p := range inertProblems(files[name]) {
			t.Errorf("%s: %s", name, p)
		}
	}
	if checked < 10 {
		t.Fatalf("only %d pages checked", checked)
	}
	page := string(files["cases/evil/index.html"])
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the script in the body is not shown as text")
	}
	if strings.Contains(page, `href="//evil.example`) && !strings.Contains(page, `rel="nofollow noreferrer"`) {
		t.Error("a protocol-relative link is not treated as external")
	}
	ld := string(files["cases/evil/index.html"])
	if i := strings.Index(ld, "application/ld+json"); i >= 0 {
		end := strings.Index(ld[i:], "</script>")
		if strings.Contains(ld[i:i+end], "<script") || strings.Contains(ld[i:i+end], "</") {
			t.Error("JSON-LD lets markup out")
		}
	}
}

// TestHostileFrontMatterURLs checks that front-matter URLs must be http(s).
func TestHostileFrontMatterURLs(t *testing.T) {
	for _, u := range []string{"javascript:alert(1)", "data:text/html,x", "//evil.example/x", "vbscript:x", "file:///etc/passwd", "https://exa mple.com/"} {
		fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), "-- content/entities/cloudflare.md --\n---\nname: Cloudflare\nkind: company\nwebsite: \""+u+"\"\n---\n")
		if got := sitetest.Diags(t, fsys); !strings.Contains(got, "content/entities/cloudflare.md:4:10: error: website") {
			t.Errorf("website %q: diagnostics %q; want a positioned error", u, got)
		}
	}
}

// citationDownload reports whether attribute a of tok is the href of a
// "cite this page" download: a link with a download attribute to a data:
// URL of one of the three citation types (BibTeX, RIS, CSL-JSON), which a
// browser saves and never runs.
func citationDownload(tok html.Token, a html.Attribute) bool {
	if tok.Data != "a" || a.Key != "href" || !slices.ContainsFunc(tok.Attr, func(a html.Attribute) bool { return a.Key == "download" }) {
		return false
	}
	for _, typ := range []string{"application/x-bibtex", "application/x-research-info-systems", "application/vnd.citationstyles.csl+json"} {
		if strings.HasPrefix(a.Val, "data:"+typ+";charset=utf-8,") {
			return true
		}
	}
	return false
}

// inertProblems lists what in an HTML page could run script: executable
// inline scripts, embedding elements, event handlers, dangerous URLs.
func inertProblems(page []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "iframe", "object", "embed", "style", "base", "foreignobject":
			out = append(out, fmt.Sprintf("<%s> element", tok.Data))
		case "script":
			ok := false
			for _, a := range tok.Attr {
				ok = ok || a.Key == "src" && strings.HasPrefix(a.Val, "/") || a.Key == "type" && a.Val == "application/ld+json"
			}
			if !ok {
				out = append(out, "executable inline <script>")
			}
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") {
				out = append(out, fmt.Sprintf("event handler %s on <%s>", a.Key, tok.Data))
			}
			if (a.Key == "href" || a.Key == "src" || a.Key == "action") && badHref.MatchString(a.Val) && !citationDownload(tok, a) {
				out = append(out, fmt.Sprintf("dangerous URL %s=%q", a.Key, a.Val))
			}
		}
	}
	return out
}

// FuzzCaseToHTML runs a fuzzed case file through the whole build: it must
// not panic or hang, and every page built must be inert and well formed.
func FuzzCaseToHTML(f *testing.F) {
	f.Add(sitetest.CaseX)
	f.Add(strings.Replace(sitetest.CaseX, "Body text", "<script>alert(1)</script> [x](javascript:alert(1)) [[cloudflare]]", 1))
	f.Add(strings.Replace(sitetest.CaseX, "title: X case", "title: <img src=x onerror=alert(1)>", 1))
	f.Add("---\ntitle: [\n---\n")
	base := sitetest.FS(f, sitetest.Base)
	f.Fuzz(func(t *testing.T, src string) {
		fsys := maps.Clone(base)
		fsys["content/cases/x.md"] = &fstest.MapFile{Data: []byte(src)}
		res, files := sitetest.Build(t, fsys)
		if !res.OK() {
			return
		}
		page, ok := files["cases/x/index.html"]
		if !ok {
			t.Fatal("a good build has no page for the case")
		}
		for _, p := range inertProblems(page) {
			t.Errorf("%s\n%s", p, src)
		}
		if _, problems := scanPage(page); len(problems) > 0 {
			t.Errorf("malformed page: %v", problems)
		}
	})
}

// TestHugeAndDeepBodies builds a body with 10,000 citations (in paragraphs
// of 100): it must build, and every citation get its back-link. Bodies
// with lists, quotes or brackets nested thousands deep, which goldmark
// parses in quadratic time, are refused with an error at their line in the
// case file (the markdown package's guard).
func TestHugeAndDeepBodies(t *testing.T) {
	buildBody := func(body string) (*build.Result, map[string][]byte) {
		fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), "-- content/cases/x.md --\n"+strings.Replace(sitetest.CaseX, "Body text [@x-1].", body+"\n\nEnd [@x-1].", 1))
		return sitetest.Build(t, fsys)
	}
	res, files := buildBody(strings.Repeat(strings.Repeat("Claim [@x-1]. ", 100)+"\n\n", 100))
	if !res.OK() {
		t.Fatalf("10,000 citations: %v", res.Diags)
	}
	page := files["cases/x/index.html"]
	if !bytes.Contains(page, []byte(`href="#cite-1-ntq"`)) { // the 10,001st: ntq
		t.Error("10,000 citations: the last back-link is missing")
	}
	if _, problems := scanPage(page); len(problems) > 0 {
		t.Errorf("10,000 citations: %v", problems[:min(3, len(problems))])
	}
	bodyLine := strings.Count(sitetest.CaseX[:strings.Index(sitetest.CaseX, "Body text")], "\n") + 1
	for _, body := range []string{strings.Repeat("> ", 3000) + "quote", strings.Repeat("- ", 3000) + "item", strings.Repeat("[", 5000) + "x" + strings.Repeat("]", 5000)} {
		res, _ := buildBody(body)
		if res.OK() || len(res.Diags) != 1 {
			t.Fatalf("%.10s...: not refused once: %v", body, res.Diags)
		}
		if d := res.Diags[0]; d.Pos.File != "content/cases/x.md" || d.Pos.Line != bodyLine {
			t.Errorf("%.10s...: error at %v; want content/cases/x.md:%d", body, d.Pos, bodyLine)
		}
	}
}

// TestEncodedBasePath checks that a base URL whose path is percent-encoded
// or not ASCII gives absolute URLs with the path once, encoded, and root-
// relative links and _headers paths encoded as well.
func TestEncodedBasePath(t *testing.T) {
	for _, base := range []string{"https://example.org/caf%C3%A9/", "https://example.org/café/", "https://example.org/sub%20dir/"} {
		want := map[string]string{
			"https://example.org/caf%C3%A9/": "/caf%C3%A9/",
			"https://example.org/café/":      "/caf%C3%A9/",
			"https://example.org/sub%20dir/": "/sub%20dir/",
		}[base]
		fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), "-- content/site.yaml --\ntitle: T\nbase_url: "+base+"\nlanguage: en\npublisher: P\n"+
			"-- content/cases/x.md --\n"+strings.Replace(sitetest.CaseX, "title: X case", "title: X case\naliases: [x-old]", 1))
		res, files := sitetest.Build(t, fsys)
		if !res.OK() {
			t.Fatal(res.Diags)
		}
		page := string(files["cases/ds-2017/index.html"])
		if canon := `<link rel="canonical" href="https://example.org` + want + `cases/ds-2017/">`; !strings.Contains(page, canon) {
			t.Errorf("base %s: the case page lacks %s", base, canon)
		}
		if !strings.Contains(page, `href="`+want+`cases/"`) {
			t.Errorf("base %s: the menu does not link %scases/", base, want)
		}
		if h := string(files["_headers"]); strings.Contains(h, " dir") || strings.Contains(h, "é") {
			t.Errorf("base %s: _headers holds a raw path:\n%s", base, h)
		}
		if r := string(files["_redirects"]); !strings.Contains(r, "\n"+want+"cases/x-old/ "+want+"cases/x/ 301\n") {
			t.Errorf("base %s: _redirects lacks the alias with the encoded path:\n%s", base, r)
		}
		for name, data := range files {
			if strings.Count(string(data), want+strings.TrimPrefix(want, "/")) > 0 {
				t.Errorf("base %s: %s has the base path twice", base, name)
			}
		}
	}
}
