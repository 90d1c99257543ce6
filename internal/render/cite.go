package render

// This file makes the citation of a case or entity page: the "Cite this
// page" text in APA 7, MLA 9 and Chicago author-date, and the downloads of
// a case page — BibTeX (biblatex @online), RIS and CSL-JSON — carried by
// the page itself as data: links, with data/casebook.bib holding every
// case. The
// author is the site: the authors of site.yaml when it lists them, else its
// publisher; the date is the page's last update, else when it first
// appeared (site.PageDates: never the date of the events); the retrieval
// date is left to the reader. docs/citing.md describes the formats for
// readers; keep the two in step.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// appendCiteJobs appends to jobs the citation files of s:
// data/casebook.bib and the redirect lists of the permanent URLs. The
// citation of one case is in its page (Citation.Downloads), not a file.
func appendCiteJobs(jobs []job, s *site.Site) []job {
	jobs = append(jobs, job{name: "data/casebook.bib", fn: func(b *bytes.Buffer, _ *pass) error {
		fmt.Fprintf(b, "%% %s: every case, as biblatex @online entries.\n%% %s\n", oneLine(s.Config.Title), absURL(s, s.BasePath))
		for _, c := range s.Cases {
			b.WriteByte('\n')
			writeBibTeX(b, citationOf(s, c))
		}
		return nil
	}})
	return append(jobs, redirectJobs(s)...)
}

// Citation is what every citation format of a page says.
type Citation struct {
	Key       string // BibTeX key and CSL id: the page's slug
	Authors   []Name
	Title     string
	Site      string // the site's title, the "container"
	Publisher string
	Date      content.Date // the page's last update (site.PageDates.Modified); zero when unknown
	Modified  bool         // Date is that of an update, not of the page's first appearance
	Published content.Date // when the page first appeared; zero when unknown
	URL       string       // absolute
	Language  string       // BCP 47
	Case      bool         // the page is a case's: it offers the downloads
}

// Name is an author: a person (Family and Given) or an organisation
// (Literal).
type Name struct {
	Family, Given, Literal string
}

// Download is a citation file offered for download: a link to a data:
// URL holding the file, so that one click saves it, with or without
// JavaScript, and the site needs no file per case for it.
type Download struct {
	Label, File, Type string
	URL               template.URL // data:Type;charset=utf-8,the file percent-encoded
}

// Downloads returns the citation files of a case page: BibTeX, RIS and
// CSL-JSON; none for other pages.
func (c *Citation) Downloads() []Download {
	if !c.Case {
		return nil
	}
	var bib, ris, csl bytes.Buffer
	writeBibTeX(&bib, c)
	writeRIS(&ris, c)
	enc := json.NewEncoder(&csl) // compact: a data: URL percent-encodes every space
	enc.SetEscapeHTML(false)
	if err := enc.Encode([]cslItem{cslOf(c)}); err != nil {
		panic(err) // a struct of strings always encodes
	}
	return []Download{
		{"BibTeX", c.Key + ".bib", "application/x-bibtex", dataURL("application/x-bibtex", bib.Bytes())},
		{"RIS", c.Key + ".ris", "application/x-research-info-systems", dataURL("application/x-research-info-systems", ris.Bytes())},
		{"CSL-JSON", c.Key + ".json", "application/vnd.citationstyles.csl+json", dataURL("application/vnd.citationstyles.csl+json", csl.Bytes())},
	}
}

// dataURL returns the data: URL of a file of media type typ. Every byte
// but the unreserved ones is percent-encoded (url.PathEscape), so the URL
// can hold nothing but its own text, which html/template then escapes for
// the attribute as any other.
func dataURL(typ string, data []byte) template.URL {
	return template.URL("data:" + typ + ";charset=utf-8," + url.PathEscape(string(data)))
}

// citationOf returns the citation of a case or entity page, dated by the
// page's dates; nil for other targets.
func citationOf(s *site.Site, t site.Target) *Citation {
	c := &Citation{
		Authors: siteAuthors(s.Config), Site: oneLine(s.Config.Title), Publisher: oneLine(s.Config.Publisher),
		URL: absURL(s, t.URL()), Language: s.Config.Language, Title: oneLine(t.Label()),
	}
	var d site.PageDates
	switch t := t.(type) {
	case *site.Case:
		c.Key, d, c.Case = t.Slug, t.Dates, true
	case *site.Entity:
		c.Key, d = t.Slug, t.Dates
	default:
		return nil
	}
	c.Date, c.Modified, c.Published = d.Modified, d.Updated(), d.Published
	return c
}

// siteAuthors returns the authors of site.yaml, else its publisher as an
// organisation.
func siteAuthors(cfg *content.Config) []Name {
	var out []Name
	for _, a := range cfg.Authors {
		if n := parseName(a); n != (Name{}) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		if p := oneLine(cmp.Or(cfg.Publisher, cfg.Title)); p != "" {
			out = append(out, Name{Literal: p})
		}
	}
	return out
}

// parseName reads a person's name, "Family, Given" or "Given Family" (the
// last word is the family name: write "van Gogh, Vincent" otherwise). A
// single word is kept whole.
func parseName(s string) Name {
	s = oneLine(s)
	if family, given, ok := strings.Cut(s, ","); ok {
		return Name{Family: strings.TrimSpace(family), Given: strings.TrimSpace(given)}
	}
	words := strings.Fields(s)
	switch len(words) {
	case 0:
		return Name{}
	case 1:
		return Name{Literal: words[0]}
	}
	return Name{Family: words[len(words)-1], Given: strings.Join(words[:len(words)-1], " ")}
}

// oneLine collapses the white space of s, new lines included.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Inverted returns "Family, Given", or the literal name.
func (n Name) Inverted() string {
	if n.Literal != "" {
		return n.Literal
	}
	if n.Given == "" {
		return n.Family
	}
	return n.Family + ", " + n.Given
}

// Natural returns "Given Family", or the literal name.
func (n Name) Natural() string {
	if n.Literal != "" {
		return n.Literal
	}
	return strings.TrimSpace(n.Given + " " + n.Family)
}

// initials returns "J.-L. R." for "Jean-Luc Richard".
func (n Name) initials() string {
	var words []string
	for _, w := range strings.Fields(n.Given) {
		var parts []string
		for _, p := range strings.Split(w, "-") {
			if r, _ := utf8.DecodeRuneInString(p); r != utf8.RuneError {
				parts = append(parts, string(unicode.ToUpper(r))+".")
			}
		}
		words = append(words, strings.Join(parts, "-"))
	}
	return strings.Join(words, " ")
}

// CitePart is a run of citation text, in italics or not.
type CitePart struct {
	Text   string
	Italic bool
}

// CiteStyle is the citation of a page in one style.
type CiteStyle struct {
	ID, Name string // "apa", "APA 7"
	Parts    []CitePart
}

// Text returns the citation as plain text.
func (cs CiteStyle) Text() string {
	var b strings.Builder
	for _, p := range cs.Parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// Styles returns the citation in APA 7, MLA 9 and Chicago author-date.
func (c *Citation) Styles() []CiteStyle {
	return []CiteStyle{
		{"apa", "APA 7", c.apa()},
		{"mla", "MLA 9", c.mla()},
		{"chicago", "Chicago (author-date)", c.chicago()},
	}
}

// apa: Author, A. A., & Author, B. B. (2017, August 16). *Title*. Site. URL
func (c *Citation) apa() []CitePart {
	names := make([]string, len(c.Authors))
	for i, n := range c.Authors {
		names[i] = n.Inverted()
		if n.Literal == "" && n.Given != "" {
			names[i] = n.Family + ", " + n.initials()
		}
	}
	var authors string
	switch len(names) {
	case 0:
	case 1:
		authors = names[0]
	case 2:
		authors = names[0] + ", & " + names[1]
	default:
		if len(names) > 20 { // the first 19, an ellipsis, the last
			names = append(names[:19:19], "… "+names[len(names)-1])
			authors = strings.Join(names, ", ")
		} else {
			authors = strings.Join(names[:len(names)-1], ", ") + ", & " + names[len(names)-1]
		}
	}
	date := "n.d."
	switch d := c.Date; {
	case d.Day != 0:
		date = fmt.Sprintf("%d, %s %d", d.Year, time.Month(d.Month), d.Day)
	case d.Month != 0:
		date = fmt.Sprintf("%d, %s", d.Year, time.Month(d.Month))
	case d.Year != 0:
		date = fmt.Sprint(d.Year)
	}
	lead := "(" + date + "). "
	if authors != "" {
		lead = period(authors) + " " + lead
	}
	tail := strings.TrimPrefix(terminal(c.Title), c.Title) + " "
	if p := c.publisher(); p != "" {
		tail += period(p) + " "
	}
	if c.Site != "" && (len(c.Authors) != 1 || c.Authors[0].Literal != c.Site) {
		tail += period(c.Site) + " "
	}
	if c.Date.Year == 0 {
		// An undated page is cited with its retrieval date, which only
		// the reader knows: apa.csl writes "Retrieved" and leaves it out.
		tail += "Retrieved "
	}
	return []CitePart{{Text: lead}, {Text: replaceStraightQuotes(c.Title), Italic: true}, {Text: tail + c.URL}}
}

// mlaMonths are MLA's abbreviations of the months.
var mlaMonths = [...]string{"Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// mla: Author, First, and First Author. “Title.” *Site*, 16 Aug. 2017, host/path.
func (c *Citation) mla() []CitePart {
	var authors string
	switch n := c.Authors; {
	case len(n) == 1:
		authors = n[0].Inverted()
	case len(n) == 2:
		authors = n[0].Inverted() + ", and " + n[1].Natural()
	case len(n) > 2:
		authors = n[0].Inverted() + ", et al."
	}
	var lead string
	if authors != "" {
		lead = period(authors) + " "
	}
	lead += "“" + terminal(innerQuotes(c.headlineTitle())) + "” "
	var date string
	switch d := c.Date; {
	case d.Day != 0:
		date = fmt.Sprintf("%d %s %d", d.Day, mlaMonths[d.Month-1], d.Year)
	case d.Month != 0:
		date = fmt.Sprintf("%s %d", mlaMonths[d.Month-1], d.Year)
	case d.Year != 0:
		date = fmt.Sprint(d.Year)
	}
	tail := ", "
	if p := c.publisher(); p != "" {
		tail += p + ", "
	}
	if date != "" {
		tail += date + ", "
	}
	tail += c.URL + "."
	if c.Site == "" {
		return []CitePart{{Text: lead + strings.TrimPrefix(tail, ", ")}}
	}
	return []CitePart{{Text: lead}, {Text: c.Site, Italic: true}, {Text: tail}}
}

// chicago: Author, First, and First Author. 2017. “Title.” Site. Last
// modified August 16, 2017. URL.
func (c *Citation) chicago() []CitePart {
	var authors string
	n := c.Authors
	if len(n) > 10 { // the first seven, et al.
		n = n[:7]
	}
	for i, a := range n {
		switch {
		case i == 0:
			authors = a.Inverted()
		case i == len(n)-1 && len(n) == len(c.Authors):
			authors += ", and " + a.Natural()
		default:
			authors += ", " + a.Natural()
		}
	}
	if len(n) < len(c.Authors) {
		authors += ", et al."
	}
	year := "n.d."
	if c.Date.Year != 0 {
		year = fmt.Sprint(c.Date.Year)
	}
	var b strings.Builder
	if authors != "" {
		b.WriteString(period(authors) + " ")
	}
	b.WriteString(period(year) + " “" + terminal(innerQuotes(c.headlineTitle())) + "” ")
	// The site, then the month and day (the year is given above).
	var date string
	switch d := c.Date; {
	case d.Day != 0:
		date = fmt.Sprintf("%s %d", time.Month(d.Month), d.Day)
	case d.Month != 0:
		date = time.Month(d.Month).String()
	}
	var where []string // the site, the publisher, the month and day
	for _, s := range []string{c.Site, c.publisher(), date} {
		if s != "" {
			where = append(where, s)
		}
	}
	if len(where) > 0 {
		b.WriteString(period(strings.Join(where, ", ")) + " ")
	}
	b.WriteString(c.URL + ".")
	return []CitePart{{Text: b.String()}}
}

// period ends s with a full stop unless it ends with one already.
func period(s string) string {
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// terminal ends a title with a full stop unless it ends with punctuation
// that closes a sentence.
func terminal(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// singleQuotes turns curly double quotes into single ones.
var singleQuotes = strings.NewReplacer("“", "‘", "”", "’", "„", "‚")

// innerQuotes turns the double quotes of a title into single ones, for a
// title set in double quotes.
func innerQuotes(s string) string {
	return singleQuotes.Replace(replaceStraightQuotes(s))
}

// replaceStraightQuotes turns "x" into “x” and 'x' into ‘x’, and an
// apostrophe into ’, as citeproc-js does: an opening quote at the start or
// after a space or an opening bracket, else a closing one.
func replaceStraightQuotes(s string) string {
	if !strings.ContainsAny(s, `"'`) {
		return s
	}
	var b strings.Builder
	prev := ' '
	for _, r := range s {
		if r == '"' || r == '\'' {
			opening := unicode.IsSpace(prev) || strings.ContainsRune("([{", prev)
			switch {
			case r == '"' && opening:
				r = '“'
			case r == '"':
				r = '”'
			case opening:
				r = '‘'
			default:
				r = '’'
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// headlineTitle is the title as MLA and Chicago set it: in headline style
// for a page in English; as written in another language, whose rules of
// capitals differ (citeproc-js changes the case of English titles only).
func (c *Citation) headlineTitle() string {
	if c.Language == "" || c.Language == "en" || strings.HasPrefix(c.Language, "en-") {
		return headline(c.Title)
	}
	return c.Title
}

// publisher is the publisher that the styles name: none when it is the
// page's sole author, the site's editors, which they would name twice.
func (c *Citation) publisher() string {
	if len(c.Authors) == 1 && c.Authors[0].Literal == c.Publisher {
		return ""
	}
	return c.Publisher
}

// headlineSkip are the words that a title in headline style keeps in lower
// case but first and last: articles, prepositions and conjunctions, as
// citeproc-js (the CSL processor of Zotero and Mendeley, version 2.4)
// lists them; MLA 9 and Chicago both lower-case every preposition.
var headlineSkip = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`about above across afore after against al along alongside amid amidst among
		amongst anenst apropos apud around as aside astride at athwart atop barring before behind below beneath beside
		besides between beyond but by circa despite down during et except for forenenst from given in inside into lest
		like modulo near next notwithstanding of off on onto out over per plus pro qua sans since than through thru
		throughout thruout till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis
		with within without or yet so and nor a an the de d' von van c ca`) {
		headlineSkip[w] = true
	}
}

// headlineTag splits a title where citeproc-js does before changing its
// case: quotes, dashes, slashes and punctuation.
var headlineTag = regexp.MustCompile(`(?:‘|’|“|”| "| '|"|'|[-–—/.,;?!:]|\[|\]|\(|\))`)

// headlineSpace separates words.
var headlineSpace = regexp.MustCompile(`[\x{00A0}\x{0020}\x{2000}-\x{200B}\x{205F}\x{3000}]+`)

// headline writes a title in headline style, as MLA 9 and Chicago set the
// title of a web page, the way citeproc-js does it, so that the page's
// citation is the one a reader's reference manager makes from its CSL-JSON:
//   - the title is cut at punctuation, quotes, dashes and slashes, and the
//     pieces into words;
//   - a word in lower case of two letters or more that is not in
//     headlineSkip gets a capital initial; so does the first word, a word
//     after "!", "?" or ":", and, in the piece before the first mark, the
//     last word when that mark is a hyphen ("Pro-ISIS" there, "pro-ISIS"
//     further on: citeproc-js passes that mark to its first piece only);
//   - a word with a capital anywhere ("iPhone", "DDoS") stays as written;
//   - the last word gets a capital initial if it is a skipped word of two
//     letters or more.
func headline(s string) string {
	marks := headlineTag.FindAllStringIndex(s, -1)
	pieces := make([]string, 0, len(marks)+1)
	tags := make([]string, 0, len(marks))
	prev := 0
	for _, m := range marks {
		pieces = append(pieces, s[prev:m[0]])
		tags = append(tags, s[m[0]:m[1]])
		prev = m[1]
	}
	pieces = append(pieces, s[prev:])
	first, afterPunct := true, false
	lastPiece, lastWord := -1, -1
	words := make([][]string, len(pieces)) // each piece's words and the spaces between, alternating
	for i, p := range pieces {
		if i > 0 && strings.ContainsAny(tags[i-1][len(tags[i-1])-1:], "!?:") {
			afterPunct = true
		}
		// After " '" citeproc-js gives the piece's first character back
		// its case ('single quoted' stays so).
		keepFirst := i > 0 && tags[i-1] == " '"
		if strings.TrimSpace(p) == "" {
			words[i] = []string{p}
			continue
		}
		following := ""
		if i == 0 && len(tags) > 0 {
			following = tags[0]
		}
		var ws []string
		at := 0
		for _, sp := range headlineSpace.FindAllStringIndex(p, -1) {
			ws = append(ws, p[at:sp[0]], p[sp[0]:sp[1]])
			at = sp[1]
		}
		ws = append(ws, p[at:])
		nwords := (len(ws) + 1) / 2
		for j := 0; j < len(ws); j += 2 {
			w := ws[j]
			if w == "" {
				continue
			}
			lower := strings.ToLower(w)
			up := utf8.RuneCountInString(w) > 1 && !headlineSkip[lower] ||
				j/2 == nwords-1 && following == "-" || first || afterPunct
			if up && w == lower && !(keepFirst && j == 0) {
				ws[j] = capitalise(w)
			}
			first, afterPunct = false, false
			lastPiece, lastWord = i, j
		}
		words[i] = ws
	}
	if lastPiece >= 0 {
		w := words[lastPiece][lastWord]
		if lower := strings.ToLower(w); utf8.RuneCountInString(w) > 1 && headlineSkip[lower] && w == lower {
			words[lastPiece][lastWord] = capitalise(w)
		}
	}
	var b strings.Builder
	for i, ws := range words {
		if i > 0 {
			b.WriteString(tags[i-1])
		}
		for _, w := range ws {
			b.WriteString(w)
		}
	}
	return b.String()
}

// capitalise upper-cases the first character of w.
func capitalise(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}
