package content

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// entity is an entity file whose front matter is front (lines 2 on).
func entity(front string) string { return "---\n" + front + "---\n" }

// TestYAMLErrorPlace checks that a YAML syntax error is reported at the line
// and column of the mistake, which yaml.v3's own line number often is not
// (it names where the enclosing value starts, counts from 0 for some
// errors, and leaves out line 1), with a message and a hint that say what
// is wrong: a tab is called a tab.
func TestYAMLErrorPlace(t *testing.T) {
	tests := []struct {
		name, front string
		want        string // the diagnostic, formatted
	}{{
		// yaml.v3 says line 7 (of the front matter): where "kind"'s value starts.
		name:  "tab on line 8",
		front: "name: A\nkind: company\nsummary: >\n  one\n  two\naliases: [a]\nwebsite: https://example.org\n\twikidata: Q1\n",
		want: `content/entities/x.md:9:1: error: invalid YAML: a tab character in the indentation
    hint: YAML indents with spaces only: replace the tab with spaces (and set the editor to indent YAML with spaces)`,
	}, {
		// yaml.v3: "found character that cannot start any token".
		name:  "tab before a list item",
		front: "name: A\nkind: company\naliases:\n\t- a\n",
		want: `content/entities/x.md:5:1: error: invalid YAML: a tab character in the indentation
    hint: YAML indents with spaces only: replace the tab with spaces (and set the editor to indent YAML with spaces)`,
	}, {
		name:  "tab after spaces",
		front: "name: A\nkind: company\naliases:\n  - a\n  \t- b\n",
		want: `content/entities/x.md:6:3: error: invalid YAML: a tab character in the indentation
    hint: YAML indents with spaces only: replace the tab with spaces (and set the editor to indent YAML with spaces)`,
	}, {
		// yaml.v3 gives no line for line 1.
		name:  "colon in a value on the first line",
		front: "name: Cloudflare: the company\nkind: company\n",
		want: `content/entities/x.md:2:17: error: invalid YAML: a second ": " in a value
    hint: put the value in quotes: name: "Cloudflare: the company"`,
	}, {
		name:  "line indented too far",
		front: "name: A\n  kind: company\n",
		want: `content/entities/x.md:3:3: error: invalid YAML: mapping values are not allowed in this context
    hint: this line is indented further than the field above it: the fields of one mapping start in the same column`,
	}, {
		// yaml.v3 says line 1: it counts from 0 here.
		name:  "list not closed",
		front: "name: A\naliases: [a, b\nkind: company\n",
		want: `content/entities/x.md:3:10: error: invalid YAML: [ is not closed
    hint: close it with ] on the same line, and quote an item that contains a comma, a bracket or ": "`,
	}, {
		name:  "quotes not closed",
		front: "name: A\nsummary: 'it''s\nkind: company\n",
		want: `content/entities/x.md:3:10: error: invalid YAML: the quotes opened here do not close
    hint: end the value with ' (inside single quotes, write '' for an apostrophe)`,
	}, {
		name:  "value starting with @",
		front: "name: @handle\nkind: company\n",
		want: `content/entities/x.md:2:7: error: invalid YAML: a value cannot start with "@"
    hint: put the value in quotes: name: "@handle"`,
	}, {
		name:  "outdented key",
		front: "name: A\nkind: company\nsummary:\n  one: x\n two: y\n",
		want: `content/entities/x.md:6:2: error: invalid YAML: did not find expected key
    hint: this line does not line up with the fields above it: fields of one mapping, and the - of a list's items, start in the same column`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.TrimSpace(loadOne(t, "content/entities/x.md", entity(tt.front)))
			if got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestYAMLErrorInSiteYAML: site.yaml has no --- line before it, so its
// lines are the YAML's.
func TestYAMLErrorInSiteYAML(t *testing.T) {
	fsys := fstest.MapFS{"content/site.yaml": {Data: []byte("title: T\nbase_url: https://example.org/\n\tpublisher: P\n")}}
	_, _, diags := Load(fsys)
	if len(diags) != 1 || diags[0].Pos.String() != "content/site.yaml:3:1" || !strings.Contains(diags[0].Msg, "tab character") {
		t.Errorf("diagnostics = %v; want a tab at content/site.yaml:3:1", diags)
	}
}

// listHint finds the fix a "must be a list" hint suggests.
var listHint = regexp.MustCompile(`hint: write (\w+: \[.*\])`)

// TestListHintIsValid checks that the fix the hint of a list written as
// text suggests is valid: written in place of the line, it gives no error.
// "tags: Payments, Sex work" once gave the hint "write tags: [Payments, Sex
// work]", whose two items are two new errors.
func TestListHintIsValid(t *testing.T) {
	caseWith := func(line string) string {
		return "---\ntitle: T\nsummary: S\ndate: 2017\ntargets: [x]\n" + line + "\nactions:\n  - {provider: p, action: warned, date: 2017, sources: [s]}\n" +
			"sources:\n  - {id: s, title: T, publisher: P}\n---\nBody\n"
	}
	tests := []struct {
		name, file, line, fix string
		src                   func(string) string
	}{
		{"tags with capitals and spaces", "content/cases/x.md", "tags: Payments, Sex work", "tags: [payments, sex-work]", caseWith},
		{"targets as a name", "content/cases/x.md", "people: Daily Stormer", "people: [daily-stormer]", caseWith},
		{"one tag", "content/cases/x.md", "tags: free-speech", "tags: [free-speech]", caseWith},
		{"a tag twice", "content/cases/x.md", "tags: Hate speech, hate-speech", "tags: [hate-speech]", caseWith},
		{"entity aliases", "content/entities/x.md", "aliases: CloudFlare, Cloudflare [US], true", `aliases: [CloudFlare, "Cloudflare [US]", "true"]`,
			func(line string) string { return entity("name: A\nkind: company\n" + line + "\n") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadOne(t, tt.file, tt.src(tt.line))
			m := listHint.FindStringSubmatch(got)
			if m == nil {
				t.Fatalf("diagnostics %q; want a hint to write a list", got)
			}
			if m[1] != tt.fix {
				t.Errorf("hint writes %q; want %q", m[1], tt.fix)
			}
			if again := loadOne(t, tt.file, tt.src(m[1])); again != "" {
				t.Errorf("the hint's fix %q gives:\n%s", m[1], again)
			}
		})
	}
	// An author list keeps "Family, Given" whole.
	fsys := fstest.MapFS{"content/site.yaml": {Data: []byte(siteYAML + "authors: Doe, Jane\n")}}
	_, _, diags := Load(fsys)
	if len(diags) != 1 || diags[0].Hint != `write authors: ["Doe, Jane"]` {
		t.Errorf("authors as text: %v", diags)
	}
}

// TestEmptyFile: an empty file is said to be empty, with what it needs.
func TestEmptyFile(t *testing.T) {
	for _, src := range []string{"", "\n\n  \n"} {
		got := loadOne(t, "content/cases/x.md", src)
		want := "content/cases/x.md: error: file is empty\n    hint: a case file starts with its front matter between two --- lines (title, summary, date, targets, actions and sources; casebook new case SLUG writes them), then its body\n"
		if got != want {
			t.Errorf("%q: %q; want %q", src, got, want)
		}
	}
}

// TestUpdatedBeforeDate: a case updated before its date gets a warning at
// updated, unless the two periods overlap (2018-04 and 2018-04-17).
func TestUpdatedBeforeDate(t *testing.T) {
	src := func(date, updated string) string {
		return "---\ntitle: T\nsummary: S\ndate: " + date + "\ntargets: [x]\nactions:\n  - {provider: p, action: warned, date: 2017, sources: [s]}\n" +
			"sources:\n  - {id: s, title: T, publisher: P}\nupdated: " + updated + "\n---\nBody\n"
	}
	got := loadOne(t, "content/cases/x.md", src("2018-04-17", "2017-12-01"))
	want := "content/cases/x.md:10:10: warning: updated 2017-12-01 is before the case's date 2018-04-17\n" +
		"    hint: updated is the day this page was last revised, which cannot come before date, the decisive moment of the case: check both\n"
	if got != want {
		t.Errorf("diagnostics %q; want %q", got, want)
	}
	for _, ok := range [][2]string{{"2018-04-17", "2018-04"}, {"2018-04-17", "2018"}, {"2018", "2018-01-01"}, {"2018-04-17", "2018-04-17"}, {"2018-04", "2026-12-07"}} {
		if got := loadOne(t, "content/cases/x.md", src(ok[0], ok[1])); got != "" {
			t.Errorf("date %s, updated %s: %q; want nothing", ok[0], ok[1], got)
		}
	}
}

// TestFailedFileKept checks that a file that cannot be read as front
// matter and body is still loaded, broken, so that its slug stays known,
// and that what it may have referred to is known: its words, or anything
// when it was not read.
func TestFailedFileKept(t *testing.T) {
	tests := []struct {
		name, src string
		mentions  []string
		not       []string
	}{
		{"no front matter", "title: Cloudflare drops The Daily Stormer\n", []string{"cloudflare", "daily-stormer"}, []string{"stormer-x", "8chan"}},
		{"empty", "", []string{"anything"}, nil},
		{"bad YAML", "---\ntitle: x\ntargets: [Daily Stormer\n---\nBody mentions 8chan.\n", []string{"daily-stormer"}, []string{"8chan"}},
		{"bad target", "---\ntitle: x\ntargets: Daily Stormer\n---\nBody\n", []string{"daily-stormer"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"content/site.yaml": {Data: []byte(siteYAML)}, "content/cases/x.md": {Data: []byte(tt.src)}}
			files, _, diags := Load(fsys)
			if len(files) != 1 || files[0].Slug != "x" || files[0].Case == nil || !files[0].Incomplete || !diags.HasErrors() {
				t.Fatalf("files %v, diagnostics %v; want x.md kept, incomplete", files, diags)
			}
			for _, s := range tt.mentions {
				if !files[0].Mentions(s) {
					t.Errorf("Mentions(%q) = false; want true", s)
				}
			}
			for _, s := range tt.not {
				if files[0].Mentions(s) {
					t.Errorf("Mentions(%q) = true; want false", s)
				}
			}
		})
	}
}
