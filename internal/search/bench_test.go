package search_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/search"
)

// corpus makes n synthetic cases shaped like the real ones: a title naming
// a provider and a target, a 40-word summary, 300-900 words of body drawn
// from a Zipf-distributed vocabulary of 40,000 words with English stop
// words at their usual rate, 1-2 targets out of n/10, 1-3 providers out of
// 400 (also Zipf: a few providers act in many cases), people, tags and 4-16
// sources from 800 publishers. The same n gives the same corpus.
type corpus struct {
	rng                             *rand.Rand
	vocab, targets, providers, pubs []string
	people, tags                    []string
	words, tgt, prov, pub           *rand.Zipf
}

// syllables build pronounceable pseudo-words.
var syllables = strings.Fields("ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu " +
	"ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za zo")

var benchStops = strings.Fields("the of and to a in that is was for on with as by it from at his her their an be this which")

func newCorpus(n int) *corpus {
	c := &corpus{rng: rand.New(rand.NewPCG(uint64(n), 7))}
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
		c.vocab = append(c.vocab, word(1))
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
		c.targets = append(c.targets, name(2))
	}
	for range 400 {
		c.providers = append(c.providers, name(1))
	}
	for range 800 {
		c.pubs = append(c.pubs, "The "+name(2))
	}
	for range max(100, n/5) {
		c.people = append(c.people, name(2))
	}
	for range 60 {
		c.tags = append(c.tags, word(2)+"-"+word(2))
	}
	c.words = rand.NewZipf(c.rng, 1.07, 2, uint64(len(c.vocab)-1))
	c.tgt = rand.NewZipf(c.rng, 1.1, 8, uint64(len(c.targets)-1))
	c.prov = rand.NewZipf(c.rng, 1.3, 2, uint64(len(c.providers)-1))
	c.pub = rand.NewZipf(c.rng, 1.2, 4, uint64(len(c.pubs)-1))
	return c
}

// text returns n words, about a third of them stop words.
func (c *corpus) text(n int) string {
	ws := make([]string, n)
	for i := range ws {
		if c.rng.IntN(3) == 0 {
			ws[i] = benchStops[c.rng.IntN(len(benchStops))]
		} else {
			ws[i] = c.vocab[c.words.Uint64()]
		}
	}
	return strings.Join(ws, " ")
}

func (c *corpus) docs(n int) []search.Doc {
	docs := make([]search.Doc, n)
	for i := range docs {
		tg := []string{c.targets[c.tgt.Uint64()]}
		if c.rng.IntN(4) == 0 {
			tg = append(tg, c.targets[c.tgt.Uint64()])
		}
		var pv []string
		for range 1 + c.rng.IntN(3) {
			pv = append(pv, c.providers[c.prov.Uint64()])
		}
		var people, tags, sources []string
		for range c.rng.IntN(5) {
			people = append(people, c.people[c.rng.IntN(len(c.people))])
		}
		for range 1 + c.rng.IntN(3) {
			tags = append(tags, c.tags[c.rng.IntN(len(c.tags))])
		}
		for range 4 + c.rng.IntN(13) {
			sources = append(sources, c.text(8), c.pubs[c.pub.Uint64()])
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

// transfer runs a query on a fresh reader, as a browser opening
// /search/?q=... does, and returns the bytes fetched, each file gzipped
// on its own as a web server would send it, and the result.
func transfer(tb testing.TB, ix *search.Index, q search.Query) (int, *search.Result) {
	tb.Helper()
	total := 0
	r, err := search.NewReader(func(name string) ([]byte, error) {
		data, err := ix.Open(name)
		total += gzipSize(tb, data)
		return data, err
	})
	if err != nil {
		tb.Fatal(err)
	}
	res, err := r.Search(q)
	if err != nil {
		tb.Fatal(err)
	}
	return total, res
}

func gzipSize(tb testing.TB, data []byte) int {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Len()
}

// BenchmarkIndex builds the index of 10,000 and 50,000 synthetic cases and
// reports what a typical two-word query downloads (gzip bytes): a target's
// name and a provider's ("kiwi cloudflare"); also two common body words,
// a phrase, and a filtered query. It asserts nothing about time.
func BenchmarkIndex(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			c := newCorpus(n)
			docs := c.docs(n)
			var ix *search.Index
			for b.Loop() {
				ix = search.Build(docs, search.Options{})
			}
			first := func(name string) string { w, _, _ := strings.Cut(name, " "); return w }
			queries := []struct {
				unit string
				q    search.Query
			}{
				{"query-B", search.Query{Text: first(c.targets[20]) + " " + first(c.providers[0]), Limit: 10}},
				{"common-B", search.Query{Text: c.vocab[100] + " " + c.vocab[300], Limit: 10}},
				{"phrase-B", search.Query{Text: `"` + first(c.providers[1]) + " drops" + `"`, Limit: 10}},
				{"filtered-B", search.Query{Text: first(c.providers[2]), Year: 2010, Limit: 10}},
			}
			for _, q := range queries {
				bytes, res := transfer(b, ix, q.q)
				if res.Total == 0 {
					b.Fatalf("%q found nothing", q.q.Text)
				}
				b.ReportMetric(float64(bytes), q.unit)
			}
			b.ReportMetric(float64(ix.Size())/1e6, "index-MB")
			b.ReportMetric(float64(len(ix.Files())), "files")
		})
	}
}
