package render_test

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/render"
)

// themeWith returns the default theme with edits: in each file named, the
// first old string replaced by the new one.
func themeWith(t *testing.T, edits ...[3]string) fstest.MapFS {
	t.Helper()
	theme := fstest.MapFS{}
	err := fs.WalkDir(casebook.Theme(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(casebook.Theme(), p)
		theme[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		f := theme[e[0]]
		if f == nil || !strings.Contains(string(f.Data), e[1]) {
			t.Fatalf("%s has no %q", e[0], e[1])
		}
		theme[e[0]] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), e[1], e[2], 1))}
	}
	return theme
}

// templateDiags returns the diagnostics of err, a *render.TemplateError,
// formatted.
func templateDiags(t *testing.T, err error) string {
	t.Helper()
	var te *render.TemplateError
	if !errors.As(err, &te) {
		t.Fatalf("error %v (%T); want a *render.TemplateError", err, err)
	}
	var b strings.Builder
	te.Diags.Format(&b)
	return b.String()
}

// TestTemplateParseErrors: a template that does not parse is a diagnostic
// at its file and line, and the column of what the error names, with a
// hint; every template that does not parse is reported.
func TestTemplateParseErrors(t *testing.T) {
	theme := themeWith(t,
		[3]string{"templates/case.html", "<h1>{{$c.Title}}</h1>", "<h1>{{$c.Title}</h1>"},
		[3]string{"templates/entity.html", "{{define \"main\"}}", "{{define \"main\"}}{{titel .}}"},
		[3]string{"templates/page.html", "{{define \"main\"}}", "{{define \"main\"}}{{if .Title}}"})
	_, err := render.New(theme, markdown.New())
	want := `templates/case.html:4:15: error: template: bad character U+007D '}'
    hint: an action is written between {{ and }}: check the braces on this line
templates/entity.html:1:20: error: template: function "titel" not defined
    hint: the functions are the builtins and actionLabel, add, human, iso, join
`
	got := templateDiags(t, err)
	if !strings.HasPrefix(got, want) {
		t.Errorf("diagnostics:\n%s\nwant first:\n%s", got, want)
	}
	if !strings.Contains(got, "templates/page.html:") || !strings.Contains(got, "error: template: unexpected EOF\n    hint: each {{if}}, {{range}}, {{with}}, {{block}} and {{define}} closes with one {{end}}") {
		t.Errorf("diagnostics:\n%s\nwant page.html's unclosed {{if}}", got)
	}
}

// TestTemplateExecErrors: a template that fails on a page is a diagnostic
// at the file, line and column of the action that failed (in characters,
// from 1), naming the first page, by name, it failed on, with a hint from
// the view's own fields; a mistake in a fragment rendered once for many
// pages (the partial "entry") is placed in the fragment's template, not at
// the call that rendered it. The result is the same on every run,
// whatever order the pages were rendered in.
func TestTemplateExecErrors(t *testing.T) {
	s, _ := buildSite(t, "")
	tests := []struct {
		name string
		edit [3]string
		want string
	}{{
		name: "unknown field",
		edit: [3]string{"templates/case.html", "<h1>{{$c.Title}}</h1>", "<h1>{{$c.Titel}}</h1>"},
		want: `templates/case.html:4:9: error: template: can't evaluate field Titel in type *render.CaseView (at <$c.Titel>, rendering cases/ds-2017/index.html)
    hint: did you mean "Title"?
`,
	}, {
		name: "unknown field in a fragment",
		edit: [3]string{"templates/partials/entries.html", "entry-{{$e.Kind}}", "entry-{{$e.Knd}}"},
		want: `templates/partials/entries.html:8:62: error: template: can't evaluate field Knd in type *render.EntryView (at <$e.Knd>, rendering cases/ds-2017/index.html)
    hint: did you mean "Kind"?
`,
	}, {
		name: "index out of range",
		edit: [3]string{"templates/case.html", "<h1>{{$c.Title}}</h1>", "<h1>{{index $c.Targets 5}}</h1>"},
		want: `templates/case.html:4:7: error: template: error calling index: index out of range: 5 (at <index $c.Targets 5>, rendering cases/ds-2017/index.html)
    hint: the list is shorter on this page: check its length first, {{if gt (len .X) 3}}
`,
	}, {
		name: "no such template",
		edit: [3]string{"templates/case.html", "<h1>{{$c.Title}}</h1>", `<h1>{{template "titel" .}}</h1>`},
		want: `templates/case.html:4:16: error: template: no such template "titel" (rendering cases/ds-2017/index.html)
    hint: define it with {{define "titel"}}...{{end}} in templates/partials/titel.html
`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := render.New(themeWith(t, tt.edit), markdown.New())
			if err != nil {
				t.Fatal(err)
			}
			for range 3 { // the same whatever the order of rendering
				_, err := r.Render(context.Background(), s, &build.MemSink{})
				if got := templateDiags(t, err); got != tt.want {
					t.Fatalf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
				}
			}
			// Served one page at a time, the page asked for is named.
			_, _, err = r.Lazy(s).File("cases/other-2019/index.html")
			if got := templateDiags(t, err); got != strings.Replace(tt.want, "cases/ds-2017/", "cases/other-2019/", 1) {
				t.Errorf("Lazy.File: diagnostics:\n%s", got)
			}
		})
	}
}
