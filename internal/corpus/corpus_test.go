package corpus_test

import (
	"bytes"
	"context"
	"maps"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/corpus"
)

// TestBuildsClean builds a generated tree and wants no diagnostic at all,
// not even a warning, and every case page written.
func TestBuildsClean(t *testing.T) {
	for _, n := range []int{1, 7, 200} {
		fsys := corpus.MapFS(corpus.Options{Cases: n, Seed: corpus.DefaultSeed})
		sink := &build.MemSink{}
		res, err := build.New(build.Options{Site: fsys}).Run(context.Background(), sink)
		if err != nil {
			t.Fatalf("%d cases: %v", n, err)
		}
		if len(res.Diags) > 0 {
			var b strings.Builder
			res.Diags.Format(&b)
			t.Fatalf("%d cases: diagnostics:\n%s", n, b.String())
		}
		if got := len(res.Site.Cases); got != n {
			t.Errorf("%d cases: built %d cases", n, got)
		}
		if want := max(3, n/5); len(res.Site.Entities) != want {
			t.Errorf("%d cases: %d entities; want %d", n, len(res.Site.Entities), want)
		}
		for _, c := range res.Site.Cases {
			if _, ok := sink.Files["cases/"+c.Slug+"/index.html"]; !ok {
				t.Errorf("%d cases: no page for case %q", n, c.Slug)
			}
		}
	}
}

// TestDeterministic generates the same tree twice.
func TestDeterministic(t *testing.T) {
	a := corpus.MapFS(corpus.Options{Cases: 50, Seed: 3})
	b := corpus.MapFS(corpus.Options{Cases: 50, Seed: 3})
	if !maps.EqualFunc(a, b, func(x, y *fstest.MapFile) bool { return bytes.Equal(x.Data, y.Data) }) {
		t.Fatal("two trees from the same options differ")
	}
	c := corpus.MapFS(corpus.Options{Cases: 50, Seed: 4})
	if maps.EqualFunc(a, c, func(x, y *fstest.MapFile) bool { return bytes.Equal(x.Data, y.Data) }) {
		t.Fatal("trees from different seeds are equal")
	}
}

var wordRE = regexp.MustCompile(`[^\s]+`)

// TestShape checks the sizes the package promises: 400-900-word bodies,
// 3-8 events, 2-6 sources, and the rarer block types in some cases.
func TestShape(t *testing.T) {
	fsys := corpus.MapFS(corpus.Options{Cases: 300, Seed: corpus.DefaultSeed})
	features := map[string]int{}
	for name, f := range fsys {
		if !strings.HasPrefix(name, "content/cases/") {
			continue
		}
		_, fm, body := cut(t, name, string(f.Data))
		if n := len(wordRE.FindAllString(body, -1)); n < 380 || n > 1200 {
			t.Errorf("%s: body of %d words", name, n)
		}
		events := strings.Count(fm, "\n    text: ")
		sources := strings.Count(fm, "\n  - id: ")
		if events < 3 || events > 8 || sources < 2 || sources > 6 {
			t.Errorf("%s: %d events, %d sources", name, events, sources)
		}
		for feature, mark := range map[string]string{"code": "\n```", "table": "\n|---", "quote": "\n> ", "footnote": "\n[^1]: ", "case link": "#what-happened]]"} {
			if strings.Contains(body, mark) {
				features[feature]++
			}
		}
	}
	for _, f := range []string{"code", "table", "quote", "footnote"} {
		if n := features[f]; n < 10 || n > 60 {
			t.Errorf("%d of 300 cases have a %s; want about 30", n, f)
		}
	}
	if features["case link"] == 0 {
		t.Error("no case links to a heading of another case")
	}
}

func cut(t *testing.T, name, s string) (string, string, string) {
	t.Helper()
	parts := strings.SplitN(s, "---\n", 3)
	if len(parts) != 3 || parts[0] != "" {
		t.Fatalf("%s: no front matter", name)
	}
	return parts[0], parts[1], parts[2]
}
