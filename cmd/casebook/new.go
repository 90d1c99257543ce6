package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/content"
)

// caseTemplate is written by `casebook new case`. The placeholders in angle
// brackets fail `casebook check` until they are replaced.
const caseTemplate = `---
title: <Provider does what to whom>         # required: one line
summary: <One or two neutral sentences.>     # required, plain text
date: %[1]s                             # required: the decisive moment, YYYY, YYYY-MM or YYYY-MM-DD
targets: [<target-slug>]                     # required: entity slugs whose service was withdrawn or threatened
actions:                                     # required: one item per provider
  - provider: <provider-slug>                # entity slug
    services: [<service>]                    # e.g. ddos-protection, cdn, dns, domain-registration, hosting, payments
    action: <action>                         # terminated | suspended | restored | warned | refused | pressured
    date: %[1]s
    sources: [<source-id>]                   # ids from sources below
# people: [<entity-slug>]                    # optional: anyone else involved (people, organisations)
# tags: [<tag>]                              # optional: keywords from the methodology page
# related: [<case-slug>]                     # optional: related cases
# events:                                    # optional: further dated steps, shown on the timeline
#   - date: YYYY-MM-DD
#     text: What happened, in one line.
#     sources: [<source-id>]
sources:                                     # required: at least one
  - id: <source-id>                          # unique across the whole site
    title: <Headline>
    publisher: <Publisher>
    # author: <Author>                       # optional; a list is allowed
    # date: YYYY-MM-DD
    # url: https://...                       # http(s) only
    # archive: https://web.archive.org/...   # optional archived copy
    # language: en
# draft: true                                # optional: built only with -drafts
# updated: YYYY-MM-DD                        # optional: shown as "last updated"
# aliases: [<former-slug>]                   # optional: former slugs that redirect here
# changes:                                   # optional revision log
#   - date: YYYY-MM-DD
#     note: What changed.
---

## Background

<Write the case in neutral words. End every factual sentence with a citation such as [@source-id].>

## What happened

## The provider's stated reasons

## Reactions

## Aftermath
`

// entityTemplate is written by `casebook new entity`.
const entityTemplate = `---
name: <Name>                    # required
kind: <kind>                    # required: company | platform | website | person | organisation | government
# aliases: [<Other name>]       # optional other names (searchable)
# website: https://...          # optional, http(s)
# wikidata: Q12345              # optional Wikidata id
# summary: <One neutral line.>  # optional
---
`

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", "case|entity SLUG [-site DIR]", "Write a new case or entity file with every field", stdout, stderr)
	siteDir := fs.String("site", ".", "the site `folder` (holding content/)")
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK
	}
	if len(args) < 2 {
		fmt.Fprintln(stderr, "casebook new: want a kind (case or entity) and a slug")
		fs.Usage()
		return exitUsage
	}
	kind, slug := args[0], args[1]
	if code, ok := parseFlags(fs, args[2:], stdout); !ok {
		return code
	}
	var dir, text string
	switch kind {
	case "case":
		dir, text = "cases", fmt.Sprintf(caseTemplate, today())
	case "entity":
		dir, text = "entities", entityTemplate
	default:
		fmt.Fprintf(stderr, "casebook new: unknown kind %q: want case or entity\n", kind)
		return exitUsage
	}
	if len(slug) > content.MaxSlugLen {
		fmt.Fprintf(stderr, "casebook new: slug is %d characters, over the limit of %d\n", len(slug), content.MaxSlugLen)
		return exitUsage
	}
	if !content.SlugPattern.MatchString(slug) {
		fmt.Fprintf(stderr, "casebook new: bad slug %q: use lowercase a-z, 0-9 and '-' (e.g. %q)\n", slug, content.SlugFor(slug))
		return exitUsage
	}
	p := filepath.Join(*siteDir, "content", dir, slug+".md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		fmt.Fprintf(stderr, "casebook new: %v\n", err)
		return exitUsage
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintf(stderr, "casebook new: %s already exists\n", p)
		return exitUsage
	}
	if err == nil {
		_, err = io.WriteString(f, strings.TrimLeft(text, "\n"))
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		fmt.Fprintf(stderr, "casebook new: %v\n", err)
		return exitUsage
	}
	fmt.Fprintln(stdout, p)
	return exitOK
}

func today() string { return time.Now().Format("2006-01-02") }
