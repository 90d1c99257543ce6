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
		{"dat", "date"},
		{"summray", "summary"},     // a transposition is one edit
		{"clodfare", "cloudflare"}, // two edits in ten letters
		{"tilte", "title"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, cands); got != tt.want {
			t.Errorf("Suggest(%q) = %q; want %q", tt.word, got, tt.want)
		}
	}
}

// TestSuggestThreshold checks the words that must get no suggestion: those
// too far from every candidate (a quarter of the letters or more changed),
// and the opposites made by a negating prefix. The candidates are the action
// words, where a wrong suggestion says the opposite of what was meant.
func TestSuggestThreshold(t *testing.T) {
	actions := []string{"terminated", "suspended", "restored", "warned", "refused", "pressured"}
	tests := []struct{ word, want string }{
		{"banned", ""},      // two edits from "warned" in six letters: another word
		{"blocked", ""},     // far from all
		{"unsuspended", ""}, // "suspended" with "un": the opposite
		{"unrestored", ""},
		{"terminatd", "terminated"},
		{"suspened", "suspended"},
		{"refsued", "refused"},
		{"warn", "warned"}, // two edits, but in a word of six
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, actions); got != tt.want {
			t.Errorf("Suggest(%q, actions) = %q; want %q", tt.word, got, tt.want)
		}
	}
	// Short ids: one edit in three letters is another id, not a typo; a
	// missing dash is a typo.
	ids := []string{"sw1", "sw2", "x-1"}
	for word, want := range map[string]string{"sw8": "", "x1": "x-1", "x-2": ""} {
		if got := Suggest(word, ids); got != want {
			t.Errorf("Suggest(%q, %q) = %q; want %q", word, ids, got, want)
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
