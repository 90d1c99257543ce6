package content

import (
	"fmt"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/diag"
)

// TestPlaceholders checks that a placeholder left in front matter is a
// warning in a draft, wherever draft: true is written, and an error in a
// file to publish; that the file counts them; and that a draft's
// placeholders leave it otherwise valid.
func TestPlaceholders(t *testing.T) {
	entity := func(lines ...string) string { return "---\n" + strings.Join(lines, "\n") + "\n---\n" }
	for _, tt := range []struct {
		name, src string
		want      string // the diagnostics as line:col severity: message, joined by "; "
		n         int    // File.Placeholders
		draft     bool
	}{
		{"draft", entity("draft: true", "name: <Name>", "kind: <kind>", "aliases: [<Other name>, Real]"),
			`3:7 warning: name still holds the placeholder "<Name>"; 4:7 warning: kind still holds the placeholder "<kind>"; ` +
				`5:11 warning: aliases item still holds the placeholder "<Other name>"`, 3, true},
		{"draft: true after the placeholders", entity("name: <Name>", "kind: company", "draft: true"),
			`2:7 warning: name still holds the placeholder "<Name>"`, 1, true},
		{"not a draft", entity("name: <Name>", "kind: company"),
			`2:7 error: name still holds the placeholder "<Name>"`, 1, false},
		{"draft: false", entity("draft: false", "name: <Name>", "kind: company"),
			`3:7 error: name still holds the placeholder "<Name>"`, 1, false},
		{"no placeholder", entity("draft: true", "name: A <b> c", "kind: company", "summary: '<a href=x>'"), ``, 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, diags, err := Decode("content/entities/x.md", []byte(tt.src))
			if err != nil || f == nil {
				t.Fatalf("Decode = %v, %v", f, err)
			}
			var got []string
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%d:%d %s: %s", d.Pos.Line, d.Pos.Col, d.Severity, d.Msg))
				if d.Hint == "" {
					t.Errorf("%s has no hint", d)
				}
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("diagnostics:\n got %s\nwant %s", g, tt.want)
			}
			if f.Placeholders != tt.n || f.Draft() != tt.draft {
				t.Errorf("Placeholders, Draft() = %d, %v; want %d, %v", f.Placeholders, f.Draft(), tt.n, tt.draft)
			}
		})
	}
}

// TestPlaceholderDiag checks the severity and hint of each kind of
// placeholder, and that a long one is cut.
func TestPlaceholderDiag(t *testing.T) {
	pos := diag.Pos{File: "content/cases/x.md", Line: 9, Col: 1}
	long := "<" + strings.Repeat("word ", 20) + ">"
	for _, tt := range []struct {
		field, text string
		draft       bool
		want        string
	}{
		{"title", "<Title>", true, `content/cases/x.md:9:1: warning: title still holds the placeholder "<Title>"` +
			"\n    hint: replace it before you remove draft: true; until then even -drafts leaves the draft out"},
		{"", "<Write it.>", true, `content/cases/x.md:9:1: warning: the body still holds the placeholder "<Write it.>"` +
			"\n    hint: replace it before you remove draft: true"},
		{"", "<Write it.>", false, `content/cases/x.md:9:1: error: the body still holds the placeholder "<Write it.>"` +
			"\n    hint: replace it with the real value, or mark the file draft: true until it is filled in"},
		{"", long, true, `content/cases/x.md:9:1: warning: the body still holds the placeholder "<` +
			strings.Repeat("word ", 11) + `wor…"` + "\n    hint: replace it before you remove draft: true"},
	} {
		if got := PlaceholderDiag(pos, tt.field, tt.text, tt.draft).String(); got != tt.want {
			t.Errorf("PlaceholderDiag(%q, %q, %v) =\n%s\nwant\n%s", tt.field, tt.text, tt.draft, got, tt.want)
		}
	}
}

// TestDecodeNotContent checks that Decode refuses a path outside the
// content folders.
func TestDecodeNotContent(t *testing.T) {
	if _, _, err := Decode("archetypes/case.md", []byte("---\n---\n")); err == nil {
		t.Error("Decode(archetypes/case.md) gave no error")
	}
}
