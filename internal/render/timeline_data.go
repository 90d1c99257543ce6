package render

// This file writes the timeline as data: data/timeline.json (every entry,
// oldest first) and timeline.ics, an iCalendar file (RFC 5545) of all-day
// events that journalists can add to a calendar. Both are deterministic:
// nothing depends on the clock. docs/data.md describes them for readers.

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/site"
)

type timelineFile struct {
	Version int                 `json:"version"`
	Entries []timelineEntryData `json:"entries"`
}

// timelineEntryData is an entry of data/timeline/<year>.json.gz. What belongs
// to its case (title, targets, tags, the sources' records) is in the case's
// record, found by the case's slug: the entry says it once, there.
type timelineEntryData struct {
	ID       string   `json:"id"`
	URL      string   `json:"url"`
	Date     string   `json:"date"`
	Kind     string   `json:"kind"` // action or event
	Text     string   `json:"text"`
	Case     string   `json:"case"`               // the case's slug
	Provider string   `json:"provider,omitempty"` // an entity slug
	Action   string   `json:"action,omitempty"`
	Services []string `json:"services,omitempty"`
	Sources  []string `json:"sources,omitempty"` // ids among the case's sources
}

// timelineRuns returns the years of the timeline's entries (oldest first).
func timelineRuns(s *site.Site) []yearRun {
	es := s.Timeline().Entries
	return yearRuns(len(es), func(i int) int { return es[i].Date.Year })
}

// timelineParts lists the files of data/timeline.json, oldest year first.
func timelineParts(s *site.Site) []dataPart {
	out := []dataPart{}
	for _, r := range timelineRuns(s) {
		out = append(out, dataPart{Year: r.year, URL: absURL(s, s.BasePath+"data/timeline/"+yearName(r.year)+".json.gz"), Count: r.hi - r.lo})
	}
	return out
}

// writeTimelinePart writes what data/timeline/<year>.json.gz holds: the
// entries of a year, oldest first, an entry at a time.
func writeTimelinePart(w textWriter, s *site.Site, r yearRun) error {
	es := s.Timeline().Entries[r.lo:r.hi]
	return writeJSONLines(w, partHead{dataVersion, r.year}, "entries", len(es), func(i int) any { return entryDataOf(s, es[i]) })
}

func entryDataOf(s *site.Site, e *site.Entry) timelineEntryData {
	d := timelineEntryData{
		ID: e.ID, URL: absURL(s, e.URL()), Date: e.Date.String(), Kind: "event", Text: entryText(e),
		Case: e.Case.Slug, Sources: sourceIDs(e.Sources),
	}
	if e.Action != nil {
		d.Kind, d.Action, d.Services = "action", e.Action.Type, e.Action.Services
		if p := e.Provider(); p != nil {
			d.Provider = p.Slug
		}
	}
	return d
}

// icsLineMax is the longest a content line may be, in octets, without its
// CRLF (RFC 5545 §3.1).
const icsLineMax = 75

// icsLatest is how many of the latest entries timeline.ics holds, for a
// calendar to subscribe to; data/timeline/<year>.ics.gz hold every entry.
const icsLatest = 1000

// writeICS writes the timeline entries es as all-day VEVENTs, in a
// calendar named name.
func writeICS(b textWriter, s *site.Site, name string, es []*site.Entry) error {
	host := "casebook.invalid"
	if u, err := url.Parse(s.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	w := icsWriter{b: b}
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//Casebook//Timeline//EN")
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.line("X-WR-CALNAME:" + icsText(s.Config.Title+": "+name))
	for _, e := range es {
		w.line("BEGIN:VEVENT")
		w.line("UID:" + icsText(e.ID+"@"+host))
		w.line("DTSTAMP:" + e.Case.Stamp().Time().UTC().Format("20060102T150405Z")) // required: see site.Case.Stamp
		w.line("DTSTART;VALUE=DATE:" + e.Date.Time().Format("20060102"))
		w.line("SUMMARY:" + icsText(entrySummary(e)))
		w.line("DESCRIPTION:" + icsText(entryDescription(s, e)))
		w.line("URL:" + absURL(s, e.URL()))
		category := "Event"
		if e.Action != nil {
			category = ActionLabel(e.Action.Type)
		}
		w.line("CATEGORIES:" + icsText(category))
		w.line("END:VEVENT")
	}
	w.line("END:VCALENDAR")
	return nil
}

// entrySummary is the one-line title of an entry in a calendar.
func entrySummary(e *site.Entry) string {
	if e.Action != nil {
		return entryText(e)
	}
	return e.Case.Title + ": " + entryText(e)
}

// entryDescription is the text of an entry in a calendar, beside its
// SUMMARY (what happened): how precise the date is, the case and the
// sources.
func entryDescription(s *site.Site, e *site.Entry) string {
	var b strings.Builder // SUMMARY already says what happened
	switch {
	case e.Date.Month == 0:
		fmt.Fprintf(&b, "The date is known only to the year (%s); the calendar shows it on 1 January.\n", e.Date.Human())
	case e.Date.Day == 0:
		fmt.Fprintf(&b, "The date is known only to the month (%s); the calendar shows it on the first of the month.\n", e.Date.Human())
	}
	fmt.Fprintf(&b, "Case: %s <%s>\n", e.Case.Title, absURL(s, e.Case.URL()))
	// The sources by their numbers in the case's list, which gives each
	// one's title, publisher, date and archived copy (written out here,
	// they made the calendar files of a large casebook a third bigger).
	if len(e.Sources) > 0 {
		b.WriteString("Sources:")
		for _, src := range e.Sources {
			label := src.ID
			if src.N > 0 {
				label = fmt.Sprint(src.N)
			}
			b.WriteString(" [" + label + "]")
		}
		b.WriteString(", in the case's list of sources\n") // at the address above: not written twice
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// icsEscaper escapes the characters of a TEXT value (built once: building a
// Replacer costs far more than using it).
var icsEscaper = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\n", `\n`, "\r", `\n`)

// icsText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon,
// comma and newline.
func icsText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return icsEscaper.Replace(s)
}

// icsWriter writes content lines ending in CRLF, folded so that no line is
// longer than icsLineMax octets (RFC 5545 §3.1): a long line goes on in
// lines that begin with a space, and a fold never splits a UTF-8 character.
type icsWriter struct {
	b textWriter
}

func (w icsWriter) line(s string) {
	limit := icsLineMax
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.b.WriteString(s[:cut])
		w.b.WriteString("\r\n ")
		s = s[cut:]
		limit = icsLineMax - 1 // the leading space counts
	}
	w.b.WriteString(s)
	w.b.WriteString("\r\n")
}
