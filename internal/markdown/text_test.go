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
