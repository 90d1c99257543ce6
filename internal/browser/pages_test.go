package browser

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
)

// pageType is one kind of page of the site, by a representative path.
type pageType struct {
	name   string // for test names and screenshot files: "home", "case"
	path   string // site path, without the base path's leading slash
	status int64  // the HTTP status the page answers with
}

// pageTypes lists each kind of page of the real site once: home, cases
// index, a case, an entity, a tag, the first page with a code block, the
// about page, the data page and the 404 page, plus the timeline and search
// pages once the build has them.
func pageTypes(t *testing.T) []pageType {
	t.Helper()
	c := richCase(t)
	e := providerEntity(t)
	if len(the.site.Tags) == 0 {
		t.Fatal("the real site has no tags")
	}
	pages := []pageType{
		{"home", "", 200},
		{"cases", "cases/", 200},
		{"case", rel(c.URL()), 200},
		{"entity", rel(e.URL()), 200},
		{"tag", rel(the.site.Tags[0].URL()), 200},
	}
	if built("timeline/index.html") {
		pages = append(pages, pageType{"timeline", "timeline/", 200})
	}
	if built("search/index.html") {
		pages = append(pages, pageType{"search", "search/", 200})
	}
	if code := codePages(t); len(code) > 0 {
		pages = append(pages, pageType{"code", code[0], 200})
	} else {
		t.Errorf("no page of the real site has a code block")
	}
	if built("about/index.html") {
		pages = append(pages, pageType{"about", "about/", 200})
	} else {
		t.Errorf("the build has no about/index.html")
	}
	if built("data/index.html") {
		pages = append(pages, pageType{"data", "data/", 200})
	} else {
		t.Errorf("the build has no data/index.html")
	}
	return append(pages, pageType{"404", "no-such-page/", 404})
}

// rel turns a root-relative URL from the model into a site path.
func rel(u string) string {
	return strings.TrimPrefix(u, the.site.BasePath)
}

// richCase returns the first case, newest first, whose body has both a
// citation and a [[link]] to an entity: the case the reading tests follow.
func richCase(t *testing.T) *site.Case {
	t.Helper()
	for _, c := range the.site.Cases {
		body := bodyOf(readBuilt(rel(c.URL()) + "index.html"))
		if strings.Contains(body, `<sup class="cite">`) && strings.Contains(body, `href="`+the.site.BasePath+`entities/`) {
			return c
		}
	}
	t.Fatal("no case of the real site has both a citation and a link to an entity in its body")
	return nil
}

// bodyOf returns the case body (the div.body part) of a built case page.
func bodyOf(page string) string {
	_, after, ok := strings.Cut(page, `<div class="body prose">`)
	if !ok {
		return ""
	}
	body, _, _ := strings.Cut(after, "</div>\n<section")
	return body
}

// providerEntity returns the provider with the most actions (the first on
// ties, in the site's order).
func providerEntity(t *testing.T) *site.Entity {
	t.Helper()
	var best *site.Entity
	for _, e := range the.site.Providers() {
		if best == nil || len(e.AsProvider) > len(best.AsProvider) {
			best = e
		}
	}
	if best == nil {
		t.Fatal("the real site has no providers")
	}
	return best
}
