package browser

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// viewports are the phone and desktop sizes every page must fit.
var viewports = []struct{ w, h int64 }{{375, 800}, {1280, 900}}

// layout is what layoutJS measures on a page.
type layout struct {
	InnerWidth  int      `json:"innerWidth"`
	ScrollWidth int      `json:"scrollWidth"`
	Wide        []string `json:"wide"` // elements sticking out to the right, described
}

// layoutJS measures horizontal overflow: the page's scroll width, and every
// element that is wider than the viewport or ends past its right edge.
// Elements clipped by a box that scrolls or clips horizontally (.table-wrap,
// pre, ...) are skipped: the box itself is measured. An absolutely
// positioned element escapes such a box unless the box contains its
// containing block; a fixed one always does.
const layoutJS = `(() => {
	const vw = window.innerWidth, memo = new Map(), wide = [];
	const clips = el => el !== document.body && el !== document.documentElement && getComputedStyle(el).overflowX !== "visible";
	const clipped = el => {
		if (memo.has(el)) return memo.get(el);
		const pos = getComputedStyle(el).position;
		let by = null;
		if (pos === "fixed") by = null;
		else if (pos === "absolute") by = el.offsetParent;
		else by = el.parentElement;
		const v = !!by && (clips(by) || clipped(by));
		memo.set(el, v);
		return v;
	};
	const describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
		(typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "") +
		' "' + (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40) + '"';
	for (const el of document.body.querySelectorAll("*")) {
		if (clipped(el)) continue;
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) continue;
		if (r.right > vw + 0.5 || r.width > vw + 0.5) {
			wide.push(describe(el) + " from x=" + Math.round(r.left) + " to x=" + Math.round(r.right));
		}
	}
	return {innerWidth: vw, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 15)};
})()`

// TestNoHorizontalScroll opens each page type at phone and desktop widths:
// the page never scrolls sideways and no element is wider than the screen.
func TestNoHorizontalScroll(t *testing.T) {
	tb := newTab(t)
	pages := pageTypes(t)
	for _, vp := range viewports {
		tb.viewport(vp.w, vp.h)
		for _, p := range pages {
			if p.status != 200 {
				tb.expect(p.path, p.status)
			}
			tb.open(p.path)
			m := eval[layout](tb, layoutJS)
			if m.InnerWidth != int(vp.w) {
				t.Errorf("%s at %dx%d: innerWidth = %d; want %d", p.name, vp.w, vp.h, m.InnerWidth, vp.w)
			}
			if m.ScrollWidth > m.InnerWidth {
				t.Errorf("%s (/%s) at %dpx scrolls sideways: scrollWidth %d > innerWidth %d", p.name, p.path, vp.w, m.ScrollWidth, m.InnerWidth)
			}
			if len(m.Wide) > 0 {
				t.Errorf("%s (/%s) at %dpx: elements wider than the viewport or past its right edge:\n  %s",
					p.name, p.path, vp.w, strings.Join(m.Wide, "\n  "))
			}
		}
	}
}

// TestDarkMode checks that prefers-color-scheme: dark switches the page to
// the dark palette: a dark background with light text, and the light
// palette otherwise.
func TestDarkMode(t *testing.T) {
	tb := newTab(t)
	for _, path := range []string{"", rel(richCase(t).URL())} {
		tb.open(path)
		colors := func(scheme string) (bg, fg float64) {
			tb.scheme(scheme)
			c := eval[[]string](tb, `[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]`)
			return luminance(t, c[0]), luminance(t, c[1])
		}
		lbg, lfg := colors("light")
		dbg, dfg := colors("dark")
		if lbg < 0.8 || lfg > 0.2 {
			t.Errorf("/%s light: background luminance %.2f, text %.2f; want a light background with dark text", path, lbg, lfg)
		}
		if dbg > 0.1 || dfg < 0.6 {
			t.Errorf("/%s dark: background luminance %.2f, text %.2f; want a dark background with light text", path, dbg, dfg)
		}
	}
}

// luminance returns the relative luminance (WCAG 2) of a computed CSS color
// "rgb(r, g, b)" or "rgba(r, g, b, a)".
func luminance(t *testing.T, css string) float64 {
	t.Helper()
	inner, ok := strings.CutPrefix(css, "rgb(")
	if !ok {
		inner, ok = strings.CutPrefix(css, "rgba(")
	}
	inner, _ = strings.CutSuffix(inner, ")")
	parts := strings.Split(inner, ",")
	if !ok || len(parts) < 3 {
		t.Fatalf("color %q is not rgb()", css)
	}
	var lin [3]float64
	for i := range lin {
		v, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil {
			t.Fatalf("color %q: %v", css, err)
		}
		lin[i] = linear(v / 255)
	}
	return 0.2126*lin[0] + 0.7152*lin[1] + 0.0722*lin[2]
}

// linear converts an sRGB channel in [0, 1] to linear light.
func linear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}
