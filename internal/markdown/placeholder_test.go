package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestPlaceholders checks which angle-bracket texts of a body are
// placeholders, and where.
func TestPlaceholders(t *testing.T) {
	for _, tt := range []struct {
		body string
		want string // each placeholder as line:col text, joined by "; "
	}{
		{"## Background\n\n<Write the background: who the target is.>\n", "3:1 <Write the background: who the target is.>"},
		{"Text <Name the provider> and <More to come>.", "1:6 <Name the provider>; 1:30 <More to come>"},
		{"<A placeholder that\nwraps a line.>", "1:1 <A placeholder that\nwraps a line.>"},
		{"## <Title of the section>\n\nText.", "1:4 <Title of the section>"},
		{"- <An item to write>\n", "1:3 <An item to write>"},
		{"> <Quoted words to come>\n", "1:3 <Quoted words to come>"},
		{"<Write it, citing `[@source-id]`.>", "1:1 <Write it, citing `[@source-id]`.>"},
		{"Code `<Not a placeholder here>` is code.", ""},
		{"```\n<Not in a code block>\n```", ""},
		{"    <Not in indented code>", ""},
		{"An autolink <https://example.org/a b> or <mail@example.org>.", ""},
		{`Tags <br> and <a href="x"> and <Div class="x">.`, ""},
		{"<lowercase words are not one>", ""},
		{"<NoSpace>", ""},
		{"a < b and C > d", ""},
	} {
		d := New().Parse("f.md", []byte(tt.body), "en")
		var got []string
		for _, p := range d.Placeholders {
			got = append(got, fmt.Sprintf("%d:%d %s", p.Pos.Line, p.Pos.Col, p.Text))
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("Parse(%q).Placeholders = %q; want %q", tt.body, g, tt.want)
		}
	}
}

// TestEmptySections checks the warning about headings with nothing under
// them.
func TestEmptySections(t *testing.T) {
	for _, tt := range []struct {
		body string
		want string // each warning as line:col message, joined by "; "
	}{
		{"## A\n\nText.\n\n## B\n\nText.", ""},
		{"## A\n\n## B\n\nText.", `1:1 the section "A" is empty`},
		{"## A\n\nText.\n\n## B\n", `5:1 the section "B" is empty`},
		{"## A\n\n### A.1\n\nText.", ""},
		{"### A\n\n## B\n\nText.", `1:1 the section "A" is empty`},
		{"## A\n\n- an item\n\n## B\n\n> a quote", ""},
		{"# Title\n## Sub\n", `2:1 the section "Sub" is empty`}, // Title holds Sub
		{"Text.\n\n## Last", `3:1 the section "Last" is empty`},
	} {
		d := New().Parse("f.md", []byte(tt.body), "en")
		var got []string
		for _, dg := range d.Diags {
			if !strings.Contains(dg.Msg, "section") {
				continue
			}
			got = append(got, fmt.Sprintf("%d:%d %s", dg.Pos.Line, dg.Pos.Col, dg.Msg))
			if dg.Severity.String() != "warning" || !strings.Contains(dg.Hint, "remove the heading") {
				t.Errorf("%q: %s is not a warning with a hint", tt.body, dg)
			}
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("Parse(%q) empty sections = %q; want %q", tt.body, g, tt.want)
		}
	}
}
