package markdown

import (
	"strings"
	"testing"
)

func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "a b", " a", "a ", "  a  b  ", "a\tb", "a\nb\n", "a\u00a0b", "a\u2003 b",
		"déjà  vu", "\xffa \xfe", "a\x85b", "one two  three\r\nfour", "\u3000x\u3000",
	} {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzCollapseSpace(f *testing.F) {
	f.Add("  a \t b\n")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestRelease(t *testing.T) {
	m := New()
	d := m.Parse("content/cases/x.md", []byte("# Title\n\nSome *text* [[x]].\n"), "en")
	if d.Text() == "" {
		t.Fatal("no text to release")
	}
	d.ReleaseText()
	if d.Text() != "" {
		t.Errorf("Text after ReleaseText = %q", d.Text())
	}
	var b strings.Builder
	if err := m.Render(&b, d, nil); err != nil || !strings.Contains(b.String(), "<em>text</em>") {
		t.Fatalf("Render after ReleaseText = %q, %v", b.String(), err)
	}
	d.ReleaseHTML()
	b.Reset()
	if err := m.Render(&b, d, nil); err == nil || !strings.Contains(err.Error(), "content/cases/x.md") {
		t.Errorf("Render after ReleaseHTML: error %v, want one naming the file", err)
	}
}
