package render

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// ActionLabel returns the label readers see for an action type
// (content.ActionTypes).
func ActionLabel(a string) string {
	if t, ok := content.LookupAction(a); ok {
		return t.Label
	}
	return a
}

// languageNames names the languages sources are most often in; other tags are
// shown as they are written.
var languageNames = map[string]string{
	"ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French", "he": "Hebrew",
	"is": "Icelandic", "it": "Italian", "ja": "Japanese", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese",
	"ru": "Russian", "sk": "Slovak", "uk": "Ukrainian", "zh": "Chinese",
}

// LanguageName returns the English name of a BCP 47 tag's language.
func LanguageName(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	if n, ok := languageNames[base]; ok {
		return n
	}
	return tag
}

// sameLanguage reports whether two language tags name the same language.
func sameLanguage(a, b string) bool {
	a, _, _ = strings.Cut(strings.ToLower(a), "-")
	b, _, _ = strings.Cut(strings.ToLower(b), "-")
	return a == b
}

// funcs are the functions templates may call besides the builtins: the
// views give templates their strings, so there are few. Each is documented
// in docs/content-format.md.
func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"human":       func(d content.Date) string { return d.Human() },
		"iso":         func(d content.Date) string { return d.String() },
		"actionLabel": ActionLabel,
		"join":        strings.Join,
		"add":         func(a, b int) int { return a + b },
	}
}

// backrefLabel is the label of the i-th link back to a citation: a, b, ...
func backrefLabel(i int) string { return site.CiteID(0, i)[len("cite-0-"):] }

// sourceID is the id of a source's entry in its case's source list: numbered
// sources are #source-N, the others #source-<id>.
func sourceID(s *site.Source) string {
	if s.N > 0 {
		return fmt.Sprintf("source-%d", s.N)
	}
	return "source-" + s.ID
}

var kindLabels = map[string]string{
	"company": "Company", "platform": "Platform", "website": "Website", "person": "Person",
	"organisation": "Organisation", "government": "Government",
}

func kindLabel(k string) string {
	if l, ok := kindLabels[k]; ok {
		return l
	}
	return k
}
