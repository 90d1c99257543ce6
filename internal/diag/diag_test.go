package diag

import (
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	cands := []string{"title", "summary", "date", "targets", "actions", "cloudflare", "cloudflare-blog"}
	tests := []struct{ word, want string }{
		{"titel", "title"},
		{"sumary", "summary"},
		{"cloudfare", "cloudflare"},
		{"target", "targets"},
		{"zzzzzz", ""},
		{"title", ""}, // an exact match needs no suggestion
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, cands); got != tt.want {
			t.Errorf("Suggest(%q) = %q; want %q", tt.word, got, tt.want)
		}
	}
}

func TestListFormatAndSummary(t *testing.T) {
	var l List
	l.Add(
		Warnf(Pos{File: "b.md", Line: 1, Col: 1}, "unused"),
		Errorf(Pos{File: "b.md", Line: 9, Col: 2}, "second").WithHint("fix it"),
		Errorf(Pos{File: "a.md", Line: 3, Col: 5}, "first"),
	)
	l.Sort()
	var b strings.Builder
	l.Format(&b)
	want := "a.md:3:5: error: first\nb.md:1:1: warning: unused\nb.md:9:2: error: second\n    hint: fix it\n"
	if b.String() != want {
		t.Errorf("Format = %q; want %q", b.String(), want)
	}
	if got := l.Summary(); got != "2 errors in 2 files, 1 warning" {
		t.Errorf("Summary = %q", got)
	}
	if got := (Pos{File: "x"}).String(); got != "x" {
		t.Errorf("Pos.String = %q; want x", got)
	}
}
