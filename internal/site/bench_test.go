package site_test

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
)

// BenchmarkResolve measures Resolve alone on generated trees (`make
// bench`): what the dev server pays after an edit that changes more than a
// body, and the CLI once per build.
func BenchmarkResolve(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("skipped with -short")
			}
			files, cfg, diags := content.Load(corpus.MapFS(corpus.Options{Cases: n, Seed: corpus.DefaultSeed}))
			if diags.HasErrors() {
				b.Fatalf("the corpus does not load: %d errors", diags.Errors())
			}
			docs := parseAll(files, cfg.Language)
			b.ResetTimer()
			for b.Loop() {
				if _, diags := site.Resolve(cfg, files, docs, site.Options{}); len(diags) > 0 {
					b.Fatalf("%d diagnostics", len(diags))
				}
			}
		})
	}
}

func parseAll(files []*content.File, lang string) []*markdown.Doc {
	md := markdown.New()
	docs := make([]*markdown.Doc, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				docs[i] = md.Parse(files[i].Path, files[i].Body, lang)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return docs
}
