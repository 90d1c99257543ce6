package render_test

import (
	"io/fs"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/render"
)

// TestVocabularyInOneTable checks that the stylesheet, the labels and the
// chart follow content.ActionTypes: each type has its badge colour and its
// chart fill in style.css, its label, and a pattern the chart template draws.
func TestVocabularyInOneTable(t *testing.T) {
	css, err := fs.ReadFile(casebook.Theme(), "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	chart, err := fs.ReadFile(casebook.Theme(), "templates/partials/chart.html")
	if err != nil {
		t.Fatal(err)
	}
	if len(content.ActionTypes) == 0 || len(content.Actions) != len(content.ActionTypes) {
		t.Fatalf("content.Actions = %v; want the slugs of content.ActionTypes", content.Actions)
	}
	for i, a := range content.ActionTypes {
		if content.Actions[i] != a.Slug {
			t.Errorf("content.Actions[%d] = %q; want %q", i, content.Actions[i], a.Slug)
		}
		for _, class := range []string{".badge-" + a.Slug + " ", ".tlc-fill-" + a.Slug + " "} {
			if !strings.Contains(string(css), class) {
				t.Errorf("style.css has no rule for %s", class)
			}
		}
		if got := render.ActionLabel(a.Slug); got != a.Label || got == "" {
			t.Errorf("ActionLabel(%q) = %q; want %q", a.Slug, got, a.Label)
		}
		if a.Pattern != "solid" && !strings.Contains(string(chart), `eq . "`+a.Pattern+`"`) {
			t.Errorf("the chart template draws no pattern %q (action %q)", a.Pattern, a.Slug)
		}
		if a.Verb == "" {
			t.Errorf("action %q has no verb", a.Slug)
		}
	}
}
