package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// The shapes of Markdown on which goldmark takes super-linear time (the
// cmark pathological tests), each as a function of the size n in bytes.
func repeat(unit string) func(n int) string {
	return func(n int) string { return strings.Repeat(unit, n/len(unit)) }
}

// paragraphs repeats unit k times per paragraph, paragraphs up to n bytes.
func paragraphs(unit string, k int) func(n int) string {
	return func(n int) string {
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(strings.Repeat(unit, k))
			b.WriteString("\n\n")
		}
		return b.String()
	}
}

func footnotes(defs int) func(n int) string {
	return func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n-defs*12; i++ {
			fmt.Fprintf(&b, "a[^%d] ", i%defs)
			if i%50 == 49 {
				b.WriteString("\n\n")
			}
		}
		b.WriteString("\n\n")
		for i := range defs {
			fmt.Fprintf(&b, "[^%d]: x\n", i)
		}
		return b.String()
	}
}

var pathological = []struct {
	name string
	body func(n int) string
	want string // the error refusing it at 100 KB and 1 MB ("" if parsed)
	pos  string // its line:col
}{
	{"unclosed links", repeat("[a]("), "more than 500 '[' brackets", "1:1"},
	{"unclosed images", repeat("![a]("), "more than 500 '[' brackets", "1:1"},
	{"unclosed emphasis", repeat("*a_ "), "more than 500 runs of '*', '_' or '`'", "1:1"},
	{"nested brackets", func(n int) string { return strings.Repeat("[", n/2) + "a" + strings.Repeat("]", n/2) }, "more than 500 '[' brackets", "1:1"},
	{"lists nested on a line", func(n int) string { return strings.Repeat("- ", n/2) + "a\n" }, "lists and block quotes nested", "1:65"},
	{"quotes nested on a line", func(n int) string { return strings.Repeat("> ", n/2) + "a\n" }, "lists and block quotes nested", "1:65"},
	{"lists nested by indentation", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("  ", i%500) + "- a\n")
		}
		return b.String()
	}, "lists and block quotes nested", "33:65"},
	{"many footnotes", footnotes(5000), "too many footnotes", ""},
	// Under the limits: parsed, in linear time (BenchmarkPathological).
	{"unclosed links, 499 a paragraph", paragraphs("[a](", 499), "", ""},
	{"unclosed emphasis, 249 a paragraph", paragraphs("*a_ ", 249), "", ""},
	{"nested brackets, 499 a paragraph", paragraphs(strings.Repeat("[", 499)+"a"+strings.Repeat("]", 499), 1), "", ""},
	{"lists nested 32 on a line", paragraphs(strings.Repeat("- ", 32)+"a\n", 1), "", ""},
	{"quotes nested 32 on a line", repeat(strings.Repeat("> ", 32) + "a\n"), "", ""},
	{"lists nested 16 by indentation", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("  ", i%16) + "- a\n")
		}
		return b.String()
	}, "", ""},
	{"1,000 footnotes", footnotes(1000), "", ""},
	{"backtick runs", func(n int) string {
		var b strings.Builder
		for i := 1; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("`", i%200+1) + "a")
		}
		return b.String()
	}, "more than 500 runs of '*', '_' or '`'", "1:"},
	{"backtick runs, 499 a paragraph", func(n int) string {
		var b strings.Builder
		for i := 1; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("`", i%499+1) + "a")
			if i%499 == 0 {
				b.WriteString("\n\n")
			}
		}
		return b.String()
	}, "", ""},
	{"unclosed wiki links", repeat("[[a "), "more than 500 '[' brackets", "1:1"},
	{"escaped brackets", repeat(`\[a\](`), "", ""},
	{"link destinations of parentheses", func(n int) string { return "[a](" + strings.Repeat("(", n) }, "", ""},
	{"wide table", func(n int) string { return "|" + strings.Repeat("a|", n/4) + "\n|" + strings.Repeat("-|", n/4) + "\n" }, "", ""},
	{"unclosed html", repeat("<a "), "", ""},
}

// TestGuard parses each pathological shape at 100 KB and 1 MB: it is
// refused with an error at the place that exceeds a limit, or parsed.
// (How long parsing takes is BenchmarkPathological's to measure.)
func TestGuard(t *testing.T) {
	m := New()
	for _, tt := range pathological {
		for _, size := range []int{100_000, 1_000_000} {
			t.Run(fmt.Sprintf("%s/%dKB", tt.name, size/1000), func(t *testing.T) {
				body := []byte(tt.body(size))
				if size > 100_000 && tt.want == "" {
					// Accepted; parsing 1 MB is BenchmarkPathological's.
					if p := guard(body); p != nil {
						t.Fatalf("refused: %s", p.msg)
					}
					return
				}
				d := m.Parse("f.md", body, "en")
				if tt.want == "" {
					if d.refused {
						t.Fatalf("refused: %v", d.Diags)
					}
					return
				}
				if !d.refused || len(d.Diags) != 1 {
					t.Fatalf("not refused (%d diagnostics)", len(d.Diags))
				}
				p := d.Diags[0]
				if !strings.Contains(p.Msg, tt.want) || p.Hint == "" {
					t.Errorf("error %q (hint %q); want %q and a hint", p.Msg, p.Hint, tt.want)
				}
				if at := fmt.Sprintf("%d:%d", p.Pos.Line, p.Pos.Col); !strings.HasPrefix(at, tt.pos) {
					t.Errorf("at %d:%d; want %s", p.Pos.Line, p.Pos.Col, tt.pos)
				}
			})
		}
	}
}

// TestGuardLetsProseThrough checks that ordinary long documents are parsed:
// many footnotes listed together, a long table of links and citations,
// a list nested ten deep, emphasis and links in a long paragraph.
func TestGuardLetsProseThrough(t *testing.T) {
	var table, list, para strings.Builder
	table.WriteString("| Domain | Source |\n|---|---|\n")
	for i := range 200 {
		fmt.Fprintf(&table, "| [d%d.example](https://d%d.example/a_b) | [@s%d] |\n", i, i, i)
	}
	for i := range 10 {
		list.WriteString(strings.Repeat("  ", i) + "- item *em* [l](https://x.org)\n")
	}
	for range 100 {
		para.WriteString("Some **bold** and _italic_ text with [a link](https://x.org) and [@a]. ")
	}
	for _, body := range []string{footnotes(900)(40_000), table.String(), list.String(), para.String(), "> - > 1. > * a\n"} {
		if d := New().Parse("f.md", []byte(body), "en"); d.refused {
			t.Errorf("refused: %v\n%.200s", d.Diags, body)
		}
	}
}

// FuzzGuard checks that a body the guard accepts nests no deeper than
// maxNesting lists and block quotes, as the guard's line count promises.
func FuzzGuard(f *testing.F) {
	for _, s := range []string{"- a\n  - b\n    - c", "> > a\n> > > b", "1. a\n   1) b", "-\n  - a", "*\t-\t>a", "  > - 1. a"} {
		f.Add(s)
	}
	m := New()
	f.Fuzz(func(t *testing.T, s string) {
		if guard([]byte(s)) != nil {
			return
		}
		root, _ := m.parse([]byte(s), "en")
		var walk func(n ast.Node, depth int)
		walk = func(n ast.Node, depth int) {
			switch n.Kind() {
			case ast.KindBlockquote, ast.KindListItem:
				depth++
			}
			if depth > maxNesting {
				t.Fatalf("accepted, but nests %d deep", depth)
			}
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				walk(c, depth)
			}
		}
		walk(root, 0)
	})
}

// BenchmarkPathological parses each shape the guard lets through at 100 KB
// and 1 MB: the time per byte must not grow with the size (linear), and
// stay under about 10 ns a byte (a second per 100 KB) on the project's
// machine; see docs/security.md for the figures.
func BenchmarkPathological(b *testing.B) {
	m := New()
	for _, tt := range pathological {
		if tt.want != "" {
			continue
		}
		for _, size := range []int{100_000, 1_000_000} {
			body := []byte(tt.body(size))
			b.Run(fmt.Sprintf("%s/%dKB", tt.name, size/1000), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					d := m.Parse("f.md", body, "en")
					if d.refused {
						b.Fatal("refused")
					}
				}
			})
		}
	}
}
