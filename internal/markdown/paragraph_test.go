package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const paragraphsIn = `First paragraph.

## P 2

Second, with a footnote[^n].

> Quoted paragraph.

- tight
- list

1. loose item

2. another

[^n]: The note.
`

// render renders src with res and returns the HTML.
func renderWith(t *testing.T, src string, res Resolver) (string, *Doc) {
	t.Helper()
	m := New()
	d := m.Parse("in.md", []byte(src), "en")
	var b bytes.Buffer
	if err := m.Render(&b, d, res); err != nil {
		t.Fatal(err)
	}
	checkHTML(t, b.String())
	return b.String(), d
}

// nbsp is the no-break space before a paragraph's self-link.
const nbsp = "\u00a0"

func TestParagraphAnchors(t *testing.T) {
	out, d := renderWith(t, paragraphsIn, WithParagraphAnchors(fakeSite{}))
	ids := regexp.MustCompile(`<p id="(p-\d+)">`).FindAllStringSubmatch(out, -1)
	var got []string
	for _, m := range ids {
		got = append(got, m[1])
	}
	// First, Second, Quoted, the two loose items, the footnote: not the tight list.
	want := []string{"p-1", "p-2", "p-3", "p-4", "p-5", "p-6"}
	if !slices.Equal(got, want) {
		t.Errorf("paragraph ids = %v; want %v\n%s", got, want, out)
	}
	for _, line := range []string{
		`<p id="p-1">First paragraph.` + nbsp + `<a class="para-anchor" href="#p-1" aria-label="Link to paragraph 1">¶</a></p>`,
		`<p id="p-3">Quoted paragraph.` + nbsp + `<a class="para-anchor" href="#p-3" aria-label="Link to paragraph 3">¶</a></p>`,
	} {
		if !strings.Contains(out, line) {
			t.Errorf("output lacks %s\n%s", line, out)
		}
	}
	if strings.Contains(out, "<li>tight") == false {
		t.Errorf("the tight list changed:\n%s", out)
	}
	// The footnote's paragraph comes last, after the body.
	if i, j := strings.Index(out, `id="p-5"`), strings.Index(out, `id="p-6"`); i < 0 || j < i || !strings.Contains(out[j:], "The note.") {
		t.Errorf("footnote paragraph is not p-6:\n%s", out)
	}
	// The heading that would take a paragraph's id is renamed.
	if len(d.Headings) != 1 || d.Headings[0].ID != "p-2-1" {
		t.Errorf("headings = %+v; want one with id p-2-1", d.Headings)
	}
	if strings.Count(out, `id="p-2"`) != 1 {
		t.Errorf("id p-2 is not unique:\n%s", out)
	}
}

// TestParagraphAnchorsOff: without WithParagraphAnchors, paragraphs are
// written as before.
func TestParagraphAnchorsOff(t *testing.T) {
	for _, res := range []Resolver{nil, fakeSite{}} {
		out, _ := renderWith(t, paragraphsIn, res)
		if strings.Contains(out, `<p id=`) || strings.Contains(out, "para-anchor") {
			t.Errorf("anchors without WithParagraphAnchors:\n%s", out)
		}
		if !strings.Contains(out, "<p>First paragraph.</p>\n") {
			t.Errorf("plain paragraph changed:\n%s", out)
		}
	}
}

// TestParagraphAnchorsResolve: the wrapper still resolves links and
// citations through the resolver it wraps.
func TestParagraphAnchorsResolve(t *testing.T) {
	out, _ := renderWith(t, "See [[cloudflare]] [@a].\n", WithParagraphAnchors(fakeSite{keys: []string{"a"}}))
	for _, want := range []string{`href="/entities/cloudflare/"`, `href="#source-1"`, `<p id="p-1">`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}
