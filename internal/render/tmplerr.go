package render

// This file turns the errors of the theme's templates, found parsing them
// (New) or executing them (Render, Lazy.File), into positioned diagnostics
// with a hint, as the content's are: file, line, column when known.
//
// Go's template packages give a template error's place only in its text
// ("template: templates/case.html:4:8: executing ..."; html/template's
// Error has the line but not the column), so it is read back from there,
// in this one place: the last place the text names is the innermost (an
// error in the partial "entry" comes wrapped in the error of the call that
// rendered it). text/template counts the column in bytes from 0; the
// diagnostic's is 1-based, in characters, read from the template's line.

import (
	"errors"
	htmltemplate "html/template"
	"io/fs"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/diag"
)

// TemplateError is one or more mistakes in the templates of a theme, each a
// diagnostic at its template's file, line and column. New returns one for a
// template that does not parse; Render and Lazy.File for templates that
// fail to execute on a page (each distinct mistake once, with the first
// page it failed on by name).
type TemplateError struct {
	Diags diag.List
}

// Error returns the diagnostics, one a line.
func (e *TemplateError) Error() string {
	var b strings.Builder
	e.Diags.Format(&b)
	return strings.TrimSuffix(b.String(), "\n")
}

// templatePlace matches the place a template error names: "template:
// templates/case.html:4:8: ", "template: templates/case.html:4: ",
// "html/template:templates/case.html:5:27: ".
var templatePlace = regexp.MustCompile(`(?:html/)?template: ?([^\s:]+\.[A-Za-z]+):(\d+)(?::(\d+))?: `)

// executing matches what text/template says before the message of an
// execution error: `executing "main" at <$c.Titel>: `.
var executing = regexp.MustCompile(`^executing "[^"]*" at <(.*?)>: `)

// isTemplateError reports whether err, from executing a page's template,
// is a mistake of the template (rather than, say, a failed write).
func isTemplateError(err error) bool {
	var exec texttemplate.ExecError
	var html *htmltemplate.Error
	return errors.As(err, &exec) || errors.As(err, &html)
}

// templateDiag makes the diagnostic of a template error: err, found
// parsing (page "") or rendering the page page.
func (r *Renderer) templateDiag(err error, page string) diag.Diagnostic {
	d, at := r.templateDiagAt(err.Error())
	return onPage(d, at, page)
}

// onPage adds to the message of a template error what it was executing
// (at) and the page it was rendering.
func onPage(d diag.Diagnostic, at, page string) diag.Diagnostic {
	switch {
	case at != "" && page != "":
		d.Msg += " (at <" + at + ">, rendering " + page + ")"
	case page != "":
		d.Msg += " (rendering " + page + ")"
	}
	return d
}

// templateDiagAt makes the diagnostic of the template error of text, and
// returns what it was executing when it failed ("" when parsing).
func (r *Renderer) templateDiagAt(text string) (diag.Diagnostic, string) {
	pos, msg := diag.Pos{File: "templates"}, text
	if ms := templatePlace.FindAllStringSubmatchIndex(text, -1); len(ms) > 0 {
		m := ms[len(ms)-1]
		pos.File = text[m[2]:m[3]]
		pos.Line, _ = strconv.Atoi(text[m[4]:m[5]])
		if m[6] >= 0 {
			off, _ := strconv.Atoi(text[m[6]:m[7]])
			pos.Col = r.column(pos.File, pos.Line, off)
		}
		msg = text[m[1]:]
	} else {
		msg = strings.TrimPrefix(strings.TrimPrefix(msg, "html/template: "), "template: ")
	}
	at := ""
	if m := executing.FindStringSubmatch(msg); m != nil {
		at, msg = m[1], msg[len(m[0]):]
	}
	if pos.Col == 0 && pos.Line > 0 {
		pos.Col = r.findOnLine(pos.File, pos.Line, msg)
	}
	d := diag.Errorf(pos, "template: %s", msg)
	return d.WithHint("%s", r.templateHint(msg)), at
}

// line returns line n (1-based) of the theme's file name, or "".
func (r *Renderer) line(name string, n int) string {
	if r.theme == nil || n < 1 {
		return ""
	}
	src, err := fs.ReadFile(r.theme, name)
	if err != nil {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	if n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// column turns text/template's column, a 0-based byte offset in the line,
// into a 1-based column in characters.
func (r *Renderer) column(name string, line, off int) int {
	l := r.line(name, line)
	if off > len(l) {
		return off + 1
	}
	return utf8.RuneCountInString(l[:off]) + 1
}

// quoted finds what a parse error quotes: function "x" not defined, bad
// character U+007D '}', unexpected "}" in operand.
var quoted = regexp.MustCompile(`(?:function "([^"]+)" not defined|bad character U\+[0-9A-F]+ '(.+)'|unexpected "(.+?)")`)

// findOnLine returns the column of what a parse error names on its line,
// or 0 when it names nothing or the line does not hold it.
func (r *Renderer) findOnLine(name string, line int, msg string) int {
	m := quoted.FindStringSubmatch(msg)
	if m == nil {
		return 0
	}
	what := m[1] + m[2] + m[3]
	l := r.line(name, line)
	i := strings.Index(l, what)
	if what == "" || i < 0 {
		return 0
	}
	return utf8.RuneCountInString(l[:i]) + 1
}

// builtins are text/template's functions.
var builtins = []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"}

var (
	noField    = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)
	noFunc     = regexp.MustCompile(`function "([^"]+)" not defined`)
	noTemplate = regexp.MustCompile(`no (?:such )?template "([^"]+)"`)
	nilPointer = regexp.MustCompile(`nil pointer evaluating (\S+)`)
)

// templateHint says how to fix a template error whose message is msg.
func (r *Renderer) templateHint(msg string) string {
	const ref = "docs/content-format.md, 13. The theme, lists what templates receive"
	switch {
	case noField.MatchString(msg):
		m := noField.FindStringSubmatch(msg)
		names := viewFields(m[2])
		if len(names) == 0 {
			return ref
		}
		if h := diag.DidYouMean(m[1], names); h != "" {
			return h
		}
		return strings.TrimPrefix(m[2], "*") + " has: " + strings.Join(names, ", ")
	case noFunc.MatchString(msg):
		name := noFunc.FindStringSubmatch(msg)[1]
		funcs := slices.Concat(builtins, slices.Sorted(maps.Keys(r.funcs())))
		if h := diag.DidYouMean(name, funcs); h != "" {
			return h
		}
		return "the functions are the builtins and " + strings.Join(slices.Sorted(maps.Keys(r.funcs())), ", ")
	case noTemplate.MatchString(msg):
		name := noTemplate.FindStringSubmatch(msg)[1]
		if h := diag.DidYouMean(name, r.templateNames()); h != "" {
			return h
		}
		return "define it with {{define \"" + name + "\"}}...{{end}} in templates/partials/" + name + ".html"
	case nilPointer.MatchString(msg):
		return "this page has no value there: write that part inside {{with ...}}...{{end}}"
	case strings.Contains(msg, "bad character") || strings.Contains(msg, "unclosed action") || strings.Contains(msg, "in operand"):
		return "an action is written between {{ and }}: check the braces on this line"
	case strings.Contains(msg, "unexpected EOF") || strings.Contains(msg, "unexpected {{end}}") || strings.Contains(msg, "missing end"):
		return "each {{if}}, {{range}}, {{with}}, {{block}} and {{define}} closes with one {{end}}"
	case strings.Contains(msg, "error calling index") || strings.Contains(msg, "out of range"):
		return "the list is shorter on this page: check its length first, {{if gt (len .X) 3}}"
	case strings.HasPrefix(msg, "error calling "):
		return "the function failed on this page's values: check them first with {{if}} or {{with}}"
	case strings.Contains(msg, "wrong number of args"):
		return "give the function or method the number of arguments it takes"
	}
	return ref
}

// templateNames returns the names of every template of the theme, sorted.
func (r *Renderer) templateNames() []string {
	var names []string
	for _, t := range r.pages {
		for _, d := range t.Templates() {
			names = append(names, d.Name())
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// viewFields returns the exported fields and methods of the type a
// template error names ("*render.CaseView"), found among the types a page
// template can reach from Page, sorted; nil when it is not one of them.
func viewFields(name string) []string {
	name = strings.TrimPrefix(name, "*")
	t := reachable()[name]
	if t == nil {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			names = append(names, f.Name)
		}
	}
	for _, typ := range []reflect.Type{t, reflect.PointerTo(t)} {
		for i := range typ.NumMethod() {
			names = append(names, typ.Method(i).Name)
		}
	}
	sort.Strings(names)
	return slices.Compact(names)
}

// viewRoots are what templates are given: a Page, and what the partials
// are given (docs/content-format.md, 13. The theme).
var viewRoots = []any{Page{}, Chrome{}, EntryItem{}, Sentence{}, CaseList{}, CaseRow{}, CaseLinks{}, CaseLink{}, LinkList{}, Link{}, ProviderAction{}, Chart{}, SourceView{}}

// reachable returns the named struct types reachable from viewRoots
// through exported fields, elements and the results of exported methods,
// by name ("render.CaseView").
func reachable() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.Name() == "" || out[t.String()] != nil {
			return
		}
		out[t.String()] = t
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				walk(f.Type)
			}
		}
		for _, typ := range []reflect.Type{t, reflect.PointerTo(t)} {
			for i := range typ.NumMethod() {
				m := typ.Method(i).Type
				for k := range m.NumOut() {
					walk(m.Out(k))
				}
			}
		}
	}
	for _, v := range viewRoots {
		walk(reflect.TypeOf(v))
	}
	return out
}

// parseError is a template that does not parse.
type parseError struct{ err error }

func (e *parseError) Error() string { return e.err.Error() }

// failures are the template errors of a rendering: the first page (by
// name) each distinct error was found on, by the error's text. Rendering
// goes on past a template error, so that which pages failed does not
// depend on the order they were rendered in.
type failures struct {
	mu    sync.Mutex
	first map[string]string
}

func (f *failures) add(err error, page string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p, ok := f.first[err.Error()]; !ok || page < p {
		f.first[err.Error()] = page
	}
}

// failedTemplates returns the template errors of a rendering as a
// *TemplateError, or nil when there were none.
func (r *Renderer) failedTemplates(f *failures) error {
	if len(f.first) == 0 {
		return nil
	}
	// Errors of different texts may be the same mistake: one wrapped in
	// the error of the call that rendered it, or one whose text holds a
	// value of the page. Each place is reported once, with its first page
	// (and, of that page's errors there, the first text).
	type failure struct {
		d              diag.Diagnostic
		at, page, text string
	}
	byPlace := map[string]*failure{}
	for text, page := range f.first {
		d, at := r.templateDiagAt(text)
		key := d.Pos.String()
		if old, ok := byPlace[key]; !ok || page < old.page || page == old.page && text < old.text {
			byPlace[key] = &failure{d, at, page, text}
		}
	}
	var l diag.List
	for _, key := range slices.Sorted(maps.Keys(byPlace)) {
		x := byPlace[key]
		l.Add(onPage(x.d, x.at, x.page))
	}
	l.Sort()
	return &TemplateError{Diags: l}
}
