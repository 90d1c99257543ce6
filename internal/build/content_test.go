package build_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestRealContentStandards holds the bundled casebook to its editorial
// standard: no diagnostics at all, every case with at least two sources and a
// 300-900 word body, every action and event sourced, every source dated or
// published by someone, and every case linked to from somewhere.
func TestRealContentStandards(t *testing.T) {
	res, err := build.New(build.Options{SiteDir: "../.."}).Run(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) > 0 {
		var b strings.Builder
		res.Diags.Format(&b)
		t.Fatalf("diagnostics:\n%s", b.String())
	}
	s := res.Site
	if len(s.Cases) != 18 {
		t.Errorf("%d cases; want the 18 of the fact sheet", len(s.Cases))
	}
	for _, c := range s.Cases {
		if len(c.Sources) < 2 {
			t.Errorf("%s: %d sources; want at least 2", c.File, len(c.Sources))
		}
		if c.Cited == 0 {
			t.Errorf("%s: the body cites no source", c.File)
		}
		words := len(strings.Fields(res.Site.Doc(c).Text()))
		if words < 300 || words > 900 {
			t.Errorf("%s: body of %d words; want 300-900", c.File, words)
		}
		for _, a := range c.Actions {
			if len(a.Sources) == 0 {
				t.Errorf("%s: action of %s on %s has no source", c.File, a.Provider.Slug, a.Date)
			}
		}
		for _, e := range c.Events {
			if len(e.Sources) == 0 {
				t.Errorf("%s: event %q has no source", c.File, e.Text)
			}
		}
		if len(c.Tags) == 0 {
			t.Errorf("%s: no tags", c.File)
		}
		if len(c.LinkedFrom) == 0 && len(c.Related) == 0 {
			t.Errorf("%s: no other page links to it", c.File)
		}
	}
	for _, want := range []string{"about", "methodology", "contributing"} {
		if _, ok := s.Lookup(want); !ok {
			t.Errorf("no %s page", want)
		}
	}
}

// TestUncitedQuotation checks that check warns, at its opening mark, about
// a quotation in a case with no citation in its sentence, and not about a
// cited one, nor about one in a free page (which has no sources to cite).
func TestUncitedQuotation(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), `
-- content/cases/x.md --
`+strings.Replace(sitetest.CaseX, "Body text [@x-1].", "Body text [@x-1]. It said \"we will not drop them\". Then \"it changed its whole mind\" [@x-1].", 1)+`
-- content/pages/about.md --
---
title: About
---

We say "this is our own policy here" without a source.
`)
	got := sitetest.Diags(t, fsys)
	line := strings.Count(sitetest.CaseX[:strings.Index(sitetest.CaseX, "Body text")], "\n") + 1
	want := fmt.Sprintf("content/cases/x.md:%d:27: warning: the quotation \"we will not drop them\" has no citation in its sentence", line)
	if !strings.Contains(got, want) {
		t.Errorf("diagnostics:\n%s\nwant %s", got, want)
	}
	if strings.Count(got, "has no citation") != 1 {
		t.Errorf("want exactly one warning about a quotation:\n%s", got)
	}
}
