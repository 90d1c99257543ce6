package content

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/diag"
	"gopkg.in/yaml.v3"
)

// decoder turns yaml.v3 nodes into typed metadata, recording a positioned
// diagnostic for every problem instead of stopping at the first.
type decoder struct {
	file    string
	lineOff int // added to yaml line numbers to get file line numbers
	diags   *diag.List
	draft   bool // the file says draft: true: a placeholder is a warning (PlaceholderDiag)
}

func newDecoder(file string, lineOff int, diags *diag.List) *decoder {
	return &decoder{file: file, lineOff: lineOff, diags: diags}
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: d.file, Line: d.lineOff + 1, Col: 1}
	}
	return diag.Pos{File: d.file, Line: n.Line + d.lineOff, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) *diag.Diagnostic {
	d.diags.Add(diag.Errorf(d.pos(n), format, args...))
	return &(*d.diags)[len(*d.diags)-1]
}

func (d *decoder) hint(dg *diag.Diagnostic, format string, args ...any) {
	*dg = dg.WithHint(format, args...)
}

// placeholder matches what casebook new writes for a value to fill in:
// "<target-slug>", "<One or two neutral sentences.>".
var placeholder = regexp.MustCompile(`^<[^<>=/]*>$`)

// document parses YAML source into its root node: nil for an empty
// document; ok is false on a syntax error (reported). Anchors and aliases are
// refused: front matter has no use for them, and aliases are the way to a
// "billion laughs" bomb.
func (d *decoder) document(src []byte) (root *yaml.Node, ok bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		p := placeYAMLError(src, err)
		pos := diag.Pos{File: d.file, Line: p.line + d.lineOff, Col: p.col}
		d.diags.Add(diag.Errorf(pos, "%s", p.msg).WithHint("%s", p.hint))
		return nil, false
	}
	if len(doc.Content) == 0 {
		return nil, true
	}
	if d.refuseAliases(doc.Content[0]) {
		return nil, false
	}
	return doc.Content[0], true
}

func (d *decoder) refuseAliases(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		dg := d.errorf(n, "YAML anchors and aliases are not allowed")
		d.hint(dg, "write the value out in full")
		return true
	}
	for _, c := range n.Content {
		if d.refuseAliases(c) {
			return true
		}
	}
	return false
}

// field describes one field of a mapping: its name, whether it is required,
// an example for the "missing field" hint, and how to decode its value.
type field struct {
	name     string
	required bool
	example  string
	decode   func(n *yaml.Node)
}

// mapping decodes the fields of mapping node n. misplaced gives hints for
// fields that belong elsewhere ("provider" at the top of a case).
func (d *decoder) mapping(n *yaml.Node, what string, fields []field, misplaced map[string]string) {
	if n != nil && n.Kind != yaml.MappingNode {
		dg := d.errorf(n, "%s must be a mapping of fields, found %s", what, describe(n))
		d.hint(dg, "write one field per line as name: value")
		return
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	seen := map[string]*yaml.Node{}
	if n != nil {
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			if prev, dup := seen[key.Value]; dup {
				dg := d.errorf(key, "duplicate field %q", key.Value)
				d.hint(dg, "it is already set at line %d; keep one", d.pos(prev).Line)
				continue
			}
			seen[key.Value] = key
			j := slices.Index(names, key.Value)
			if j < 0 {
				dg := d.errorf(key, "unknown field %q", key.Value)
				if h, ok := misplaced[key.Value]; ok {
					d.hint(dg, "%s", h)
				} else if h := diag.DidYouMean(key.Value, names); h != "" {
					d.hint(dg, "%s", h)
				} else {
					d.hint(dg, "the fields of %s are: %s", what, strings.Join(names, ", "))
				}
				continue
			}
			if val.Tag == "!!null" {
				if fields[j].required {
					dg := d.errorf(key, "field %q is empty", key.Value)
					d.hint(dg, "give a value, e.g. %s", fields[j].example)
				}
				continue
			}
			fields[j].decode(val)
		}
	}
	for _, f := range fields {
		if _, ok := seen[f.name]; !ok && f.required {
			dg := d.errorf(n, "missing required field %q in %s", f.name, what)
			d.hint(dg, "add a line such as %s", f.example)
		}
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return "text " + strconv.Quote(n.Value)
}

// str decodes a scalar into *s; text must not be empty.
func (d *decoder) str(name string, s *string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode {
			dg := d.errorf(n, "%s must be text, found %s", name, describe(n))
			d.hint(dg, "write %s: some text on one line", name)
			return
		}
		v := strings.TrimSpace(n.Value)
		if v == "" {
			d.errorf(n, "%s is empty", name)
			return
		}
		if r, ok := controlChar(v); ok {
			dg := d.errorf(n, "%s contains the control character U+%04X", name, r)
			d.hint(dg, "remove it: text may hold tabs and line breaks, no other control character (a YAML escape such as \\r or \\e writes one)")
			return
		}
		if placeholder.MatchString(v) {
			d.diags.Add(PlaceholderDiag(d.pos(n), name, v, d.draft))
			return
		}
		*s = v
	}
}

// controlChar returns the first control character of s other than tab and
// line feed (C0, DEL and C1): a carriage return, an escape or a bell would
// come out raw in the CSV, iCalendar, BibTeX and RIS files and on a
// terminal.
func controlChar(s string) (rune, bool) {
	for _, r := range s {
		if r == '\t' || r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return r, true
		}
	}
	return 0, false
}

// line is str for plain, one-line text.
func (d *decoder) line(name string, s *string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		d.str(name, s)(n)
		if strings.Contains(*s, "\n") {
			dg := d.errorf(n, "%s must be a single line", name)
			d.hint(dg, "use a folded scalar (>) or one line of text")
		}
	}
}

// list calls each for every item of a sequence node (of mappings: a list
// written as text gets the hint to write one item per line).
func (d *decoder) list(name string, n *yaml.Node, each func(*yaml.Node)) {
	d.listOf(name, n, nil, each)
}

// listOf calls each for every item of a sequence node. fix, when set, is
// how a list written as text is written as a list: it splits the text into
// items and writes each as a valid item, so that the hint's fix gives no
// new error ("tags: Payments, Sex work" gets "write tags: [payments,
// sex-work]").
func (d *decoder) listOf(name string, n *yaml.Node, fix func(string) []string, each func(*yaml.Node)) {
	if n.Kind != yaml.SequenceNode {
		dg := d.errorf(n, "%s must be a list, found %s", name, describe(n))
		var items []string
		if n.Kind == yaml.ScalarNode && fix != nil {
			items = fix(n.Value)
		}
		if len(items) > 0 {
			d.hint(dg, "write %s: [%s]", name, strings.Join(items, ", "))
		} else {
			d.hint(dg, "write each item on its own line starting with -")
		}
		return
	}
	if max := maxItems(name); len(n.Content) > max {
		dg := d.errorf(n.Content[max], "%s has %d items, over the limit of %d", name, len(n.Content), max)
		d.hint(dg, "each item adds to every page that lists it (and a tag or alias is a page of its own): keep the %d that matter", max)
		return
	}
	for _, item := range n.Content {
		each(item)
	}
}

// maxItems is the most items a list of front matter may have. Each tag,
// service or alias is a page or a file of its own, and each action, event
// and source is written on several pages: the limits keep one file from
// making the site balloon (100,000 tags in one case once made 100,000
// pages), far above what a case needs.
func maxItems(name string) int {
	switch name {
	case "tags", "services", "aliases", "author":
		return 50
	case "targets", "people", "related":
		return 100
	case "actions", "events", "changes":
		return 500
	default: // sources
		return 1000
	}
}

// strs decodes a list of text. Written as text, the list's hint splits it
// at commas, but for names ("Family, Given"): authors.
func (d *decoder) strs(name string, out *[]string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		fix := func(s string) []string { return textItems(s, name != "authors" && name != "author") }
		d.listOf(name, n, fix, func(item *yaml.Node) {
			var s string
			d.str(name+" item", &s)(item)
			if s != "" {
				*out = append(*out, s)
			}
		})
	}
}

// slugItems splits a list written as text at its commas into valid slugs
// ("Payments, Sex work": payments, sex-work), each once.
func slugItems(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if strings.TrimSpace(item) == "" {
			continue
		}
		slug := SlugFor(item)
		if len(slug) > MaxSlugLen {
			slug = strings.TrimRight(slug[:MaxSlugLen], "-")
		}
		if !slices.Contains(out, slug) {
			out = append(out, slug)
		}
	}
	return out
}

// textItems splits a list written as text at its commas (when split is
// set) into items written so that YAML reads each as text: plain when it
// can, else in double quotes.
func textItems(s string, split bool) []string {
	parts := []string{s}
	if split {
		parts = strings.Split(s, ",")
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, flowText(p))
		}
	}
	return out
}

// plainFlow is text that YAML reads as a plain string inside [...]: no
// indicator first, none of ",[]{}#" and no ": ", and not a number, a date,
// true, false or null (those are read as text too, but a reader may not
// think so).
var plainFlow = regexp.MustCompile(`^[\p{L}][\p{L}\p{N} .'_-]*$`)

// flowText writes s as an item of a YAML flow list.
func flowText(s string) string {
	if plainFlow.MatchString(s) && !strings.HasSuffix(s, " ") {
		switch strings.ToLower(s) {
		case "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~":
		default:
			return s
		}
	}
	return strconv.Quote(s)
}

// textOrList decodes a single text or a list of text (authors).
func (d *decoder) textOrList(name string, out *[]string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			var s string
			d.str(name, &s)(n)
			if s != "" {
				*out = append(*out, s)
			}
			return
		}
		d.strs(name, out)(n)
	}
}

// refs decodes a list of slugs or ids, keeping their positions.
func (d *decoder) refs(name string, out *[]Ref) func(*yaml.Node) {
	return func(n *yaml.Node) {
		d.listOf(name, n, slugItems, func(item *yaml.Node) {
			var s string
			d.str(name+" item", &s)(item)
			if s == "" {
				return
			}
			if len(s) > MaxSlugLen {
				dg := d.errorf(item, "%s item is %d characters, over the limit of %d", name, len(s), MaxSlugLen)
				d.hint(dg, "shorten it: a slug names a folder of the site")
				return
			}
			if !SlugPattern.MatchString(s) {
				dg := d.errorf(item, "bad %s item %q: use lowercase a-z, 0-9 and '-'", name, s)
				d.hint(dg, "write %q", SlugFor(s))
				return
			}
			*out = append(*out, Ref{Value: s, Pos: d.pos(item)})
		})
	}
}

// ref decodes one slug or id.
func (d *decoder) ref(name string, out *Ref) func(*yaml.Node) {
	return func(n *yaml.Node) {
		var s string
		d.str(name, &s)(n)
		if s == "" {
			return
		}
		if len(s) > MaxSlugLen {
			dg := d.errorf(n, "%s is %d characters, over the limit of %d", name, len(s), MaxSlugLen)
			d.hint(dg, "shorten it: a slug names a folder of the site")
			return
		}
		if !SlugPattern.MatchString(s) {
			dg := d.errorf(n, "bad %s %q: use lowercase a-z, 0-9 and '-'", name, s)
			d.hint(dg, "write %q", SlugFor(s))
			return
		}
		*out = Ref{Value: s, Pos: d.pos(n)}
	}
}

// date decodes YYYY, YYYY-MM or YYYY-MM-DD.
func (d *decoder) date(name string, out *Date) func(*yaml.Node) {
	return func(n *yaml.Node) {
		var s string
		d.str(name, &s)(n)
		if s == "" {
			return
		}
		v, err := ParseDate(s)
		if err != nil {
			dg := d.errorf(n, "%s: %v", name, err)
			d.hint(dg, "write the date as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2017-08-16")
			return
		}
		*out = v
	}
}

// url decodes an absolute http or https URL.
func (d *decoder) url(name string, out *string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		var s string
		d.str(name, &s)(n)
		if s == "" {
			return
		}
		if err := CheckURL(s); err != "" {
			dg := d.errorf(n, "%s %q %s", name, s, err)
			d.hint(dg, "use a full web address starting with https:// or http://")
			return
		}
		*out = s
	}
}

// CheckURL returns why s is not an absolute http(s) URL, or "" when it is.
func CheckURL(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil || strings.ContainsAny(s, " \t\n\"<>\\"):
		return "is not a valid URL"
	case u.Scheme != "http" && u.Scheme != "https":
		return "is not an http or https URL"
	case u.Host == "":
		return "has no host"
	}
	return ""
}

// enum decodes one value of a fixed set.
func (d *decoder) enum(name string, allowed []string, out *string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		var s string
		d.str(name, &s)(n)
		if s == "" {
			return
		}
		if !slices.Contains(allowed, s) {
			dg := d.errorf(n, "unknown %s %q", name, s)
			if h := diag.Suggest(s, allowed); h != "" {
				d.hint(dg, "did you mean %q? (one of: %s)", h, strings.Join(allowed, ", "))
			} else {
				d.hint(dg, "use one of: %s", strings.Join(allowed, ", "))
			}
			return
		}
		*out = s
	}
}

// boolean decodes true or false.
func (d *decoder) boolean(name string, out *bool) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			dg := d.errorf(n, "%s must be true or false, found %s", name, describe(n))
			d.hint(dg, "write %s: true", name)
			return
		}
		*out = n.Value == "true"
	}
}

// integer decodes a whole number.
func (d *decoder) integer(name string, out *int) func(*yaml.Node) {
	return func(n *yaml.Node) {
		v, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			dg := d.errorf(n, "%s must be a whole number, found %s", name, describe(n))
			d.hint(dg, "write %s: 1", name)
			return
		}
		*out = v
	}
}

// pattern decodes text that must match re, described by want.
func (d *decoder) pattern(name string, re *regexp.Regexp, want, example string, out *string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		var s string
		d.str(name, &s)(n)
		if s == "" {
			return
		}
		if !re.MatchString(s) {
			dg := d.errorf(n, "bad %s %q: %s", name, s, want)
			d.hint(dg, "for example %s: %s", name, example)
			return
		}
		*out = s
	}
}
