package archetype

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
)

var day = time.Date(2026, 11, 30, 15, 4, 5, 0, time.UTC)

// TestBuiltIn checks that each built-in archetype makes a draft that reads
// without an error, whose every required value is a placeholder reported
// as a warning, with no date of today in it.
func TestBuiltIn(t *testing.T) {
	for _, k := range []content.Kind{content.KindCase, content.KindEntity, content.KindPage} {
		text, diags := Make(fstest.MapFS{}, k, "new-one", day)
		if len(diags) != 0 {
			t.Fatalf("%s: Make = %v; want no problem", k, diags)
		}
		if strings.Contains(string(text), "2026-11-30") || strings.Contains(string(text), "{{") {
			t.Errorf("%s: the built-in archetype writes today's date or a variable:\n%s", k, text)
		}
		f, found, err := content.Decode(content.Dir(k)+"/new-one.md", text)
		if err != nil || f == nil || !f.Draft() {
			t.Fatalf("%s: Decode = %v, %v; want a draft", k, f, err)
		}
		want := map[content.Kind][]string{
			content.KindCase: {"title", "summary", "date", "targets item", "provider", "services item", "action", "date",
				"sources item", "id", "title", "publisher"},
			content.KindEntity: {"name", "kind"},
			content.KindPage:   {"title"},
		}[k]
		var got []string
		for _, d := range found {
			if d.Severity != diag.Warning || !strings.Contains(d.Msg, "still holds the placeholder") || d.Hint == "" {
				t.Errorf("%s: %s; want only placeholder warnings with a hint", k, d)
				continue
			}
			got = append(got, strings.SplitN(d.Msg, " still", 2)[0])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: placeholders in %q; want %q", k, got, want)
		}
	}
}

// TestBuiltInCaseLists checks that the comments of the built-in archetypes
// list every action type and entity kind.
func TestBuiltInLists(t *testing.T) {
	caseText, _ := Make(fstest.MapFS{}, content.KindCase, "x", day)
	if want := strings.Join(content.Actions, " | "); !strings.Contains(string(caseText), want) {
		t.Errorf("archetypes/case.md does not list the actions as %q", want)
	}
	entityText, _ := Make(fstest.MapFS{}, content.KindEntity, "x", day)
	if want := strings.Join(content.EntityKinds, " | "); !strings.Contains(string(entityText), want) {
		t.Errorf("archetypes/entity.md does not list the kinds as %q", want)
	}
}

// TestSiteArchetype checks that a site's archetype replaces the built-in
// one, with its variables filled in.
func TestSiteArchetype(t *testing.T) {
	site := fstest.MapFS{"archetypes/entity.md": {Data: []byte(
		"---\r\ndraft: true\r\nname: <Name>\r\nkind: company\r\nsummary: A {{kind}} added on {{ today }} as {{  slug }}.\r\n---\r\n")}}
	text, diags := Make(site, content.KindEntity, "acme", day)
	if len(diags) != 0 {
		t.Fatalf("Make = %v; want no problem", diags)
	}
	want := "---\ndraft: true\nname: <Name>\nkind: company\nsummary: A entity added on 2026-11-30 as acme.\n---\n"
	if string(text) != want {
		t.Errorf("Make = %q; want %q", text, want)
	}
	// The built-in archetypes of the other kinds stay.
	if text, diags := Make(site, content.KindPage, "p", day); len(diags) != 0 || !strings.Contains(string(text), "title: <Title>") {
		t.Errorf("Make(page) = %q, %v; want the built-in page archetype", text, diags)
	}
}

// TestSiteArchetypeErrors checks that the mistakes of a site's archetype
// are errors at their file:line:col in it, with a hint, and that nothing is
// made.
func TestSiteArchetypeErrors(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      string // the diagnostics, one a line, without hints
		hint      string // a regexp the first hint matches
	}{
		{"unknown variable", "---\ndraft: true\nname: {{ nmae }}\nkind: company\n---\n",
			`archetypes/entity.md:3:7: error: unknown variable "nmae"`, `did you mean "name"\?|the variables are \{\{ slug \}\}, \{\{ kind \}\}, \{\{ today \}\}`},
		{"a Go template's", "---\ndraft: true\nname: {{ .Slug }}\nkind: company\n---\n",
			`archetypes/entity.md:3:7: error: unknown variable ".Slug"`, `^did you mean "slug"\? \(the variables are`},
		{"not closed", "---\ndraft: true\nname: x {{ slug\nkind: company\n---\n",
			`archetypes/entity.md:3:9: error: {{ is not closed on its line`, `write a variable as \{\{ slug \}\}`},
		{"not a draft", "---\nname: <Name>\nkind: company\n---\n",
			"archetypes/entity.md:1:1: error: the entity it makes is not a draft\narchetypes/entity.md:2:7: error: name still holds the placeholder \"<Name>\"", `add draft: true`},
		{"draft: false", "---\ndraft: false\nname: N\nkind: company\n---\n",
			`archetypes/entity.md:1:1: error: the entity it makes is not a draft`, `add draft: true`},
		{"a field it makes wrong, after a variable", "---\ndraft: true\nname: N\nkind: company\naliases: [{{ slug }}, {{ kind }}, Bad\tAlias]\nwebsite: ftp://{{slug}}\n---\n",
			"archetypes/entity.md:6:10: error: website \"ftp://a-very-long-slug\" is not an http or https URL", `https://`},
		{"an unknown field", "---\ndraft: true\ntitel: {{ slug }}\nname: N\nkind: company\n---\n",
			`archetypes/entity.md:3:1: error: unknown field "titel"`, `name`},
		{"no front matter", "name: N\n",
			`archetypes/entity.md:1:1: error: missing front matter`, `---`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := fstest.MapFS{"archetypes/entity.md": {Data: []byte(tt.src)}}
			text, diags := Make(site, content.KindEntity, "a-very-long-slug", day)
			if text != nil {
				t.Errorf("Make made %q; want nothing", text)
			}
			var got []string
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Msg))
			}
			if g := strings.Join(got, "\n"); g != tt.want {
				t.Errorf("Make =\n%s\nwant\n%s", g, tt.want)
			}
			if len(diags) > 0 && !regexp.MustCompile(tt.hint).MatchString(diags[0].Hint) {
				t.Errorf("hint %q; want a match for %q", diags[0].Hint, tt.hint)
			}
		})
	}
}

// TestColumnAfterVariables checks the column of a mistake after variables
// on its line: in the archetype, not in the text made.
func TestColumnAfterVariables(t *testing.T) {
	src := "---\ndraft: true\nname: N\nkind: company\naliases: [{{ slug }}, {{kind}}, 7]\nwikidata: {{ slug }}\n---\n"
	_, diags := Make(fstest.MapFS{"archetypes/entity.md": {Data: []byte(src)}}, content.KindEntity, "x", day)
	var got []string
	for _, d := range diags {
		got = append(got, d.Pos.String())
	}
	// wikidata: {{ slug }} gives "x", wrong at its own column, which is
	// the {{'s.
	if want := []string{"archetypes/entity.md:6:11"}; !slices.Equal(got, want) {
		t.Errorf("positions %q; want %q (%v)", got, want, diags)
	}
	m := lineMap{1: {{out: 10, outEnd: 11, in: 10, inEnd: 20}, {out: 13, outEnd: 19, in: 22, inEnd: 30}}}
	for _, tt := range [][2]int{{1, 1}, {10, 10}, {11, 11}, {12, 21}, {14, 23}, {15, 23}, {20, 31}, {0, 0}} {
		if got := m.col(1, tt[0]); got != tt[1] {
			t.Errorf("col(1, %d) = %d; want %d", tt[0], got, tt[1])
		}
	}
}

// TestArchetypeNotAFile checks that a site's archetype that is a link is
// refused, as the theme's files are.
func TestArchetypeNotAFile(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "archetypes"), 0o755)
	os.WriteFile(filepath.Join(dir, "elsewhere.md"), []byte("---\ndraft: true\ntitle: T\n---\n"), 0o644)
	if err := os.Symlink(filepath.Join(dir, "elsewhere.md"), filepath.Join(dir, "archetypes", "page.md")); err != nil {
		t.Fatal(err)
	}
	text, diags := Make(os.DirFS(dir), content.KindPage, "x", day)
	if text != nil || len(diags) != 1 || diags[0].Pos.File != "archetypes/page.md" || !strings.Contains(diags[0].Msg, "symbolic link") {
		t.Errorf("Make through a link = %q, %v; want an error at archetypes/page.md", text, diags)
	}
}
