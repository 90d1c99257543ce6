package site_test

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
)

// BenchmarkResolve measures Resolve alone, without cache, on generated trees
// (`make bench`): what the CLI pays once per build. cpu-ms/op is the CPU
// time of the process (every core) per Resolve.
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
			start := cpuTime()
			for b.Loop() {
				if _, diags := site.Resolve(cfg, files, docs, site.Options{}); len(diags) > 0 {
					b.Fatalf("%d diagnostics", len(diags))
				}
			}
			b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
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

// BenchmarkResolveWarm measures Cache.Resolve after an edit of one case's
// body: the edited file's own work and the fold across every file, the dev
// server's resolve stage.
func BenchmarkResolveWarm(b *testing.B) {
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
			var cache site.Cache
			cache.Resolve(cfg, files, docs, site.Options{})
			i := slices.IndexFunc(files, func(f *content.File) bool { return f.Kind == content.KindCase })
			md := markdown.New()
			b.ResetTimer()
			start := cpuTime()
			for b.Loop() {
				// A new load: new slices (the cache keeps the last ones),
				// with another *content.File for the file.
				files, docs = slices.Clone(files), slices.Clone(docs)
				f := *files[i]
				files[i], docs[i] = &f, md.Parse(f.Path, f.Body, cfg.Language)
				if _, diags := cache.Resolve(cfg, files, docs, site.Options{}); len(diags) > 0 {
					b.Fatalf("%d diagnostics", len(diags))
				}
			}
			b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime returns the CPU time the process has used, in user and system
// mode, by every thread: on a shared, noisy machine a steadier measure than
// the wall-clock time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
