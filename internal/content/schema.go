package content

import (
	"io/fs"
	"regexp"

	"github.com/casebook/casebook/internal/diag"
	"gopkg.in/yaml.v3"
)

var (
	languagePattern = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)
	wikidataPattern = regexp.MustCompile(`^Q[1-9][0-9]*$`)
)

// caseMisplaced gives hints for fields people put at the top of a case that
// belong elsewhere.
var caseMisplaced = map[string]string{
	"provider":  "providers are listed under actions: - provider: <slug>",
	"providers": "providers are listed under actions: - provider: <slug>",
	"action":    "actions are a list: actions: - provider: <slug>, action: terminated",
	"services":  "services belong to an action: actions: - provider: <slug>, services: [cdn]",
	"target":    `did you mean "targets"? (a list of entity slugs)`,
	"tag":       `did you mean "tags"? (a list)`,
	"source":    `did you mean "sources"? (a list)`,
	"outcome":   "the outcome is derived from the actions; give each provider's action under actions:",
}

func (d *decoder) caseMeta(n *yaml.Node) *CaseMeta {
	c := &CaseMeta{}
	d.mapping(n, "a case", []field{
		{"title", true, "title: Cloudflare terminates The Daily Stormer", d.line("title", &c.Title)},
		{"summary", true, "summary: One or two neutral sentences.", d.str("summary", &c.Summary)},
		{"date", true, "date: 2017-08-16", func(n *yaml.Node) { c.DatePos = d.pos(n); d.date("date", &c.Date)(n) }},
		{"targets", true, "targets: [daily-stormer]", d.refs("targets", &c.Targets)},
		{"actions", true, "actions: [{provider: cloudflare, action: terminated, date: 2017-08-16, sources: [id]}]", func(n *yaml.Node) {
			d.list("actions", n, func(item *yaml.Node) { c.Actions = append(c.Actions, d.action(item)) })
		}},
		{"people", false, "", d.refs("people", &c.People)},
		{"tags", false, "", d.refs("tags", &c.Tags)},
		{"related", false, "", d.refs("related", &c.Related)},
		{"events", false, "", func(n *yaml.Node) {
			d.list("events", n, func(item *yaml.Node) { c.Events = append(c.Events, d.event(item)) })
		}},
		{"sources", true, "sources: [{id: example-2017, title: ..., publisher: ..., date: 2017-08-16, url: https://...}]", func(n *yaml.Node) {
			d.list("sources", n, func(item *yaml.Node) { c.Sources = append(c.Sources, d.source(item)) })
		}},
		{"draft", false, "", d.boolean("draft", &c.Draft)},
		{"published", false, "", d.date("published", &c.Published)},
		{"updated", false, "", func(n *yaml.Node) { c.UpdatedPos = d.pos(n); d.date("updated", &c.Updated)(n) }},
		{"aliases", false, "", d.refs("aliases", &c.Aliases)},
		{"changes", false, "", func(n *yaml.Node) {
			d.list("changes", n, func(item *yaml.Node) { c.Changes = append(c.Changes, d.change(item)) })
		}},
	}, caseMisplaced)
	if n != nil && n.Kind == yaml.MappingNode {
		for _, key := range []string{"actions", "sources", "targets"} {
			if v := valueOf(n, key); v != nil && v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
				dg := d.errorf(v, "%s is empty: a case needs at least one", key)
				d.hint(dg, "list at least one item under %s:", key)
			}
		}
		if c.Updated.Before(c.Published) {
			dg := d.errorf(valueOf(n, "updated"), "updated %s is before published %s", c.Updated, c.Published)
			d.hint(dg, "a page is updated after it first appeared: correct one of the two dates")
		}
	}
	if c.Updated.Before(c.Date) {
		d.diags.Add(diag.Warnf(c.UpdatedPos, "updated %s is before the case's date %s", c.Updated, c.Date).
			WithHint("updated is the day this page was last revised, which cannot come before date, the decisive moment of the case: check both"))
	}
	return c
}

func valueOf(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func (d *decoder) action(n *yaml.Node) Action {
	a := Action{Pos: d.pos(n)}
	d.mapping(n, "an action", []field{
		{"provider", true, "provider: cloudflare", d.ref("provider", &a.Provider)},
		{"services", false, "", d.refsAsStrings("services", &a.Services)},
		{"action", true, "action: terminated", d.enum("action", Actions, &a.Action)},
		{"date", true, "date: 2017-08-16", d.date("date", &a.Date)},
		{"sources", true, "sources: [source-id]", d.refs("sources", &a.Sources)},
	}, map[string]string{"target": "targets belong to the case, not to an action", "targets": "targets belong to the case, not to an action"})
	return a
}

// refsAsStrings decodes a list of slug-like keywords (services).
func (d *decoder) refsAsStrings(name string, out *[]string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		var refs []Ref
		d.refs(name, &refs)(n)
		for _, r := range refs {
			*out = append(*out, r.Value)
		}
	}
}

func (d *decoder) event(n *yaml.Node) Event {
	e := Event{Pos: d.pos(n)}
	d.mapping(n, "an event", []field{
		{"date", true, "date: 2017-08-12", d.date("date", &e.Date)},
		{"text", true, "text: What happened, in one line.", d.line("text", &e.Text)},
		{"sources", true, "sources: [source-id]", d.refs("sources", &e.Sources)},
	}, nil)
	return e
}

func (d *decoder) source(n *yaml.Node) Source {
	s := Source{Pos: d.pos(n)}
	d.mapping(n, "a source", []field{
		{"id", true, "id: publisher-2017-08-16", d.ref("id", &s.ID)},
		{"title", true, "title: The headline", d.line("title", &s.Title)},
		{"publisher", true, "publisher: The Verge", d.line("publisher", &s.Publisher)},
		{"author", false, "", d.textOrList("author", &s.Authors)},
		{"date", false, "", d.date("date", &s.Date)},
		{"url", false, "", d.url("url", &s.URL)},
		{"archive", false, "", d.url("archive", &s.Archive)},
		{"language", false, "", d.pattern("language", languagePattern, "use a BCP 47 language tag", "en", &s.Language)},
		{"accessed", false, "", d.date("accessed", &s.Accessed)},
	}, map[string]string{"authors": `did you mean "author"? (text or a list)`, "link": `did you mean "url"?`})
	return s
}

func (d *decoder) change(n *yaml.Node) Change {
	var c Change
	d.mapping(n, "a change", []field{
		{"date", true, "date: 2026-11-21", d.date("date", &c.Date)},
		{"note", true, "note: What changed.", d.line("note", &c.Note)},
	}, nil)
	return c
}

func (d *decoder) entityMeta(n *yaml.Node) *EntityMeta {
	e := &EntityMeta{}
	d.mapping(n, "an entity", []field{
		{"name", true, "name: Cloudflare", d.line("name", &e.Name)},
		{"kind", true, "kind: company", d.enum("kind", EntityKinds, &e.Kind)},
		{"aliases", false, "", d.strs("aliases", &e.Aliases)},
		{"website", false, "", d.url("website", &e.Website)},
		{"wikidata", false, "", d.pattern("wikidata", wikidataPattern, "a Wikidata id is Q followed by digits", "Q4778915", &e.Wikidata)},
		{"summary", false, "", d.str("summary", &e.Summary)},
		{"published", false, "", d.date("published", &e.Published)},
		{"draft", false, "", d.boolean("draft", &e.Draft)},
	}, map[string]string{"title": `entities have a name: did you mean "name"?`})
	return e
}

func (d *decoder) pageMeta(n *yaml.Node) *PageMeta {
	p := &PageMeta{}
	d.mapping(n, "a page", []field{
		{"title", true, "title: About", d.line("title", &p.Title)},
		{"summary", false, "", d.str("summary", &p.Summary)},
		{"menu", false, "", d.integer("menu", &p.Menu)},
		{"draft", false, "", d.boolean("draft", &p.Draft)},
	}, nil)
	return p
}

// ConfigPath is the site configuration file, relative to the site root.
const ConfigPath = "content/site.yaml"

func loadConfig(fsys fs.FS, diags *diag.List) *Config {
	c := &Config{Language: "en"}
	if e, ok := entryOf(fsys, ConfigPath); ok && !CheckFile(fsys, ConfigPath, e, MaxConfigSize, diags) {
		return c
	}
	src, err := fs.ReadFile(fsys, ConfigPath)
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: ConfigPath}, "cannot read the site configuration").
			WithHint("create %s with at least title, base_url and publisher", ConfigPath))
		return c
	}
	d, root, ok := configDocument(ConfigPath, src, diags)
	if !ok {
		return c
	}
	var licenseURL *yaml.Node
	d.mapping(root, "site.yaml", configFields(d, c, true, &licenseURL), configMisplaced)
	d.checkLicense(c, licenseURL)
	return c
}
