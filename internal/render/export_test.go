package render

import (
	"bytes"
	"encoding/json"

	"github.com/casebook/casebook/internal/site"
)

// Streamed returns every file written a record at a time (the parts of
// data/cases.json and data/timeline.json, and feed.xml), as streamed and as
// encoding/json and writeXML write the whole file: for JSON, the whole is
// compact, and the streamed file compacted must equal it.
func Streamed(s *site.Site) (map[string][2][]byte, error) {
	out := map[string][2][]byte{}
	add := func(name string, stream func(*bytes.Buffer) error, whole func(*bytes.Buffer) error) error {
		var a, b bytes.Buffer
		if err := stream(&a); err != nil {
			return err
		}
		if err := whole(&b); err != nil {
			return err
		}
		out[name] = [2][]byte{a.Bytes(), b.Bytes()}
		return nil
	}
	compact := func(v any) func(*bytes.Buffer) error {
		return func(b *bytes.Buffer) error {
			enc := json.NewEncoder(b)
			enc.SetEscapeHTML(false)
			return enc.Encode(v)
		}
	}
	for _, r := range yearRuns(len(s.Cases), func(i int) int { return s.Cases[i].Date.Year }) {
		whole := struct {
			partHead
			Cases []caseData `json:"cases"`
		}{partHead{dataVersion, r.year}, []caseData{}}
		for _, c := range s.Cases[r.lo:r.hi] {
			whole.Cases = append(whole.Cases, caseOf(s, c))
		}
		if err := add("data/cases/"+yearName(r.year)+".json", func(b *bytes.Buffer) error { return writeCasesPart(b, s, r) }, compact(whole)); err != nil {
			return nil, err
		}
	}
	for _, r := range timelineRuns(s) {
		whole := struct {
			partHead
			Entries []timelineEntryData `json:"entries"`
		}{partHead{dataVersion, r.year}, []timelineEntryData{}}
		for _, e := range s.Timeline().Entries[r.lo:r.hi] {
			whole.Entries = append(whole.Entries, entryDataOf(s, e))
		}
		if err := add("data/timeline/"+yearName(r.year)+".json", func(b *bytes.Buffer) error { return writeTimelinePart(b, s, r) }, compact(whole)); err != nil {
			return nil, err
		}
	}
	err := add("feed.xml", func(b *bytes.Buffer) error { return writeFeed(b, s) }, func(b *bytes.Buffer) error { return writeXML(b, atomOf(s)) })
	return out, err
}

// The whole exports, as they were built before they were streamed: the
// reference the streamed files are compared with.

// atomOf builds feed.xml whole.
func atomOf(s *site.Site) atomFeed {
	f, cases := atomHead(s)
	for _, c := range cases {
		f.Entries = append(f.Entries, atomEntryOf(s, f.Author, c))
	}
	return f
}

// RenderEntries renders every entry of s's timeline with the "entry" of the
// timeline pages, as they show it, into buf (for BenchmarkEntry).
func RenderEntries(r *Renderer, s *site.Site, buf *bytes.Buffer) error {
	ps := r.newPass(s) // each sentence rendered once, as in a build
	l := entryList{Anchors: true, ShowCase: true, frags: ps.frags, tmpl: "timeline"}
	for _, e := range s.Timeline().Entries {
		buf.Reset()
		h, err := l.Item(e)
		if err != nil {
			return err
		}
		buf.WriteString(string(h))
	}
	return nil
}

// SitemapFiles renders the sitemap files of s as they would be with at most
// max URLs a file.
func SitemapFiles(r *Renderer, s *site.Site, max int) (map[string][]byte, error) {
	ps := r.newPass(s)
	out := map[string][]byte{}
	for _, j := range sitemapGroup(max).files(ps) {
		var b bytes.Buffer
		if err := j.render(&b, ps); err != nil {
			return nil, err
		}
		out[j.name] = b.Bytes()
	}
	return out, nil
}

// CiteOf returns the key of the citation of the page of t, the citation
// in each style as the page writes it (plain text, by style id), and its
// CSL-JSON item.
func CiteOf(s *site.Site, t site.Target) (string, map[string]string, any) {
	c := citationOf(s, t)
	out := map[string]string{}
	for _, st := range c.Styles() {
		out[st.ID] = st.Text()
	}
	return c.Key, out, cslOf(c)
}

// FormatSize is how the data page writes a size of n bytes.
func FormatSize(n int64) string { return fileSize(n).Text }

// DataPageFiles returns the files of the data page among names, in its
// order, or why one below data/ cannot be listed.
func DataPageFiles(names []string) ([]string, error) {
	ds, err := downloadsOf(names)
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.name
	}
	return out, err
}
