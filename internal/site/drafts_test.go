package site_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestDraftEntitiesAndPages: an entity or page with draft: true is left out
// as a draft case is, and a reference or link to it from a published file
// is an error whose hint says it is a draft; with -drafts it is built.
func TestDraftEntitiesAndPages(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), `
-- content/entities/matthew-prince.md --
---
name: Matthew Prince
kind: person
draft: true
---
-- content/pages/about.md --
---
title: About
menu: 1
draft: true
---

Links to [[nowhere]] are not checked in a draft left out.
-- content/pages/contact.md --
---
title: Contact
---

See [[about]].
`)
	want := `content/cases/ds-2017.md:12:10: error: unknown entity "matthew-prince" (person or organisation)
    hint: content/entities/matthew-prince.md is a draft; build with -drafts or publish it
content/cases/other-2019.md:21:34: error: unknown link target "matthew-prince"
    hint: content/entities/matthew-prince.md is a draft; build with -drafts or publish it
content/pages/contact.md:5:5: error: unknown link target "about"
    hint: content/pages/about.md is a draft; build with -drafts or publish it
`
	if got := sitetest.Diags(t, fsys); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}

	// Published files that do not refer to the drafts build without them.
	fsys = sitetest.Overlay(t, fsys, `
-- content/pages/contact.md --
---
title: Contact
---

Write to us.
-- content/cases/ds-2017.md --
`+strings.Replace(strings.Replace(baseFile(t, "content/cases/ds-2017.md"), "people: [matthew-prince]\n", "", 1), "[[other-2019#aftermath]]", "[[other-2019]]", 1)+`
-- content/cases/other-2019.md --
`+strings.Replace(baseFile(t, "content/cases/other-2019.md"), "Ask [[matthew-prince]].", "", 1))
	res, files := sitetest.Build(t, fsys)
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	for _, name := range []string{"about/index.html", "entities/matthew-prince/index.html"} {
		if _, ok := files[name]; ok {
			t.Errorf("%s was built from a draft", name)
		}
	}
	if strings.Contains(string(files["index.html"]), `href="/sub/about/"`) {
		t.Error("the menu links the draft page")
	}
	if len(res.Site.Pages) != 1 || res.Site.Pages[0].Slug != "contact" {
		t.Errorf("pages: %d; want contact only", len(res.Site.Pages))
	}

	sink := &sitetest.MemSink{}
	res, err := build.New(build.Options{Site: fsys, Drafts: true}).Run(context.Background(), sink)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Diags.Summary(), "1 error in 1 file, 1 warning"; got != want || !strings.Contains(fmt.Sprint(res.Diags), `content/pages/about.md:7:10: error: unknown link target "nowhere"`) {
		t.Errorf("with -drafts: %s\n%v; want the draft page's own broken link, and the draft entity no case refers to now", got, res.Diags)
	}
}

// baseFile returns a file of sitetest.Base.
func baseFile(t *testing.T, name string) string {
	t.Helper()
	return string(sitetest.FS(t, sitetest.Base)[name].Data)
}
