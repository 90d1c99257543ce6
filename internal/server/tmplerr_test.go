package server

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
)

// errorsJSON returns the reports of errors.json.
func errorsJSON(t *testing.T, url string) []report {
	t.Helper()
	var reports []report
	_, _, body := get(t, url+"/_casebook/errors.json")
	if err := json.Unmarshal([]byte(body), &reports); err != nil {
		t.Fatalf("errors.json = %s: %v", body, err)
	}
	return reports
}

// TestTemplateErrorsInOverlay checks that the errors of the theme's
// templates reach the browser: a template that does not parse, from the
// first build (there is no page to show: the server's page says so, which
// the overlay reads), and a template that fails on the page asked for (the
// page says it could not be rendered, the error joins errors.json, marked
// as found rendering, and is printed once), with the template's lines.
func TestTemplateErrorsInOverlay(t *testing.T) {
	s, ts, dir := newTestServer(t)
	ctx := context.Background()
	src, err := fs.ReadFile(casebook.Theme(), "templates/case.html")
	if err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join(dir, "templates", "case.html")
	os.MkdirAll(filepath.Dir(tmpl), 0o755)
	write := func(old, new string) {
		t.Helper()
		if err := os.WriteFile(tmpl, []byte(strings.Replace(string(src), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var log strings.Builder
	s.opt.Log = &log

	// Broken from the first build: a fresh server.
	write("<h1>{{$c.Title}}</h1>", "<h1>{{$c.Title}</h1>")
	fresh := New(Options{SiteDir: dir, Addr: "127.0.0.1:1313"})
	if err := fresh.Rebuild(ctx); err != nil {
		t.Fatalf("Rebuild: %v; want the template error as a diagnostic", err)
	}
	srv := httptest.NewServer(fresh.Handler())
	defer srv.Close()
	ts2 := srv.URL
	code, _, body := get(t, ts2+"/")
	if code != 500 || !strings.Contains(body, `<meta name="casebook-page" content="no-build">`) || !strings.Contains(body, liveTag) {
		t.Errorf("with no good build: %d %s; want 500, the overlay and no-build", code, body)
	}
	reports := errorsJSON(t, ts2)
	if len(reports) != 1 || reports[0].File != "templates/case.html" || reports[0].Line != 4 || reports[0].Col != 15 ||
		!strings.Contains(reports[0].Message, "bad character") || reports[0].Hint == "" || reports[0].Rendering ||
		len(reports[0].Context) != 5 || reports[0].Context[2].N != 4 || reports[0].Context[2].Text != "<h1>{{$c.Title}</h1>" {
		t.Errorf("errors.json = %+v; want the parse error with its lines", reports)
	}

	// Fails on a page: the build is good, the page is not.
	write("<h1>{{$c.Title}}</h1>", "<h1>{{$c.Titel}}</h1>")
	if err := s.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if r := errorsJSON(t, ts.URL); len(r) != 0 {
		t.Fatalf("errors.json before the page is asked for = %+v", r)
	}
	for range 2 {
		code, _, body = get(t, ts.URL+"/cases/ds-2017/")
		if code != 500 || !strings.Contains(body, `<meta name="casebook-page" content="page-failed">`) || !strings.Contains(body, liveTag) {
			t.Errorf("a page whose template fails: %d %s", code, body)
		}
	}
	if code, _, _ := get(t, ts.URL+"/cases/other-2019/"); code != 500 { // the same mistake, reported once
		t.Errorf("another case page: %d", code)
	}
	if code, _, _ := get(t, ts.URL+"/about/"); code != 200 {
		t.Errorf("another page: %d", code)
	}
	reports = errorsJSON(t, ts.URL)
	if len(reports) != 1 || reports[0].File != "templates/case.html" || reports[0].Line != 4 || reports[0].Col != 9 ||
		!reports[0].Rendering || reports[0].Hint != `did you mean "Title"?` {
		t.Errorf("errors.json = %+v; want the execution error, found rendering", reports)
	}
	if n := strings.Count(log.String(), "templates/case.html:4:9: error: template: can't evaluate field Titel"); n != 1 {
		t.Errorf("the error is printed %d times; want once:\n%s", n, log.String())
	}

	// Fixed: nothing left.
	os.Remove(tmpl)
	if err := s.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := get(t, ts.URL+"/cases/ds-2017/"); code != 200 {
		t.Errorf("after the fix: %d", code)
	}
	if r := errorsJSON(t, ts.URL); len(r) != 0 {
		t.Errorf("errors.json after the fix = %+v", r)
	}
}

// TestWholeFileErrorHasNoLine: a problem with a whole file has no line and
// no column in errors.json (not 0), as in check -format json.
func TestWholeFileErrorHasNoLine(t *testing.T) {
	s, ts, dir := newTestServer(t)
	os.WriteFile(filepath.Join(dir, "content/cases/empty.md"), nil, 0o644)
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, _, body := get(t, ts.URL+"/_casebook/errors.json")
	if !strings.Contains(body, `"file":"content/cases/empty.md","severity":"error","message":"file is empty"`) {
		t.Errorf("errors.json = %s", body)
	}
}
