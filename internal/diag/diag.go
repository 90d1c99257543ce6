// Package diag holds positioned diagnostics: what is wrong with a content file,
// where (file:line:col), and how to fix it.
//
// Every stage of a build returns a List instead of failing on the first
// problem, so a maintainer sees all mistakes in one run:
//
//	var l diag.List
//	l.Add(diag.Errorf(diag.Pos{File: "content/cases/x.md", Line: 3, Col: 1},
//		"unknown field %q", "titel").WithHint("did you mean %q?", "title"))
//	l.Sort()
//	l.Format(os.Stderr)
//
// prints
//
//	content/cases/x.md:3:1: error: unknown field "titel"
//	    hint: did you mean "title"?
package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Pos is a position in a file of the site tree. Line and Col are 1-based; a
// zero Line means the whole file, a zero Col the whole line.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, leaving out the parts that are zero.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells whether a diagnostic fails the build.
type Severity int

// The severities. Errors fail a build; warnings are printed and the build goes on.
const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem in the content, at a position.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string // what is wrong: lowercase, no trailing period
	Hint     string // how to fix it; optional
}

// Errorf returns an error at pos with a formatted message.
func Errorf(pos Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning at pos with a formatted message.
func Warnf(pos Pos, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// WithHint returns d with a formatted hint.
func (d Diagnostic) WithHint(format string, args ...any) Diagnostic {
	d.Hint = fmt.Sprintf(format, args...)
	return d
}

// String formats d as "file:line:col: error: msg", with the hint on a second,
// indented line.
func (d Diagnostic) String() string {
	s := fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Msg)
	if d.Hint != "" {
		s += "\n    hint: " + d.Hint
	}
	return s
}

// List is a list of diagnostics.
type List []Diagnostic

// Add appends diagnostics to l.
func (l *List) Add(ds ...Diagnostic) { *l = append(*l, ds...) }

// Sort orders l by file, line, column, then message, so output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// Errors returns the number of errors in l.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings returns the number of warnings in l.
func (l List) Warnings() int { return len(l) - l.Errors() }

// HasErrors reports whether l holds at least one error.
func (l List) HasErrors() bool { return l.Errors() > 0 }

// Files returns the number of distinct files with an error.
func (l List) Files() int {
	seen := map[string]bool{}
	for _, d := range l {
		if d.Severity == Error {
			seen[d.Pos.File] = true
		}
	}
	return len(seen)
}

// Format writes every diagnostic of l to w, one per line (hints indented below).
func (l List) Format(w io.Writer) error {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Summary returns "3 errors in 2 files" (and warnings when there are some),
// or "" when l is empty.
func (l List) Summary() string {
	var parts []string
	if n := l.Errors(); n > 0 {
		parts = append(parts, fmt.Sprintf("%s in %s", plural(n, "error"), plural(l.Files(), "file")))
	}
	if n := l.Warnings(); n > 0 {
		parts = append(parts, plural(n, "warning"))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
