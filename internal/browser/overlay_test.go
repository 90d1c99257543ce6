package browser

import (
	"context"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/server"
	"github.com/casebook/casebook/internal/sitetest"
	"github.com/chromedp/chromedp"
)

// TestOverlayTellsWhatIsUnderneath opens pages of the dev server (casebook
// serve) in the browser and reads the title of its error overlay, which
// must say what the page under it is: nothing, when no build has succeeded
// (a template broken from the start); the last good build, when the last
// build failed; a page that could not be rendered; or the current build,
// when the errors are another page's template error. A problem with a whole
// file is placed at the file alone.
func TestOverlayTellsWhatIsUnderneath(t *testing.T) {
	needBrowser(t)
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	src, err := fs.ReadFile(casebook.Theme(), "templates/case.html")
	if err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join(dir, "templates", "case.html")
	os.MkdirAll(filepath.Dir(tmpl), 0o755)
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(tmpl, strings.Replace(string(src), "<h1>{{$c.Title}}</h1>", "<h1>{{$c.Title}</h1>", 1))
	s := server.New(server.Options{SiteDir: dir, Addr: "127.0.0.1:1313"})
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close) // after the tab's own clean-up
	var tb *tab
	rebuild := func() {
		t.Helper()
		if tb != nil { // no open page reloads meanwhile
			tb.do("leave the page", chromedp.Navigate("about:blank"))
		}
		if err := s.Rebuild(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	rebuild()
	tb = newTabAt(t, srv.URL+"/")
	tb.expect("/favicon.ico", 404) // the test site has none (the server's error pages ask for none)
	title := func(path string, status int64) string {
		t.Helper()
		if status != 200 {
			tb.expect(path, status)
		}
		tb.open(path)
		tb.waitFor("the overlay", `document.querySelector("#casebook-overlay .cb-title") !== null`)
		return eval[string](tb, `document.querySelector("#casebook-overlay .cb-title").textContent`)
	}
	if got := title("/", 500); got != "1 error: no build has succeeded yet, so there is no page to show" {
		t.Errorf("no good build: overlay %q", got)
	}

	// A good build, then one that fails: its pages are the good build's.
	os.Remove(tmpl)
	rebuild()
	write(filepath.Join(dir, "content/cases/empty.md"), "")
	rebuild()
	if got := title("/about/", 200); got != "1 error: the last good build is shown underneath" {
		t.Errorf("the last build failed: overlay %q", got)
	}
	if got := eval[string](tb, `document.querySelector("#casebook-overlay .cb-pos").textContent`); got != "content/cases/empty.md" {
		t.Errorf("the place of a whole-file error: %q", got)
	}

	// A template that fails on one page: that page, then another.
	os.Remove(filepath.Join(dir, "content/cases/empty.md"))
	write(tmpl, strings.Replace(string(src), "<h1>{{$c.Title}}</h1>", "<h1>{{$c.Titel}}</h1>", 1))
	rebuild()
	if got := title("/cases/ds-2017/", 500); got != "1 error: this page could not be rendered" {
		t.Errorf("a page whose template fails: overlay %q", got)
	}
	if got := eval[string](tb, `document.querySelector("#casebook-overlay .cb-pos").textContent`); got != "templates/case.html:4:9" {
		t.Errorf("the place of the template error: %q", got)
	}
	if got := title("/about/", 200); got != "1 error on other pages: this page is from the current build" {
		t.Errorf("another page: overlay %q", got)
	}
}
