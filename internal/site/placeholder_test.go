package site_test

import (
	"context"
	"slices"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestUnfinishedDraftsLeftOut: a draft whose front matter still holds
// placeholders (its metadata lacks those values) is left out even with
// -drafts, with warnings only; once its front matter is filled in, -drafts
// builds it, body placeholders and all.
func TestUnfinishedDraftsLeftOut(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), `
-- content/entities/unfinished.md --
---
draft: true
name: <Name>
kind: <kind>
---
-- content/pages/half.md --
---
draft: true
title: Half done
---

<Write the page.>
-- content/cases/unfinished-case.md --
---
draft: true
title: <Provider does what to whom>
summary: <One or two neutral sentences.>
date: <YYYY-MM-DD>
targets: [<target-slug>]
actions:
  - provider: <provider-slug>
    action: <action>
    date: <YYYY-MM-DD>
    sources: [<source-id>]
sources:
  - id: <source-id>
    title: <Headline>
    publisher: <Publisher>
---

## Background

<Who the target is.>
`)
	for _, drafts := range []bool{false, true} {
		res, err := build.New(build.Options{Site: fsys, Drafts: drafts}).Run(context.Background(), &sitetest.MemSink{})
		if err != nil || res.Diags.HasErrors() {
			t.Fatalf("drafts=%v: %v %v", drafts, err, res.Diags)
		}
		var slugs []string
		for _, e := range res.Site.Entities {
			slugs = append(slugs, e.Slug)
		}
		for _, c := range res.Site.Cases {
			slugs = append(slugs, c.Slug)
		}
		for _, p := range res.Site.Pages {
			slugs = append(slugs, p.Slug)
		}
		if slices.Contains(slugs, "unfinished") || slices.Contains(slugs, "unfinished-case") {
			t.Errorf("drafts=%v: an unfinished draft was built: %q", drafts, slugs)
		}
		if got := slices.Contains(slugs, "half"); got != drafts {
			t.Errorf("drafts=%v: the draft page with a placeholder in its body only built: %v; want %v", drafts, got, drafts)
		}
		if n := res.Diags.Warnings(); n != 15 {
			t.Errorf("drafts=%v: %d warnings; want 15, one per placeholder:\n%v", drafts, n, res.Diags)
		}
	}
}
