package build_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestTemplateErrorsAreDiagnostics checks that a template that does not
// parse, or fails on a page, is a content error of the build, a
// diagnostic with its place and hint (not a failure of the tool): for
// Run, for WriteDir (which keeps the last output), and for Lazy (the dev
// server's), which finds the ones that parsing finds; and that a failure
// placed in a template of the default theme says so.
func TestTemplateErrorsAreDiagnostics(t *testing.T) {
	caseHTML := func(t *testing.T, old, new string) string {
		t.Helper()
		data, err := fs.ReadFile(casebook.Theme(), "templates/case.html")
		if err != nil {
			t.Fatal(err)
		}
		src := string(data)
		if !strings.Contains(src, old) {
			t.Fatalf("case.html has no %q", old)
		}
		return strings.Replace(src, old, new, 1)
	}
	tests := []struct {
		name, archive string
		lazy          bool // Lazy finds it too (parsing does)
		want          string
	}{{
		name:    "does not parse",
		archive: "-- templates/case.html --\n" + caseHTML(t, "<h1>{{$c.Title}}</h1>", "<h1>{{$c.Title}</h1>"),
		lazy:    true,
		want: `templates/case.html:4:15: error: template: bad character U+007D '}'
    hint: an action is written between {{ and }}: check the braces on this line
`,
	}, {
		name:    "fails on a page",
		archive: "-- templates/case.html --\n" + caseHTML(t, "<h1>{{$c.Title}}</h1>", "<h1>{{$c.Titel}}</h1>"),
		want: `templates/case.html:4:9: error: template: can't evaluate field Titel in type *render.CaseView (at <$c.Titel>, rendering cases/ds-2017/index.html)
    hint: did you mean "Title"?
`,
	}, {
		name:    "a default template fails for want of a site's partial",
		archive: "-- templates/partials/entitylinks.html --\n{{define \"entitylinks-old\"}}{{end}}\n",
		want: `templates/case.html:16:56: error: template: no such template "entitylinks" (rendering cases/ds-2017/index.html)
    hint: did you mean "entitylinks-old"? (templates/case.html is the default theme's: what made it fail may be a template of this site that it calls)
templates/cases.html:37:16: error: template: no such template "entitylinks" (rendering cases/index.html)
    hint: did you mean "entitylinks-old"? (templates/cases.html is the default theme's: what made it fail may be a template of this site that it calls)
`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), tt.archive)
			res, err := build.New(build.Options{Site: fsys}).Run(context.Background(), &build.MemSink{})
			if err != nil {
				t.Fatalf("Run: error %v; want a diagnostic", err)
			}
			var b strings.Builder
			res.Diags.Format(&b)
			if b.String() != tt.want || res.OK() {
				t.Errorf("Run: diagnostics:\n%s\nwant:\n%s", b.String(), tt.want)
			}
			if n := strings.Count(tt.want, ": error: "); res.Summary("built") != strings.Replace(fmt.Sprintf("%d errors in %d files", n, n), "1 errors in 1 files", "1 error in 1 file", 1) {
				t.Errorf("summary %q", res.Summary("built"))
			}
			res, out, err := build.New(build.Options{Site: fsys}).Lazy(context.Background())
			if err != nil {
				t.Fatalf("Lazy: error %v", err)
			}
			if tt.lazy != !res.OK() || tt.lazy && out != nil {
				t.Errorf("Lazy: OK = %v, diagnostics %v", res.OK(), res.Diags)
			}
		})
	}
	// WriteDir keeps the last output.
	dir := writeSite(t, "")
	outDir := filepath.Join(dir, "public")
	if res, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), outDir); err != nil || !res.OK() {
		t.Fatalf("first build: %v %v", err, res.Diags)
	}
	before := sitetest.ReadTree(t, outDir)
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "templates/case.html"), []byte(caseHTML(t, "<h1>{{$c.Title}}</h1>", "<h1>{{$c.Titel}}</h1>")), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), outDir)
	if err != nil || res.OK() {
		t.Fatalf("build with a broken template: error %v, diagnostics %v; want a diagnostic", err, res.Diags)
	}
	if after := sitetest.ReadTree(t, outDir); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Error("a build with a broken template changed the output")
	}
}
