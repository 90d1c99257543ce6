package content

// This file decodes the fields of site.yaml and of a configuration overlay
// (casebook build -config FILE), which share one table of fields: keep:,
// params: and menu: with the rest.

import (
	"maps"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/diag"
	"gopkg.in/yaml.v3"
)

// MenuItem is an entry of site.yaml's menu: a label and where it leads.
type MenuItem struct {
	Pos   diag.Pos // the list item
	Label string
	// URL is an absolute http or https address (External), or a path of
	// the site starting with "/", which is below the site's root: "/about/"
	// is https://example.org/sub/about/ when base_url has the path /sub/.
	URL      string
	URLPos   diag.Pos // the url: value
	External bool
}

// Params are site.yaml's params: free values for templates, which read
// them as .Site.Params.name. A value is a string, an int, a float64, a
// bool, nil, a []any or a map[string]any of such values, as written in the
// YAML (a date stays the text it is written as).
type Params map[string]any

// The limits of the lists of site.yaml.
const (
	maxKeep       = 100
	maxMenu       = 20
	maxParams     = 200 // keys at each level
	maxParamsNest = 8
)

// paramKey is what a key of params: may be: a template reads it as a field,
// .Site.Params.key, which takes letters, digits and _ only.
var paramKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// configMisplaced gives hints for fields people write in site.yaml under
// another name.
var configMisplaced = map[string]string{
	"baseurl": `did you mean "base_url"?`,
	"url":     `did you mean "base_url"?`,
	"menus":   `did you mean "menu"? (a list of label and url)`,
	"param":   `did you mean "params"?`,
}

// configFields is the table of site.yaml's fields, decoded into c; the
// required ones are required only in site.yaml itself (base), not in an
// overlay. *licenseURL is set to the node of license_url when there is one.
// List fields are replaced, not appended to, so that an overlay's list
// replaces site.yaml's; params are merged key by key.
func configFields(d *decoder, c *Config, base bool, licenseURL **yaml.Node) []field {
	return []field{
		{"title", base, "title: The Deplatforming Casebook", d.line("title", &c.Title)},
		{"description", false, "", d.str("description", &c.Description)},
		{"base_url", base, "base_url: https://example.org/", d.url("base_url", &c.BaseURL)},
		{"language", false, "", d.pattern("language", languagePattern, "use a BCP 47 language tag", "en", &c.Language)},
		{"publisher", base, "publisher: The Casebook editors", d.line("publisher", &c.Publisher)},
		{"license", false, "", d.line("license", &c.License)},
		{"license_url", false, "", func(n *yaml.Node) { *licenseURL = n; d.url("license_url", &c.LicenseURL)(n) }},
		{"repo_url", false, "", d.url("repo_url", &c.RepoURL)},
		{"authors", false, "", func(n *yaml.Node) {
			var a []string
			d.strs("authors", &a)(n)
			c.Authors = a
		}},
		{"keep", false, "", func(n *yaml.Node) { c.Keep = d.keep(n) }},
		{"params", false, "", func(n *yaml.Node) {
			p := d.params(n)
			if c.Params == nil {
				c.Params = p
				return
			}
			merged := maps.Clone(c.Params)
			maps.Copy(merged, p)
			c.Params = merged
		}},
		{"menu", false, "", func(n *yaml.Node) { c.Menu = d.menu(n) }},
	}
}

// checkLicense reports a license_url without a license; n is the node of
// license_url.
func (d *decoder) checkLicense(c *Config, n *yaml.Node) {
	if n != nil && c.LicenseURL != "" && c.License == "" {
		dg := d.errorf(n, "license_url is set but license is not")
		d.hint(dg, "add license: the licence's name, which the footer shows and links to %s", c.LicenseURL)
	}
}

// configDocument checks and parses the source of a configuration file
// (site.yaml or an overlay) named name; ok is false when it is not valid
// UTF-8 or not valid YAML (reported).
func configDocument(name string, src []byte, diags *diag.List) (*decoder, *yaml.Node, bool) {
	src = Normalize(src)
	if line, col, ok := firstInvalidUTF8(src); !ok {
		diags.Add(diag.Errorf(diag.Pos{File: name, Line: line, Col: col}, "file is not valid UTF-8").
			WithHint("save the file as UTF-8"))
		return nil, nil, false
	}
	d := newDecoder(name, 0, diags)
	root, ok := d.document(src)
	return d, root, ok
}

// Overlay lays the settings of a configuration overlay over cfg, the
// settings of site.yaml: casebook build -config production.yaml. The
// overlay is YAML with site.yaml's fields, all optional; each field it
// sets replaces site.yaml's (a list as a whole), but params, which are
// merged key by key. name is the overlay's path as messages give it. cfg is
// not changed: the result is a new Config.
//
//	cfg, diags := content.Overlay(cfg, "production.yaml", []byte("base_url: https://example.org/\n"))
func Overlay(cfg *Config, name string, src []byte) (*Config, diag.List) {
	var diags diag.List
	c := *cfg
	if len(src) > MaxConfigSize {
		diags.Add(diag.Errorf(diag.Pos{File: name}, "%s is %d bytes, over the limit of %d", name, len(src), MaxConfigSize))
		return &c, diags
	}
	d, root, ok := configDocument(name, src, &diags)
	if !ok {
		return &c, diags
	}
	var licenseURL *yaml.Node
	d.mapping(root, "a configuration overlay", configFields(d, &c, false, &licenseURL), configMisplaced)
	d.checkLicense(&c, licenseURL)
	return &c, diags
}

// keep decodes keep:, the paths of the output folder that a build keeps.
func (d *decoder) keep(n *yaml.Node) []Ref {
	var out []Ref
	seen := map[string]int{}
	if n.Kind == yaml.SequenceNode && len(n.Content) > maxKeep {
		dg := d.errorf(n.Content[maxKeep], "keep has %d items, over the limit of %d", len(n.Content), maxKeep)
		d.hint(dg, "keep a folder rather than each file in it")
		return nil
	}
	d.list("keep", n, func(item *yaml.Node) {
		var s string
		d.str("keep item", &s)(item)
		if s == "" {
			return
		}
		p, why, hint := keepPath(s)
		if why != "" {
			dg := d.errorf(item, "keep item %q %s", s, why)
			d.hint(dg, "%s", hint)
			return
		}
		if line, dup := seen[p]; dup {
			dg := d.errorf(item, "keep item %q is already listed", s)
			d.hint(dg, "it is at line %d; keep one", line)
			return
		}
		seen[p] = d.pos(item).Line
		out = append(out, Ref{Value: p, Pos: d.pos(item)})
	})
	return out
}

// keepPath checks an item of keep: and returns it as a clean slash path
// (a final / dropped), or why it is refused and a hint.
func keepPath(s string) (p, why, hint string) {
	const inside = "give a path inside the output folder, relative to it, such as CNAME or docs/old"
	switch {
	case strings.ContainsAny(s, "\\\n\t"):
		return "", "has a backslash or a control character", "write the path with / between folders: " + inside
	case strings.HasPrefix(s, "/"):
		return "", "is an absolute path", inside
	}
	p = strings.TrimSuffix(s, "/")
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", "leaves the output folder (..)", inside
		}
	}
	switch {
	case p == "" || p == ".":
		return "", "is the whole output folder", inside
	case path.Clean(p) != p:
		return "", "is not a clean path", "write it as " + strconv.Quote(path.Clean(p))
	case p == ".casebook" || strings.HasPrefix(p, ".casebook/"):
		return "", "is the file that marks the folder as made by casebook", "remove it from keep: the build writes it"
	}
	return p, "", ""
}

// menu decodes menu:, the site's own entries of the main menu.
func (d *decoder) menu(n *yaml.Node) []MenuItem {
	var out []MenuItem
	if n.Kind == yaml.SequenceNode && len(n.Content) > maxMenu {
		dg := d.errorf(n.Content[maxMenu], "menu has %d items, over the limit of %d", len(n.Content), maxMenu)
		d.hint(dg, "a menu is read at a glance: link a page that lists the rest")
		return nil
	}
	d.list("menu", n, func(item *yaml.Node) {
		m := MenuItem{Pos: d.pos(item)}
		d.mapping(item, "a menu item", []field{
			{"label", true, "label: About", d.line("label", &m.Label)},
			{"url", true, "url: /about/", func(n *yaml.Node) { m.URLPos = d.pos(n); d.menuURL(n, &m) }},
		}, map[string]string{
			"title": `did you mean "label"?`, "name": `did you mean "label"?`,
			"link": `did you mean "url"?`, "href": `did you mean "url"?`, "path": `did you mean "url"?`,
		})
		if m.Label != "" && m.URL != "" {
			out = append(out, m)
		}
	})
	return out
}

// menuURL decodes the url of a menu item: a path of the site starting with
// "/", or an absolute http or https address.
func (d *decoder) menuURL(n *yaml.Node, m *MenuItem) {
	var s string
	d.str("url", &s)(n)
	if s == "" {
		return
	}
	hint := "write a path of the site such as /about/, or a full address starting with https:// or http://"
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		u, err := url.Parse(s)
		if err != nil || strings.ContainsAny(s, " \t\n\"<>\\") || u.Scheme != "" || u.Host != "" {
			dg := d.errorf(n, "menu url %q is not a valid path", s)
			d.hint(dg, "%s", hint)
			return
		}
		m.URL = s
		return
	}
	if why := CheckURL(s); why != "" {
		dg := d.errorf(n, "menu url %q is neither a path of the site (starting with /) nor an http or https address", s)
		d.hint(dg, "%s", hint)
		return
	}
	m.URL, m.External = s, true
}

// params decodes params:, a mapping of free values.
func (d *decoder) params(n *yaml.Node) Params {
	if n.Kind != yaml.MappingNode {
		dg := d.errorf(n, "params must be a mapping of names to values, found %s", describe(n))
		d.hint(dg, "write one value per line, indented under params:, as name: value")
		return nil
	}
	m, _ := d.paramValue("params", n, 0).(map[string]any)
	return Params(m)
}

// paramValue decodes one value of params (at depth nesting levels down),
// named name in messages.
func (d *decoder) paramValue(name string, n *yaml.Node, depth int) any {
	if depth > maxParamsNest {
		dg := d.errorf(n, "%s is nested more than %d levels deep", name, maxParamsNest)
		d.hint(dg, "flatten it: templates read params as .Site.Params.name")
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content)/2 > maxParams {
			dg := d.errorf(n.Content[2*maxParams], "%s has %d keys, over the limit of %d", name, len(n.Content)/2, maxParams)
			d.hint(dg, "keep the values the templates read")
			return nil
		}
		m := make(map[string]any, len(n.Content)/2)
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			if key.Kind != yaml.ScalarNode || !paramKey.MatchString(key.Value) {
				dg := d.errorf(key, "bad key %q in %s: use letters, digits and _, starting with a letter or _", key.Value, name)
				d.hint(dg, "templates read it as .Site.Params.%s: write %s", paramKeyFor(key.Value), paramKeyFor(key.Value))
				continue
			}
			if line, dup := seen[key.Value]; dup {
				dg := d.errorf(key, "duplicate key %q in %s", key.Value, name)
				d.hint(dg, "it is already set at line %d; keep one", line)
				continue
			}
			seen[key.Value] = d.pos(key).Line
			m[key.Value] = d.paramValue(name+"."+key.Value, val, depth+1)
		}
		return m
	case yaml.SequenceNode:
		if len(n.Content) > maxParams {
			dg := d.errorf(n.Content[maxParams], "%s has %d items, over the limit of %d", name, len(n.Content), maxParams)
			d.hint(dg, "keep the values the templates read")
			return nil
		}
		l := make([]any, len(n.Content))
		for i, item := range n.Content {
			l[i] = d.paramValue(name+" item", item, depth+1)
		}
		return l
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int":
		var v int
		if n.Decode(&v) == nil {
			return v
		}
	case "!!float":
		var v float64
		if n.Decode(&v) == nil {
			return v
		}
	case "!!str", "!!timestamp":
		if r, ok := controlChar(n.Value); ok {
			dg := d.errorf(n, "%s contains the control character U+%04X", name, r)
			d.hint(dg, "remove it: text may hold tabs and line breaks, no other control character")
			return nil
		}
		return n.Value
	}
	dg := d.errorf(n, "%s: unsupported value %s (%s)", name, strconv.Quote(n.Value), n.Tag)
	d.hint(dg, "give text, a number, true or false, a list or a mapping; quote it to make it text")
	return nil
}

// paramKeyFor suggests a key templates can read for a bad one.
func paramKeyFor(k string) string {
	var b strings.Builder
	for _, r := range k {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r >= '0' && r <= '9' && b.Len() > 0:
			b.WriteRune(r)
		case b.Len() > 0 || r >= '0' && r <= '9':
			b.WriteByte('_')
			if r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
	}
	if b.Len() == 0 {
		return "name"
	}
	return b.String()
}
