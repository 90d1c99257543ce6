package server

// BenchmarkEditReload measures what a maintainer waits for after a save
// (`make bench`): one content file edited on disk, the server's rebuild (load
// and parse of the changed file only, which the watcher names; resolve,
// which makes again only the changed file's own work and folds every file's
// into the site: site.Cache; plan) and the rendering of the page the
// reloading browser asks for: the edited case's, or the edited entity's.
// The debounce of the watcher (debounce) comes on top. Between two saves
// the benchmark waits, untimed, for the collection the server makes while
// idle (idleCollect), as a maintainer reading the page gives it time to;
// with -backtoback it saves again at once, and the collector runs during
// the rebuilds. docs/performance.md has the figures.

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/corpus"
)

var backToBack = flag.Bool("backtoback", false, "BenchmarkEditReload: save again as soon as the page is rendered")

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
			entities, err := filepath.Glob(filepath.Join(dir, "content/entities/*.md"))
			if err != nil || len(entities) < 2 {
				b.Fatalf("no entities: %v", err)
			}
			c := newBenchCase(b, dir, cases[0], entities)
			// A maintainer's files are older than the save: wait out the
			// second within which the load cache re-reads a file.
			time.Sleep(1100 * time.Millisecond)
			for _, e := range edits {
				b.Run("edit="+e.name, func(b *testing.B) {
					file, page := c.rel, c.page
					orig := c.orig
					if e.entity {
						file, page, orig = c.entityRel, c.entityPage, c.entityOrig
					}
					defer os.WriteFile(filepath.Join(dir, file), orig, 0o644)
					var added []string
					defer func() {
						for _, a := range added {
							os.Remove(filepath.Join(dir, a))
						}
					}()
					s := New(Options{SiteDir: dir, Addr: "127.0.0.1:1313"})
					if err := s.Rebuild(ctx); err != nil {
						b.Fatal(err)
					}
					i := 0
					stages := map[string]time.Duration{} // summed over the iterations
					for b.Loop() {
						i++
						name, data, pg := file, e.edit(c, orig, i), page
						if e.add {
							slug := fmt.Sprintf("new-case-%d", i)
							name, pg = "content/cases/"+slug+".md", "cases/"+slug+"/index.html"
							added = append(added, name)
						}
						if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
							b.Fatal(err)
						}
						s.b.OnlyChanged([]string{name}) // as the watcher does
						if err := s.Rebuild(ctx); err != nil {
							b.Fatal(err)
						}
						st := s.state()
						if st.failed || st.diags.Warnings() > 0 && !e.warns {
							b.Fatalf("the rebuild failed (%v) or warned: %v", st.failed, st.diags)
						}
						for _, sg := range st.stats.Stages {
							stages[sg.Name] += sg.Duration
						}
						data, ok, err := st.out.File(pg)
						if err != nil || !ok || len(data) == 0 {
							b.Fatalf("File(%q) = %d bytes, %v, %v", pg, len(data), ok, err)
						}
						if !*backToBack {
							// The maintainer reads the page before saving
							// again: the server collects meanwhile.
							b.StopTimer()
							<-s.collected()
							b.StartTimer()
						}
					}
					for name, d := range stages { // the rebuild's stages, per edit
						b.ReportMetric(float64(d.Microseconds())/1000/float64(i), name+"-ms")
					}
				})
			}
		})
	}
}

// benchCase is the case BenchmarkEditReload edits, and the entity.
type benchCase struct {
	rel, page  string // the case file, from the site root, and its page
	orig       []byte
	sourceIDs  []string // of the case
	entities   []string // every entity's slug
	entityRel  string   // the case's first target
	entityPage string
	entityOrig []byte
}

var (
	sourceIDLine = regexp.MustCompile(`\n  - id: ([a-z0-9-]+)\n`)
	targetsLine  = regexp.MustCompile(`\ntargets: \[([a-z0-9-]+)`)
	actionLine   = regexp.MustCompile(`\n    action: [a-z]+\n`)
)

func newBenchCase(b *testing.B, dir, name string, entities []string) *benchCase {
	b.Helper()
	slug := strings.TrimSuffix(filepath.Base(name), ".md")
	c := &benchCase{rel: "content/cases/" + slug + ".md", page: "cases/" + slug + "/index.html"}
	var err error
	if c.orig, err = os.ReadFile(name); err != nil {
		b.Fatal(err)
	}
	for _, m := range sourceIDLine.FindAllSubmatch(c.orig, -1) {
		c.sourceIDs = append(c.sourceIDs, string(m[1]))
	}
	for _, e := range entities {
		c.entities = append(c.entities, strings.TrimSuffix(filepath.Base(e), ".md"))
	}
	m := targetsLine.FindSubmatch(c.orig)
	if m == nil || len(c.sourceIDs) == 0 || !actionLine.Match(c.orig) {
		b.Fatalf("%s has no target, source or action", c.rel)
	}
	c.entityRel, c.entityPage = "content/entities/"+string(m[1])+".md", "entities/"+string(m[1])+"/index.html"
	if c.entityOrig, err = os.ReadFile(filepath.Join(dir, c.entityRel)); err != nil {
		b.Fatal(err)
	}
	return c
}

// edits are the edits BenchmarkEditReload saves, each of one file: the
// case's body, summary, date, tags, targets, an action's type, a source's
// id (everywhere the case uses it), a citation more, a copy of the case as
// a new one, and an entity's name (which moves it among the entities).
var edits = []struct {
	name   string
	edit   func(c *benchCase, orig []byte, i int) []byte
	add    bool // the edit is a new case file
	entity bool // the edit is of the entity
	warns  bool // the edit may leave warnings
}{
	{name: "body", edit: func(_ *benchCase, orig []byte, i int) []byte {
		return fmt.Appendf(bytes.Clone(orig), "\nAn edit, number %d.\n", i)
	}},
	{name: "summary", edit: func(_ *benchCase, orig []byte, i int) []byte {
		return bytes.Replace(orig, []byte("\nsummary: "), fmt.Appendf(nil, "\nsummary: Edit %d. ", i), 1)
	}},
	{name: "date", edit: func(_ *benchCase, orig []byte, i int) []byte {
		// The front matter's first date is the case's: move it by up to
		// 28 days, a different day each time.
		j := bytes.Index(orig, []byte("\ndate: ")) + len("\ndate: ")
		return slices.Concat(orig[:j+8], fmt.Appendf(nil, "%02d", 1+i%28), orig[j+10:])
	}},
	{name: "tags", edit: func(_ *benchCase, orig []byte, i int) []byte {
		return bytes.Replace(orig, []byte("\ntags: ["), fmt.Appendf(nil, "\ntags: [new-tag-%d, ", i), 1)
	}},
	{name: "targets", edit: func(c *benchCase, orig []byte, i int) []byte {
		return bytes.Replace(orig, []byte("\ntargets: ["), fmt.Appendf(nil, "\ntargets: [%s, ", c.entities[i%len(c.entities)]), 1)
	}},
	{name: "actions", edit: func(_ *benchCase, orig []byte, i int) []byte {
		return actionLine.ReplaceAllLiteral(orig, fmt.Appendf(nil, "\n    action: %s\n", content.Actions[i%len(content.Actions)]))
	}},
	{name: "sources", edit: func(c *benchCase, orig []byte, i int) []byte {
		id := regexp.MustCompile(`\b` + regexp.QuoteMeta(c.sourceIDs[0]) + `\b`)
		return id.ReplaceAllLiteral(orig, fmt.Appendf(nil, "%s-e%d", c.sourceIDs[0], i))
	}},
	{name: "citations", edit: func(c *benchCase, orig []byte, i int) []byte {
		return fmt.Appendf(bytes.Clone(orig), "\nAgain, %d [@%s].\n", i, c.sourceIDs[i%len(c.sourceIDs)])
	}},
	{name: "new-case", add: true, edit: func(c *benchCase, orig []byte, i int) []byte {
		data := orig
		for _, id := range c.sourceIDs {
			data = bytes.ReplaceAll(data, []byte(id), fmt.Appendf(nil, "n%d-%s", i, id))
		}
		return data
	}},
	{name: "entity-name", entity: true, edit: func(_ *benchCase, orig []byte, i int) []byte {
		return bytes.Replace(orig, []byte("\nname: \""), fmt.Appendf(nil, "\nname: \"Edit %d ", i), 1)
	}},
}
