package server

// BenchmarkEditReload measures what a maintainer waits for after a save
// (`make bench`): one case file edited on disk, the server's rebuild (load
// and parse of the changed file only, which the watcher names, then
// resolve, or not even that when only the body changed; plan) and the
// rendering of the edited case's page,
// which the reloading browser asks for. The debounce of the watcher
// (debounce) comes on top. docs/performance.md has the figures.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/site"
)

func BenchmarkEditReload(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("skipped with -short")
			}
			dir := b.TempDir()
			if err := corpus.WriteDir(dir, corpus.Options{Cases: n, Seed: corpus.DefaultSeed}); err != nil {
				b.Fatal(err)
			}
			cases, err := filepath.Glob(filepath.Join(dir, "content/cases/*.md"))
			if err != nil || len(cases) == 0 {
				b.Fatalf("no cases: %v", err)
			}
			name := cases[0]
			slug := filepath.Base(name[:len(name)-len(".md")])
			rel := "content/cases/" + slug + ".md"
			orig, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			// A maintainer's files are older than the save: wait out the
			// second within which the load cache re-reads a file.
			time.Sleep(1100 * time.Millisecond)
			page := "cases/" + slug + "/index.html"
			for _, e := range edits {
				b.Run("edit="+e.name, func(b *testing.B) {
					defer os.WriteFile(name, orig, 0o644)
					s := New(Options{SiteDir: dir, Addr: "127.0.0.1:1313"})
					if err := s.Rebuild(ctx); err != nil {
						b.Fatal(err)
					}
					i := 0
					stages := map[string]time.Duration{} // summed over the iterations
					for b.Loop() {
						i++
						if err := os.WriteFile(name, e.edit(orig, i), 0o644); err != nil {
							b.Fatal(err)
						}
						s.b.OnlyChanged([]string{rel}) // as the watcher does
						if err := s.Rebuild(ctx); err != nil {
							b.Fatal(err)
						}
						if s.failed || s.stats.Kept != (e.reuse == site.Kept) || s.stats.Patched != (e.reuse == site.Patched) {
							b.Fatalf("the rebuild failed (%v) or did not reuse the resolved site as %v: %v", s.failed, e.reuse, s.diags)
						}
						for _, st := range s.stats.Stages {
							stages[st.Name] += st.Duration
						}
						data, ok, err := s.out.File(page)
						if err != nil || !ok || len(data) == 0 {
							b.Fatalf("File(%q) = %d bytes, %v, %v", page, len(data), ok, err)
						}
					}
					for name, d := range stages { // the rebuild's stages, per edit
						b.ReportMetric(float64(d.Milliseconds())/float64(i), name+"-ms")
					}
				})
			}
		})
	}
}

// edits are the edits BenchmarkEditReload saves: a sentence added to the
// body and a changed summary (the site resolved by the last build is kept,
// with the new texts), a changed date, which moves the case among the
// others, and a new tag, which changes the related cases of others (the
// case is resolved again and patched into the site, see site.Site.Update).
var edits = []struct {
	name  string
	edit  func(orig []byte, i int) []byte
	reuse site.Reuse
}{
	{"body", func(orig []byte, i int) []byte { return fmt.Appendf(bytes.Clone(orig), "\nAn edit, number %d.\n", i) }, site.Kept},
	{"summary", func(orig []byte, i int) []byte {
		return bytes.Replace(orig, []byte("\nsummary: "), fmt.Appendf(nil, "\nsummary: Edit %d. ", i), 1)
	}, site.Kept},
	{"date", func(orig []byte, i int) []byte {
		// The front matter's first date is the case's: move it by up to
		// 28 days, a different day each time.
		j := bytes.Index(orig, []byte("\ndate: ")) + len("\ndate: ")
		return slices.Concat(orig[:j+8], fmt.Appendf(nil, "%02d", 1+i%28), orig[j+10:])
	}, site.Patched},
	{"tag", func(orig []byte, i int) []byte {
		return bytes.Replace(orig, []byte("\ntags: ["), fmt.Appendf(nil, "\ntags: [new-tag-%d, ", i), 1)
	}, site.Patched},
}
