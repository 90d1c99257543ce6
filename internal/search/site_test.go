package search_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

// smallSite is sitetest.Base (two Cloudflare cases, an about page) and two
// cases about a forum, one citing a French source.
const smallSite = `
-- content/entities/acme-hosting.md --
---
name: Acme Hosting
kind: company
aliases: [AcmeHost]
summary: A web host.
---
-- content/entities/example-forum.md --
---
name: Example Forum
kind: website
---
-- content/cases/forum-2020.md --
---
title: Acme Hosting drops Example Forum
summary: The host ended its contract with the forum after a campaign.
date: 2020-03-02
targets: [example-forum]
actions:
  - provider: acme-hosting
    action: terminated
    date: 2020-03-02
    sources: [f-1]
tags: [harassment]
sources:
  - id: f-1
    title: Le forum déplatformé par son hébergeur
    publisher: Le Journal
    url: https://example.com/f1
    language: fr
---

The forum was deplatformed. The host said the forum posed an immediate
threat to human life [@f-1].
-- content/cases/registrar-2021.md --
---
title: A registrar suspends a domain
summary: The registrar acted on a complaint about the Example Forum.
date: 2021-05
targets: [example-forum]
actions:
  - provider: acme-hosting
    action: suspended
    date: 2021-05
    sources: [r-1]
sources:
  - id: r-1
    title: Domain suspended
    publisher: A Blog
    url: https://example.com/r1
---

Nothing here is about life; the human cost of a threat is discussed [@r-1].
`

// siteReader builds a site and opens its search index, as the browser
// does: from the files under search/ of the output.
func siteReader(t *testing.T, files map[string][]byte) *search.Reader {
	t.Helper()
	r, err := search.NewReader(func(name string) ([]byte, error) {
		data, ok := files["search/"+name]
		if !ok {
			return nil, fmt.Errorf("no file search/%s", name)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func urls(res *search.Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Meta.URL)
	}
	return out
}

// TestSmallSiteRanking runs queries on a small site and checks the top
// hits (and, where the set is small, all of them).
func TestSmallSiteRanking(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), smallSite)
	res, files := sitetest.Build(t, fsys)
	if !res.OK() {
		var b strings.Builder
		res.Diags.Format(&b)
		t.Fatalf("the test site has errors:\n%s", b.String())
	}
	r := siteReader(t, files)
	tests := []struct {
		q     search.Query
		top   []string // the first hits, in order
		total int      // -1: not checked
	}{
		// Accents and case do not matter, either way round.
		{search.Query{Text: "deplatformé "}, []string{"cases/forum-2020/"}, 1},
		{search.Query{Text: "DEPLATFORME "}, []string{"cases/forum-2020/"}, 1},
		{search.Query{Text: "hébergeur"}, []string{"cases/forum-2020/"}, 1},
		// The last word is a prefix: deplatform finds deplatformed and déplatformé.
		{search.Query{Text: "deplatform"}, []string{"cases/forum-2020/"}, 1},
		// Title beats summary.
		{search.Query{Text: "registrar"}, []string{"cases/registrar-2021/"}, 1},
		// Title and names beat a mention in the summary; entities are found by name.
		{search.Query{Text: "example forum"}, []string{"cases/forum-2020/", "cases/registrar-2021/", "entities/example-forum/"}, 3},
		// Ties go to the newer case.
		{search.Query{Text: "acmehost"}, []string{"cases/registrar-2021/", "cases/forum-2020/", "entities/acme-hosting/"}, 3},
		// An entity's name is its title.
		{search.Query{Text: "prince"}, []string{"entities/matthew-prince/", "cases/ds-2017/"}, -1},
		// Every word must match: the event text and the provider.
		{search.Query{Text: "charlottesville cloudflare"}, []string{"cases/ds-2017/"}, 1},
		{search.Query{Text: "charlottesville acme"}, nil, 0},
		// Phrases keep their order; stop words hold their place.
		{search.Query{Text: `"immediate threat to human life"`}, []string{"cases/forum-2020/"}, 1},
		{search.Query{Text: `"human threat"`}, nil, 0},
		{search.Query{Text: "human threat "}, []string{"cases/registrar-2021/", "cases/forum-2020/"}, 2},
		// Pages are searched too.
		{search.Query{Text: "scope"}, []string{"about/"}, 1},
		// Filters.
		{search.Query{Text: "forum", Year: 2021}, []string{"cases/registrar-2021/"}, 1},
		{search.Query{Text: "forum", Action: "terminated"}, []string{"cases/forum-2020/"}, 1},
		{search.Query{Text: "cloudflare", Action: "refused"}, []string{"cases/other-2019/"}, 1},
	}
	for _, tt := range tests {
		tt.q.Limit = 10
		got, err := r.Search(tt.q)
		if err != nil {
			t.Fatalf("%+v: %v", tt.q, err)
		}
		u := urls(got)
		if len(u) < len(tt.top) || !slices.Equal(u[:len(tt.top)], tt.top) || tt.total >= 0 && got.Total != tt.total {
			t.Errorf("%+v: %d hits %q; want %d, starting %q", tt.q, got.Total, u, tt.total, tt.top)
		}
	}
}

// TestSmallSiteHitMeta checks what a result shows.
func TestSmallSiteHitMeta(t *testing.T) {
	_, files := sitetest.Build(t, sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), smallSite))
	res, err := siteReader(t, files).Search(search.Query{Text: "acme hosting", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Hits[0].Meta
	want := search.Meta{Kind: "case", URL: "cases/forum-2020/", Title: "Acme Hosting drops Example Forum",
		Date: "2020-03-02", Human: "2 March 2020", Targets: []string{"Example Forum"}, Providers: []string{"Acme Hosting"},
		Actions: []string{"terminated"}, Snippet: "The host ended its contract with the forum after a campaign."}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("meta:\n%+v\nwant\n%+v", got, want)
	}
	if !slices.Equal(res.Words, []string{"acme"}) || !slices.Equal(res.Prefixes, []string{"hosting"}) {
		t.Errorf("words %q, prefixes %q; want [acme] [hosting]", res.Words, res.Prefixes)
	}
}

// TestRealContent: on the bundled casebook, the queries readers type find
// the cases about them first.
func TestRealContent(t *testing.T) {
	sink := &sitetest.MemSink{}
	res, err := build.New(build.Options{SiteDir: "../.."}).Run(context.Background(), sink)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Skip("the real content has errors; the crawl test reports them")
	}
	r := siteReader(t, sink.Files)
	casesOf := func(q string) []string {
		t.Helper()
		got, err := r.Search(search.Query{Text: q, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range got.Hits {
			if h.Meta.Kind == "case" {
				out = append(out, strings.TrimSuffix(strings.TrimPrefix(h.Meta.URL, "cases/"), "/"))
			}
		}
		return out
	}
	tests := []struct {
		q   string
		top []string // the first cases, in any order
	}{
		{"kiwi", []string{"kiwi-farms-cloudflare-2022", "kiwi-farms-ddos-guard-2022"}},
		{"Kiwi Farms", []string{"kiwi-farms-cloudflare-2022", "kiwi-farms-ddos-guard-2022"}},
		{"8chan", []string{"8chan-cloudflare-2019", "8chan-bitmitigate-voxility-tucows-2019"}},
		// Matthew Prince wrote the memo on terminating The Daily Stormer.
		{"Prince", []string{"daily-stormer-cloudflare-2017"}},
		{"daily stormer registrar", []string{"daily-stormer-registrars-2017"}},
	}
	for _, tt := range tests {
		got := casesOf(tt.q)
		if len(got) < len(tt.top) || !sameSet(got[:len(tt.top)], tt.top) {
			t.Errorf("%q: cases %q; want first %q", tt.q, got, tt.top)
		}
	}
	// "registrar": the first cases are those where a registrar acted.
	for _, slug := range casesOf("registrar")[:3] {
		c := caseBySlug(res.Site.Cases, slug)
		if c == nil || !hasService(c, "domain-registration") {
			t.Errorf("registrar: case %s has no domain-registration action", slug)
		}
	}
	// Every case naming Matthew Prince as involved is found.
	prince := casesOf("prince")
	for _, c := range res.Site.Cases {
		for _, p := range c.People {
			if p.Slug == "matthew-prince" && !slices.Contains(prince, c.Slug) {
				t.Errorf("prince: %s not found", c.Slug)
			}
		}
	}
}

func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

func caseBySlug(cases []*site.Case, slug string) *site.Case {
	for _, c := range cases {
		if c.Slug == slug {
			return c
		}
	}
	return nil
}

func hasService(c *site.Case, service string) bool {
	for _, a := range c.Actions {
		if slices.Contains(a.Services, service) {
			return true
		}
	}
	return false
}
