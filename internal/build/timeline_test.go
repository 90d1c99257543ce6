package build_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

// bigTimeline returns cases for a timeline larger than one page: a case
// in 2021 with 100 entries, nine in 2020 with 101 entries each (more than
// site.TimelinePageSize in one year, spread over twelve months) and one in
// each of 2014-2016 with 50 entries.
func bigTimeline() string {
	var b strings.Builder
	writeCase := func(slug string, year, events int) {
		fmt.Fprintf(&b, "-- content/cases/%s.md --\n---\ntitle: Case %s\nsummary: S.\ndate: %d-01-01\n", slug, slug, year)
		fmt.Fprintf(&b, "targets: [daily-stormer]\nactions:\n  - provider: cloudflare\n    action: terminated\n    date: %d-01-01\n    sources: [%s-s]\nevents:\n", year, slug)
		for i := range events {
			fmt.Fprintf(&b, "  - date: %d-%02d-%02d\n    text: Event %d of %s.\n    sources: [%s-s]\n", year, i%12+1, i%28+1, i, slug, slug)
		}
		fmt.Fprintf(&b, "sources:\n  - id: %s-s\n    title: T\n    publisher: P\n    url: https://example.com/%s\n---\n\nBody [@%s-s].\n", slug, slug, slug)
	}
	writeCase("big-2021", 2021, 99)
	for i := range 9 {
		writeCase(fmt.Sprintf("big-2020-%d", i), 2020, 100)
	}
	for y := 2014; y <= 2016; y++ {
		writeCase(fmt.Sprintf("big-%d", y), y, 49)
	}
	return b.String()
}

// TestTimelineScale builds a site with more entries than a page holds and
// checks how the timeline splits: recent years in full on /timeline/, older
// years on their own pages, a year of more than a page in month pages, no
// page near 1 MB, and every entry at its permalink. The crawl checks every
// link, so every entry id linked from a case page exists.
func TestTimelineScale(t *testing.T) {
	res, files := sitetest.Build(t, sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), bigTimeline()))
	if !res.OK() {
		t.Fatalf("build failed:\n%v", res.Diags)
	}
	tl := res.Site.Timeline()
	if len(tl.Entries) <= site.TimelinePageSize {
		t.Fatalf("only %d entries; the test needs more than %d", len(tl.Entries), site.TimelinePageSize)
	}
	crawl(t, files, res.Site.BasePath)

	main := string(files["timeline/index.html"])
	if !strings.Contains(main, `id="year-2021"`) {
		t.Errorf("/timeline/ does not show 2021 in full")
	}
	for _, y := range []string{"2014", "2015", "2016", "2017", "2019", "2020"} {
		if strings.Contains(main, `id="year-`+y+`"`) {
			t.Errorf("/timeline/ shows %s in full; want a link to its page", y)
		}
		if !strings.Contains(main, `<a href="/sub/timeline/`+y+`/">`+y+`</a>`) {
			t.Errorf("/timeline/ does not link to the page of %s", y)
		}
	}
	y2020 := string(files["timeline/2020/index.html"])
	if strings.Contains(y2020, `class="entry `) || !strings.Contains(y2020, `<a href="/sub/timeline/2020/07/">July 2020</a>`) {
		t.Errorf("the page of 2020 (909 entries) does not link its months instead of listing them")
	}
	for name, data := range files {
		if len(data) > 1<<20 {
			t.Errorf("%s is %d bytes; want at most 1 MiB", name, len(data))
		}
	}

	// Every entry is at its permalink, and the crawl has checked that the case
	// pages link to every permalink.
	var f struct {
		Entries []struct{ ID, URL string }
	}
	if err := json.Unmarshal(sitetest.DataItems(t, files, "data/timeline.json", "entries"), &f.Entries); err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != len(tl.Entries) {
		t.Fatalf("timeline.json has %d entries; want %d", len(f.Entries), len(tl.Entries))
	}
	ids := map[string]bool{}
	pages := map[string]*page{}
	for _, e := range f.Entries {
		if ids[e.ID] {
			t.Errorf("duplicate entry id %s", e.ID)
		}
		ids[e.ID] = true
		u, err := url.Parse(e.URL)
		if err != nil || u.Fragment != e.ID {
			t.Errorf("entry %s: URL %s does not end in its id", e.ID, e.URL)
			continue
		}
		name := strings.TrimPrefix(u.Path, res.Site.BasePath) + "index.html"
		p, ok := pages[name]
		if !ok {
			p, _ = scanPage(files[name])
			pages[name] = p
		}
		if !p.ids[e.ID] {
			t.Errorf("entry %s is not on its page %s", e.ID, name)
		}
	}
	if e, _ := tl.Lookup("2020-07-07-big-2020-0-event-1"); e == nil || !strings.HasSuffix(e.URL(), "/timeline/2020/07/#2020-07-07-big-2020-0-event-1") {
		t.Errorf("an entry of 2020 does not have its permalink on the July page: %v", e)
	}
}

// TestCrawlFindsEveryEntry checks on the real content that every entry's
// id is on its permalink page and on /timeline/, and that its case page
// links to it.
func TestCrawlFindsEveryEntry(t *testing.T) {
	sink := &sitetest.MemSink{}
	res, err := build.New(build.Options{SiteDir: "../.."}).Run(context.Background(), sink)
	if err != nil || !res.OK() {
		t.Fatalf("build: %v %v", err, res.Diags)
	}
	files := sink.Files
	if len(res.Site.Timeline().Entries) == 0 {
		t.Fatal("the real content has no timeline entries")
	}
	main, _ := scanPage(files["timeline/index.html"])
	for _, e := range res.Site.Timeline().Entries {
		if !main.ids[e.ID] {
			t.Errorf("/timeline/ lacks %s", e.ID)
		}
		cp, _ := scanPage(files[strings.TrimPrefix(e.Case.URL(), res.Site.BasePath)+"index.html"])
		found := false
		for _, l := range cp.links {
			found = found || l == e.URL()
		}
		if !found {
			t.Errorf("the case page of %s does not link to %s", e.Case.Slug, e.URL())
		}
	}
}
