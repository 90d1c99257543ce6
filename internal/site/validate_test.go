package site_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestBaseIsClean guards the other tests: the base site has no diagnostics.
func TestBaseIsClean(t *testing.T) {
	if got := sitetest.Diags(t, sitetest.FS(t, sitetest.Base)); got != "" {
		t.Fatalf("base site diagnostics:\n%s", got)
	}
}

// caseX returns sitetest.CaseX with old replaced by new (once).
func caseX(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(sitetest.CaseX, old) {
		t.Fatalf("CaseX has no %q", old)
	}
	return "-- content/cases/x.md --\n" + strings.Replace(sitetest.CaseX, old, new, 1)
}

func TestValidation(t *testing.T) {
	tests := []struct {
		name    string
		archive string
		want    string // every diagnostic, formatted
	}{{
		name:    "unknown field with suggestion",
		archive: caseX(t, "title: X case", "titel: X case"),
		want: `content/cases/x.md:2:1: error: missing required field "title" in a case
    hint: add a line such as title: Cloudflare terminates The Daily Stormer
content/cases/x.md:2:1: error: unknown field "titel"
    hint: did you mean "title"?
`,
	}, {
		name:    "provider at the top of a case",
		archive: caseX(t, "date: 2019-08-04\n", "date: 2019-08-04\nprovider: cloudflare\n"),
		want: `content/cases/x.md:5:1: error: unknown field "provider"
    hint: providers are listed under actions: - provider: <slug>
`,
	}, {
		name:    "missing required field",
		archive: caseX(t, "summary: A summary.\n", ""),
		want: `content/cases/x.md:2:1: error: missing required field "summary" in a case
    hint: add a line such as summary: One or two neutral sentences.
`,
	}, {
		name:    "text where a list is wanted",
		archive: caseX(t, "targets: [daily-stormer]", "targets: daily-stormer"),
		want: `content/cases/x.md:5:10: error: targets must be a list, found text "daily-stormer"
    hint: write targets: [daily-stormer]
`,
	}, {
		name:    "bad action",
		archive: caseX(t, "action: terminated", "action: terminate"),
		want: `content/cases/x.md:8:13: error: unknown action "terminate"
    hint: did you mean "terminated"? (one of: terminated, suspended, restored, warned, refused, pressured)
`,
	}, {
		name:    "bad entity kind",
		archive: "-- content/entities/cloudflare.md --\n---\nname: Cloudflare\nkind: corporation\n---\n",
		want: `content/entities/cloudflare.md:3:7: error: unknown kind "corporation"
    hint: use one of: company, platform, website, person, organisation, government
`,
	}, {
		name:    "impossible date",
		archive: caseX(t, "date: 2019-08-04\ntargets", "date: 2017-02-30\ntargets"),
		want: `content/cases/x.md:4:7: error: date: impossible date "2017-02-30": February 2017 has no day 30
    hint: write the date as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2017-08-16
`,
	}, {
		name:    "malformed date",
		archive: caseX(t, "    date: 2019-08-04", "    date: 17-08-16"),
		want: `content/cases/x.md:9:11: error: date: malformed date "17-08-16"
    hint: write the date as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2017-08-16
`,
	}, {
		name:    "bad slug",
		archive: "-- content/cases/Bad Case.md --\n" + sitetest.CaseX,
		want: `content/cases/Bad Case.md: error: bad file name "Bad Case.md": a slug is lowercase a-z, 0-9 and '-'
    hint: rename the file to "bad-case.md"
`,
	}, {
		name:    "duplicate source id across the site",
		archive: "-- content/cases/x.md --\n" + strings.NewReplacer("id: x-1", "id: blog", "sources: [x-1]", "sources: [blog]", "[@x-1]", "[@blog]").Replace(sitetest.CaseX),
		// Reported at both definitions, each naming the other; each case's
		// references resolve to its own source: no "unknown source".
		want: `content/cases/ds-2017.md:20:9: error: source id "blog" is also defined at content/cases/x.md:12:9
    hint: source ids are unique across the site: give one of them another id, and change that case's references to it
content/cases/x.md:12:9: error: source id "blog" is also defined at content/cases/ds-2017.md:20:9
    hint: source ids are unique across the site: give one of them another id, and change that case's references to it
`,
	}, {
		name:    "unknown entity",
		archive: caseX(t, "provider: cloudflare", "provider: cloudfare"),
		want: `content/cases/x.md:7:15: error: unknown entity "cloudfare" (provider)
    hint: did you mean "cloudflare"?
`,
	}, {
		name:    "unknown related case",
		archive: caseX(t, "sources:\n  - id", "related: [other-2018]\nsources:\n  - id"),
		want: `content/cases/x.md:11:11: error: unknown case "other-2018"
    hint: did you mean "other-2019"?
`,
	}, {
		name:    "unknown source id in an action",
		archive: caseX(t, "sources: [x-1]", "sources: [x-2]"),
		want: `content/cases/x.md:10:15: error: unknown source "x-2"
    hint: add it under sources: with id: x-2, or use one of this case's source ids: x-1
`,
	}, {
		name:    "url that is not http",
		archive: caseX(t, "url: https://example.com/x", "url: javascript:alert(1)"),
		want: `content/cases/x.md:15:10: error: url "javascript:alert(1)" is not an http or https URL
    hint: use a full web address starting with https:// or http://
`,
	}, {
		name:    "empty body",
		archive: caseX(t, "\nBody text [@x-1].\n", "\n"),
		want: `content/cases/x.md:16:1: error: case has no body
    hint: write the case study below the closing --- line
`,
	}, {
		name:    "front matter does not close",
		archive: caseX(t, "---\n\nBody", "\nBody"),
		want: `content/cases/x.md:1:1: error: front matter does not close
    hint: add a line --- after the last front matter field
`,
	}, {
		name:    "invalid yaml",
		archive: caseX(t, "summary: A summary.", "summary: A: summary."),
		want: `content/cases/x.md:3:11: error: invalid YAML: a second ": " in a value
    hint: put the value in quotes: summary: "A: summary."
`,
	}, {
		name:    "invalid utf-8",
		archive: caseX(t, "A summary.", "A \xff summary."),
		want: `content/cases/x.md:3:12: error: file is not valid UTF-8
    hint: save the file as UTF-8
`,
	}, {
		name:    "unknown citation in the body",
		archive: caseX(t, "[@x-1]", "[@x-1]. More [@x1]"),
		want: `content/cases/x.md:18:24: error: unknown source "x1"
    hint: did you mean "x-1"?
`,
	}, {
		name:    "unknown link target",
		archive: caseX(t, "Body text", "See [[cloudflar]]. Body text"),
		want: `content/cases/x.md:18:5: error: unknown link target "cloudflar"
    hint: did you mean "cloudflare"?
`,
	}, {
		name:    "unknown heading in a link",
		archive: caseX(t, "Body text", "See [[other-2019#afermath]]. Body text"),
		want: `content/cases/x.md:18:5: error: content/cases/other-2019.md has no heading "afermath"
    hint: did you mean "aftermath"?
`,
	}, {
		name:    "warnings: unused source and unreferenced entity",
		archive: caseX(t, "    url: https://example.com/x\n", "    url: https://example.com/x\n  - id: x-2\n    title: Unused\n    publisher: P\n") + "-- content/entities/lonely.md --\n---\nname: Lonely\nkind: person\n---\n",
		want: `content/cases/x.md:16:9: warning: source "x-2" is never cited
    hint: cite it in the body with [@x-2], use it in an action or event, or remove it
content/entities/lonely.md:1:1: warning: no case refers to entity "lonely"
    hint: list it in a case's targets, actions or people, or remove the file
`,
	}, {
		// Reported at both files; the references to the entity cloudflare
		// (ds-2017's and other-2019's provider, about's link to one of its
		// headings) still find it.
		name: "a case takes an entity's slug",
		archive: "-- content/cases/cloudflare.md --\n" + sitetest.CaseX +
			"-- content/entities/cloudflare.md --\n---\nname: Cloudflare\nkind: company\n---\n\n## History\n\nFounded in 2009.\n" +
			"-- content/pages/about.md --\n---\ntitle: About\n---\n\nSee [[cloudflare#history]] and [[ds-2017]].\n",
		want: `content/cases/cloudflare.md:1:1: error: slug "cloudflare" is also used by content/entities/cloudflare.md
    hint: cases, entities and pages share one namespace of slugs: rename one of the two files
content/entities/cloudflare.md:1:1: error: slug "cloudflare" is also used by content/cases/cloudflare.md
    hint: cases, entities and pages share one namespace of slugs: rename one of the two files
`,
	}, {
		// ds-2017's related: [other-2019] still finds the case.
		name:    "an entity takes a case's slug",
		archive: "-- content/entities/other-2019.md --\n---\nname: Other\nkind: website\n---\n",
		want: `content/cases/other-2019.md:1:1: error: slug "other-2019" is also used by content/entities/other-2019.md
    hint: cases, entities and pages share one namespace of slugs: rename one of the two files
content/entities/other-2019.md:1:1: error: slug "other-2019" is also used by content/cases/other-2019.md
    hint: cases, entities and pages share one namespace of slugs: rename one of the two files
content/entities/other-2019.md:1:1: warning: no case refers to entity "other-2019"
    hint: list it in a case's targets, actions or people, or remove the file
`,
	}, {
		name: "three cases define one source id",
		archive: "-- content/cases/x.md --\n" + strings.NewReplacer("x-1", "blog").Replace(sitetest.CaseX) +
			"-- content/cases/y.md --\n" + strings.NewReplacer("x-1", "blog").Replace(sitetest.CaseX),
		want: `content/cases/ds-2017.md:20:9: error: source id "blog" is also defined at content/cases/x.md:12:9 and content/cases/y.md:12:9
    hint: source ids are unique across the site: give one of them another id, and change that case's references to it
content/cases/x.md:12:9: error: source id "blog" is also defined at content/cases/ds-2017.md:20:9 and content/cases/y.md:12:9
    hint: source ids are unique across the site: give one of them another id, and change that case's references to it
content/cases/y.md:12:9: error: source id "blog" is also defined at content/cases/ds-2017.md:20:9 and content/cases/x.md:12:9
    hint: source ids are unique across the site: give one of them another id, and change that case's references to it
`,
	}, {
		// x.md alone names "named": while its YAML is broken, no case
		// refers to it, but that is for x.md to say; "lonely" is named by
		// no file.
		name: "a case with broken YAML leaves no false warnings",
		archive: caseX(t, "targets: [daily-stormer]\nactions:\n  - provider: cloudflare\n    action", "targets: [daily-stormer, named]\nactions:\n  - provider: cloudflare\n\taction") +
			"-- content/entities/named.md --\n---\nname: Named\nkind: person\n---\n" +
			"-- content/entities/lonely.md --\n---\nname: Lonely\nkind: person\n---\n",
		want: `content/cases/x.md:8:1: error: invalid YAML: a tab character in the indentation
    hint: YAML indents with spaces only: replace the tab with spaces (and set the editor to indent YAML with spaces)
content/entities/lonely.md:1:1: warning: no case refers to entity "lonely"
    hint: list it in a case's targets, actions or people, or remove the file
`,
	}, {
		// A target written as a name is an error that loses the target:
		// the entity it means is not "referred to by no case".
		name:    "a target lost to an error leaves no false warning",
		archive: caseX(t, "targets: [daily-stormer]", "targets: [daily-stormer, Named One]") + "-- content/entities/named-one.md --\n---\nname: Named One\nkind: person\n---\n",
		want: `content/cases/x.md:5:26: error: bad targets item "Named One": use lowercase a-z, 0-9 and '-'
    hint: write "named-one"
`,
	}, {
		// other-2019 cannot be read: ds-2017's related: [other-2019] and
		// its link to other-2019#aftermath are not errors too.
		name:    "an unreadable case leaves no errors elsewhere",
		archive: "-- content/cases/other-2019.md --\nno front matter\n",
		want: `content/cases/other-2019.md:1:1: error: missing front matter
    hint: start the file with a line ---, then the YAML fields, then another --- line
`,
	}, {
		// An action's sources written as text is an error: x-1 is not
		// "never cited" for it.
		name:    "a case with errors keeps its sources quiet",
		archive: caseX(t, "sources: [x-1]", "sources: x-1") + "",
		want: `content/cases/x.md:10:14: error: sources must be a list, found text "x-1"
    hint: write sources: [x-1]
`,
	}, {
		name:    "updated before published",
		archive: caseX(t, "date: 2019-08-04\n", "date: 2019-08-04\npublished: 2024-03-05\nupdated: 2024-01-02\n"),
		want: `content/cases/x.md:6:10: error: updated 2024-01-02 is before published 2024-03-05
    hint: a page is updated after it first appeared: correct one of the two dates
`,
	}, {
		name:    "updated in the month published: not before it",
		archive: caseX(t, "date: 2019-08-04\n", "date: 2019-08-04\npublished: 2024-03-05\nupdated: 2024-03\n"),
		want:    "",
	}, {
		name:    "license_url not an http URL",
		archive: "-- content/site.yaml --\ntitle: T\nbase_url: https://example.org/\npublisher: P\nlicense: Ours\nlicense_url: ftp://example.org/terms\n",
		want: `content/site.yaml:5:14: error: license_url "ftp://example.org/terms" is not an http or https URL
    hint: use a full web address starting with https:// or http://
`,
	}, {
		name:    "license_url without license",
		archive: "-- content/site.yaml --\ntitle: T\nbase_url: https://example.org/\npublisher: P\nlicense_url: https://example.org/terms\n",
		want: `content/site.yaml:4:14: error: license_url is set but license is not
    hint: add license: the licence's name, which the footer shows and links to https://example.org/terms
`,
	}, {
		name:    "licence_url misspelt",
		archive: "-- content/site.yaml --\ntitle: T\nbase_url: https://example.org/\npublisher: P\nlicense: Ours\nlicence_url: https://example.org/terms\n",
		want: `content/site.yaml:5:1: error: unknown field "licence_url"
    hint: did you mean "license_url"?
`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), tt.archive)
			if got := sitetest.Diags(t, fsys); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestFutureDates: a case dated, or updated, after the day of the build
// (Options.Today) gets a warning at the date; without a day, none.
func TestFutureDates(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base),
		caseX(t, "date: 2019-08-04\ntargets", "date: 2031\nupdated: 2026-12-08\ntargets"))
	in := load(t, fsys)
	today := content.Date{Year: 2026, Month: 12, Day: 7}
	_, diags := site.Resolve(in.cfg, in.files, in.docs, site.Options{Today: today})
	want := `content/cases/x.md:4:7: warning: date 2031 is after today (2026-12-07)
    hint: date is the decisive moment of the case, which has happened: check the year
content/cases/x.md:5:10: warning: updated 2026-12-08 is after today (2026-12-07)
    hint: updated is the day this page was last revised: today at the latest
`
	if got := formatted(diags); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if _, diags := site.Resolve(in.cfg, in.files, in.docs, site.Options{}); len(diags) != 0 {
		t.Errorf("without a day: %s", formatted(diags))
	}
	// The day itself, and a month or year that holds it, are not after it.
	for _, d := range []string{"2026-12-07", "2026-12", "2026"} {
		fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), caseX(t, "date: 2019-08-04\ntargets", "date: "+d+"\ntargets"))
		in := load(t, fsys)
		if _, diags := site.Resolve(in.cfg, in.files, in.docs, site.Options{Today: today}); len(diags) != 0 {
			t.Errorf("date %s: %s", d, formatted(diags))
		}
	}
}
