package markdown

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/casebook/casebook/internal/diag"
)

func TestHeadingID(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Décision finale", "décision-finale"},
		{"décision-finale", "décision-finale"},
		{"  Leading and trailing  ", "leading-and-trailing"},
		{"Runs \t of\n white   space", "runs-of-white-space"},
		{"1. What happened?", "1-what-happened"},
		{"Who’s “right”", "whos-right"},
		{"snake_case and kebab-case", "snake_case-and-kebab-case"},
		{"A -- B", "a----b"},
		{"A – B", "a-b"}, // the dash is dropped, then the spaces join
		{"C++ & Go", "c-go"},
		{"Ελληνικά ΣΟΦΙΑ", "ελληνικά-σοφια"},
		{"日本語の見出し", "日本語の見出し"},
		{"e\u0301te\u0301", "e\u0301te\u0301"}, // combining marks kept
		{"100 % sure", "100-sure"},
		{"no\u00a0break", "no-break"},
		{"!!!", "section"},
		{"", "section"},
		{"{#custom}", "custom"},
		{"<b>tag</b>", "btagb"},
	} {
		if got := HeadingID(tc.in); got != tc.want {
			t.Errorf("HeadingID(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestOccLetters(t *testing.T) {
	for _, tc := range []struct {
		in   int
		want string
	}{{0, "a"}, {1, "b"}, {25, "z"}, {26, "aa"}, {27, "ab"}, {51, "az"}, {52, "ba"}, {701, "zz"}, {702, "aaa"}} {
		if got := occLetters(tc.in); got != tc.want {
			t.Errorf("occLetters(%d) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseCitations(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []CitationItem
		problem string
	}{
		{"@a", []CitationItem{{Key: "a"}}, ""},
		{"@cf-blog-2017, p. 3", []CitationItem{{Key: "cf-blog-2017", Locator: "p. 3"}}, ""},
		{"@a p. 3", []CitationItem{{Key: "a", Locator: "p. 3"}}, ""},
		{"see @a, pp. 3-5", []CitationItem{{Key: "a", Prefix: "see", Locator: "pp. 3-5"}}, ""},
		{" @a ; see  also @b,ch. 2 ", []CitationItem{{Key: "a"}, {Key: "b", Prefix: "see  also", Locator: "ch. 2"}}, ""},
		{"@a.b:c_d-1", []CitationItem{{Key: "a.b:c_d-1"}}, ""},
		{"@a., p. 2", nil, `unexpected "., p. 2" after key "a"`},
		{"@a:", nil, `unexpected ":" after key "a"`},
		{"@é-1", []CitationItem{{Key: "é-1"}}, ""},
		{"@1984", []CitationItem{{Key: "1984"}}, ""},
		{`@a, p. 3\; 4`, []CitationItem{{Key: "a", Locator: `p. 3\`}}, "missing @key"},
		{"@a, see \\*x\\*", []CitationItem{{Key: "a", Locator: "see *x*"}}, ""},
		{"", nil, "empty item"},
		{"@", nil, "empty citation key"},
		{"@ a", nil, "empty citation key"},
		{"@-a", nil, "empty citation key"},
		{"foo@example.com", nil, "missing @key"},
		{"text", nil, "missing @key"},
		{"@a @b", nil, "missing ';' between citations"},
		{"@a;", []CitationItem{{Key: "a"}}, "empty item"},
		{"@a; b", []CitationItem{{Key: "a"}}, "missing @key"},
	} {
		got, problem := parseCitations(tc.in)
		if problem != tc.problem || (problem == "" && !reflect.DeepEqual(got, tc.want)) {
			t.Errorf("parseCitations(%q) = %+v, %q; want %+v, %q", tc.in, got, problem, tc.want, tc.problem)
		}
	}
}

func TestClassifyURL(t *testing.T) {
	for _, tc := range []struct {
		in   string
		href string
		kind urlKind
	}{
		{"https://example.com/a b", "https://example.com/a%20b", urlExternal},
		{"HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM", urlExternal},
		{"//example.com", "//example.com", urlExternal},
		{`\\\\example.com`, "%5C%5Cexample.com", urlExternal}, // two escaped backslashes
		{`\\example.com`, "%5Cexample.com", urlRelative},      // one: a browser reads /example.com
		{"/\\example.com", "/%5Cexample.com", urlExternal},
		{"mailto:x@example.com", "mailto:x@example.com", urlMailto},
		{"../entities/x.md#Décision", "../entities/x.md#D%C3%A9cision", urlRelative},
		{"x.md", "x.md", urlRelative},
		{"", "", urlRelative},
		{"?q=1", "?q=1", urlRelative},
		{"a/b:c", "a/b:c", urlRelative},
		{"#top", "#top", urlFragment},
		{"javascript:alert(1)", "", urlBad},
		{"JavaScript:alert(1)", "", urlBad},
		{" javascript:alert(1)", "", urlBad},
		{"java\tscript:alert(1)", "", urlBad},
		{"java\x00script:alert(1)", "", urlBad},
		{"&#106;avascript:alert(1)", "", urlBad},
		{"&#x6a;avascript:alert(1)", "", urlBad},
		{"javascript&colon;alert(1)", "", urlBad},
		{"java&Tab;script:alert(1)", "", urlBad},
		{"vbscript:x", "", urlBad},
		{"data:text/html,x", "", urlBad},
		{"data:image/png;base64,x", "", urlBad},
		{"file:///etc/passwd", "", urlBad},
		{"ftp://example.com", "", urlBad},
		{"foo:bar", "", urlBad},
		{"\\0:x", "", urlBad},                // not a scheme: a relative path to a browser, dropped all the same
		{"jav%61script:x", "", urlBad},       // idem
		{"ht\ttp://example.com", "", urlBad}, // a browser would see http, we write ht%09tp: drop
	} {
		href, kind := classifyURL([]byte(tc.in))
		if kind != tc.kind || (kind != urlBad && href != tc.href) {
			t.Errorf("classifyURL(%q) = %q, %d; want %q, %d", tc.in, href, kind, tc.href, tc.kind)
		}
	}
}

// frontMatter stands for the front matter the content package blanks.
const frontMatter = "\n\n\n"

func TestParsePositions(t *testing.T) {
	body := frontMatter + "# Title [@a]\n" + // line 4
		"\n" +
		"Text [see @b, p. 1; @a] and [[cloudflare#Décision finale|CF]].\n" + // line 6
		"\tTab [@c]?\n" + // line 7: a tab is one byte
		"é [[kiwi]] [x](../entities/daily-stormer.md#A) [@a]\n" + // line 8: é is two bytes
		"\n" +
		"> ## Quoted [@b]\n" + // line 10
		"\n" +
		"- item\n" +
		"  - nested [@c] [[]]\n" + // line 13
		"\n" +
		"| h |\n|---|\n| [@a] [[about]] |\n" + // line 17
		"\n" +
		"Setext\n===\n" + // line 19
		"\nText.\n"
	d := New().Parse("content/cases/x.md", []byte(body), "en")
	pos := func(line, col int) diag.Pos { return diag.Pos{File: "content/cases/x.md", Line: line, Col: col} }

	wantHeadings := []Heading{
		{Level: 1, ID: "title", Text: "Title", Pos: pos(4, 1)},
		{Level: 2, ID: "quoted", Text: "Quoted", Pos: pos(10, 3)},
		{Level: 1, ID: "setext", Text: "Setext", Pos: pos(19, 1)},
	}
	if !reflect.DeepEqual(d.Headings, wantHeadings) {
		t.Errorf("Headings = %+v; want %+v", d.Headings, wantHeadings)
	}
	wantCitations := []Citation{
		{Key: "a", Occ: 0, Pos: pos(4, 9)},
		{Key: "b", Occ: 0, Pos: pos(6, 6)},
		{Key: "a", Occ: 1, Pos: pos(6, 6)},
		{Key: "c", Occ: 0, Pos: pos(7, 6)},
		{Key: "a", Occ: 2, Pos: pos(8, 49)},
		{Key: "b", Occ: 1, Pos: pos(10, 13)},
		{Key: "c", Occ: 1, Pos: pos(13, 12)},
		{Key: "a", Occ: 3, Pos: pos(17, 3)},
	}
	if got := slices.Collect(d.Citations()); !reflect.DeepEqual(got, wantCitations) {
		t.Errorf("Citations =\n%+v\nwant\n%+v", got, wantCitations)
	}
	if want := []string{"a", "b", "c"}; !reflect.DeepEqual(d.Keys, want) {
		t.Errorf("Keys = %q; want %q", d.Keys, want)
	}
	wantLinks := []Link{
		{Slug: "cloudflare", Fragment: "décision-finale", Kind: Wiki, Pos: pos(6, 29)},
		{Slug: "kiwi", Kind: Wiki, Pos: pos(8, 4)},
		{Slug: "daily-stormer", Fragment: "a", Kind: Relative, Pos: pos(8, 13)},
		{Slug: "about", Kind: Wiki, Pos: pos(17, 8)},
	}
	if got := slices.Collect(d.Links()); !reflect.DeepEqual(got, wantLinks) {
		t.Errorf("Links =\n%+v\nwant\n%+v", got, wantLinks)
	}
	if len(d.Diags) != 1 || d.Diags[0].Pos != pos(13, 17) || d.Diags[0].Severity != diag.Error {
		t.Errorf("Diags = %v; want one error at 13:17", d.Diags)
	}
}

func TestDiags(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string // "line:col: message"
	}{
		{"[@a] [@b, p. 3] [[x]] [see @c]", nil},
		{"foo@example.com [foo@bar.org] [see @ home] [@x](http://x.org) \\[@]", nil},
		{"`[@]` `[[]]`", nil},
		{"[@]\n\n[@ a]", []string{
			`1:1: malformed citation "[@]": empty citation key`,
			`3:1: malformed citation "[@ a]": empty citation key`,
		}},
		{"x [@a; @b @c]", []string{`1:3: malformed citation "[@a; @b @c]": missing ';' between citations`}},
		{"[[]] [[ | x ]]", []string{
			`1:1: malformed link "[[]]": empty link`,
			`1:6: malformed link "[[ | x ]]": missing slug`,
		}},
		{"[[Cloud Flare]]", []string{
			`1:1: malformed link "[[Cloud Flare]]": a slug is lowercase a-z, 0-9 and '-', not "Cloud Flare"`,
		}},
	} {
		d := New().Parse("f.md", []byte(tc.in), "en")
		var got []string
		for _, e := range d.Diags {
			got = append(got, fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q).Diags = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestWikiHint(t *testing.T) {
	d := New().Parse("f.md", []byte("[[Cloud Flare#Intro|x]]"), "en")
	if len(d.Diags) != 1 || d.Diags[0].Hint != `did you mean "[[cloud-flare]]"?` {
		t.Errorf("Diags = %v; want a hint for [[cloud-flare]]", d.Diags)
	}
}

func TestText(t *testing.T) {
	in := "# Title [@a]\n\nSome *emphasis*, [[cloudflare|CF]], [[kiwi]], a [link](https://x.org)\n" +
		"and <b>html</b> &amp; \\*escapes\\*.\n\n- one\n- two\n\n```go\nx := 1\n```\n\n<div>\nraw\n</div>\n"
	want := "Title\nSome emphasis, CF, kiwi, a link and html & *escapes*.\none\ntwo\nx := 1"
	if got := New().Parse("f.md", []byte(in), "en").Text(); got != want {
		t.Errorf("Text() = %q; want %q", got, want)
	}
}

func TestLanguages(t *testing.T) {
	m := New()
	for _, tc := range []struct{ lang, want string }{
		{"en", "<p>“x”</p>\n"},
		{"", "<p>“x”</p>\n"},
		{"de", "<p>“x”</p>\n"},
		{"fr", "<p>«\u00a0x\u00a0»</p>\n"},
		{"fr-CA", "<p>«\u00a0x\u00a0»</p>\n"},
		{"FR_be", "<p>«\u00a0x\u00a0»</p>\n"},
	} {
		var b bytes.Buffer
		if err := m.Render(&b, m.Parse("f.md", []byte(`"x"`), tc.lang), nil); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("lang %q: got %q; want %q", tc.lang, b.String(), tc.want)
		}
	}
}

func TestRenderNilResolver(t *testing.T) {
	m := New()
	d := m.Parse("f.md", []byte("[@a] [[x]] [y](y.md)"), "en")
	var b bytes.Buffer
	if err := m.Render(&b, d, nil); err != nil {
		t.Fatal(err)
	}
	want := `<p><sup class="cite">[<span class="cite-missing">?a</span>]</sup> <span class="link-missing">x</span> <span class="link-missing">y</span></p>` + "\n"
	if b.String() != want {
		t.Errorf("Render = %q; want %q", b.String(), want)
	}
}

// TestRenderConcurrent renders one document from many goroutines with
// different resolvers (run with -race): the AST must only be read.
func TestRenderConcurrent(t *testing.T) {
	m := New()
	in := "# H [@a]\n\n| a | b |\n|:-|-:|\n| [@b] | [[cloudflare]] |\n\n```go\nfunc f() {}\n```\n\nx[^1]\n\n[^1]: [@c]\n"
	d := m.Parse("f.md", []byte(in), "en")
	render := func(r Resolver) string {
		var b bytes.Buffer
		if err := m.Render(&b, d, r); err != nil {
			t.Error(err)
		}
		return b.String()
	}
	wantSite, wantNone := render(fakeSite{d.Keys}), render(nil)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			r, want := Resolver(fakeSite{d.Keys}), wantSite
			if i%2 == 1 {
				r, want = nil, wantNone
			}
			if got := render(r); got != want {
				t.Errorf("concurrent render %d differs:\n%s\nwant\n%s", i, got, want)
			}
		})
	}
	wg.Wait()
	if !strings.Contains(wantSite, `align="right"`) || strings.Contains(wantSite, "style=") {
		t.Errorf("table alignment: %s", wantSite)
	}
}

func TestCSS(t *testing.T) {
	css := CSS()
	if css != CSS() {
		t.Error("CSS() is not deterministic")
	}
	for _, want := range []string{".chroma {", ".chroma .k {", "@media (prefers-color-scheme: dark) {\n  .bg {", "\n  .chroma .k {"} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS() lacks %q:\n%s", want, css)
		}
	}
	if strings.Count(css, "{") != strings.Count(css, "}") {
		t.Errorf("CSS() has unbalanced braces:\n%s", css)
	}
}

func TestHighlightClasses(t *testing.T) {
	m := New()
	var b bytes.Buffer
	if err := m.Render(&b, m.Parse("f.md", []byte("```go\nfunc f() {}\n```\n"), "en"), nil); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	if !strings.HasPrefix(got, `<section class="code-wrap" tabindex="0" aria-label="Code 1">`+"\n"+`<pre class="chroma"><code class="language-go"><span class="kd">func</span>`) ||
		strings.Contains(got, "style=") {
		t.Errorf("highlighted code = %q", got)
	}
}

func TestHeadingIDsUnique(t *testing.T) {
	for _, tc := range []struct {
		headings []string
		want     []string
	}{
		{[]string{"A", "A", "A"}, []string{"a", "a-1", "a-2"}},
		{[]string{"A", "A", "A-1", "A"}, []string{"a", "a-1", "a-1-1", "a-2"}},
		{[]string{"A-1", "A", "A"}, []string{"a-1", "a", "a-2"}},
		{[]string{"Source 1", "Sources", "cite-2-b", "cite-2"}, []string{"source-1-1", "sources", "cite-2-b-1", "cite-2"}},
		{[]string{"!", "?", "Section"}, []string{"section", "section-1", "section-2"}},
		// A suffix never makes a reserved id (the fuzzer found "source-1").
		{[]string{"Source", "Source", "Source 1", "Source"}, []string{"source", "source-1-1", "source-1-2", "source-2-1"}},
	} {
		var in strings.Builder
		for _, h := range tc.headings {
			in.WriteString("## " + h + "\n")
		}
		var got []string
		for _, h := range New().Parse("f.md", []byte(in.String()), "en").Headings {
			got = append(got, h.ID)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ids of %q = %q; want %q", tc.headings, got, tc.want)
		}
	}
	// Many equal headings take linear time (this once took 30 s).
	d := New().Parse("f.md", []byte(strings.Repeat("# a\n", 20000)), "en")
	if last := d.Headings[len(d.Headings)-1].ID; last != "a-19999" {
		t.Errorf("last id = %q; want a-19999", last)
	}
}

func TestReservedIDs(t *testing.T) {
	m := New(WithReservedIDs("sources", "related", "related-1"))
	d := m.Parse("x.md", []byte("## Sources\n\n## Related\n\n## Background\n\n## Sources\n"), "en")
	var got []string
	for _, h := range d.Headings {
		got = append(got, h.ID)
	}
	if want := "sources-1 related-2 background sources-2"; strings.Join(got, " ") != want {
		t.Errorf("heading ids = %q; want %q", strings.Join(got, " "), want)
	}
}
