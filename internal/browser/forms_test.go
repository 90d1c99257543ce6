package browser

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// submitlessJS lists the forms of the page that have no submit button, the
// way HTML_CodeSniffer looks for one (WCAG technique H32): an <input
// type="submit"> or type="image", or a <button type="submit">, inside it.
const submitlessJS = `[...document.forms].filter(f => !f.querySelector(
	'input[type="submit"], input[type="image"], button[type="submit"]')).map(f => f.outerHTML.slice(0, 120))`

// TestFormsHaveSubmitButtons opens each page type once its scripts have
// run: every form on it has a submit button.
func TestFormsHaveSubmitButtons(t *testing.T) {
	tb := newTab(t)
	for _, p := range pageTypes(t) {
		if p.status != 200 {
			tb.expect(p.path, p.status)
		}
		tb.open(p.path)
		if n := eval[int](tb, `document.forms.length`); n == 0 {
			t.Errorf("/%s: no form (every page has the search form in its header or body)", p.path)
		}
		for _, f := range eval[[]string](tb, submitlessJS) {
			t.Errorf("/%s: a form without a submit button: %s", p.path, f)
		}
	}
}

// filterPage is a page with a filter form, and how to tell its items.
type filterPage struct {
	path  string
	form  string // the form's id
	items string // JavaScript: the array of the filtered elements
	match string // JavaScript: (item, provider slug) => whether it is the provider's
}

var filterPages = []filterPage{
	{"cases/", "case-filters", `[...document.querySelectorAll("#cases-table tbody tr")]`,
		`(r, v) => r.dataset.providers.split(" ").includes(v)`},
	{"timeline/", "tl-filters", `[...document.querySelectorAll("#tl-entries li.entry")]`,
		`(li, v) => li.dataset.provider === v`},
}

// TestFilterFormsSubmit submits the filter forms of the cases index and the
// timeline. With JavaScript, the form shows; a provider chosen without the
// events of a choice (as assistive technology may set a value) and the
// submit button filter the items and put the provider in the URL; a URL
// such as a submission without the script gives (every field, empty ones
// too) opens filtered, its query trimmed to the set field. Without
// JavaScript, the form, which could not filter, is not shown and every
// item is.
func TestFilterFormsSubmit(t *testing.T) {
	for _, p := range filterPages {
		t.Run(p.form, func(t *testing.T) {
			tb := newTab(t)
			tb.open(p.path)
			form := `document.getElementById(` + jsString(p.form) + `)`
			if !eval[bool](tb, form+`.offsetParent !== null`) {
				t.Fatalf("/%s: the filter form is not shown with JavaScript", p.path)
			}
			total := eval[int](tb, p.items+`.length`)
			// The provider with the fewest items on the page narrows most.
			slug := eval[string](tb, `(() => {
				const items = `+p.items+`, match = `+p.match+`;
				const opts = [...`+form+`.elements.provider.options].map(o => o.value).filter(Boolean)
					.map(v => [v, items.filter(i => match(i, v)).length]).filter(([, n]) => n > 0 && n < items.length);
				opts.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
				return opts.length ? opts[0][0] : "";
			})()`)
			if slug == "" {
				t.Fatalf("/%s: no provider narrows the %d items", p.path, total)
			}
			want := eval[int](tb, p.items+`.filter(i => (`+p.match+`)(i, `+jsString(slug)+`)).length`)
			shown := p.items + `.filter(i => i.offsetParent !== null)`

			eval[bool](tb, form+`.elements.provider.value = `+jsString(slug)+`, true`)
			tb.click("#" + p.form + ` button[type="submit"]`)
			tb.waitFor("the provider in the URL", `location.search === `+jsString("?provider="+slug))
			if got := eval[int](tb, shown+`.length`); got != want {
				t.Errorf("/%s: after submitting provider %s, %d of %d items shown; want %d", p.path, slug, got, total, want)
			}

			tb.open(p.path + "?provider=" + slug + "&action=&tag=")
			tb.waitFor("the query trimmed", `location.search === `+jsString("?provider="+slug))
			if got := eval[int](tb, shown+`.length`); got != want {
				t.Errorf("/%s?provider=%s&action=&tag=: %d items shown; want %d", p.path, slug, got, want)
			}

			nojs := newTab(t)
			nojs.call("turn JavaScript off", func(ctx context.Context) error {
				_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				return err
			})
			nojs.open(p.path)
			if display := eval[string](nojs, `getComputedStyle(`+form+`).display`); display != "none" {
				t.Errorf("/%s without JavaScript: the filter form has display %s; want none", p.path, display)
			}
			if got := eval[int](nojs, shown+`.length`); got != total {
				t.Errorf("/%s without JavaScript: %d of %d items shown", p.path, got, total)
			}
		})
	}
}
