package content

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/diag"
)

const configHead = "title: T\nbase_url: https://example.org/\npublisher: P\n"

// loadSiteYAML loads a site of only content/site.yaml holding src.
func loadSiteYAML(t *testing.T, src string) (*Config, []string) {
	t.Helper()
	_, cfg, diags := Load(fstest.MapFS{"content/site.yaml": {Data: []byte(src)}})
	return cfg, diagLines(diags)
}

func diagLines(diags diag.List) []string {
	diags.Sort()
	var out []string
	for _, d := range diags {
		out = append(out, d.String())
	}
	return out
}

func TestConfigKeepMenuParams(t *testing.T) {
	cfg, diags := loadSiteYAML(t, configHead+`keep:
  - CNAME
  - docs/old/
  - .well-known
params:
  mastodon: https://social.example/@casebook
  since: 2017
  ratio: 0.5
  beta: true
  founded: 2017-08-16
  social: {fediverse: "@casebook", list: [a, 1]}
menu:
  - {label: About, url: /about/}
  - label: Code
    url: https://git.example.org/casebook
`)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var keep []string
	for _, k := range cfg.Keep {
		keep = append(keep, k.Value+"@"+k.Pos.String())
	}
	if want := []string{"CNAME@content/site.yaml:5:5", "docs/old@content/site.yaml:6:5", ".well-known@content/site.yaml:7:5"}; !reflect.DeepEqual(keep, want) {
		t.Errorf("Keep = %v; want %v", keep, want)
	}
	wantParams := Params{"mastodon": "https://social.example/@casebook", "since": 2017, "ratio": 0.5, "beta": true,
		"founded": "2017-08-16", "social": map[string]any{"fediverse": "@casebook", "list": []any{"a", 1}}}
	if !reflect.DeepEqual(cfg.Params, wantParams) {
		t.Errorf("Params = %#v; want %#v", cfg.Params, wantParams)
	}
	wantMenu := []MenuItem{
		{Pos: diag.Pos{File: ConfigPath, Line: 16, Col: 5}, Label: "About", URL: "/about/", URLPos: diag.Pos{File: ConfigPath, Line: 16, Col: 25}},
		{Pos: diag.Pos{File: ConfigPath, Line: 17, Col: 5}, Label: "Code", URL: "https://git.example.org/casebook", URLPos: diag.Pos{File: ConfigPath, Line: 18, Col: 10}, External: true},
	}
	if !reflect.DeepEqual(cfg.Menu, wantMenu) {
		t.Errorf("Menu = %+v; want %+v", cfg.Menu, wantMenu)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string // the start of one of the diagnostics, formatted
	}{
		{"keep absolute", "keep: [/etc]", `content/site.yaml:4:8: error: keep item "/etc" is an absolute path`},
		{"keep dotdot", "keep:\n  - docs/../../x", `content/site.yaml:5:5: error: keep item "docs/../../x" leaves the output folder (..)`},
		{"keep dot", "keep: [.]", `content/site.yaml:4:8: error: keep item "." is the whole output folder`},
		{"keep unclean", "keep: [a//b]", `content/site.yaml:4:8: error: keep item "a//b" is not a clean path` + "\n    hint: write it as \"a/b\""},
		{"keep backslash", `keep: ['a\b']`, `content/site.yaml:4:8: error: keep item "a\\b" has a backslash or a control character`},
		{"keep marker", "keep: [.casebook]", `content/site.yaml:4:8: error: keep item ".casebook" is the file that marks the folder as made by casebook`},
		{"keep twice", "keep: [CNAME, CNAME/]", `content/site.yaml:4:15: error: keep item "CNAME/" is already listed` + "\n    hint: it is at line 4; keep one"},
		{"keep not a list", "keep: CNAME", `content/site.yaml:4:7: error: keep must be a list, found text "CNAME"`},
		{"menu no url", "menu:\n  - label: About", `content/site.yaml:5:5: error: missing required field "url" in a menu item`},
		{"menu javascript", "menu: [{label: X, url: \"javascript:alert(1)\"}]", `content/site.yaml:4:24: error: menu url "javascript:alert(1)" is neither a path of the site (starting with /) nor an http or https address` +
			"\n    hint: write a path of the site such as /about/, or a full address starting with https:// or http://"},
		{"menu relative", "menu: [{label: X, url: about/}]", `content/site.yaml:4:24: error: menu url "about/" is neither a path of the site (starting with /) nor an http or https address`},
		{"menu protocol-relative", "menu: [{label: X, url: //evil.example/}]", `content/site.yaml:4:24: error: menu url "//evil.example/" is neither a path`},
		{"menu title", "menu: [{title: X, url: /x/}]", `content/site.yaml:4:9: error: unknown field "title"` + "\n    hint: did you mean \"label\"?"},
		{"params list", "params: [a]", `content/site.yaml:4:9: error: params must be a mapping of names to values, found a list`},
		{"params key", "params:\n  og-image: x.png", `content/site.yaml:5:3: error: bad key "og-image" in params: use letters, digits and _, starting with a letter or _` +
			"\n    hint: templates read it as .Site.Params.og_image: write og_image"},
		{"params nested key", "params:\n  social:\n    2fa: x", `content/site.yaml:6:5: error: bad key "2fa" in params.social`},
		{"params binary", "params:\n  x: !!binary aGk=", `content/site.yaml:5:6: error: params.x: unsupported value "aGk=" (!!binary)`},
		{"menus", "menus: []", `content/site.yaml:4:1: error: unknown field "menus"` + "\n    hint: did you mean \"menu\"? (a list of label and url)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadSiteYAML(t, configHead+tt.yaml+"\n")
			if !slices.ContainsFunc(diags, func(d string) bool { return strings.HasPrefix(d, tt.want) }) {
				t.Errorf("diagnostics = %q; want one starting %q", diags, tt.want)
			}
		})
	}
}

func TestConfigOverlay(t *testing.T) {
	base, diags := loadSiteYAML(t, configHead+"authors: [A B]\nparams: {a: 1, b: 2}\nmenu: [{label: X, url: /x/}]\nkeep: [CNAME]\n")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	got, more := Overlay(base, "prod.yaml", []byte("base_url: https://casebook.example/\nparams: {b: 3, c: x}\nmenu: [{label: Y, url: /y/}]\n"))
	if len(more) > 0 {
		t.Fatal(diagLines(more))
	}
	if got.BaseURL != "https://casebook.example/" || got.Title != "T" || !reflect.DeepEqual(got.Authors, []string{"A B"}) {
		t.Errorf("overlay: base_url %q, title %q, authors %v; want the overlay's base_url, the rest of site.yaml", got.BaseURL, got.Title, got.Authors)
	}
	if want := (Params{"a": 1, "b": 3, "c": "x"}); !reflect.DeepEqual(got.Params, want) {
		t.Errorf("overlay params = %v; want %v (merged key by key)", got.Params, want)
	}
	if len(got.Menu) != 1 || got.Menu[0].Label != "Y" || got.Menu[0].Pos.File != "prod.yaml" {
		t.Errorf("overlay menu = %+v; want the overlay's only", got.Menu)
	}
	if len(got.Keep) != 1 || got.Keep[0].Value != "CNAME" {
		t.Errorf("overlay keep = %v; want site.yaml's", got.Keep)
	}
	if base.BaseURL != "https://example.org/" || base.Params["b"] != 2 || base.Menu[0].Label != "X" {
		t.Error("Overlay changed the configuration it was given")
	}

	tests := []struct{ src, want string }{
		{"base_url: ftp://x\n", `prod.yaml:1:11: error: base_url "ftp://x" is not an http or https URL`},
		{"\n\ntitel: X\n", `prod.yaml:3:1: error: unknown field "titel"` + "\n    hint: did you mean \"title\"?"},
		{"license_url: https://example.org/l\n", `prod.yaml:1:14: error: license_url is set but license is not`},
		{"title: a: b\n", `prod.yaml:1:9: error: invalid YAML: a second ": " in a value`},
		{"title: \xff\n", `prod.yaml:1:8: error: file is not valid UTF-8`},
		{"keep: [../x]\n", `prod.yaml:1:8: error: keep item "../x" leaves the output folder (..)`},
	}
	for _, tt := range tests {
		_, diags := Overlay(base, "prod.yaml", []byte(tt.src))
		if got := diagLines(diags); len(got) == 0 || !strings.HasPrefix(got[0], tt.want) {
			t.Errorf("Overlay(%q) = %q; want first %q", tt.src, got, tt.want)
		}
	}
	if _, diags := Overlay(base, "empty.yaml", nil); len(diags) > 0 {
		t.Errorf("an empty overlay: %v; want no diagnostic (every field is optional)", diagLines(diags))
	}
}

func TestDraftEntitiesAndPages(t *testing.T) {
	files, _, diags := Load(fstest.MapFS{
		"content/site.yaml":      {Data: []byte(configHead)},
		"content/entities/x.md":  {Data: []byte("---\nname: X\nkind: company\ndraft: true\n---\n")},
		"content/pages/about.md": {Data: []byte("---\ntitle: About\ndraft: true\n---\n")},
		"content/pages/bad.md":   {Data: []byte("---\ntitle: Bad\ndraft: yes\n---\n")},
	})
	got := diagLines(diags)
	if want := `content/pages/bad.md:3:8: error: draft must be true or false, found text "yes"`; len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("diagnostics = %q; want %q", got, want)
	}
	for _, f := range files {
		if f.Slug == "x" && !f.Entity.Draft || f.Slug == "about" && !f.Page.Draft {
			t.Errorf("%s: draft not decoded", f.Path)
		}
	}
}
