package render_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/sitetest"
	"golang.org/x/net/html"
)

// TestDataPage: the data page links to every file of data/ and to the
// feed, the calendar and the sitemap, each with its size as built, a line
// for each kind of file a year with a link for each year, and to the
// lists that browse the cases; the footer of every page, and the home
// page, link to it.
func TestDataPage(t *testing.T) {
	s, files := buildSite(t, "")
	sitetest.CheckDataPage(t, files, s.BasePath)
	page := parseHTML(t, file(t, files, "data/index.html"))
	if h1 := find(page, func(n *html.Node) bool { return n.Data == "h1" }); len(h1) != 1 || textOf(h1[0]) != "Data and downloads" {
		t.Errorf("h1 = %v; want Data and downloads", h1)
	}
	// A file a year: its name with <var>year</var>, then a link per year.
	var kinds []string
	for _, dt := range find(page, func(n *html.Node) bool { return n.Data == "dt" }) {
		if len(find(dt, func(n *html.Node) bool { return n.Data == "var" })) == 1 {
			kinds = append(kinds, textOf(dt))
			dd := dt.NextSibling
			for dd != nil && dd.Type != html.ElementNode {
				dd = dd.NextSibling
			}
			var years []string
			for _, a := range find(dd, func(n *html.Node) bool { return n.Data == "a" }) {
				years = append(years, textOf(a))
			}
			if !slices.Equal(years, []string{"2017", "2019"}) {
				t.Errorf("%s: years %q; want 2017 and 2019", textOf(dt), years)
			}
		}
	}
	if want := []string{"data/cases/year.json.gz", "data/timeline/year.json.gz", "data/timeline/year.ics.gz"}; !slices.Equal(kinds, want) {
		t.Errorf("files a year = %q; want %q", kinds, want)
	}
	hrefs := map[string]bool{}
	for _, a := range find(page, func(n *html.Node) bool { return n.Data == "a" }) {
		href, _ := attr(a, "href")
		hrefs[href] = true
	}
	for _, dir := range []string{"tags/", "services/", "actions/"} {
		if !hrefs[s.BasePath+dir] {
			t.Errorf("the data page does not link to %s", s.BasePath+dir)
		}
	}
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		footer := find(parseHTML(t, data), func(n *html.Node) bool { return n.Data == "footer" })
		if len(footer) != 1 || !linksTo(footer[0], s.BasePath+"data/") {
			t.Errorf("%s: the footer does not link to the data page", name)
		}
	}
	home := parseHTML(t, file(t, files, "index.html"))
	browse := find(home, func(n *html.Node) bool { c, _ := attr(n, "class"); return c == "browse" })
	if len(browse) != 1 {
		t.Fatalf("the home page has %d Browse sections; want 1", len(browse))
	}
	for _, dir := range []string{"tags/", "services/", "actions/", "entities/", "data/"} {
		if !linksTo(browse[0], s.BasePath+dir) {
			t.Errorf("the home page's Browse does not link to %s", s.BasePath+dir)
		}
	}
}

// linksTo reports whether n holds a link to href.
func linksTo(n *html.Node, href string) bool {
	return len(find(n, func(n *html.Node) bool { h, _ := attr(n, "href"); return n.Data == "a" && h == href })) > 0
}

// TestDataPageLazy: the dev server's data page, asked for first, renders
// the files it lists, and is the page a build writes.
func TestDataPageLazy(t *testing.T) {
	s, files := buildSite(t, "")
	r, err := render.New(casebook.Theme(), markdown.New())
	if err != nil {
		t.Fatal(err)
	}
	data, ok, err := r.Lazy(s).File("data/index.html")
	if err != nil || !ok {
		t.Fatalf("Lazy data page: %v, %v", ok, err)
	}
	if !bytes.Equal(data, files["data/index.html"]) {
		t.Error("the dev server's data page differs from the build's")
	}
}

// TestDataPageFiles: the data page lists its files in the order of its
// table, the years of a kind in order; a file of data/ it has no
// description for is an error, so that a new export cannot be left off.
func TestDataPageFiles(t *testing.T) {
	got, err := render.DataPageFiles([]string{"index.html", "sitemap.xml", "data/timeline/2019.ics.gz", "data/cases/2019.json.gz",
		"data/timeline/2017.ics.gz", "data/cases.json", "data/cases/2017.json.gz", "feed.xml", "robots.txt", "data/index.html", "data/timeline/undated.json.gz"})
	want := []string{"data/cases.json", "data/cases/2017.json.gz", "data/cases/2019.json.gz", "data/timeline/undated.json.gz",
		"data/timeline/2017.ics.gz", "data/timeline/2019.ics.gz", "feed.xml", "sitemap.xml"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("DataPageFiles = %q, %v; want %q", got, err, want)
	}
	for _, name := range []string{"data/new.json", "data/cases/2017/x.json.gz", "data/timeline/2017.csv", "data/cases/2017.json"} {
		if _, err := render.DataPageFiles([]string{"feed.xml", name}); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("DataPageFiles(%s) error = %v; want one naming it", name, err)
		}
	}
}

func TestFormatSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 bytes"}, {1, "1 byte"}, {999, "999 bytes"}, {1000, "1.0 kB"}, {4321, "4.3 kB"},
		{999_949, "999.9 kB"}, {999_950, "1.0 MB"}, {12_345_678, "12.3 MB"},
	}
	for _, tt := range tests {
		if got := render.FormatSize(tt.n); got != tt.want {
			t.Errorf("FormatSize(%d) = %q; want %q", tt.n, got, tt.want)
		}
	}
}
