package browser

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestHomeToCase opens the home page and follows the first listed case.
func TestHomeToCase(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	if got, want := eval[string](tb, `document.querySelector("h1").textContent.trim()`), the.site.Config.Title; got != want {
		t.Errorf("home h1 = %q; want %q", got, want)
	}
	first := the.site.Cases[0]
	tb.follow(`.case-list a`)
	tb.waitFor("the case page", `location.pathname === `+jsString(first.URL()))
	if got := eval[string](tb, `document.querySelector("h1").textContent.trim()`); got != first.Title {
		t.Errorf("case h1 = %q; want %q", got, first.Title)
	}
	if got := eval[string](tb, `document.title`); !strings.HasPrefix(got, first.Title) {
		t.Errorf("case title = %q; want it to start with %q", got, first.Title)
	}
}

// TestCitationToSourceAndBack follows a citation mark to its entry in the
// source list, which becomes the :target, and a back-link to the mark.
func TestCitationToSourceAndBack(t *testing.T) {
	tb := newTab(t)
	c := richCase(t)
	tb.open(rel(c.URL()))
	mark := eval[[]string](tb, `(() => { const a = document.querySelector(".body sup.cite a"); return [a.getAttribute("href"), a.id]; })()`)
	href, id := mark[0], mark[1]
	if !strings.HasPrefix(href, "#source-") || id == "" {
		t.Fatalf("first citation: href %q, id %q; want #source-N and an id", href, id)
	}
	tb.click(`.body sup.cite a`)
	tb.waitFor("the source as :target", `location.hash === `+jsString(href))
	if got := eval[string](tb, `document.querySelector(":target")?.id ?? ""`); "#"+got != href {
		t.Errorf(":target after following the citation = %q; want %q", got, href[1:])
	}
	if !eval[bool](tb, inViewport(`document.querySelector(":target")`)) {
		t.Errorf("the source %s is not scrolled into view", href)
	}
	back := href + ` .backrefs a[href="#` + id + `"]`
	if !eval[bool](tb, `!!document.querySelector(`+jsString(back)+`)`) {
		t.Fatalf("source %s has no back-link to #%s", href, id)
	}
	tb.click(back)
	tb.waitFor("the citation as :target", `location.hash === `+jsString("#"+id))
	if got := eval[string](tb, `document.querySelector(":target")?.id ?? ""`); got != id {
		t.Errorf(":target after the back-link = %q; want %q", got, id)
	}
	if !eval[bool](tb, inViewport(`document.querySelector(":target")`)) {
		t.Errorf("the citation #%s is not scrolled into view", id)
	}
}

// inViewport is a JavaScript expression: is the element's top on screen?
func inViewport(el string) string {
	return `(() => { const r = ` + el + `.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })()`
}

// TestWikiLinkToEntity follows a [[link]] in a case body to its entity.
func TestWikiLinkToEntity(t *testing.T) {
	tb := newTab(t)
	c := richCase(t)
	tb.open(rel(c.URL()))
	sel := `.body a[href^="` + the.site.BasePath + `entities/"]`
	href := eval[string](tb, `document.querySelector(`+jsString(sel)+`).getAttribute("href")`)
	var name string
	for _, e := range the.site.Entities {
		if e.URL() == href {
			name = e.Name
		}
	}
	if name == "" {
		t.Fatalf("the [[link]] %q is to no entity of the site", href)
	}
	tb.follow(sel)
	tb.waitFor("the entity page", `location.pathname === `+jsString(href))
	if got := eval[string](tb, `document.querySelector("article.entity h1")?.textContent.trim() ?? ""`); got != name {
		t.Errorf("entity h1 = %q; want %q", got, name)
	}
}

// TestEntityListsItsCases opens the busiest provider: each of its cases is
// linked, and the first link leads to that case.
func TestEntityListsItsCases(t *testing.T) {
	tb := newTab(t)
	e := providerEntity(t)
	tb.open(rel(e.URL()))
	links := eval[[]string](tb, `[...document.querySelectorAll("main section a")].map(a => a.getAttribute("href"))`)
	for _, c := range e.Cases() {
		if !slices.Contains(links, c.URL()) {
			t.Errorf("entity %s does not link to its case %s", e.Slug, c.URL())
		}
	}
	first := e.AsProvider[0].Case
	tb.follow(`#as-provider ~ ul a[href="` + first.URL() + `"]`)
	tb.waitFor("the case page", `location.pathname === `+jsString(first.URL()))
	if got := eval[string](tb, `document.querySelector("h1").textContent.trim()`); got != first.Title {
		t.Errorf("case h1 = %q; want %q", got, first.Title)
	}
}

// TestCasesIndexFilterAndSort filters the cases index by provider, which
// narrows the rows and writes the filter into the URL, then sorts by date.
func TestCasesIndexFilterAndSort(t *testing.T) {
	tb := newTab(t)
	tb.open("cases/")
	total := len(the.site.Cases)
	visible := `[...document.querySelectorAll("#cases-table tbody tr")].filter(r => !r.hidden)`
	if got := eval[int](tb, visible+`.length`); got != total {
		t.Fatalf("unfiltered index shows %d rows; want %d", got, total)
	}
	if eval[string](tb, `document.getElementById("filter-status").textContent`) == "" {
		t.Fatal("the filter status is empty: cases.js did not run")
	}

	// The provider with the fewest cases (the first on ties) narrows most.
	slug, want := "", total
	for _, p := range the.site.Providers() {
		if n := len(p.Cases()); n < want {
			slug, want = p.Slug, n
		}
	}
	if slug == "" {
		t.Fatal("no provider narrows the cases index")
	}
	tb.do("choose provider "+slug, selectOption(`#case-filters select[name="provider"]`, slug))
	tb.waitFor("the query in the URL", `location.search === `+jsString("?provider="+slug))
	if got := eval[int](tb, visible+`.length`); got != want {
		t.Errorf("provider %s: %d rows shown; want %d", slug, got, want)
	}
	if got := eval[int](tb, visible+`.filter(r => !r.dataset.providers.split(" ").includes(`+jsString(slug)+`)).length`); got != 0 {
		t.Errorf("provider %s: %d rows shown without it", slug, got)
	}
	wantStatus := fmt.Sprintf("Showing %d of %d cases.", want, total)
	if got := eval[string](tb, `document.getElementById("filter-status").textContent`); got != wantStatus {
		t.Errorf("status = %q; want %q", got, wantStatus)
	}

	// Clear the filter, then sort by date: oldest first, then newest first.
	tb.click(`#case-filters button[type="reset"]`)
	tb.waitFor("the cleared URL", `location.search === ""`)
	dates := `[...document.querySelectorAll("#cases-table tbody tr")].filter(r => !r.hidden).map(r => r.dataset.date)`
	for _, order := range []string{"ascending", "descending"} {
		tb.click(`#cases-table th[data-sort="date"] button`)
		tb.waitFor("aria-sort "+order, `document.querySelector('#cases-table th[data-sort="date"]').getAttribute("aria-sort") === "`+order+`"`)
		got := eval[[]string](tb, dates)
		if len(got) != total {
			t.Errorf("sorted %s: %d rows; want %d", order, len(got), total)
		}
		sorted := slices.IsSorted(got)
		if order == "descending" {
			sorted = slices.IsSortedFunc(got, func(a, b string) int { return strings.Compare(b, a) })
		}
		if !sorted {
			t.Errorf("dates after sorting %s: %q", order, got)
		}
	}

	// A shared filtered URL opens filtered.
	tb.open("cases/?provider=" + slug)
	tb.waitFor("the filter from the URL", visible+`.length === `+fmt.Sprint(want))
	if got := eval[string](tb, `document.querySelector('#case-filters select[name="provider"]').value`); got != slug {
		t.Errorf("provider select after opening ?provider=%s = %q", slug, got)
	}
}
