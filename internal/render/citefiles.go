package render

// This file writes a Citation as the files reference managers import:
// BibTeX (biblatex @online), RIS and CSL-JSON.

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/content"
)

// bibMonths are the BibTeX month macros.
var bibMonths = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// writeBibTeX writes c as a biblatex @online entry that classic BibTeX
// reads too (year and month beside date): the site as its organization
// (what biblatex's @online prints for the site, and citation-js and
// bibutils read as its publisher), the page's last update as its date, no
// urldate (the reader's own). Values are escaped for LaTeX; accented
// letters stay UTF-8. An organisation is braced whole, so that it is not
// split into names, and each word of the title with a capital is braced,
// so that styles do not lowercase it.
func writeBibTeX(b *bytes.Buffer, c *Citation) {
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(b, "  %-12s = {%s},\n", name, value)
		}
	}
	fmt.Fprintf(b, "@online{%s,\n", bibKey(c.Key))
	authors := make([]string, len(c.Authors))
	for i, n := range c.Authors {
		switch {
		case n.Literal != "":
			authors[i] = "{" + bibEscape(n.Literal) + "}"
		case n.Given == "":
			authors[i] = bibEscape(n.Family)
		default:
			authors[i] = bibEscape(n.Family) + ", " + bibEscape(n.Given)
		}
	}
	field("author", strings.Join(authors, " and "))
	field("title", bibTitle(c.Title))
	field("organization", bibEscape(c.Site))
	field("date", c.Date.String())
	if c.Date.Year != 0 {
		field("year", fmt.Sprint(c.Date.Year))
	}
	if c.Date.Month != 0 {
		fmt.Fprintf(b, "  %-12s = %s,\n", "month", bibMonths[c.Date.Month-1])
	}
	field("url", bibURL(c.URL))
	if lang := LanguageName(c.Language); lang != c.Language {
		field("langid", strings.ToLower(lang))
	}
	b.WriteString("}\n")
}

// bibKey keeps the characters a BibTeX key may hold.
func bibKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_:.", r)) {
			return r
		}
		return -1
	}, s)
}

// bibEscaper escapes LaTeX's special characters.
var bibEscaper = strings.NewReplacer(
	`\`, `\textbackslash{}`, `{`, `\{`, `}`, `\}`, `%`, `\%`, `&`, `\&`, `$`, `\$`, `#`, `\#`, `_`, `\_`,
	`~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`,
)

// bibEscape escapes s for a braced BibTeX value.
func bibEscape(s string) string { return bibEscaper.Replace(oneLine(s)) }

// bibTitle escapes a title and braces each word with a capital letter,
// from its first letter to its last: "{Cloudflare} cuts off “{AT\&T}”."
// A group never starts with a backslash, which BibTeX would read as an
// accent command.
func bibTitle(s string) string {
	words := strings.Split(oneLine(s), " ")
	for i, w := range words {
		start := strings.IndexFunc(w, unicode.IsLetter)
		end := strings.LastIndexFunc(w, unicode.IsLetter)
		if start < 0 || !strings.ContainsFunc(w, unicode.IsUpper) {
			words[i] = bibEscape(w)
			continue
		}
		_, size := utf8.DecodeRuneInString(w[end:])
		end += size
		words[i] = bibEscape(w[:start]) + "{" + bibEscape(w[start:end]) + "}" + bibEscape(w[end:])
	}
	return strings.Join(words, " ")
}

// bibURL percent-encodes what would break a braced value. The url field
// is verbatim: nothing else is escaped.
func bibURL(u string) string {
	return bibURLEscaper.Replace(u)
}

// bibURLEscaper percent-encodes braces and backslashes.
var bibURLEscaper = strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C")

// writeRIS writes c as one RIS record (type ELEC, a web page): the site as
// its secondary title (T2, the container), the page's last update as its
// date (PY and DA, as Zotero, EndNote and bibutils read them), no access
// date (Y2: the reader's own).
func writeRIS(b *bytes.Buffer, c *Citation) {
	tag := func(t, v string) {
		if v = oneLine(v); v != "" {
			b.WriteString(t + "  - " + v + "\n")
		}
	}
	tag("TY", "ELEC")
	for _, n := range c.Authors {
		// RIS names are "Family, Given"; a name without a comma is read
		// as "Given Family" ("editors, The Casebook"). RIS has no mark
		// for an organisation but EndNote's: the name with a comma and
		// nothing after it, which Zotero too reads as a name in one field.
		// (bibutils strips the comma and splits every name of several
		// words that its -as or -c lists do not hold.)
		if n.Literal != "" {
			tag("AU", n.Literal+",")
			continue
		}
		tag("AU", n.Inverted())
	}
	tag("TI", c.Title)
	tag("T2", c.Site)
	tag("PB", c.publisher()) // not the sole author again
	if c.Date.Year != 0 {
		tag("PY", fmt.Sprintf("%04d", c.Date.Year))
		tag("DA", risDate(c.Date))
	}
	tag("UR", c.URL)
	tag("LA", c.Language)
	tag("ID", c.Key)
	b.WriteString("ER  - \n")
}

// risDate formats d as RIS does: 2017/08/16/, 2017/08// or 2017///.
func risDate(d content.Date) string {
	s := fmt.Sprintf("%04d/", d.Year)
	if d.Month != 0 {
		s += fmt.Sprintf("%02d", d.Month)
	}
	s += "/"
	if d.Day != 0 {
		s += fmt.Sprintf("%02d", d.Day)
	}
	return s + "/"
}

// cslItem is a CSL-JSON item (citationstyles.org csl-data schema).
type cslItem struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Title          string    `json:"title"`
	ContainerTitle string    `json:"container-title,omitempty"`
	Publisher      string    `json:"publisher,omitempty"`
	Author         []cslName `json:"author,omitempty"`
	Issued         *cslDate  `json:"issued,omitempty"`
	URL            string    `json:"URL"`
	Language       string    `json:"language,omitempty"`
}

type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

// cslOf returns c as a CSL-JSON item of type webpage.
func cslOf(c *Citation) cslItem {
	it := cslItem{
		ID: c.Key, Type: "webpage", Title: c.Title, ContainerTitle: c.Site, Publisher: c.publisher(),
		URL: c.URL, Language: c.Language,
	}
	for _, n := range c.Authors {
		it.Author = append(it.Author, cslName(n))
	}
	if d := c.Date; d.Year != 0 {
		parts := []int{d.Year}
		if d.Month != 0 {
			parts = append(parts, d.Month)
			if d.Day != 0 {
				parts = append(parts, d.Day)
			}
		}
		it.Issued = &cslDate{DateParts: [][]int{parts}}
	}
	return it
}
