package browser

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/corpus"
)

// TestPaginatedPages builds a generated casebook of 600 cases, whose long
// lists are cut and paginated, and checks those pages in Chromium: axe-core
// finds no serious violation, nothing scrolls sideways on a phone, and the
// "Next page" link leads to the next page.
func TestPaginatedPages(t *testing.T) {
	needModules(t)
	out := filepath.Join(t.TempDir(), "out")
	res, err := build.New(build.Options{Site: corpus.MapFS(corpus.Options{Cases: 600, Seed: corpus.DefaultSeed}), Once: true}).
		WriteDir(context.Background(), out)
	if err != nil || !res.OK() {
		t.Fatalf("build: %v %v", err, res.Diags)
	}
	var provider string
	for _, e := range res.Site.Entities {
		if len(e.AsProvider) > 150 {
			provider = e.Slug
			break
		}
	}
	if provider == "" {
		t.Fatal("no provider with over 150 actions in the generated casebook")
	}
	paths := []string{"entities/" + provider + "/", "entities/" + provider + "/cases/", "entities/" + provider + "/cases/page/2/", "sources/page/2/"}
	for _, p := range paths {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p), "index.html")); err != nil {
			t.Fatalf("the build has no %s", p)
		}
	}
	srv := httptest.NewServer(Handler(out))
	defer srv.Close()
	tb := newTabAt(t, srv.URL+"/")
	src, err := os.ReadFile(filepath.Join(the.modules, "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	inject := string(src) + "\n;0"
	tb.viewport(375, 800)
	for _, p := range paths {
		tb.open(p)
		eval[int](tb, inject)
		for _, v := range eval[[]axeViolation](tb, axeRunJS) {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("/%s: %s [%s] %s\n%s", p, v.Impact, v.ID, v.Help, axeNodes(v.Nodes))
			}
		}
		if m := eval[layout](tb, layoutJS); m.ScrollWidth > m.InnerWidth || len(m.Wide) > 0 {
			t.Errorf("/%s at 375px scrolls sideways (%d > %d): %s", p, m.ScrollWidth, m.InnerWidth, strings.Join(m.Wide, "; "))
		}
	}
	tb.open("entities/" + provider + "/cases/")
	tb.follow(`nav.pager a[rel="next"]`)
	want := "/entities/" + provider + "/cases/page/2/"
	tb.waitFor("the second page", fmt.Sprintf(`location.pathname === %s && document.querySelector("nav.pager p").textContent.startsWith("Page 2 of")`, jsString(want)))
}
