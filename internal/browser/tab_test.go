package browser

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// actionTimeout bounds each step a test asks of the browser.
const actionTimeout = 30 * time.Second

// tab is one browser tab for one test. It records, from the tab's first
// event, everything a reader should never meet: console errors, uncaught
// exceptions, failed requests, HTTP errors and requests to any host other
// than the test server. The test fails on them when it ends.
type tab struct {
	t    testing.TB
	ctx  context.Context
	base string // the site's URL with a trailing slash
	host string // host:port of its server: the only host a page may load from

	mu       sync.Mutex
	problems []string
	urls     map[network.RequestID]string
	expected map[string]int64 // URL -> an HTTP error status the test expects
}

// newTab opens a tab in the package's browser; it closes with the test.
func newTab(t testing.TB) *tab {
	t.Helper()
	return newTabAt(t, the.base)
}

// newTabAt is newTab for a site served at base instead of the real one.
func newTabAt(t testing.TB, base string) *tab {
	t.Helper()
	needBrowser(t)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("site URL %q: %v", base, err)
	}
	tb := &tab{t: t, base: base, host: u.Host, urls: map[network.RequestID]string{}, expected: map[string]int64{}}
	ctx, cancel := chromedp.NewContext(the.browser, chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	tb.ctx = ctx
	t.Cleanup(tb.check) // runs before cancel: cleanups run last-in first-out
	return tb
}

// expect declares that loading path answers with status (the 404 page).
func (tb *tab) expect(path string, status int64) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.expected[tb.url(path)] = status
}

// listen runs in the tab's event loop, in order of arrival; it must be fast.
func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		tb.urls[ev.RequestID] = u
		if p := foreign(u, tb.host); p != "" {
			tb.problems = append(tb.problems, p)
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			tb.problems = append(tb.problems, fmt.Sprintf("failed request %s: %s %s", tb.urls[ev.RequestID], ev.ErrorText, ev.BlockedReason))
		}
	case *network.EventResponseReceived:
		r := ev.Response
		if r.Status >= 400 && tb.expected[r.URL] != r.Status {
			tb.problems = append(tb.problems, fmt.Sprintf("HTTP %d for %s", r.Status, r.URL))
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, remoteText(a))
			}
			tb.problems = append(tb.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + remoteText(d.Exception)
		}
		tb.problems = append(tb.problems, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *cdplog.EventEntryAdded:
		e := ev.Entry
		if e.Level != cdplog.EntryLevelError {
			return
		}
		if e.Source == cdplog.EntrySourceNetwork && tb.expected[e.URL] != 0 {
			return // the browser's note about an expected error status
		}
		tb.problems = append(tb.problems, fmt.Sprintf("browser log (%s): %s %s", e.Source, e.Text, e.URL))
	}
}

// foreign describes a request the site must never make: to another host or
// with an unexpected scheme, host being the site's. It returns "" for an
// allowed request.
func foreign(raw, host string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Sprintf("request to an unparsable URL %q", raw)
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return ""
	case "http", "https":
		if u.Host == host {
			return ""
		}
	}
	return fmt.Sprintf("request to another host: %s", raw)
}

// remoteText renders a console argument or an exception readably.
func remoteText(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if o.Description != "" {
		return o.Description
	}
	if len(o.Value) > 0 {
		return string(o.Value)
	}
	return string(o.Type)
}

// check fails the test on every problem the tab recorded.
func (tb *tab) check() {
	// A command's reply comes after every event sent before it, and the
	// listener has handled those events by then.
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[int]("1"))
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.problems) > 0 {
		tb.t.Errorf("the browser reported %d problem(s):\n  %s", len(tb.problems), strings.Join(tb.problems, "\n  "))
	}
}

// url returns the absolute URL of a site path ("/cases/" or "cases/").
func (tb *tab) url(path string) string {
	return tb.base + strings.TrimPrefix(path, "/")
}

// do runs steps in the tab, failing the test on an error.
func (tb *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// call runs a DevTools command in the tab, failing the test on an error.
func (tb *tab) call(what string, f func(context.Context) error) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if err := f(ctx); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// open navigates to a site path and waits for the page to load.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do("open "+path, chromedp.Navigate(tb.url(path)))
}

// click clicks the first element matching a CSS selector.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	tb.do("click "+sel, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// follow clicks the first element matching a CSS selector, a link, and
// waits for the page it leads to to load with status 200.
func (tb *tab) follow(sel string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		tb.t.Fatalf("follow %s: %v", sel, err)
	}
	if resp.Status != 200 {
		tb.t.Fatalf("follow %s: HTTP %d for %s", sel, resp.Status, resp.URL)
	}
}

// waitFor waits until the JavaScript expression is truthy.
func (tb *tab) waitFor(what, expr string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		tb.t.Fatalf("waiting for %s (%s): %v", what, expr, err)
	}
}

// viewport sets the size of the page's viewport in CSS pixels.
func (tb *tab) viewport(w, h int64) {
	tb.t.Helper()
	tb.do(fmt.Sprintf("viewport %dx%d", w, h), chromedp.EmulateViewport(w, h))
}

// scheme emulates prefers-color-scheme: "light" or "dark".
func (tb *tab) scheme(s string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s}},
	})
	if err != nil {
		tb.t.Fatalf("emulate prefers-color-scheme: %s: %v", s, err)
	}
}

// eval evaluates a JavaScript expression in the tab and decodes its value.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// selectOption chooses value in the <select> matching sel and fires the
// input and change events a reader's choice fires.
func selectOption(sel, value string) chromedp.Action[chromedp.Void] {
	q := `document.querySelector(` + jsString(sel) + `)`
	return chromedp.Steps(
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.SetValue(chromedp.CSS(sel), value),
		chromedp.Evaluate[chromedp.Void](q+`.dispatchEvent(new Event("input", {bubbles: true})); `+
			q+`.dispatchEvent(new Event("change", {bubbles: true}))`),
	)
}
