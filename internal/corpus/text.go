package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// text writes Markdown prose for one file: sentences of Zipf-drawn words
// with links, emphasis and, in a case, citations.
type text struct {
	p       *plan
	rng     *rand.Rand
	words   *rand.Zipf
	self    int   // the case being written, or -1
	near    []int // entities of this case, linked more often
	sources []string
	cited   []bool
	notes   int // footnotes referenced so far
}

func newText(p *plan, rng *rand.Rand, self int, near []int) *text {
	return &text{p: p, rng: rng, words: rand.NewZipf(rng, 1.07, 4, uint64(len(p.words)-1)), self: self, near: near}
}

func (t *text) word() string { return t.p.words[t.words.Uint64()] }

// sentence returns the tokens of one sentence of n words, the last ending
// with a period; cite adds a citation before the period. A token (a word, a
// link, a citation) is never split across lines.
func (t *text) sentence(n int, cite bool) []string {
	parts := make([]string, 0, n+1)
	for k := 0; k < n; k++ {
		parts = append(parts, t.token(k == 0))
	}
	parts[0] = capitalize(parts[0])
	last := &parts[len(parts)-1]
	*last = strings.TrimSuffix(strings.TrimSuffix(*last, " --"), ",")
	if cite && len(t.sources) > 0 {
		parts = append(parts, t.citation())
	}
	parts[len(parts)-1] += "."
	return parts
}

// plain returns one sentence of n plain words, for front matter.
func (t *text) plain(n int) string {
	parts := make([]string, n)
	for k := range parts {
		parts[k] = t.word()
	}
	parts[0] = capitalize(parts[0])
	return strings.Join(parts, " ") + "."
}

// token returns one word, or now and then a link, an emphasis, a bit of
// code or a quotation (never first in a sentence: it is capitalized).
func (t *text) token(first bool) string {
	w := t.word()
	if first {
		return w
	}
	switch r := t.rng.IntN(1000); {
	case r < 40:
		return t.entityLink()
	case r < 55 && len(t.p.cases) > 1:
		return t.caseLink()
	case r < 65:
		return "*" + w + " " + t.word() + "*"
	case r < 70:
		return "**" + w + "**"
	case r < 75:
		return "`" + w + "`"
	case r < 80:
		return fmt.Sprintf("[%s %s](https://www.%s.example/%s)", w, t.word(), slugify(t.p.publishers[t.rng.IntN(len(t.p.publishers))]), slugify(t.word()))
	case r < 90:
		return `"` + w + " " + t.word() + `"`
	case r < 160:
		return w + ","
	case r < 163:
		return w + " --"
	}
	return w
}

func (t *text) entityLink() string {
	e := t.rng.IntN(len(t.p.entities))
	if len(t.near) > 0 && t.rng.IntN(10) < 7 {
		e = t.near[t.rng.IntN(len(t.near))]
	}
	if t.rng.IntN(5) == 0 {
		return fmt.Sprintf("[[%s|%s]]", t.p.entities[e].slug, t.word())
	}
	return "[[" + t.p.entities[e].slug + "]]"
}

func (t *text) caseLink() string {
	c := t.rng.IntN(len(t.p.cases))
	if c == t.self {
		c = (c + 1) % len(t.p.cases)
	}
	slug := t.p.cases[c].slug
	switch t.rng.IntN(6) {
	case 0:
		return "[[" + slug + "#what-happened]]"
	case 1:
		return fmt.Sprintf("[[%s|%s %s]]", slug, t.word(), t.word())
	}
	return "[[" + slug + "]]"
}

// citation returns [@id], preferring sources not cited yet; some carry a
// locator, a prefix or a second item.
func (t *text) citation() string {
	k := t.rng.IntN(len(t.sources))
	for j := range t.sources {
		if !t.cited[j] {
			k = j
			break
		}
	}
	t.cited[k] = true
	item := "@" + t.sources[k]
	switch t.rng.IntN(10) {
	case 0:
		item += fmt.Sprintf(", p. %d", 1+t.rng.IntN(40))
	case 1:
		item = "see " + item
	case 2:
		if j := t.rng.IntN(len(t.sources)); j != k {
			t.cited[j] = true
			item += "; @" + t.sources[j]
		}
	}
	return "[" + item + "]"
}

// uncited returns a citation group of every source not cited yet, or "".
func (t *text) uncited() string {
	var items []string
	for j, id := range t.sources {
		if !t.cited[j] {
			t.cited[j] = true
			items = append(items, "@"+id)
		}
	}
	if len(items) == 0 {
		return ""
	}
	return "[" + strings.Join(items, "; ") + "]"
}

// paragraph writes about n words of sentences to b, wrapped at 90 columns,
// and returns the number of words written. In a case about a third of the
// sentences carry a citation; footnote adds a footnote reference to the
// first sentence.
func (t *text) paragraph(b *strings.Builder, n int, footnote bool) int {
	var tokens []string
	words := 0
	for words < n {
		k := 6 + t.rng.IntN(20)
		s := t.sentence(k, t.sources != nil && t.rng.IntN(3) == 0)
		if footnote {
			t.notes++
			s[len(s)-1] = strings.TrimSuffix(s[len(s)-1], ".") + fmt.Sprintf("[^%d].", t.notes)
			footnote = false
		}
		tokens = append(tokens, s...)
		words += k
	}
	wrap(b, tokens, 90)
	b.WriteString("\n\n")
	return words
}

// wrap writes tokens to b separated by spaces, broken into lines of about
// width bytes, never starting a line with a character that could begin a
// Markdown block.
func wrap(b *strings.Builder, tokens []string, width int) {
	col := 0
	for i, w := range tokens {
		if i > 0 {
			if col+1+len(w) > width && !strings.ContainsAny(w[:1], "#->+*|=0123456789:") {
				b.WriteByte('\n')
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
}
