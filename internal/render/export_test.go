package render

import (
	"bytes"

	"github.com/casebook/casebook/internal/site"
)

// Streamed returns data/cases.json, data/timeline.json and feed.xml as
// written a record at a time, and as writeJSON and writeXML write the whole
// files.
func Streamed(s *site.Site) (streamed, whole [3][]byte, err error) {
	var b [6]bytes.Buffer
	for _, err := range []error{
		writeCasesFile(&b[0], s), writeTimelineFile(&b[1], s), writeFeed(&b[2], s),
		writeJSON(&b[3], casesFileOf(s)), writeJSON(&b[4], timelineFileOf(s)), writeXML(&b[5], atomOf(s)),
	} {
		if err != nil {
			return streamed, whole, err
		}
	}
	return [3][]byte{b[0].Bytes(), b[1].Bytes(), b[2].Bytes()}, [3][]byte{b[3].Bytes(), b[4].Bytes(), b[5].Bytes()}, nil
}

// The whole exports, as they were built before they were streamed: the
// reference the streamed files are compared with.

// casesFileOf builds data/cases.json whole.
func casesFileOf(s *site.Site) casesFile {
	f := casesFile{Version: dataVersion, GeneratedFrom: generatedFrom(s.Cases), Cases: make([]caseData, 0, len(s.Cases))}
	for _, c := range s.Cases {
		f.Cases = append(f.Cases, caseOf(s, c))
	}
	return f
}

// timelineFileOf builds data/timeline.json whole.
func timelineFileOf(s *site.Site) timelineFile {
	tl := s.Timeline()
	f := timelineFile{Version: dataVersion, Entries: make([]timelineEntryData, 0, len(tl.Entries))}
	for _, e := range tl.Entries {
		f.Entries = append(f.Entries, entryDataOf(s, e))
	}
	return f
}

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
	for _, e := range s.Timeline().Entries {
		buf.Reset()
		if err := r.pages["timeline"].ExecuteTemplate(buf, "entry", EntryItem{Entry: entryView(e), Anchors: true, ShowCase: true}); err != nil {
			return err
		}
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
