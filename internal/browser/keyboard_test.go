package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// codePages returns the site paths of the built pages that have a code
// block (a <pre>), in file order.
func codePages(t *testing.T) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(the.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), "<pre") {
			r, _ := filepath.Rel(the.dir, p)
			pages = append(pages, strings.TrimSuffix(filepath.ToSlash(r), "index.html"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// scrollerJS defines scrollerOf(el): the box that scrolls el sideways, el
// itself or its nearest ancestor whose overflow-x lets it scroll, or null.
const scrollerJS = `const scrollerOf = el => {
	for (let e = el; e && e !== document.body; e = e.parentElement) {
		const o = getComputedStyle(e).overflowX;
		if (o === "auto" || o === "scroll") return e;
	}
	return null;
};`

// codeBox is what codeBoxesJS reports of the box that scrolls a <pre>.
type codeBox struct {
	Pre       string `json:"pre"`      // the code, cut short, to name the block
	Scroller  bool   `json:"scroller"` // the block scrolls sideways in a box
	TabIndex  int    `json:"tabIndex"`
	Overflows bool   `json:"overflows"` // its content is wider than it
}

const codeBoxesJS = `(() => { ` + scrollerJS + `
	return [...document.querySelectorAll("pre")].map(pre => {
		const s = scrollerOf(pre);
		return {pre: pre.textContent.slice(0, 40), scroller: !!s, tabIndex: s ? s.tabIndex : -1,
			overflows: !!s && s.scrollWidth > s.clientWidth};
	});
})()`

// TestCodeBlocksKeyboard checks every code block of the real site at a
// phone's width: the box it scrolls in is in the tab order, and Chromium's
// accessibility tree gives it the role region and a name. On the first
// block that is wider than the screen, Tab reaches the box and the right
// arrow key scrolls it.
func TestCodeBlocksKeyboard(t *testing.T) {
	pages := codePages(t)
	if len(pages) == 0 {
		t.Fatal("no page of the real site has a code block (contributing/ has one)")
	}
	tb := newTab(t)
	tb.viewport(375, 800)
	scrolled := false
	for _, p := range pages {
		tb.open(p)
		boxes := eval[[]codeBox](tb, codeBoxesJS)
		if len(boxes) == 0 {
			t.Errorf("/%s: the built file has <pre> but the page has no pre element", p)
		}
		for i, b := range boxes {
			where := fmt.Sprintf("/%s, code block %d (%q)", p, i+1, b.Pre)
			if !b.Scroller {
				t.Errorf("%s: it is in no box that scrolls sideways", where)
				continue
			}
			if b.TabIndex != 0 {
				t.Errorf("%s: the box that scrolls it has tabIndex %d; want 0 (keyboard users scroll it by focusing it)", where, b.TabIndex)
			}
			role, name := axRoleName(tb, fmt.Sprintf(`(() => { %s return scrollerOf(document.querySelectorAll("pre")[%d]); })()`, scrollerJS, i))
			if role != "region" || name == "" {
				t.Errorf("%s: the box that scrolls it has role %q and name %q; want a region with a name", where, role, name)
			}
			if b.Overflows && !scrolled {
				tabToScroll(tb, where, i)
				scrolled = true
			}
		}
	}
	if !scrolled {
		t.Errorf("no code block of %v is wider than a phone's screen: the keyboard scrolling was not tried", pages)
	}
}

// axRoleName returns the role and the accessible name Chromium computes for
// the element the JavaScript expression returns.
func axRoleName(tb *tab, expr string) (role, name string) {
	tb.t.Helper()
	obj := eval[*runtime.RemoteObject](tb, expr)
	if obj == nil || obj.ObjectID == "" {
		tb.t.Fatalf("%s gave no element", expr)
	}
	var res accessibility.GetPartialAXTreeResult
	tb.call("the accessibility node", func(ctx context.Context) (err error) {
		res, err = chromedp.Call(ctx, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{ObjectID: obj.ObjectID, FetchRelatives: new(false)})
		return err
	})
	if len(res.Nodes) == 0 || res.Nodes[0].Ignored {
		return "", ""
	}
	n := res.Nodes[0]
	return axString(n.Role), axString(n.Name)
}

// axString returns the string value of an accessibility property, or "".
func axString(v *accessibility.Value) string {
	if v == nil {
		return ""
	}
	var s string
	if json.Unmarshal([]byte(v.Value), &s) != nil {
		return ""
	}
	return s
}

// tabToScroll presses Tab from the top of the page until the box of code
// block i has the focus, then the right arrow key, which must scroll it.
func tabToScroll(tb *tab, where string, i int) {
	tb.t.Helper()
	box := fmt.Sprintf(`(() => { %s return scrollerOf(document.querySelectorAll("pre")[%d]); })()`, scrollerJS, i)
	eval[bool](tb, `document.activeElement.blur(), window.scrollTo(0, 0), true`)
	reached := false
	for n := 0; n < 300 && !reached; n++ {
		tb.do("press Tab", chromedp.KeyEvent(kb.Tab))
		reached = eval[bool](tb, `document.activeElement === `+box)
	}
	if !reached {
		tb.t.Errorf("%s: 300 presses of Tab never reached the box that scrolls it", where)
		return
	}
	tb.do("press the right arrow", chromedp.KeyEvent(kb.ArrowRight))
	tb.waitFor(where+" scrolled by the right arrow key", box+`.scrollLeft > 0`)
}
