package browser

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The tests in this file cover pages and controls that arrive with other
// work (the timeline, search, "cite this page"). Each runs as soon as the
// build has its page or markup, and skips, saying why, until then.

// notBuilt skips t while the build lacks rel.
func notBuilt(t *testing.T, rel string) {
	t.Helper()
	if !built(rel) {
		t.Skipf("the build has no %s yet: this test turns on when it does", rel)
	}
}

// TestTimelineFilter applies the provider filter on the timeline: the URL
// query changes and the entries narrow to that provider's actions.
func TestTimelineFilter(t *testing.T) {
	notBuilt(t, "timeline/index.html")
	tb := newTab(t)
	tb.open("timeline/")
	tb.waitFor("timeline.js", `document.getElementById("tl-status").textContent !== ""`)
	entries := `[...document.querySelectorAll("#tl-entries li.entry")]`
	total := eval[int](tb, entries+`.length`)
	// The provider with the fewest entries on the page narrows most.
	slug := eval[string](tb, `(() => {
		const counts = new Map();
		for (const li of `+entries+`) if (li.dataset.provider) counts.set(li.dataset.provider, (counts.get(li.dataset.provider) || 0) + 1);
		const opts = [...document.querySelectorAll('#tl-filters select[name="provider"] option')].map(o => o.value).filter(v => counts.get(v));
		opts.sort((a, b) => counts.get(a) - counts.get(b) || (a < b ? -1 : 1));
		return opts[0] || "";
	})()`)
	if slug == "" || total == 0 {
		t.Fatalf("the timeline has %d entries and no provider to filter by", total)
	}
	want := eval[int](tb, entries+`.filter(li => li.dataset.provider === `+jsString(slug)+`).length`)
	if all := timelineEntries(); total == all {
		// The page holds every entry: the count must match the model.
		for _, p := range the.site.Providers() {
			if p.Slug == slug && len(p.AsProvider) != want {
				t.Errorf("the timeline has %d entries for %s; the site has %d actions", want, slug, len(p.AsProvider))
			}
		}
	}
	tb.do("choose provider "+slug, selectOption(`#tl-filters select[name="provider"]`, slug))
	tb.waitFor("the query in the URL", `new URLSearchParams(location.search).get("provider") === `+jsString(slug))
	visible := entries + `.filter(li => li.offsetParent !== null)`
	if got := eval[int](tb, visible+`.length`); got != want || got >= total {
		t.Errorf("provider %s: %d of %d entries shown; want %d", slug, got, total, want)
	}
	if got := eval[int](tb, visible+`.filter(li => li.dataset.provider !== `+jsString(slug)+`).length`); got != 0 {
		t.Errorf("provider %s: %d entries of other providers shown", slug, got)
	}
}

// timelineEntries counts the actions and events of every case.
func timelineEntries() int {
	n := 0
	for _, c := range the.site.Cases {
		n += len(c.Timeline())
	}
	return n
}

// TestSearch types a query on the search page, sees the expected case
// first, finds the query in the URL and follows the result.
func TestSearch(t *testing.T) {
	notBuilt(t, "search/index.html")
	var want string // the case a search for "kiwi" must find
	for _, c := range the.site.Cases {
		if strings.Contains(strings.ToLower(c.Title), "kiwi") {
			want = c.URL()
			break
		}
	}
	if want == "" {
		t.Skip("no case of the real site has kiwi in its title")
	}
	tb := newTab(t)
	tb.open("search/")
	tb.do("type a query", chromedp.Click(chromedp.CSS("#search-q"), chromedp.NodeVisible), chromedp.SendKeys(chromedp.CSS("#search-q"), "kiwi"))
	first := `document.querySelector("#search-results a")`
	tb.waitFor("a result", first+` !== null`)
	href := eval[string](tb, first+`.pathname`)
	if !strings.Contains(href, "kiwi") {
		t.Errorf("first result for kiwi = %s; want a Kiwi Farms case", href)
	}
	tb.waitFor("the query in the URL", `new URLSearchParams(location.search).get("q") === "kiwi"`)
	tb.follow("#search-results a")
	tb.waitFor("the result's page", `location.pathname === `+jsString(href))
	if got := eval[string](tb, `document.querySelector("h1").textContent`); !strings.Contains(strings.ToLower(got), "kiwi") {
		t.Errorf("the result's page has h1 %q", got)
	}
}

// TestCopyCitation clicks a "Copy" button of "Cite this page" on a case and
// reads the citation back from the clipboard.
func TestCopyCitation(t *testing.T) {
	c := richCase(t)
	if !strings.Contains(readBuilt(rel(c.URL())+"index.html"), `class="cite-text"`) {
		t.Skip(`the case pages have no "Cite this page" yet: this test turns on when they do`)
	}
	tb := newTab(t)
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name},
			Setting:    cdpbrowser.PermissionSettingGranted,
			Origin:     strings.TrimSuffix(the.base, "/"),
		})
		if err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}
	tb.open(rel(c.URL()))
	tb.waitFor("a copy button", `document.querySelector("button.copy-cite") !== null`)
	want := eval[string](tb, `document.querySelector(".cite-text").textContent.replace(/\s+/g, " ").trim()`)
	if !strings.Contains(want, c.Title) {
		t.Errorf("the first citation %q does not name the case %q", want, c.Title)
	}
	tb.click("button.copy-cite")
	tb.waitFor("the copied state", `document.querySelector("button.copy-cite").textContent === "Copied"`)
	got := eval[string](tb, `navigator.clipboard.readText()`)
	if got != want {
		t.Errorf("clipboard = %q; want %q", got, want)
	}
}

// TestCitationDownloads clicks the BibTeX, RIS and CSL-JSON links of "Cite
// this page", with JavaScript on and off: each click saves the file under
// its name, holding the case's citation.
func TestCitationDownloads(t *testing.T) {
	c := richCase(t)
	for _, js := range []bool{true, false} {
		tb := newTab(t)
		dir := t.TempDir()
		ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
		events := true
		_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &events,
		})
		if err == nil && !js {
			_, err = chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		}
		cancel()
		if err != nil {
			t.Fatalf("set up the tab: %v", err)
		}
		tb.open(rel(c.URL()))
		for _, want := range []struct{ ext, start string }{{"bib", "@online{" + c.Slug + ","}, {"ris", "TY  - ELEC"}, {"json", `[{"id":"` + c.Slug + `"`}} {
			tb.click(`a[download="` + c.Slug + "." + want.ext + `"]`)
			name := filepath.Join(dir, c.Slug+"."+want.ext)
			var data []byte
			for deadline := time.Now().Add(actionTimeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				if data, err = os.ReadFile(name); err == nil && len(data) > 0 {
					break
				}
			}
			if !strings.HasPrefix(string(data), want.start) {
				t.Errorf("JavaScript %v: %s.%s = %.80q; want it to start with %q", js, c.Slug, want.ext, data, want.start)
			}
		}
	}
}
