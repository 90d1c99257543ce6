package render_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestSearchPage checks the /search/ page: a labelled GET form the script
// enhances, the filters, and without JavaScript an explanation with links
// to the cases index and the timeline.
func TestSearchPage(t *testing.T) {
	_, files := buildSite(t, "")
	page := string(file(t, files, "search/index.html"))
	for _, want := range []string{
		`<h1>Search</h1>`,
		`<form class="search-form" id="search-form" role="search" action="/sub/search/" method="get" data-index="/sub/search/" data-base="/sub/">`,
		`<label for="search-q">`,
		`<input id="search-q" type="search" name="q"`,
		`<select name="action"><option value="">Any</option><option value="terminated">Terminated</option><option value="refused">Refused to act</option></select>`,
		`<select name="year"><option value="">Any</option><option value="2019">2019</option><option value="2017">2017</option></select>`,
		`needs JavaScript`,
		`<a href="/sub/cases/">all cases</a>`,
		`<a href="/sub/timeline/">timeline</a>`,
		`role="status" aria-live="polite"`,
		`<meta name="robots" content="noindex">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	script := regexp.MustCompile(`<script src="/sub/static/(search\.[0-9a-f]{10}\.js)" defer></script>`).FindStringSubmatch(page)
	if script == nil {
		t.Fatal("search page does not load search.js")
	}
	file(t, files, "static/"+script[1])
	if strings.Contains(page, `id="site-search-q"`) {
		t.Error("the search page repeats the header search box")
	}
	for _, name := range []string{"search/manifest.json", "search/facets.json", "search/docs/0.json"} {
		file(t, files, name)
	}
}

// TestHeaderSearchBox: every other page has a labelled search box that
// submits to /search/?q=.
func TestHeaderSearchBox(t *testing.T) {
	_, files := buildSite(t, "")
	for _, name := range []string{"index.html", "cases/index.html", "cases/ds-2017/index.html", "entities/cloudflare/index.html", "about/index.html", "404.html"} {
		page := string(file(t, files, name))
		for _, want := range []string{
			`<form class="site-search" role="search" action="/sub/search/" method="get">`,
			`<label class="visually-hidden" for="site-search-q">Search the casebook</label>`,
			`<input id="site-search-q" type="search" name="q"`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		if strings.Contains(page, `<script src="/sub/static/search.`) {
			t.Errorf("%s loads search.js; only the search page needs it", name)
		}
	}
}
