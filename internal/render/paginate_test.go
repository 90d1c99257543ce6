package render_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// manyCases writes n cases, each tagged "many", with cloudflare as provider,
// daily-stormer as target, and a body linking to the entity cloudflare.
func manyCases(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `-- content/cases/many-%03d.md --
---
title: Many %03d
summary: One of many.
date: 2019-01-01
targets: [daily-stormer]
tags: [many]
actions:
  - {provider: cloudflare, action: warned, date: 2019-01-01, sources: [m%d]}
sources:
  - {id: m%d, title: A report, publisher: P, url: "https://example.org/%d"}
---

Body [@m%d], about [[cloudflare]].
`, i, i, i, i, i, i)
	}
	return b.String()
}

var caseLink = regexp.MustCompile(`<h3><a href="/sub/cases/(many-\d+)/">`)

// TestPaginatedLists checks a tag with 250 cases: three pages at stable
// addresses, each linking to its neighbours in the head and in the page,
// showing its share of the cases once each, and in the sitemap.
func TestPaginatedLists(t *testing.T) {
	_, files := buildSite(t, manyCases(250))
	seen := map[string]int{}
	pages := []string{"tags/many/index.html", "tags/many/page/2/index.html", "tags/many/page/3/index.html"}
	for i, name := range pages {
		page := string(file(t, files, name))
		n := 0
		for _, m := range caseLink.FindAllStringSubmatch(page, -1) {
			seen[m[1]]++
			n++
		}
		if want := []int{100, 100, 50}[i]; n != want {
			t.Errorf("%s lists %d cases; want %d", name, n, want)
		}
		if want := fmt.Sprintf("<p>Page %d of 3</p>", i+1); !strings.Contains(page, want) {
			t.Errorf("%s lacks %q", name, want)
		}
		prev, next := i > 0, i < 2
		for _, l := range []struct {
			rel  string
			want bool
			to   int
		}{{"prev", prev, i - 1}, {"next", next, i + 1}} {
			head := `<link rel="` + l.rel + `" href="`
			if has := strings.Contains(page, head); has != l.want {
				t.Errorf("%s: <link rel=%s> present = %v; want %v", name, l.rel, has, l.want)
			}
			if l.want {
				href := "/sub/" + strings.TrimSuffix(pages[l.to], "index.html")
				if !strings.Contains(page, head+href+`">`) || !strings.Contains(page, `<a rel="`+l.rel+`" href="`+href+`">`) {
					t.Errorf("%s does not link %s to %s in its head and its body", name, l.rel, href)
				}
			}
		}
		if !strings.Contains(string(files["sitemap.xml"]), "https://example.org/sub/"+strings.TrimSuffix(name, "index.html")+"<") {
			t.Errorf("the sitemap lacks %s", name)
		}
	}
	if len(seen) != 250 {
		t.Errorf("the pages list %d distinct cases; want 250", len(seen))
	}
	for slug, n := range seen {
		if n != 1 {
			t.Errorf("%s is listed %d times", slug, n)
		}
	}
	if _, ok := files["tags/many/page/4/index.html"]; ok {
		t.Error("a fourth page for 250 cases")
	}
	if _, ok := files["tags/many/page/1/index.html"]; ok {
		t.Error("page 1 has a second address")
	}
}

// TestEntityListsCapped checks that an entity page lists at most 50 of
// its actions, cases and the pages linking to it, says how many there are,
// and links to the full lists, which hold them all.
func TestEntityListsCapped(t *testing.T) {
	_, files := buildSite(t, manyCases(120))
	// The timeline is cut too, to its latest 20 entries, and says where
	// the rest is.
	page := string(file(t, files, "entities/daily-stormer/index.html"))
	// 123: the 120 cases' actions, and the action and event of ds-2017 and
	// the action of other-2019 in the base site.
	if !strings.Contains(page, `<p>The latest 20 of 123 entries; each of them is on the page of its case: <a href="/sub/entities/daily-stormer/cases/">`) {
		t.Errorf("the cut timeline of daily-stormer does not say so and link its cases")
	}
	tl := page[strings.Index(page, `<section aria-labelledby="entity-timeline">`):]
	tl = tl[:strings.Index(tl, "</section>")]
	if n := strings.Count(tl, `<li class="entry`); n != 20 {
		t.Errorf("the timeline of daily-stormer shows %d entries; want 20", n)
	}
	for _, tt := range []struct {
		entity, section, all, list string
		total                      int
	}{
		{"cloudflare", "as-provider", "/sub/timeline/providers/cloudflare/", "", 0},
		{"daily-stormer", "as-target", "/sub/entities/daily-stormer/cases/", "entities/daily-stormer/cases/", 121},
		{"cloudflare", "linked-from", "/sub/entities/cloudflare/linked-from/", "entities/cloudflare/linked-from/", 120},
	} {
		page := string(file(t, files, "entities/"+tt.entity+"/index.html"))
		i := strings.Index(page, `<section aria-labelledby="`+tt.section+`">`)
		if i < 0 {
			t.Errorf("%s: no section %s", tt.entity, tt.section)
			continue
		}
		sec := page[i : i+strings.Index(page[i:], "</section>")]
		if n := strings.Count(sec, "<li>"); n != 50 {
			t.Errorf("%s %s lists %d items; want 50", tt.entity, tt.section, n)
		}
		if !strings.Contains(sec, `of `) || !strings.Contains(sec, `href="`+tt.all+`"`) {
			t.Errorf("%s %s does not say it is cut and link to %s:\n%.300s", tt.entity, tt.section, tt.all, sec)
		}
		if tt.list == "" {
			continue
		}
		items := strings.Count(string(file(t, files, tt.list+"index.html")), "<li>")
		for i := 2; files[fmt.Sprintf("%spage/%d/index.html", tt.list, i)] != nil; i++ {
			items += strings.Count(string(files[fmt.Sprintf("%spage/%d/index.html", tt.list, i)]), "<li>")
		}
		if tt.total > 0 && items < tt.total {
			t.Errorf("the full list %s holds %d items; want at least %d", tt.list, items, tt.total)
		}
	}
}

// TestProviderActionsListedOnce checks that a provider's page lists its own
// actions once, under "As provider", and not again in its timeline, which
// holds only the entries of the cases it is otherwise part of (none here).
func TestProviderActionsListedOnce(t *testing.T) {
	_, files := buildSite(t, manyCases(3))
	page := string(file(t, files, "entities/cloudflare/index.html"))
	if strings.Contains(page, `id="entity-timeline"`) {
		t.Errorf("the page of a provider that is nothing else has a timeline section")
	}
	if n := strings.Count(page, `badge-warned`); n != 3 {
		t.Errorf("the page shows %d of the provider's three warnings; want each once", n)
	}
	if !strings.Contains(page, `By year, with filters: <a href="/sub/timeline/providers/cloudflare/">`) {
		t.Errorf("the page does not link the provider's timeline")
	}
}

// TestSourcesPaginated checks the sources of 600 cases, each citing its own
// work of one publisher: three pages of 250 works, every work once, the
// publisher's heading marked continued after the first page, and an index
// of the publishers on the first.
func TestSourcesPaginated(t *testing.T) {
	_, files := buildSite(t, manyCases(600))
	seen := map[string]int{}
	work := regexp.MustCompile(`href="https://example.org/(\d+)"`)
	for i, name := range []string{"sources/index.html", "sources/page/2/index.html", "sources/page/3/index.html"} {
		page := string(file(t, files, name))
		for _, m := range work.FindAllStringSubmatch(page, -1) {
			seen[m[1]]++
		}
		continued := strings.Contains(page, `<h2>P <span class="meta">(continued)</span></h2>`)
		if continued != (i > 0) {
			t.Errorf("%s: P continued = %v", name, continued)
		}
		index := strings.Contains(page, `<nav class="publisher-index"`)
		if index != (i == 0) {
			t.Errorf("%s: publisher index = %v", name, index)
		}
		if i == 0 && !strings.Contains(page, `<a href="/sub/sources/">P</a> <span class="count">(600)</span>`) {
			t.Errorf("the index does not list P with its 600 works")
		}
	}
	if len(seen) != 600 {
		t.Errorf("%d distinct works on the pages; want 600", len(seen))
	}
	for w, n := range seen {
		if n != 1 {
			t.Errorf("work %s is listed %d times", w, n)
		}
	}
}

// TestCasesTablePaginated checks the table of all cases past 1,000 cases:
// two pages, every case once, linked to each other.
func TestCasesTablePaginated(t *testing.T) {
	s, files := buildSite(t, manyCases(1050))
	row := regexp.MustCompile(`<td><a href="/sub/cases/([a-z0-9-]+)/">`)
	seen := map[string]int{}
	for i, name := range []string{"cases/index.html", "cases/page/2/index.html"} {
		page := string(file(t, files, name))
		rows := row.FindAllStringSubmatch(page, -1)
		if want := []int{1000, len(s.Cases) - 1000}[i]; len(rows) != want {
			t.Errorf("%s has %d rows; want %d", name, len(rows), want)
		}
		for _, m := range rows {
			seen[m[1]]++
		}
		if !strings.Contains(page, fmt.Sprintf("<p>Page %d of 2</p>", i+1)) {
			t.Errorf("%s does not say which page it is", name)
		}
	}
	if len(seen) != len(s.Cases) {
		t.Errorf("%d cases in the table; want %d", len(seen), len(s.Cases))
	}
	if _, ok := files["cases/page/3/index.html"]; ok {
		t.Error("a third page")
	}
}
