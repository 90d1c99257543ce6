package render

// Views: flat, typed values built in Go for the templates to read. A view
// holds strings computed once (formatted dates, built URLs, chosen labels)
// so that a template reads fields instead of calling methods; it holds no
// markup, which is the templates' alone.

import (
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
