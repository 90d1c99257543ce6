package markdown

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkDoc renders d, parsed from src, twice and checks the output and
// what Parse found.
func checkDoc(t *testing.T, m *Markdown, d *Doc, src []byte) string {
	t.Helper()
	if d.refused {
		if !d.Diags.HasErrors() || m.Render(io.Discard, d, nil) == nil {
			t.Fatal("a refused body has no error, or renders")
		}
		return ""
	}
	render := func() string {
		var b bytes.Buffer
		if err := m.Render(&b, d, fakeSite{d.Keys}); err != nil {
			t.Fatalf("Render: %v", err)
		}
		return b.String()
	}
	out := render()
	if again := render(); again != out {
		t.Fatalf("second render differs:\n%s\nfirst:\n%s", again, out)
	}
	checkHTML(t, out)
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatalf("<script in output:\n%s", out)
	}
	lines := bytes.Count(src, []byte("\n")) + 1
	occ := map[string]int{}
	for c := range d.Citations() {
		if c.Key == "" || scanKey(c.Key) != c.Key {
			t.Errorf("citation key %q is not a key", c.Key)
		}
		if c.Occ != occ[c.Key] {
			t.Errorf("citation %q occ = %d; want %d", c.Key, c.Occ, occ[c.Key])
		}
		occ[c.Key]++
		if c.Pos.Line < 1 || c.Pos.Line > lines || c.Pos.Col < 1 {
			t.Errorf("citation %q at %v: outside the source", c.Key, c.Pos)
		}
	}
	if len(occ) != len(d.Keys) {
		t.Errorf("Keys = %q; want the %d distinct keys cited", d.Keys, len(occ))
	}
	for l := range d.Links() {
		if !validSlug(l.Slug) && l.Kind == Wiki {
			t.Errorf("wiki link to invalid slug %q", l.Slug)
		}
		if l.Fragment != "" && HeadingID(l.Fragment) != l.Fragment {
			t.Errorf("link fragment %q is not normalised (%q)", l.Fragment, HeadingID(l.Fragment))
		}
	}
	ids := map[string]bool{}
	for _, h := range d.Headings {
		if ids[h.ID] || h.ID == "" || reservedID(h.ID) {
			t.Errorf("heading id %q: duplicate, empty or reserved", h.ID)
		}
		ids[h.ID] = true
	}
	for _, e := range d.Diags {
		if e.Pos.Line < 1 || e.Pos.Line > lines || e.Pos.Col < 1 {
			t.Errorf("diagnostic outside the source: %v", e)
		}
	}
	_ = d.Text()
	return out
}

var citationSeeds = []string{
	"@a", "@a, p. 3", "see @a, pp. 3-5; @b", "@", "@ alone", "foo@example.com", "@a](http://x", "@a]: http://x",
	"@a; @a; @a", "@x.y:z", "@a.", `@a\]`, "@a @b", "@a;", "see @", "@é", "[@a]", "@a\n@b", "@a, `b`", "^1",
	"@a, <script>alert(1)</script>", `@a, p. "3"`, "@a & @b", "@a;;@b", "\x00@a", "@a\r", "@" + strings.Repeat("a", 200),
}

// FuzzCitation checks citation groups in paragraphs, headings, tables,
// footnotes and links.
func FuzzCitation(f *testing.F) {
	for _, s := range citationSeeds {
		f.Add(s)
	}
	m := New()
	f.Fuzz(func(t *testing.T, s string) {
		body := "x [" + s + "] y\n\n# [" + s + "]\n\n| a |\n|---|\n| [" + s + "] |\n\nz[^1] [l [" + s + "]](https://x.org)\n\n[^1]: [" + s + "]\n"
		checkDoc(t, m, m.Parse("f.md", []byte(body), "en"), []byte(body))
	})
}

// FuzzWikiLink checks wiki links and relative links to content files.
func FuzzWikiLink(f *testing.F) {
	for _, s := range []string{
		"cloudflare", "cloudflare|CF", "kiwi#Décision finale", "kiwi#x|y", "", " ", "#x", "Bad Slug", "a|", "a#",
		`a\|b`, "a|b|c", "[x", "x]", "@a", "a\nb", "../entities/cloudflare.md", "nope#", "a#b#c", "-a", "a-",
		"kiwi|<script>alert(1)</script>", "kiwi|javascript:alert(1)", "\x00",
	} {
		f.Add(s)
	}
	m := New()
	f.Fuzz(func(t *testing.T, s string) {
		body := "x [[" + s + "]] y\n\n## [[" + s + "]]\n\n| [[" + s + "]] |\n|---|\n\n[l](" + s + ".md) [m](../cases/" + s + ") [[[" + s + "]]]\n"
		checkDoc(t, m, m.Parse("content/cases/f.md", []byte(body), "en"), []byte(body))
	})
}

// FuzzMarkdown checks whole documents, in English and French.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nText [@a] and [[cloudflare]].",
		"<script>alert(1)</script>",
		"<div>\n<script>x</script>\n</div>\n\n<!-- c -->",
		"[x](javascript:alert(1)) ![y](data:image/png;base64,x) [z](java&#x09;script:x) <javascript:x>",
		"[x](<java\tscript:alert(1)>) [y](&#106;avascript:alert(1)) [w](  JAVASCRIPT:x  )",
		"```go\nfunc f() {}\n```\n\n```nope\n<x>\n```",
		"| a | b |\n|:-|-:|\n| [@a] | [[kiwi\\|K]] |",
		"x[^1]\n\n[^1]: [@b] [[about]]",
		"## A\n## A\n## A-1\n## source-1\n## cite-1-a",
		"## Source\n## Source\n## source",
		"Term\n: Def [@c]\n\n- [ ] task [@a]\n- [x] ~~done~~",
		"[see [@a]](https://x.org) [in [[kiwi]] link](../cases/kiwi.md) [[[kiwi]]]",
		"\"quotes\" 'single' -- --- ... <<a>>",
		"Setext [@a]\n===\n\n> ## Quoted [[kiwi#Déc]]",
		"www.example.com https://x.org/a_(b) x@example.com",
		"[ref][r]\n\n[r]: ../entities/cloudflare.md",
		"![a [@a] [[kiwi]]](x.png)",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	m := New()
	f.Fuzz(func(t *testing.T, s string, french bool) {
		lang := "en"
		if french {
			lang = "fr"
		}
		d := m.Parse("f.md", []byte(s), lang)
		out := checkDoc(t, m, d, []byte(s))
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("valid UTF-8 input gave invalid UTF-8 output")
		}
	})
}
