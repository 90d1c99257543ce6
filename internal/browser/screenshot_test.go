//go:build screenshots

// The screenshot run is not a check: it exists only with -tags screenshots
// (make screenshots), so the normal suite has no skipped test.

package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// screenshotsEnv names the folder TestScreenshots writes to; `make
// screenshots` sets it to ./screenshots (which git ignores).
const screenshotsEnv = "CASEBOOK_SCREENSHOTS"

// TestScreenshots writes a full-page PNG of each page type at phone and
// desktop widths, light and dark, for a person to look at:
// <dir>/<page>-<width>[-dark].png. It runs only when CASEBOOK_SCREENSHOTS
// names the folder.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv(screenshotsEnv)
	if dir == "" {
		t.Fatalf("set %s to a folder to write screenshots (make screenshots)", screenshotsEnv)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tb := newTab(t)
	pages := pageTypes(t)
	n := 0
	for _, scheme := range []string{"light", "dark"} {
		tb.scheme(scheme)
		for _, vp := range viewports {
			tb.viewport(vp.w, vp.h)
			for _, p := range pages {
				if p.status != 200 {
					tb.expect(p.path, p.status)
				}
				tb.open(p.path)
				png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatalf("screenshot of %s: %v", p.name, err)
				}
				name := fmt.Sprintf("%s-%d.png", p.name, vp.w)
				if scheme == "dark" {
					name = fmt.Sprintf("%s-%d-dark.png", p.name, vp.w)
				}
				if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
					t.Fatal(err)
				}
				n++
			}
		}
	}
	t.Logf("wrote %d screenshots to %s", n, dir)
}
