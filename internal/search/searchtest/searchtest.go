// Package searchtest makes synthetic search documents for the benchmarks of
// the search index (internal/search) and of the search page in a browser
// (internal/browser).
package searchtest

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/search"
)

// Corpus makes synthetic cases shaped like the real ones: a title naming
// a provider and a target, a 40-word summary, 300-900 words of body drawn
// from a Zipf-distributed vocabulary of 40,000 words with English stop
// words at their usual rate, 1-2 targets out of n/10, 1-3 providers out of
// 400 (also Zipf: a few providers act in many cases), people, tags and 4-16
// sources from 800 publishers. The same n gives the same corpus.
type Corpus struct {
	Vocab, Targets, Providers, Pubs []string
	People, Tags                    []string

	rng                   *rand.Rand
	words, tgt, prov, pub *rand.Zipf
}

// syllables build pronounceable pseudo-words.
var syllables = strings.Fields("ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu " +
	"ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za zo")

var benchStops = strings.Fields("the of and to a in that is was for on with as by it from at his her their an be this which")

// New returns the corpus for n cases.
func New(n int) *Corpus {
	c := &Corpus{rng: rand.New(rand.NewPCG(uint64(n), 7))}
	seen := map[string]bool{}
	word := func(minSyl int) string {
		for {
			var b strings.Builder
			for range minSyl + c.rng.IntN(3) {
				b.WriteString(syllables[c.rng.IntN(len(syllables))])
			}
			if w := b.String(); !seen[w] {
				seen[w] = true
				return w
			}
		}
	}
	for range 40000 {
		c.Vocab = append(c.Vocab, word(1))
	}
	name := func(parts int) string {
		ws := make([]string, parts)
		for i := range ws {
			w := word(2)
			ws[i] = strings.ToUpper(w[:1]) + w[1:]
		}
		return strings.Join(ws, " ")
	}
	for range max(100, n/10) {
		c.Targets = append(c.Targets, name(2))
	}
	for range 400 {
		c.Providers = append(c.Providers, name(1))
	}
	for range 800 {
		c.Pubs = append(c.Pubs, "The "+name(2))
	}
	for range max(100, n/5) {
		c.People = append(c.People, name(2))
	}
	for range 60 {
		c.Tags = append(c.Tags, word(2)+"-"+word(2))
	}
	c.words = rand.NewZipf(c.rng, 1.07, 2, uint64(len(c.Vocab)-1))
	c.tgt = rand.NewZipf(c.rng, 1.1, 8, uint64(len(c.Targets)-1))
	c.prov = rand.NewZipf(c.rng, 1.3, 2, uint64(len(c.Providers)-1))
	c.pub = rand.NewZipf(c.rng, 1.2, 4, uint64(len(c.Pubs)-1))
	return c
}

// text returns n words, about a third of them stop words.
func (c *Corpus) text(n int) string {
	ws := make([]string, n)
	for i := range ws {
		if c.rng.IntN(3) == 0 {
			ws[i] = benchStops[c.rng.IntN(len(benchStops))]
		} else {
			ws[i] = c.Vocab[c.words.Uint64()]
		}
	}
	return strings.Join(ws, " ")
}

// Docs returns n search documents, one per case.
func (c *Corpus) Docs(n int) []search.Doc {
	docs := make([]search.Doc, n)
	for i := range docs {
		tg := []string{c.Targets[c.tgt.Uint64()]}
		if c.rng.IntN(4) == 0 {
			tg = append(tg, c.Targets[c.tgt.Uint64()])
		}
		var pv []string
		for range 1 + c.rng.IntN(3) {
			pv = append(pv, c.Providers[c.prov.Uint64()])
		}
		var people, tags, sources []string
		for range c.rng.IntN(5) {
			people = append(people, c.People[c.rng.IntN(len(c.People))])
		}
		for range 1 + c.rng.IntN(3) {
			tags = append(tags, c.Tags[c.rng.IntN(len(c.Tags))])
		}
		for range 4 + c.rng.IntN(13) {
			sources = append(sources, c.text(8), c.Pubs[c.pub.Uint64()])
		}
		title := pv[0] + " drops " + tg[0] + " " + c.text(3)
		summary := c.text(40)
		year := 1995 + c.rng.IntN(31)
		date := fmt.Sprintf("%d-%02d-%02d", year, 1+c.rng.IntN(12), 1+c.rng.IntN(28))
		var body []string
		for range 3 + c.rng.IntN(8) {
			body = append(body, c.text(100))
		}
		docs[i] = search.Doc{
			Meta: search.Meta{Kind: "case", URL: "cases/case-" + strconv.Itoa(i) + "/", Title: title, Date: date,
				Human: date, Targets: tg, Providers: pv, Actions: []string{"terminated"}, Snippet: summary[:min(len(summary), 240)]},
			Year: year,
			Fields: []search.Field{
				{Weight: search.WeightTitle, Values: []string{title}},
				{Weight: search.WeightName, Values: append(append(tg, pv...), people...)},
				{Weight: search.WeightSummary, Values: []string{summary}},
				{Weight: search.WeightTag, Values: tags},
				{Weight: search.WeightSource, Values: sources},
				{Weight: search.WeightBody, Values: body},
			},
		}
	}
	return docs
}

// TypicalQuery is a typical two-word query: the first words of the names of
// a target and of a provider ("kiwi cloudflare").
func (c *Corpus) TypicalQuery() string {
	return First(c.Targets[20]) + " " + First(c.Providers[0])
}

// First returns the first word of a name.
func First(name string) string {
	w, _, _ := strings.Cut(name, " ")
	return w
}
