package markdown

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestPartsFollowTheResolver renders one parsed document for two sites: what
// depends on the site (the parts) follows each Render call's Resolver, and
// the rest is the same.
func TestPartsFollowTheResolver(t *testing.T) {
	m := New()
	d := m.Parse("content/cases/x.md", []byte("# About [[kiwi]]\n\nSee [[kiwi]], [[kiwi|K]] and [x [[nope]]](https://x.org) [@a; see @b, p. 3].\n\n![alt [[kiwi]]](https://img.example/x.png)\n"), "en")
	render := func(r Resolver) string {
		var b strings.Builder
		if err := m.Render(&b, d, r); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	known := render(WithParagraphAnchors(fakeSite{[]string{"b", "a"}}))
	unknown := render(nil)
	for _, want := range []string{
		`aria-label="Link to this section: About Kiwi Farms &amp; the &lt;DDoS&gt; host"`,
		`<p id="p-1">See <a href="/cases/kiwi/">Kiwi Farms &amp; the &lt;DDoS&gt; host</a>, <a href="/cases/kiwi/">K</a>`,
		`<a href="https://x.org" rel="nofollow noreferrer">x nope</a>`,
		`<sup class="cite">[<a href="#source-2" id="cite-2-a" role="doc-noteref" aria-label="Source 2">2</a>; see <a href="#source-1" id="cite-1-a" role="doc-noteref" aria-label="Source 1">1</a>, p. 3]</sup>`,
		`<a class="para-anchor" href="#p-1" aria-label="Link to paragraph 1">¶</a></p>`,
		`rel="nofollow noreferrer">alt Kiwi Farms &amp; the &lt;DDoS&gt; host</a>`,
	} {
		if !strings.Contains(known, want) {
			t.Errorf("rendered for a site that knows the page and sources, no\n%s\nin\n%s", want, known)
		}
	}
	for _, want := range []string{
		`aria-label="Link to this section: About kiwi"`,
		`<p>See <span class="link-missing">kiwi</span>, <span class="link-missing">K</span>`,
		`<span class="cite-missing">?a</span>; see <span class="cite-missing">?b</span>, p. 3]</sup>.</p>`,
		`rel="nofollow noreferrer">alt kiwi</a>`,
	} {
		if !strings.Contains(unknown, want) {
			t.Errorf("rendered for no site, no\n%s\nin\n%s", want, unknown)
		}
	}
	if again := render(nil); again != unknown {
		t.Errorf("a second Render differs:\n%s\nfirst:\n%s", again, unknown)
	}
}

// TestLongBodyRenders renders a body whose HTML runs for megabytes between
// two parts.
func TestLongBodyRenders(t *testing.T) {
	m := New()
	body := "```\n" + strings.Repeat("x", 3<<20) + "\n```\n\nSee [[kiwi]].\n"
	d := m.Parse("content/cases/x.md", []byte(body), "en")
	var b strings.Builder
	if err := m.Render(&b, d, fakeSite{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), `<p>See <a href="/cases/kiwi/">Kiwi Farms &amp; the &lt;DDoS&gt; host</a>.</p>`+"\n") {
		t.Errorf("the end of a long body is %q", b.String()[max(0, b.Len()-200):])
	}
}

// TestHugeBodyRefused parses a body that would render to more than the
// most HTML a body may have (maxBodyHTML, 1 MiB here): a link definition
// used many times. Parse refuses it with an error at the body's first line,
// and Render fails.
func TestHugeBodyRefused(t *testing.T) {
	m := New()
	m.maxHTML = 1 << 20
	body := "\n\n[r]: https://x.org/" + strings.Repeat("a", 4<<10) + "\n\n" + strings.Repeat("[a][r]\n\n", 300)
	d := m.Parse("content/cases/x.md", []byte(body), "en")
	if len(d.Diags) != 1 || !d.Diags.HasErrors() || d.Diags[0].Pos.Line != 3 || !strings.Contains(d.Diags[0].Msg, "more than 1 MB") {
		t.Fatalf("Diags = %v, want one error at line 3", d.Diags)
	}
	if err := m.Render(io.Discard, d, nil); err == nil {
		t.Error("Render of a refused body: no error")
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestRenderReportsWriteErrors renders to a writer that fails.
func TestRenderReportsWriteErrors(t *testing.T) {
	m := New()
	d := m.Parse("content/cases/x.md", []byte("Some text [[kiwi]].\n"), "en")
	if err := m.Render(failingWriter{}, d, fakeSite{}); err == nil || err.Error() != "disk full" {
		t.Errorf("Render to a failing writer: %v, want disk full", err)
	}
}
