package render

// This file lists the redirects of the permanent URLs — a case's former
// slugs (aliases) leading to its live page — for machines: data/redirects.json
// and, for hosts that read one (Netlify, Cloudflare Pages), a _redirects
// file. The redirect pages themselves are rendered by Renderer.jobs.

import (
	"bytes"
	"strings"

	"github.com/casebook/casebook/internal/site"
)

// redirectJobs lists data/redirects.json and _redirects.
func redirectJobs(s *site.Site) []job {
	return []job{
		{name: "data/redirects.json", fn: func(b *bytes.Buffer, _ *pass) error { return writeJSON(b, redirectsFileOf(s)) }},
		{name: "_redirects", fn: func(b *bytes.Buffer, _ *pass) error { writeRedirects(b, s); return nil }},
	}
}

type redirectsFile struct {
	Version   int            `json:"version"`
	Redirects []redirectData `json:"redirects"`
}

type redirectData struct {
	From    string `json:"from"`     // root-relative, e.g. /cases/old-slug/
	To      string `json:"to"`       // root-relative URL of the live page
	FromURL string `json:"from_url"` // absolute
	ToURL   string `json:"to_url"`   // absolute
}

// redirectsFileOf builds data/redirects.json, sorted by old path.
func redirectsFileOf(s *site.Site) redirectsFile {
	f := redirectsFile{Version: dataVersion, Redirects: make([]redirectData, 0, len(s.Redirects))}
	for _, rd := range s.Redirects {
		f.Redirects = append(f.Redirects, redirectData{
			From: rd.From, To: rd.To.URL(), FromURL: absURL(s, rd.From), ToURL: absURL(s, rd.To.URL()),
		})
	}
	return f
}

// writeRedirects writes the _redirects file: for each alias, its path with
// and without the trailing slash, the live path and the status 301.
func writeRedirects(b *bytes.Buffer, s *site.Site) {
	b.WriteString("# Former addresses of cases (aliases), moved permanently. See data/redirects.json.\n")
	for _, rd := range s.Redirects {
		to := rd.To.URL()
		b.WriteString(strings.TrimSuffix(rd.From, "/") + " " + to + " 301\n")
		b.WriteString(rd.From + " " + to + " 301\n")
	}
}
