package render

// This file writes the search index (package search) below search/ and the
// /search/ page that queries it with static/search.js. docs/search.md
// describes the index files and their sizes.

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/site"
)

// snippetRunes caps the text shown under a search result.
const snippetRunes = 240

// searchJobs returns the search page and the files of the search index of
// s, a group: building the index is what gives their names.
func (r *Renderer) searchJobs(s *site.Site) (job, group) {
	index := group{dir: "search/", files: func(ps *pass) []job {
		var jobs []job
		n, doc := searchDocs(ps.site, ps.release)
		for _, f := range search.BuildEach(n, doc, search.Options{}).Files() {
			jobs = append(jobs, job{name: "search/" + f.Name, fn: func(b *bytes.Buffer, _ *pass) error { b.Write(f.Data); return nil }})
		}
		return jobs
	}}
	p := &pageSpec{Site: s, Path: s.BasePath + "search/", Title: "Search", Kind: "search", NoIndex: true,
		Scripts: []string{"search.js"}}
	return job{name: "search/index.html", tmpl: "search", fn: func(b *bytes.Buffer, ps *pass) error { return r.page(b, "search", p, ps) }}, index
}

// searchDocs returns how many documents to index and the function giving
// each: the cases, newest first (ties in ranking go to the newer case), then
// the entities and the pages. The index asks for them a few hundred at a
// time, so their texts need not all be in memory at once; with release set,
// each body's text is dropped once given (it is read for nothing else).
func searchDocs(s *site.Site, release bool) (int, func(i int) search.Doc) {
	rel := func(u string) string { return strings.TrimPrefix(u, s.BasePath) }
	var pages []*site.Page
	for _, p := range s.Pages {
		if p.Slug != site.HomeSlug { // shown on the home page
			pages = append(pages, p)
		}
	}
	text := func(d *markdown.Doc) []string {
		lines := docText(d)
		if release && d != nil {
			d.ReleaseText()
		}
		return lines
	}
	nc, ne := len(s.Cases), len(s.Entities)
	return nc + ne + len(pages), func(i int) search.Doc {
		switch {
		case i < nc:
			c := s.Cases[i]
			return caseDoc(c, text(s.Doc(c)), rel(c.URL()))
		case i < nc+ne:
			e := s.Entities[i-nc]
			return search.Doc{
				Meta: search.Meta{Kind: "entity", URL: rel(e.URL()), Title: e.Name, Label: kindLabel(e.Kind),
					Snippet: snippet(e.Summary)},
				Fields: []search.Field{
					{Weight: search.WeightTitle, Values: []string{e.Name}},
					{Weight: search.WeightName, Values: e.Aliases},
					{Weight: search.WeightSummary, Values: []string{e.Summary}},
					{Weight: search.WeightBody, Values: text(s.Doc(e))},
				},
			}
		default:
			p := pages[i-nc-ne]
			return search.Doc{
				Meta: search.Meta{Kind: "page", URL: rel(p.URL()), Title: p.Title, Label: "Page", Snippet: snippet(p.Summary)},
				Fields: []search.Field{
					{Weight: search.WeightTitle, Values: []string{p.Title}},
					{Weight: search.WeightSummary, Values: []string{p.Summary}},
					{Weight: search.WeightBody, Values: text(s.Doc(p))},
				},
			}
		}
	}
}

// caseDoc indexes a case: title; names (and aliases) of its targets,
// providers and people; summary; its slug (how editors name it), tags and
// services; source titles and publishers; body and event texts.
func caseDoc(c *site.Case, text []string, url string) search.Doc {
	d := search.Doc{
		Meta: search.Meta{Kind: "case", URL: url, Title: c.Title, Date: c.Date.String(), Human: c.Date.Human(),
			Actions: c.ActionTypes(), Snippet: snippet(c.Summary)},
		Year: c.Date.Year,
	}
	names, tags, sources := []string{}, []string{c.Slug}, []string{}
	addNames := func(es []*site.Entity, to *[]string) {
		for _, e := range es {
			if to != nil {
				*to = append(*to, e.Name)
			}
			names = append(names, e.Name)
			names = append(names, e.Aliases...)
		}
	}
	addNames(c.Targets, &d.Targets)
	addNames(c.Providers(), &d.Providers)
	addNames(c.People, nil)
	for _, t := range c.Tags {
		tags = append(tags, t.Slug)
	}
	for _, a := range c.Actions {
		tags = append(tags, a.Services...)
	}
	for _, s := range c.Sources {
		sources = append(sources, s.Title, s.Publisher)
	}
	body := text
	for _, e := range c.Events {
		body = append(body, e.Text)
	}
	d.Fields = []search.Field{
		{Weight: search.WeightTitle, Values: []string{c.Title}},
		{Weight: search.WeightName, Values: names},
		{Weight: search.WeightSummary, Values: []string{c.Summary}},
		{Weight: search.WeightTag, Values: tags},
		{Weight: search.WeightSource, Values: sources},
		{Weight: search.WeightBody, Values: body},
	}
	return d
}

// docText returns the plain text of a body, one value per line (a phrase
// does not run from one paragraph into the next).
func docText(d *markdown.Doc) []string {
	if d == nil {
		return nil
	}
	return strings.Split(d.Text(), "\n")
}

// snippet cuts s to about snippetRunes, at a space, with an ellipsis.
func snippet(s string) string {
	if utf8.RuneCountInString(s) <= snippetRunes {
		return s
	}
	cut := []rune(s)[:snippetRunes]
	t := string(cut)
	if i := strings.LastIndexByte(t, ' '); i > snippetRunes/2 {
		t = t[:i]
	}
	return strings.TrimRight(t, " ,;:.") + "…"
}
