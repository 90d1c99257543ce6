package build_test

// Benchmarks of whole builds on generated trees (package corpus), run by
// `make bench`:
//
//	BenchmarkBuild/cases=1000/sink=discard   render everything, keep nothing
//	BenchmarkBuild/cases=1000/sink=dir       WriteDir into a temp folder
//	BenchmarkIncremental/cases=1000          one case body edited, reused Build
//
// and the same at 10,000 cases (skipped with -short). The tree is generated
// in memory once per size, outside the timed loop. docs/performance.md has
// the figures and the process-level benchmark (scripts/bench.sh).

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/corpus"
)

var benchSizes = []int{1000, 10000}

// benchTrees holds one generated tree per size; trees are never modified
// (the incremental benchmark edits a clone).
var benchTrees sync.Map // int -> func() fstest.MapFS

func benchTree(b *testing.B, n int) fstest.MapFS {
	b.Helper()
	if n > 1000 && testing.Short() {
		b.Skipf("%d cases: skipped with -short", n)
	}
	f, _ := benchTrees.LoadOrStore(n, sync.OnceValue(func() fstest.MapFS {
		return corpus.MapFS(corpus.Options{Cases: n, Seed: corpus.DefaultSeed})
	}))
	return f.(func() fstest.MapFS)()
}

// countSink discards files, counting them and their bytes.
type countSink struct{ files, bytes atomic.Int64 }

func (c *countSink) WriteFile(_ string, data []byte) error {
	c.files.Add(1)
	c.bytes.Add(int64(len(data)))
	return nil
}

func BenchmarkBuild(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("cases=%d/sink=discard", n), func(b *testing.B) {
			fsys := benchTree(b, n)
			b.ReportAllocs()
			var sink *countSink
			var res *build.Result
			for b.Loop() {
				sink = &countSink{}
				var err error
				res, err = build.New(build.Options{Site: fsys}).Run(ctx, sink)
				checkBench(b, res, err, n)
			}
			reportStages(b, res)
			b.ReportMetric(float64(sink.files.Load()), "files")
			b.ReportMetric(float64(sink.bytes.Load())/(1<<20), "MB-out")
		})
		b.Run(fmt.Sprintf("cases=%d/sink=dir", n), func(b *testing.B) {
			fsys := benchTree(b, n)
			out := b.TempDir() + "/public"
			b.ReportAllocs()
			for b.Loop() {
				res, err := build.New(build.Options{Site: fsys}).WriteDir(ctx, out)
				checkBench(b, res, err, n)
			}
		})
	}
}

// BenchmarkIncremental edits one case body between runs of a reused Build,
// as the dev server does on a save (it renders into memory; this discards).
func BenchmarkIncremental(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			fsys := maps.Clone(benchTree(b, n))
			var name string
			for p := range fsys {
				if strings.HasPrefix(p, "content/cases/") && (name == "" || p < name) {
					name = p
				}
			}
			orig := fsys[name].Data
			bld := build.New(build.Options{Site: fsys})
			res, err := bld.Run(ctx, &countSink{}) // warm the parse cache
			checkBench(b, res, err, n)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				edited := slices.Concat(orig, []byte(fmt.Sprintf("\nAn edit, number %d.\n", i)))
				fsys[name] = &fstest.MapFile{Data: edited, Mode: 0o644}
				res, err = bld.Run(ctx, &countSink{})
				checkBench(b, res, err, n)
			}
			if res.Stats.Parsed != 1 {
				b.Fatalf("the rebuild parsed %d bodies; want 1", res.Stats.Parsed)
			}
			reportStages(b, res)
		})
	}
}

// reportStages reports the seconds each stage of the last run took.
func reportStages(b *testing.B, res *build.Result) {
	for _, st := range res.Stats.Stages {
		b.ReportMetric(st.Duration.Seconds(), st.Name+"-s")
	}
}

func checkBench(b *testing.B, res *build.Result, err error, n int) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
	if !res.OK() || len(res.Site.Cases) != n {
		var s strings.Builder
		res.Diags.Format(&s)
		b.Fatalf("build of %d cases failed:\n%s", n, s.String())
	}
}
