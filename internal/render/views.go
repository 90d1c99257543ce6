package render

// Views: flat, typed values built in Go for the templates to read. A view
// holds strings computed once (formatted dates, built URLs, chosen labels)
// so that a template reads fields instead of calling methods; it holds no
// markup, which is the templates' alone.

import (
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/site"
)

// SourceView is one item of a case's source list, what the partial
// "source" receives.
type SourceView struct {
	ID        string // the item's id: source-3, or source-<id> when not cited
	Title     string
	URL       string // may be empty
	Archive   string // the archived copy's URL, or ""
	// VersionDate is the date of the archived copy (Robust Links), set only
	// with Archive.
	VersionDate string
	Lang        string // the source's language tag when it is not the site's, else ""
	LangName    string // the name of Lang in English, set with Lang
	Authors     string // joined with ", "
	Publisher   string
	DateISO     string // "" when the source is undated
	DateHuman   string
	Backrefs    []Backref // the citations of the source in the body
}

// Backref is a link from a source back to one of its citations.
type Backref struct {
	ID    string // of the citation in the body: cite-3-a
	Label string // a, b, ...
}

// sourceView makes the view of src for a page of site s.
func sourceView(s *site.Site, src *site.Source) SourceView {
	v := SourceView{ID: sourceID(src), Title: src.Title, URL: src.URL, Archive: src.Archive, Publisher: src.Publisher}
	if src.Archive != "" {
		v.VersionDate = versionDate(src)
	}
	if src.Language != "" && !sameLanguage(src.Language, s.Config.Language) {
		v.Lang, v.LangName = src.Language, LanguageName(src.Language)
	}
	for i, a := range src.Authors {
		if i > 0 {
			v.Authors += ", "
		}
		v.Authors += a
	}
	if !src.Date.IsZero() {
		v.DateISO, v.DateHuman = src.Date.String(), src.Date.Human()
	}
	for i, b := range src.Backrefs {
		v.Backrefs = append(v.Backrefs, Backref{ID: b, Label: backrefLabel(i)})
	}
	return v
}

func sourceViews(s *site.Site, srcs []*site.Source) []SourceView {
	out := make([]SourceView, len(srcs))
	for i, src := range srcs {
		out[i] = sourceView(s, src)
	}
	return out
}

// CitedSources returns the views of the sources cited in the page's case's
// body, in the order of their numbers.
func (v pageView) CitedSources() []SourceView { return sourceViews(v.Site, v.Case.CitedSources()) }

// FurtherSources returns the views of the page's case's sources not cited
// in its body.
func (v pageView) FurtherSources() []SourceView { return sourceViews(v.Site, v.Case.FurtherSources()) }

// Link is a labelled URL; Sep is the text before it in a list ("", ", " or
// " and ").
type Link struct {
	Sep, Label, URL string
}

// Sentence is what an entry says, in parts the templates link and the plain
// exports (feed, iCalendar, JSON) join: "<Provider> <Verb> <Targets>
// (<Services>)" for an action, Event for an event. entrySentence is its one
// builder.
type Sentence struct {
	Provider *Link // nil when the action names no provider
	Verb     string
	Targets  []Link // "A", "A and B", "A, B and C"
	Services string // "dns, cdn", or ""
	Event    string // the event's text, for an event
	IsEvent  bool
}

// entrySentence builds what e says.
func entrySentence(e *site.Entry) Sentence {
	if e.Event != nil {
		return Sentence{Event: e.Event.Text, IsEvent: true}
	}
	s := Sentence{Verb: actionVerb(e.Type()), Targets: listLinks(e.Case.Targets)}
	if p := e.Provider(); p != nil {
		s.Provider = &Link{Label: p.Name, URL: p.URL()}
	}
	s.Services = strings.Join(e.Action.Services, ", ")
	return s
}

// listLinks links entities as a list in a sentence: "A", "A and B",
// "A, B and C".
func listLinks(es []*site.Entity) []Link {
	out := make([]Link, len(es))
	for i, e := range es {
		out[i] = Link{Label: e.Name, URL: e.URL()}
		switch {
		case i == 0:
		case i == len(es)-1:
			out[i].Sep = " and "
		default:
			out[i].Sep = ", "
		}
	}
	return out
}

// Text is the sentence in plain text, without a final period:
// "Cloudflare terminated service to The Daily Stormer (dns)".
func (s Sentence) Text() string {
	if s.IsEvent {
		return strings.TrimSpace(s.Event)
	}
	var b strings.Builder
	if s.Provider != nil {
		b.WriteString(s.Provider.Label + " ")
	}
	b.WriteString(s.Verb)
	for i, t := range s.Targets {
		if i == 0 {
			b.WriteString(" ")
		}
		b.WriteString(t.Sep + t.Label)
	}
	if s.Services != "" {
		b.WriteString(" (" + s.Services + ")")
	}
	return b.String()
}

// EntryView is a timeline entry (an action or an event of a case) as the
// partial "entry" shows it, built once per rendering of a site.
type EntryView struct {
	ID, URL            string // URL: the permalink, on the entry's year or month page
	DateISO, DateHuman string
	Year               int
	Kind               string // action or event
	Type               string // the action type; "" for an event
	Badge              string // the badge's CSS class suffix: the action type, or event
	Label              string // the badge's text
	Provider           string // the provider's slug, or ""
	Targets            string // the case's targets' slugs, space-separated (data-* attributes)
	Tags               string // the case's tags' slugs, space-separated
	What               Sentence
	CaseTitle, CaseURL string
	Sources            []Link // its sources in the case's source list: [3] or [id]
}

// entryView builds the view of e.
func entryView(e *site.Entry) *EntryView {
	c := e.Case
	v := &EntryView{ID: e.ID, URL: e.URL(), DateISO: e.Date.String(), DateHuman: e.Date.Human(), Year: e.Date.Year,
		Kind: "action", Type: e.Type(), What: entrySentence(e), CaseTitle: c.Title, CaseURL: c.URL(),
		Targets: entitySlugs(c.Targets), Tags: strings.Join(termSlugs(c.Tags), " ")}
	v.Badge, v.Label = v.Type, ActionLabel(v.Type)
	if e.Event != nil {
		v.Kind, v.Badge, v.Label = "event", "event", "Event"
	}
	if p := e.Provider(); p != nil {
		v.Provider = p.Slug
	}
	v.Sources = make([]Link, len(e.Sources))
	for i, s := range e.Sources {
		label := s.ID
		if s.N > 0 {
			label = strconv.Itoa(s.N)
		}
		v.Sources[i] = Link{Label: "[" + label + "]", URL: s.Case.URL() + "#" + sourceID(s)}
	}
	return v
}

// entitySlugs joins the slugs of entities with spaces.
func entitySlugs(es []*site.Entity) string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Slug
	}
	return strings.Join(out, " ")
}

// EntryItem is what the partial "entry" receives: an entry and how its list
// shows it.
type EntryItem struct {
	Entry *EntryView
	// Anchors gives the item its id and the data-* attributes the
	// timeline's filters use: only on timeline pages, where ids are unique.
	Anchors  bool
	ShowCase bool // link the entry's case (not on the case's own page)
}
