package render_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

// buildSite builds the base test site with archive laid over it and returns
// its model and files; content errors fail the test.
func buildSite(t *testing.T, archive string) (*site.Site, map[string][]byte) {
	t.Helper()
	res, files := sitetest.Build(t, sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), archive))
	if !res.OK() || res.Site == nil {
		t.Fatalf("build failed:\n%v", res.Diags)
	}
	return res.Site, files
}

func file(t *testing.T, files map[string][]byte, name string) []byte {
	t.Helper()
	data, ok := files[name]
	if !ok {
		t.Fatalf("%s was not generated", name)
	}
	return data
}

func abs(s *site.Site, u string) string { return strings.TrimSuffix(s.BaseURL, s.BasePath) + u }

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Summary   string     `xml:"summary"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published"`
	Author    string     `xml:"author>name"`
	Links     []atomLink `xml:"link"`
}

func TestFeed(t *testing.T) {
	// x is the newest case by date; ds-2017's page, updated on 2024-03-05,
	// is the most recently changed; x and other-2019 have no page dates
	// (no git, no published or updated) and follow by the cases' dates.
	s, files := buildSite(t, `
-- content/cases/x.md --
`+sitetest.CaseX)
	var f atomFeed
	if err := xml.Unmarshal(file(t, files, "feed.xml"), &f); err != nil {
		t.Fatalf("feed.xml does not parse: %v", err)
	}
	if len(f.Entries) != len(s.Cases) {
		t.Fatalf("feed entries = %d; want %d", len(f.Entries), len(s.Cases))
	}
	if f.ID != s.BaseURL {
		t.Errorf("feed id = %q; want %q", f.ID, s.BaseURL)
	}
	var got []string
	for i, e := range f.Entries {
		if u, err := url.Parse(e.ID); err != nil || !u.IsAbs() {
			t.Errorf("entry %d id = %q; want an absolute URL", i, e.ID)
		}
		if e.Author != "Test Editors" {
			t.Errorf("entry %d author = %q; want the publisher", i, e.Author)
		}
		if len(e.Links) != 1 || e.Links[0].Rel != "alternate" || e.Links[0].Href != e.ID {
			t.Errorf("entry %d links = %v; want one alternate link to %s", i, e.Links, e.ID)
		}
		got = append(got, e.ID)
	}
	want := []string{abs(s, s.BasePath+"cases/ds-2017/"), abs(s, s.BasePath+"cases/x/"), abs(s, s.BasePath+"cases/other-2019/")}
	if !slices.Equal(got, want) {
		t.Errorf("feed entry order = %v; want %v", got, want)
	}
	if f.Updated != "2024-03-05T00:00:00Z" || f.Entries[0].Updated != f.Updated {
		t.Errorf("feed updated = %q (first entry %q); want 2024-03-05T00:00:00Z", f.Updated, f.Entries[0].Updated)
	}
	// published is when the page first appeared, never the events' date;
	// Atom requires updated, which falls back to the case's date when the
	// page has no known date.
	if p := f.Entries[0].Published; p != "2024-01-02T00:00:00Z" {
		t.Errorf("ds-2017 published = %q; want the page's, 2024-01-02T00:00:00Z", p)
	}
	if p, u := f.Entries[1].Published, f.Entries[1].Updated; p != "" || u != "2019-08-04T00:00:00Z" {
		t.Errorf("x published, updated = %q, %q; want none, 2019-08-04T00:00:00Z", p, u)
	}
}

type sitemap struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

func TestSitemap(t *testing.T) {
	// 120 cases more make lists cut into pages, and entity lists cut.
	s, files := buildSite(t, manyCases(120)+`
-- content/cases/x.md --
`+strings.Replace(sitetest.CaseX, "date: 2019-08-04\n", "date: 2019-08-04\naliases: [old-x]\n", 1))
	if len(s.Redirects) != 1 {
		t.Fatalf("redirects = %d; want 1 (the alias of x)", len(s.Redirects))
	}
	var m sitemap
	if err := xml.Unmarshal(file(t, files, "sitemap.xml"), &m); err != nil {
		t.Fatalf("sitemap.xml does not parse: %v", err)
	}
	var locs []string
	for _, u := range m.URLs {
		locs = append(locs, u.Loc)
	}
	if !slices.IsSorted(locs) {
		t.Errorf("sitemap is not sorted by URL: %v", locs)
	}
	// Every HTML page but the 404 page, the redirects and other noindex
	// pages (the search page), and nothing else.
	var want []string
	for name := range files {
		if !strings.HasSuffix(name, "index.html") || strings.Contains(string(files[name]), `<meta name="robots" content="noindex">`) {
			continue
		}
		u := abs(s, s.BasePath+strings.TrimSuffix(name, "index.html"))
		if u != abs(s, s.Redirects[0].From) {
			want = append(want, u)
		}
	}
	slices.Sort(want)
	if !slices.Equal(locs, want) {
		t.Errorf("sitemap URLs = %v; want %v", locs, want)
	}
	for _, c := range s.Cases {
		if !slices.Contains(locs, abs(s, c.URL())) {
			t.Errorf("sitemap lacks case %s", c.URL())
		}
	}
	for _, u := range locs {
		if strings.Contains(u, "404") || strings.Contains(u, "old-x") {
			t.Errorf("sitemap lists %s", u)
		}
	}
	// lastmod is the page's last update; a page with no known date has
	// none (x), never its case's date.
	for _, u := range m.URLs {
		if u.Loc == abs(s, s.BasePath+"cases/x/") && u.LastMod != "" {
			t.Errorf("lastmod of x = %q; want none", u.LastMod)
		}
		if u.Loc == abs(s, s.BasePath+"cases/ds-2017/") && u.LastMod != "2024-03-05" {
			t.Errorf("lastmod of ds-2017 = %q; want 2024-03-05", u.LastMod)
		}
	}
}

func TestRobots(t *testing.T) {
	_, files := buildSite(t, "")
	want := "User-agent: *\nAllow: /\nSitemap: https://example.org/sub/sitemap.xml\n"
	if got := string(file(t, files, "robots.txt")); got != want {
		t.Errorf("robots.txt = %q; want %q", got, want)
	}
}

func readCSV(t *testing.T, files map[string][]byte, name string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(file(t, files, name))).ReadAll()
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s is empty", name)
	}
	return rows
}

func TestCasesCSV(t *testing.T) {
	s, files := buildSite(t, "")
	rows := readCSV(t, files, "data/cases.csv")
	header := []string{"slug", "date", "title", "summary", "targets", "providers", "actions", "tags", "url"}
	if !slices.Equal(rows[0], header) {
		t.Fatalf("header = %v; want %v", rows[0], header)
	}
	if len(rows)-1 != len(s.Cases) {
		t.Fatalf("cases.csv rows = %d; want %d", len(rows)-1, len(s.Cases))
	}
	for i, c := range s.Cases {
		want := []string{c.Slug, c.Date.String(), c.Title, c.Summary}
		if got := rows[i+1][:4]; !slices.Equal(got, want) {
			t.Errorf("row %d = %q; want %q", i+1, got, want)
		}
		if got := rows[i+1][8]; got != abs(s, c.URL()) {
			t.Errorf("row %d url = %q; want %q", i+1, got, abs(s, c.URL()))
		}
	}
	if got := rows[1][7]; got != "hate-speech; free-expression-debate" {
		t.Errorf("tags of other-2019 = %q; want them joined with \"; \"", got)
	}
}

// TestCSVSpreadsheetSafe checks that cells a spreadsheet would run as a
// formula are neutralised. (A leading tab or CR cannot reach a cell: the
// loader trims every string.)
func TestCSVSpreadsheetSafe(t *testing.T) {
	tests := []struct{ title, want string }{
		{`=HYPERLINK("x")`, `'=HYPERLINK("x")`},
		{`"+1 case"`, `'+1 case`},
		{`"-1 case"`, `'-1 case`},
		{`"@SUM(A1)"`, `'@SUM(A1)`},
		{`A plain = title`, `A plain = title`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, files := buildSite(t, `
-- content/cases/x.md --
`+strings.Replace(sitetest.CaseX, "title: X case", "title: "+tt.title, 1))
			for _, f := range []struct{ name, col string }{{"data/cases.csv", "title"}, {"data/actions.csv", "case_title"}} {
				rows := readCSV(t, files, f.name)
				col := slices.Index(rows[0], f.col)
				found := false
				for _, row := range rows[1:] {
					if row[0] == "x" {
						found = true
						if row[col] != tt.want {
							t.Errorf("%s title of x = %q; want %q", f.name, row[col], tt.want)
						}
					}
				}
				if !found {
					t.Errorf("%s has no row for x", f.name)
				}
			}
		})
	}
}

func TestActionsCSV(t *testing.T) {
	s, files := buildSite(t, `
-- content/cases/x.md --
`+sitetest.CaseX)
	rows := readCSV(t, files, "data/actions.csv")
	var want [][]string
	for _, c := range s.Cases {
		for _, a := range c.Actions {
			want = append(want, []string{c.Slug, c.Title, a.Date.String(), a.Provider.Slug, a.Provider.Name, a.Type})
		}
	}
	if len(rows)-1 != len(want) {
		t.Fatalf("actions.csv rows = %d; want %d (one per action)", len(rows)-1, len(want))
	}
	for i, w := range want {
		if got := rows[i+1][:6]; !slices.Equal(got, w) {
			t.Errorf("row %d = %q; want %q", i+1, got, w)
		}
	}
}

// caseJSON mirrors the exported case object.
type caseJSON struct {
	Slug    string `json:"slug"`
	URL     string `json:"url"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Date    string `json:"date"`
	Updated string `json:"updated"`
	Page    *struct {
		Published string `json:"published"`
		Modified  string `json:"modified"`
	} `json:"page"`
	Targets []string `json:"targets"` // entity slugs
	Actions []struct {
		Provider string   `json:"provider"`
		Services []string `json:"services"`
		Action   string   `json:"action"`
		Date     string   `json:"date"`
		Sources  []string `json:"sources"`
	} `json:"actions"`
	People  []string `json:"people"`
	Tags    []string `json:"tags"`
	Related []string `json:"related"`
	Events  []struct {
		Date, Text string
		Sources    []string
	} `json:"events"`
	Sources []struct {
		ID        string   `json:"id"`
		Number    *int     `json:"number"`
		Title     string   `json:"title"`
		Publisher string   `json:"publisher"`
		Authors   []string `json:"authors"`
		Date      string   `json:"date"`
		URL       string   `json:"url"`
		Language  string   `json:"language"`
	} `json:"sources"`
	Aliases []string `json:"aliases"`
}

func decodeJSON(t *testing.T, files map[string][]byte, name string, v any) {
	t.Helper()
	data := file(t, files, name)
	if !bytes.HasSuffix(data, []byte("}\n")) || !bytes.HasPrefix(data, []byte("{\n  \"")) {
		t.Errorf("%s is not indented with two spaces and ended with a newline", name)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
}

func TestCasesJSON(t *testing.T) {
	s, files := buildSite(t, "")
	var f struct {
		Version       int    `json:"version"`
		GeneratedFrom string `json:"generated_from"`
		Cases         []caseJSON
	}
	decodeJSON(t, files, "data/cases.json", &f)
	if f.Version != 4 || f.GeneratedFrom != "2024-03-05" {
		t.Errorf("version, generated_from = %d, %q; want 4, \"2024-03-05\"", f.Version, f.GeneratedFrom)
	}
	if err := json.Unmarshal(sitetest.DataItems(t, files, "data/cases.json", "cases"), &f.Cases); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) != len(s.Cases) {
		t.Fatalf("cases.json cases = %d; want %d", len(f.Cases), len(s.Cases))
	}
	for i, c := range s.Cases {
		got := f.Cases[i]
		if got.Slug != c.Slug || got.Title != c.Title || got.Summary != c.Summary || got.Date != c.Date.String() || got.URL != abs(s, c.URL()) {
			t.Errorf("case %d = %s %q %q %s %s; want %s %q %q %s %s", i, got.Slug, got.Title, got.Summary, got.Date, got.URL,
				c.Slug, c.Title, c.Summary, c.Date, abs(s, c.URL()))
		}
		if len(got.Actions) != len(c.Actions) || len(got.Events) != len(c.Events) || len(got.Sources) != len(c.Sources) ||
			len(got.Targets) != len(c.Targets) || len(got.Related) != len(c.Related) || len(got.Tags) != len(c.Tags) {
			t.Errorf("case %s: list lengths differ from the model: %+v", c.Slug, got)
		}
		for j, a := range c.Actions {
			if j < len(got.Actions) && (got.Actions[j].Provider != a.Provider.Slug || got.Actions[j].Action != a.Type) {
				t.Errorf("case %s action %d = %+v; want %s %s", c.Slug, j, got.Actions[j], a.Provider.Slug, a.Type)
			}
		}
		for j, src := range c.Sources {
			if j < len(got.Sources) && (got.Sources[j].ID != src.ID || got.Sources[j].Number == nil || *got.Sources[j].Number != src.N) {
				t.Errorf("case %s source %d = %+v; want id %s number %d", c.Slug, j, got.Sources[j], src.ID, src.N)
			}
		}
		// The page's dates: ds-2017's front matter gives them; other-2019
		// has none (no git here), and says nothing rather than a guess.
		switch {
		case c.Slug == "ds-2017" && (got.Page == nil || got.Page.Published != "2024-01-02" || got.Page.Modified != "2024-03-05"):
			t.Errorf("case ds-2017 page = %+v; want published 2024-01-02, modified 2024-03-05", got.Page)
		case c.Slug == "other-2019" && got.Page != nil:
			t.Errorf("case other-2019 page = %+v; want none", got.Page)
		}
	}
}

func TestEntitiesJSON(t *testing.T) {
	s, files := buildSite(t, "")
	var f struct {
		Version  int `json:"version"`
		Entities []struct {
			Slug            string   `json:"slug"`
			Name            string   `json:"name"`
			Kind            string   `json:"kind"`
			URL             string   `json:"url"`
			CasesAsProvider []string `json:"cases_as_provider"`
			CasesAsTarget   []string `json:"cases_as_target"`
			CasesInvolved   []string `json:"cases_involved"`
		} `json:"entities"`
	}
	decodeJSON(t, files, "data/entities.json", &f)
	if f.Version != 4 || len(f.Entities) != len(s.Entities) {
		t.Fatalf("entities.json version, entities = %d, %d; want 4, %d", f.Version, len(f.Entities), len(s.Entities))
	}
	slugs := func(cs []*site.Case) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Slug)
		}
		return out
	}
	for i, e := range s.Entities {
		got := f.Entities[i]
		if got.Slug != e.Slug || got.Name != e.Name || got.Kind != e.Kind || got.URL != abs(s, e.URL()) {
			t.Errorf("entity %d = %+v; want %s %q %s", i, got, e.Slug, e.Name, e.Kind)
		}
		if !slices.Equal(got.CasesAsTarget, slugs(e.AsTarget)) || !slices.Equal(got.CasesInvolved, slugs(e.Involved)) {
			t.Errorf("entity %s cases = %v %v; want %v %v", e.Slug, got.CasesAsTarget, got.CasesInvolved, slugs(e.AsTarget), slugs(e.Involved))
		}
	}
	if got := f.Entities[0].CasesAsProvider; f.Entities[0].Slug != "cloudflare" || !slices.Equal(got, []string{"other-2019", "ds-2017"}) {
		t.Errorf("cloudflare cases_as_provider = %v; want [other-2019 ds-2017]", got)
	}
}

// TestStreamed checks that the exports written a record at a time (to
// stream them to their files) are byte for byte what encoding the whole
// file gives: for the test site, one case without a date, and no case.
func TestStreamed(t *testing.T) {
	empty, _ := buildSite(t, "")
	*empty = site.Site{Config: empty.Config, BaseURL: empty.BaseURL, BasePath: empty.BasePath}
	undated, _ := buildSite(t, "")
	undated.Cases = undated.Cases[:1]
	for _, tt := range []struct {
		name string
		s    *site.Site
	}{{"test site", nil}, {"one case", undated}, {"no case", empty}} {
		s := tt.s
		if s == nil {
			s, _ = buildSite(t, "")
		}
		files, err := render.Streamed(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) < 1 {
			t.Errorf("%s: %d streamed files", tt.name, len(files))
		}
		for name, f := range files {
			streamed, whole := f[0], f[1]
			if strings.HasSuffix(name, ".json") {
				var c bytes.Buffer
				if err := json.Compact(&c, streamed); err != nil {
					t.Errorf("%s: %s is not valid JSON: %v", tt.name, name, err)
					continue
				}
				streamed = append(c.Bytes(), '\n')
				if lines := bytes.Count(f[0], []byte("\n")); lines < 2 {
					t.Errorf("%s: %s has %d lines; want one for the head and one an item", tt.name, name, lines)
				}
			}
			if !bytes.Equal(streamed, whole) {
				t.Errorf("%s: %s streamed:\n%s\nwhole:\n%s", tt.name, name, streamed, whole)
			}
		}
	}
}

// TestSitemapIndex checks that past the protocol's limit of URLs a file,
// sitemap.xml is an index of numbered sitemaps that list every URL once,
// in order, each with at most the limit; under it, one sitemap.
func TestSitemapIndex(t *testing.T) {
	res, files := sitetest.Build(t, sitetest.FS(t, sitetest.Base))
	r, err := render.New(casebook.Theme(), markdown.New())
	if err != nil {
		t.Fatal(err)
	}
	var whole sitemap
	if err := xml.Unmarshal(files["sitemap.xml"], &whole); err != nil {
		t.Fatal(err)
	}
	n := len(whole.URLs)
	got, err := render.SitemapFiles(r, res.Site, 3)
	if err != nil {
		t.Fatal(err)
	}
	var index struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(got["sitemap.xml"], &index); err != nil {
		t.Fatalf("sitemap.xml is not a sitemap index: %v\n%s", err, got["sitemap.xml"])
	}
	if want := (n + 2) / 3; len(index.Sitemaps) != want || len(got) != want+1 {
		t.Fatalf("%d sitemaps in the index, %d files; want %d and %d", len(index.Sitemaps), len(got), want, want+1)
	}
	var all []string
	for i, sm := range index.Sitemaps {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		if sm.Loc != "https://example.org/sub/"+name {
			t.Errorf("index entry %d = %q", i, sm.Loc)
		}
		var part sitemap
		if err := xml.Unmarshal(got[name], &part); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(part.URLs) == 0 || len(part.URLs) > 3 {
			t.Errorf("%s has %d URLs", name, len(part.URLs))
		}
		for _, u := range part.URLs {
			all = append(all, u.Loc)
		}
	}
	for i, u := range whole.URLs {
		if i >= len(all) || all[i] != u.Loc {
			t.Fatalf("the parts list %v; want every URL of the whole sitemap in order", all)
		}
	}
	if one, _ := render.SitemapFiles(r, res.Site, n); len(one) != 1 || string(one["sitemap.xml"]) != string(files["sitemap.xml"]) {
		t.Error("at the limit, sitemap.xml is not the one sitemap")
	}
}

// TestDataPackage validates data/datapackage.json as frictionless would:
// every resource is a file of the build; each CSV's header is its schema's
// fields in order; every cell meets its field's constraints (required,
// unique, pattern, a URI); every foreign key resolves.
func TestDataPackage(t *testing.T) {
	_, files := buildSite(t, manyCases(3))
	var pkg struct {
		Profile, Name, Version string
		Licenses               []struct{ Path, Title string }
		Resources              []struct {
			Name, Path, Profile, Format, Mediatype, Encoding, Compression string
			Schema                                                        *struct {
				Fields []struct {
					Name, Type, Format string
					Constraints        *struct {
						Required, Unique bool
						Pattern          string
					}
				}
				PrimaryKey  string
				ForeignKeys []struct {
					Fields    string
					Reference struct{ Resource, Fields string }
				}
			}
		}
	}
	decodeJSON(t, files, "data/datapackage.json", &pkg)
	if pkg.Profile != "data-package" || pkg.Name == "" || pkg.Version != "4" {
		t.Errorf("profile, name, version = %q, %q, %q", pkg.Profile, pkg.Name, pkg.Version)
	}
	// A licence has a path or a name (the Data Package standard): the
	// test site's CC BY 4.0 has its address.
	if len(pkg.Licenses) != 1 || pkg.Licenses[0].Path != "https://creativecommons.org/licenses/by/4.0/" || pkg.Licenses[0].Title != "CC BY 4.0" {
		t.Errorf("licenses = %+v; want CC BY 4.0 with its address", pkg.Licenses)
	}
	columns := map[string]map[string][]string{} // resource -> field -> values
	var jsonParts int
	for _, r := range pkg.Resources {
		data, ok := files["data/"+r.Path]
		if !ok {
			t.Errorf("resource %s: data/%s is not in the build", r.Name, r.Path)
			continue
		}
		if r.Encoding != "utf-8" || r.Name == "" {
			t.Errorf("resource %q: encoding %q", r.Name, r.Encoding)
		}
		if r.Format == "json" {
			jsonParts++
			// A file of a year is gzip-compressed, and says so.
			if gz := strings.HasSuffix(r.Path, ".gz"); gz != (r.Compression == "gz") {
				t.Errorf("resource %s: path %s, compression %q", r.Name, r.Path, r.Compression)
			} else if gz {
				data = sitetest.Gunzip(t, data)
			}
			if !json.Valid(data) {
				t.Errorf("resource %s is not JSON", r.Name)
			}
			continue
		}
		if r.Format != "csv" || r.Profile != "tabular-data-resource" || r.Schema == nil {
			t.Errorf("resource %s: format %q, profile %q, schema %v", r.Name, r.Format, r.Profile, r.Schema != nil)
			continue
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %d rows, %v", r.Path, len(rows), err)
		}
		columns[r.Name] = map[string][]string{}
		for i, f := range r.Schema.Fields {
			if i >= len(rows[0]) || rows[0][i] != f.Name {
				t.Errorf("%s: column %d is %q in the schema, not in the header %v", r.Path, i, f.Name, rows[0])
				continue
			}
			if f.Type != "string" {
				t.Errorf("%s.%s: type %q", r.Name, f.Name, f.Type)
			}
			seen := map[string]bool{}
			for _, row := range rows[1:] {
				v := row[i]
				columns[r.Name][f.Name] = append(columns[r.Name][f.Name], v)
				if c := f.Constraints; c != nil {
					if c.Required && v == "" {
						t.Errorf("%s.%s: an empty required cell", r.Name, f.Name)
					}
					if c.Unique && seen[v] {
						t.Errorf("%s.%s: %q twice in a unique column", r.Name, f.Name, v)
					}
					if c.Pattern != "" && v != "" && !regexp.MustCompile(`^(?:`+c.Pattern+`)$`).MatchString(v) {
						t.Errorf("%s.%s: %q does not match %s", r.Name, f.Name, v, c.Pattern)
					}
				}
				if f.Format == "uri" && !strings.HasPrefix(v, "https://") {
					t.Errorf("%s.%s: %q is not a URI", r.Name, f.Name, v)
				}
				seen[v] = true
			}
		}
		if len(r.Schema.Fields) != len(rows[0]) {
			t.Errorf("%s: the schema has %d fields, the header %d columns", r.Path, len(r.Schema.Fields), len(rows[0]))
		}
	}
	for _, r := range pkg.Resources {
		if r.Schema == nil {
			continue
		}
		for _, fk := range r.Schema.ForeignKeys {
			keys := map[string]bool{}
			for _, v := range columns[fk.Reference.Resource][fk.Reference.Fields] {
				keys[v] = true
			}
			for _, v := range columns[r.Name][fk.Fields] {
				if !keys[v] {
					t.Errorf("%s.%s = %q is not a %s.%s", r.Name, fk.Fields, v, fk.Reference.Resource, fk.Reference.Fields)
				}
			}
		}
	}
	if jsonParts < 3 {
		t.Errorf("%d JSON resources; want entities.json and the files of each year", jsonParts)
	}
}

// TestHeadersFile checks _headers: the security headers for every file,
// and a year's immutable caching for exactly the assets whose names carry
// a hash of their content.
func TestHeadersFile(t *testing.T) {
	_, files := buildSite(t, "")
	h := string(file(t, files, "_headers"))
	if !strings.HasPrefix(h, "/sub/*\n  Content-Security-Policy: ") {
		t.Errorf("_headers does not start with the security headers of /sub/*:\n%s", h)
	}
	hashed := regexp.MustCompile(`^static/.+\.[0-9a-f]{10}\.(css|js)$`)
	n := 0
	for name := range files {
		if !strings.HasPrefix(name, "static/") {
			continue
		}
		rule := "/sub/" + name + "\n  Cache-Control: public, max-age=31536000, immutable\n"
		if got, want := strings.Contains(h, rule), hashed.MatchString(name); got != want {
			t.Errorf("%s: immutable rule present = %v; want %v", name, got, want)
		}
		if hashed.MatchString(name) {
			n++
		}
	}
	if n < 3 {
		t.Errorf("%d hashed assets; want the style sheets and scripts", n)
	}
}
