package render_test

import (
	"context"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// siteYAML is sitetest.Base's site.yaml followed by more.
func siteYAML(more string) string {
	return `
-- content/site.yaml --
title: Test Casebook
description: A test casebook.
base_url: https://example.org/sub/
language: en
publisher: Test Editors
license: CC BY 4.0
` + more
}

// TestRootFiles: the files of a site's root/ folder are published at the
// root of the output as they are, by a build and by the dev server's lazy
// output alike.
func TestRootFiles(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), `
-- root/CNAME --
casebook.example.org
-- root/.nojekyll --
-- root/google1234abcd.html --
google-site-verification: google1234abcd.html
-- root/.well-known/security.txt --
Contact: mailto:security@example.org
`)
	res, files := sitetest.Build(t, fsys)
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	want := map[string]string{
		"CNAME":                    "casebook.example.org\n",
		".nojekyll":                "",
		"google1234abcd.html":      "google-site-verification: google1234abcd.html\n",
		".well-known/security.txt": "Contact: mailto:security@example.org\n",
	}
	for name, data := range want {
		if got, ok := files[name]; !ok || string(got) != data {
			t.Errorf("%s = %q (written: %v); want %q", name, got, ok, data)
		}
	}
	if _, ok := files["root/CNAME"]; ok {
		t.Error("root/CNAME was published under /root/")
	}
	_, lazy, err := build.New(build.Options{Site: fsys}).Lazy(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if data, ok, err := lazy.File("CNAME"); !ok || err != nil || string(data) != want["CNAME"] {
		t.Errorf("the dev server's CNAME = %q, %v, %v; want the file", data, ok, err)
	}
}

// TestPlanClashes: a file of root/ or a path of keep: that the site makes
// itself, and a menu entry that leads to no file of the site, are errors at
// their file (and line and column), with a hint; nothing is written.
func TestPlanClashes(t *testing.T) {
	tests := []struct {
		name, archive, want string
	}{{
		name:    "root file the site makes",
		archive: "-- root/index.html --\n<p>mine</p>\n",
		want: `root/index.html: error: the site makes index.html itself
    hint: remove or rename root/index.html: root/ adds files the site does not make (CNAME, .nojekyll, a host's verification file)
`,
	}, {
		name:    "root file where the site has a folder",
		archive: "-- root/cases --\nx\n",
		want: `root/cases: error: the site makes cases/ itself
    hint: remove or rename root/cases: root/ adds files the site does not make (CNAME, .nojekyll, a host's verification file)
`,
	}, {
		name:    "root file in a folder of the search index",
		archive: "-- root/search/extra.json --\n{}\n",
		want: `root/search/extra.json: error: the site makes search/ itself
    hint: remove or rename root/search/extra.json: root/ adds files the site does not make (CNAME, .nojekyll, a host's verification file)
`,
	}, {
		name:    "keep a generated folder",
		archive: siteYAML("keep:\n  - docs\n  - cases\n"),
		want: `content/site.yaml:9:5: error: keep item "cases" is a path the build writes (cases/)
    hint: keep only paths the site does not make: a build replaces all else in the output folder
`,
	}, {
		name:    "keep a file below a generated file",
		archive: siteYAML("keep: [feed.xml/x]\n"),
		want: `content/site.yaml:7:8: error: keep item "feed.xml/x" is a path the build writes (feed.xml)
    hint: keep only paths the site does not make: a build replaces all else in the output folder
`,
	}, {
		name:    "keep a root file",
		archive: siteYAML("keep: [CNAME]\n") + "-- root/CNAME --\nexample.org\n",
		want: `content/site.yaml:7:8: error: keep item "CNAME" is also published from root/CNAME
    hint: either publish the file from root/ or keep it in the output folder, not both
`,
	}, {
		name:    "menu link to nowhere",
		archive: siteYAML("menu:\n  - {label: About, url: /abuot/}\n"),
		want: `content/site.yaml:8:25: error: menu url "/abuot/" leads to no page or file of the site
    hint: did you mean "/about/"?
`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), tt.archive)
			res, files := sitetest.Build(t, fsys)
			var got strings.Builder
			res.Diags.Format(&got)
			if got.String() != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got.String(), tt.want)
			}
			if len(files) > 0 {
				t.Errorf("%d files were written", len(files))
			}
			_, lazy, err := build.New(build.Options{Site: fsys}).Lazy(context.Background())
			if err != nil || lazy != nil {
				t.Errorf("the dev server's build: %v, output %v; want the errors and no output", err, lazy != nil)
			}
		})
	}
}

// TestMenuAndParams: site.yaml's menu: entries follow the built-in ones in
// every page's header, a path of the site below the base path, another
// site's address marked rel="external"; a template reads params as
// .Site.Params.
func TestMenuAndParams(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), siteYAML(`menu:
  - {label: Data, url: /data/}
  - {label: Verification, url: /google1234abcd.html}
  - {label: Code, url: "https://git.example.org/casebook?tab=readme"}
params:
  mastodon: https://social.example/@casebook
  contact: {email: editors@example.org}
`)+`
-- root/google1234abcd.html --
x
-- templates/partials/footer.html --
{{define "footer"}}<footer><a rel="me" href="{{.Site.Params.mastodon}}">Mastodon</a> {{.Site.Params.contact.email}}{{with .Site.Params.missing}}never{{end}}</footer>{{end}}
`)
	res, files := sitetest.Build(t, fsys)
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	page := string(files["data/index.html"])
	menu := []string{
		`<li><a href="/sub/sources/">Sources</a></li>`,
		`<li><a href="/sub/about/">About</a></li>`,
		`<li><a href="/sub/data/" aria-current="page">Data</a></li>`,
		`<li><a href="/sub/google1234abcd.html">Verification</a></li>`,
		`<li><a href="https://git.example.org/casebook?tab=readme" rel="external">Code</a></li>`,
	}
	at := 0
	for _, m := range menu {
		i := strings.Index(page[at:], m)
		if i < 0 {
			t.Fatalf("the header lacks, in this order, %s", m)
		}
		at += i
	}
	if want := `<footer><a rel="me" href="https://social.example/@casebook">Mastodon</a> editors@example.org</footer>`; !strings.Contains(page, want) {
		t.Errorf("the footer does not read the params: want %s", want)
	}
}

// TestHeaderPerMenuState: the header, rendered once per state of the menu
// and reused (Page.Header), marks on each page the entries that are its
// own, also when site.yaml's menu: repeats an entry of the theme's: on the
// first page of the sources both "Sources" entries are current, on the
// second (a page of the same kind) only the theme's. Rendering either page
// first must not change the other's header.
func TestHeaderPerMenuState(t *testing.T) {
	_, files := buildSite(t, manyCases(600)+siteYAML("menu:\n  - {label: All sources, url: /sources/}\n"))
	theme := `<li><a href="/sub/sources/" aria-current="page">Sources</a></li>`
	mine := `<li><a href="/sub/sources/" aria-current="page">All sources</a></li>`
	first := string(file(t, files, "sources/index.html"))
	if !strings.Contains(first, theme) || !strings.Contains(first, mine) {
		t.Errorf("sources/index.html: the header does not mark both its entries:\n%s", header(first))
	}
	second := string(file(t, files, "sources/page/2/index.html"))
	if !strings.Contains(second, theme) || !strings.Contains(second, `<li><a href="/sub/sources/">All sources</a></li>`) {
		t.Errorf("sources/page/2/index.html: want the theme's entry current and not site.yaml's:\n%s", header(second))
	}
}

// header returns the site header of a page.
func header(page string) string {
	i, j := strings.Index(page, `<header class="site-header">`), strings.Index(page, `</header>`)
	if i < 0 || j < i {
		return page
	}
	return page[i:j]
}
