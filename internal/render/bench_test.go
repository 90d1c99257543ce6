package render_test

import (
	"bytes"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
	"github.com/casebook/casebook/internal/sitetest"
)

// BenchmarkPages renders every page of one kind of a generated casebook of
// 1,000 cases (`make bench`): where render time goes, page kind by page kind.
// It reports the pages and MB rendered per iteration.
func BenchmarkPages(b *testing.B) {
	res, _ := sitetest.Build(b, corpus.MapFS(corpus.Options{Cases: 1000, Seed: corpus.DefaultSeed}))
	if !res.OK() {
		b.Fatal(res.Diags)
	}
	r, err := render.New(casebook.Theme(), markdown.New())
	if err != nil {
		b.Fatal(err)
	}
	l := r.Lazy(res.Site)
	names := l.Names()
	for _, kind := range []struct{ name, prefix string }{
		{"case", "cases/"}, {"entity", "entities/"}, {"timeline", "timeline/"}, {"tag", "tags/"},
	} {
		var pages []string
		for _, n := range names {
			if strings.HasPrefix(n, kind.prefix) && strings.HasSuffix(n, "/index.html") && n != kind.prefix+"index.html" {
				pages = append(pages, n)
			}
		}
		b.Run("kind="+kind.name, func(b *testing.B) {
			var bytes int
			for b.Loop() {
				fresh := r.Lazy(res.Site) // nothing rendered yet
				bytes = 0
				for _, p := range pages {
					data, ok, err := fresh.File(p)
					if err != nil || !ok {
						b.Fatalf("%s: %v %v", p, ok, err)
					}
					bytes += len(data)
				}
			}
			b.ReportMetric(float64(len(pages)), "pages/op")
			b.ReportMetric(float64(bytes)/1e6, "MB/op")
		})
	}
}

// BenchmarkEntry renders every timeline entry of a generated casebook of
// 1,000 cases once with the partial "entry", as a timeline page shows it:
// the cost of one fragment, in µs per entry.
func BenchmarkEntry(b *testing.B) {
	res, _ := sitetest.Build(b, corpus.MapFS(corpus.Options{Cases: 1000, Seed: corpus.DefaultSeed}))
	r, err := render.New(casebook.Theme(), markdown.New())
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		if err := render.RenderEntries(r, res.Site, &buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(res.Site.Timeline().Entries))/1000, "µs/entry")
}

// BenchmarkPlan lists the files of a generated casebook of 10,000 cases
// without rendering any (render.Lazy): what the dev server does after every
// save before it renders the page asked for.
func BenchmarkPlan(b *testing.B) {
	if testing.Short() {
		b.Skip("skipped with -short")
	}
	res, _ := sitetest.Build(b, corpus.MapFS(corpus.Options{Cases: 10000, Seed: corpus.DefaultSeed}))
	r, err := render.New(casebook.Theme(), markdown.New())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		r.Lazy(res.Site)
	}
}
