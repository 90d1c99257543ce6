package render

import (
	"bytes"
	"fmt"

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

// EntryPair is an entry rendered by writeEntry and by the template "entry".
type EntryPair struct {
	ID, View    string
	Fast, Templ string
}

// FastEntries renders every entry of s in every view of a list, with
// writeEntry and with the "entry" template of each page template r renders
// entries with, and says which page templates use writeEntry.
func FastEntries(r *Renderer, s *site.Site) (pairs []EntryPair, fast map[string]bool, err error) {
	entries := s.Timeline().Entries
	for _, c := range s.Cases {
		for _, e := range c.Timeline() { // copies, as a case page lists them
			entries = append(entries, &e)
		}
	}
	for _, tmpl := range []string{"case", "entity", "timeline"} {
		for _, anchors := range []bool{false, true} {
			for _, show := range []bool{false, true} {
				l := entryList{Anchors: anchors, ShowCase: show, tmpl: tmpl}
				for _, e := range entries {
					var f, t bytes.Buffer
					writeEntry(&f, l, e)
					if err := r.pages[tmpl].ExecuteTemplate(&t, "entry", entryItem{e, l}); err != nil {
						return nil, nil, err
					}
					pairs = append(pairs, EntryPair{e.ID, fmt.Sprintf("%s anchors=%v case=%v", tmpl, anchors, show), f.String(), t.String()})
				}
			}
		}
	}
	fast = map[string]bool{}
	for tmpl, on := range r.fast {
		fast[tmpl] = on["entry"]
	}
	return pairs, fast, nil
}

// FastPartials returns, for each page template, the partials r writes in Go.
func FastPartials(r *Renderer) map[string]map[string]bool { return r.fast }

// FastPages returns the page templates r writes in Go.
func FastPages(r *Renderer) map[string]bool { return r.fastPage }

// NoFast makes r render every page and partial with its template.
func NoFast(r *Renderer) {
	for _, on := range r.fast {
		clear(on)
	}
	clear(r.fastPage)
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
