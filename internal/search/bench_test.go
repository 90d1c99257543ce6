package search_test

import (
	"bytes"
	"compress/gzip"
	"strconv"
	"testing"

	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/search/searchtest"
)

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
			c := searchtest.New(n)
			docs := c.Docs(n)
			var ix *search.Index
			for b.Loop() {
				ix = search.Build(docs, search.Options{})
			}
			first := searchtest.First
			queries := []struct {
				unit string
				q    search.Query
			}{
				{"query-B", search.Query{Text: c.TypicalQuery(), Limit: 10}},
				{"common-B", search.Query{Text: c.Vocab[100] + " " + c.Vocab[300], Limit: 10}},
				{"phrase-B", search.Query{Text: `"` + first(c.Providers[1]) + " drops" + `"`, Limit: 10}},
				{"filtered-B", search.Query{Text: first(c.Providers[2]), Year: 2010, Limit: 10}},
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
