package build_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestIncrementalEqualsFull applies random sequences of edits (add, change,
// rename and delete cases, entities and templates) and checks after each one
// that a Build reused across edits, as the dev server uses it, writes exactly
// what a fresh full build of the same tree writes.
func TestIncrementalEqualsFull(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 42))
			fsys := sitetest.FS(t, sitetest.Base)
			reused := build.New(build.Options{Site: fsys})
			for step := range 12 {
				what := edit(rng, fsys, step)
				got, gotOK := run(t, reused)
				want, wantOK := run(t, build.New(build.Options{Site: fsys}))
				if gotOK != wantOK || !maps.EqualFunc(got, want, bytes.Equal) {
					t.Fatalf("step %d (%s): the reused build differs from a full build", step, what)
				}
			}
		})
	}
}

func run(t *testing.T, b *build.Build) (map[string][]byte, bool) {
	t.Helper()
	sink := &sitetest.MemSink{}
	res, err := b.Run(context.Background(), sink)
	if err != nil {
		t.Fatal(err)
	}
	return sink.Files, res.OK()
}

// edit changes fsys in place, one random edit, and says what it did.
func edit(rng *rand.Rand, fsys fstest.MapFS, step int) string {
	cases := filesUnder(fsys, "content/cases/")
	switch rng.IntN(7) {
	case 0: // add a case
		name := fmt.Sprintf("content/cases/new-%d.md", step)
		fsys[name] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(sitetest.CaseX, "x-1", fmt.Sprintf("n%d", step)))}
		return "add " + name
	case 1: // change a case body
		name := cases[rng.IntN(len(cases))]
		fsys[name] = &fstest.MapFile{Data: append(bytes.Clone(fsys[name].Data), fmt.Sprintf("\nMore text %d.\n", step)...)}
		return "change " + name
	case 2: // rename a case
		name := cases[rng.IntN(len(cases))]
		to := strings.TrimSuffix(name, ".md") + fmt.Sprintf("-r%d.md", step)
		fsys[to] = fsys[name]
		delete(fsys, name)
		return "rename " + name
	case 3: // delete a case (other cases may link to it: errors are fine)
		if len(cases) < 2 {
			return "nothing"
		}
		name := cases[rng.IntN(len(cases))]
		delete(fsys, name)
		return "delete " + name
	case 4: // change an entity
		fsys["content/entities/cloudflare.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\nname: Cloudflare %d\nkind: company\n---\n", step))}
		return "change entity"
	case 5: // override a template
		fsys["templates/page.html"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`{{define "main"}}<h1>page %d</h1>{{.Body}}{{end}}`, step))}
		return "change template"
	default: // change the title in the front matter
		name := cases[rng.IntN(len(cases))]
		fsys[name] = &fstest.MapFile{Data: bytes.Replace(fsys[name].Data, []byte("title: "), []byte(fmt.Sprintf("title: %d ", step)), 1)}
		return "retitle " + name
	}
}

func filesUnder(fsys fstest.MapFS, dir string) []string {
	var out []string
	for name := range fsys {
		if strings.HasPrefix(name, dir) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestLazyEqualsFull is TestIncrementalEqualsFull for the dev server's way of
// building: Build.Lazy, which resolves through its site.Cache (each file's
// own work kept from the last run unless the file changed) and renders
// files when asked. After each
// random edit (those of edit, and edits of bodies and of front-matter texts
// and dates), every file the reused Build's Lazy gives equals what a fresh
// full build writes.
func TestLazyEqualsFull(t *testing.T) {
	compared := 0
	for seed := range uint64(10) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			fsys := sitetest.FS(t, sitetest.Base)
			reused := build.New(build.Options{Site: fsys})
			var last map[string][]byte // the last good full build
			for step := range 16 {
				var what string
				if rng.IntN(3) == 0 {
					what = edit(rng, fsys, step)
				} else {
					what = editText(rng, fsys, step)
				}
				res, l, err := reused.Lazy(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				want, wantOK := run(t, build.New(build.Options{Site: fsys}))
				if res.OK() != wantOK {
					t.Fatalf("step %d (%s): Lazy ok = %v, a full build's %v", step, what, res.OK(), wantOK)
				}
				if !wantOK {
					continue
				}
				last = want
				compared++
				names := l.Names()
				if len(names) != len(last) {
					t.Fatalf("step %d (%s): Lazy has %d files, a full build %d", step, what, len(names), len(last))
				}
				for _, name := range names {
					data, ok, err := l.File(name)
					if err != nil || !ok || !bytes.Equal(data, last[name]) {
						t.Fatalf("step %d (%s): %s differs from a full build (%v, %v)", step, what, name, ok, err)
					}
				}
			}
		})
	}
	t.Logf("%d rebuilds compared", compared)
	if compared < 80 {
		t.Errorf("only %d of 160 rebuilds had no errors to compare", compared)
	}
}

// editText changes fsys in place with one random edit of a case's body or of
// a text, date, tags or citations of its front matter, and says what it
// did.
func editText(rng *rand.Rand, fsys fstest.MapFS, step int) string {
	cases := filesUnder(fsys, "content/cases/")
	name := cases[rng.IntN(len(cases))]
	data := fsys[name].Data
	replace := func(old, new string) string {
		if !bytes.Contains(data, []byte(old)) {
			return "nothing (" + name + " has no " + strings.TrimSpace(old) + ")"
		}
		fsys[name] = &fstest.MapFile{Data: bytes.Replace(data, []byte(old), []byte(new), 1)}
		return fmt.Sprintf("%q in %s", strings.TrimSpace(old), name)
	}
	switch rng.IntN(8) {
	case 0:
		fsys[name] = &fstest.MapFile{Data: append(bytes.Clone(data), fmt.Sprintf("\nA sentence, %d, & more.\n", step)...)}
		return "body of " + name
	case 1:
		return replace("\nsummary: ", fmt.Sprintf("\nsummary: Edit %d <b>. ", step))
	case 2:
		return replace("\n    text: ", fmt.Sprintf("\n    text: Edit %d. ", step))
	case 3:
		return replace("\n    title: ", fmt.Sprintf("\n    title: Source %d, ", step))
	case 4:
		return replace("\n    publisher: ", fmt.Sprintf("\n    publisher: P%d ", step))
	case 5:
		return replace("\ndate: 20", "\ndate: 19")
	case 6:
		if !bytes.Contains(data, []byte("\ntags: [")) {
			return replace("\ndate: ", fmt.Sprintf("\ntags: [t%d]\ndate: ", step%3))
		}
		return replace("\ntags: [", fmt.Sprintf("\ntags: [t%d, ", step%3))
	default: // cite the first source again
		i := bytes.Index(data, []byte("\n  - id: "))
		if i < 0 {
			return "nothing (" + name + " has no source)"
		}
		id, _, _ := strings.Cut(string(data[i+len("\n  - id: "):]), "\n")
		fsys[name] = &fstest.MapFile{Data: fmt.Appendf(bytes.Clone(data), "\nAgain [@%s].\n", id)}
		return "cite " + id + " in " + name
	}
}
