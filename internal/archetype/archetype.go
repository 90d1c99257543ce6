// Package archetype makes the text of a new content file, the file
// casebook new writes, from an archetype: the site's own
// archetypes/<kind>.md when it has one, the built-in one otherwise
// (casebook.Archetypes).
//
//	text, diags := archetype.Make(os.DirFS("mysite"), content.KindCase, "x-cloudflare-2024", time.Now())
//	if diags.HasErrors() {
//		diags.Format(os.Stderr) // archetypes/case.md:3:8: error: unknown variable "slgu" ...
//	}
//
// An archetype is the new file as it should be written, with variables
// that Make fills in: {{ slug }} (the new file's slug), {{ kind }} (case,
// entity or page) and {{ today }} (today's date, YYYY-MM-DD). The file it
// makes must read as a content file of its kind without an error, and be a
// draft (draft: true), so that a new file never breaks the site: an
// archetype that makes anything else is an error at its own file:line:col,
// and nothing is written. Placeholders, text in angle brackets such as
// <Headline>, are what the author has yet to write: casebook check reports
// each one until it is replaced (see content.PlaceholderDiag).
package archetype

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
)

// Dir is the folder of a site's archetypes, relative to the site root.
const Dir = "archetypes"

// Vars are the names of the variables an archetype may use, in the order
// the docs list them.
var Vars = []string{"slug", "kind", "today"}

// Path returns the path of the archetype of kind k: "archetypes/case.md".
func Path(k content.Kind) string { return path.Join(Dir, k.String()+".md") }

// Make returns the text of a new file of kind k named slug, from the
// site's archetype of k or the built-in one, with today as {{ today }}.
// Its problems are the site archetype's errors, at their file:line:col.
func Make(site fs.FS, k content.Kind, slug string, today time.Time) ([]byte, diag.List) {
	name := Path(k)
	src, own, diags := read(site, name)
	if diags.HasErrors() {
		return nil, diags
	}
	if !own {
		name = "built-in " + name
	}
	out, lines, d := expand(name, content.Normalize(src), map[string]string{
		"slug": slug, "kind": k.String(), "today": today.Format("2006-01-02"),
	})
	diags.Add(d...)
	if diags.HasErrors() {
		return nil, diags
	}
	f, found, err := content.Decode(path.Join(content.Dir(k), slug+".md"), out)
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: name}, "%v", err))
		return nil, diags
	}
	for _, d := range found {
		if d.Severity == diag.Error { // a warning is a placeholder, there to be filled in
			d.Pos = diag.Pos{File: name, Line: d.Pos.Line, Col: lines.col(d.Pos.Line, d.Pos.Col)}
			diags.Add(d)
		}
	}
	if f != nil && !f.Broken && !f.Draft() {
		diags.Add(diag.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "the %s it makes is not a draft", k).
			WithHint("add draft: true to its front matter: a new file stays out of the site until it is filled in"))
	}
	if diags.HasErrors() {
		diags.Sort()
		return nil, diags
	}
	return out, diags
}

// read returns the site's archetype at name, or the built-in one when the
// site has none (own is false). A site's archetype must be a regular file
// inside the site, of at most content.MaxTemplateSize bytes.
func read(site fs.FS, name string) (src []byte, own bool, diags diag.List) {
	if !content.CheckFolder(site, Dir, &diags) {
		return nil, false, diags
	}
	entries, err := fs.ReadDir(site, Dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		diags.Add(diag.Errorf(diag.Pos{File: Dir}, "cannot read %s: %v", Dir, err))
		return nil, false, diags
	}
	for _, e := range entries {
		if e.Name() != path.Base(name) {
			continue
		}
		if !content.CheckFile(site, name, e, content.MaxTemplateSize, &diags) {
			return nil, false, diags
		}
		src, err := fs.ReadFile(site, name)
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: name}, "cannot read %s: %v", name, err))
			return nil, false, diags
		}
		return src, true, diags
	}
	src, err = fs.ReadFile(casebook.Archetypes(), name)
	if err != nil { // every kind has one: a broken build of casebook
		diags.Add(diag.Errorf(diag.Pos{File: name}, "no built-in archetype: %v", err))
	}
	return src, false, diags
}

// lineMap maps the columns of the text expand made back to those of the
// archetype, line by line (a variable never spans lines).
type lineMap map[int][]sub

// sub is one variable filled in on a line: the value at bytes
// [out, outEnd) of the output line stands for {{ ... }} at [in, inEnd) of
// the archetype's line.
type sub struct{ out, outEnd, in, inEnd int }

// col returns the 1-based byte column in the archetype of column col of
// line in the output: within a value, the column of its {{.
func (m lineMap) col(line, col int) int {
	if col == 0 {
		return 0
	}
	shift := 0
	for _, s := range m[line] {
		switch {
		case col-1 < s.out:
			return col + shift
		case col-1 < s.outEnd:
			return s.in + 1
		}
		shift = s.inEnd - s.outEnd
	}
	return col + shift
}

// expand fills in the variables of src, the archetype called name. A {{
// that does not start a known variable closed on its line is an error.
func expand(name string, src []byte, vars map[string]string) ([]byte, lineMap, diag.List) {
	var out bytes.Buffer
	var diags diag.List
	lines := lineMap{}
	for i, line := range strings.SplitAfter(string(src), "\n") {
		n := i + 1
		var b strings.Builder
		rest, at := line, 0 // at: the offset of rest in line
		for {
			open := strings.Index(rest, "{{")
			if open < 0 {
				b.WriteString(rest)
				break
			}
			b.WriteString(rest[:open])
			pos := diag.Pos{File: name, Line: n, Col: at + open + 1}
			end := strings.Index(rest[open:], "}}")
			if end < 0 {
				diags.Add(diag.Errorf(pos, "{{ is not closed on its line").
					WithHint("write a variable as {{ slug }}; the variables are %s", list()))
				b.WriteString(rest[open:])
				break
			}
			v := strings.TrimSpace(rest[open+2 : open+end])
			value, ok := vars[v]
			if !ok {
				d := diag.Errorf(pos, "unknown variable %q", v)
				w := strings.ToLower(strings.TrimPrefix(v, ".")) // {{ .Slug }}, as in a Go template
				if h := diag.DidYouMean(w, Vars); slices.Contains(Vars, w) || h != "" {
					if h == "" {
						h = "did you mean \"" + w + "\"?"
					}
					d = d.WithHint("%s (the variables are %s)", h, list())
				} else {
					d = d.WithHint("the variables are %s; an archetype is not a Go template", list())
				}
				diags.Add(d)
			}
			lines[n] = append(lines[n], sub{out: b.Len(), outEnd: b.Len() + len(value), in: at + open, inEnd: at + open + end + 2})
			b.WriteString(value)
			rest, at = rest[open+end+2:], at+open+end+2
		}
		out.WriteString(b.String())
	}
	return out.Bytes(), lines, diags
}

// list names the variables as an archetype writes them.
func list() string {
	var s []string
	for _, v := range Vars {
		s = append(s, "{{ "+v+" }}")
	}
	return strings.Join(s, ", ")
}
