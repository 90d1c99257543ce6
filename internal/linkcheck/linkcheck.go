// Package linkcheck checks that external URLs (sources and their archived
// copies) still answer, with bounded concurrency, a timeout and a retry, and
// reports the broken ones as positioned warnings.
//
//	c := linkcheck.Checker{Concurrency: 8, Timeout: 10 * time.Second, Retries: 1}
//	warnings, err := c.Check(ctx, []linkcheck.Target{{URL: "https://example.org/", Pos: pos, What: "url"}})
//	var off *linkcheck.UnreachableError // err: the network seems down, nothing was checked
//
// A URL used in several places is fetched once and reported at each place.
//
// When the first hosts asked all fail before any answers — their names do
// not resolve, the network or the proxy cannot be reached — the machine is
// most likely offline: Check then stops and returns an *UnreachableError
// instead of one identical warning per link.
package linkcheck

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/casebook/casebook/internal/diag"
	"golang.org/x/sync/errgroup"
)

// Target is one URL to check and where the content gives it.
type Target struct {
	URL  string
	Pos  diag.Pos
	What string // "url" or "archive", for the message
}

// Checker checks URLs. The zero value uses 8 workers, a 10 s timeout, one
// retry, and takes the network as unreachable after 5 hosts.
type Checker struct {
	Client      *http.Client // nil: a client with Timeout
	Concurrency int
	Timeout     time.Duration
	Retries     int
	// Unreachable is how many different hosts in a row must fail at the
	// network level (see UnreachableError), none answering in between,
	// for Check to give up; 0 means 5.
	Unreachable int
}

// UnreachableError is returned by Check when the network seems
// unreachable: several hosts in a row failed, none answering in between,
// without a name resolving or a connection being made. Check then stops,
// and reports no link as broken.
type UnreachableError struct {
	Hosts int   // how many hosts failed in a row
	Links int   // how many distinct URLs there were to check
	Err   error // the failure of the first URL of that run, in URL order
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("the network seems unreachable: %d hosts in a row could not be reached (%v); stopped checking the %d links", e.Hosts, e.Err, e.Links)
}

// Unwrap returns Err.
func (e *UnreachableError) Unwrap() error { return e.Err }

// Check fetches every distinct URL of targets and returns a warning for each
// target whose URL failed: a 4xx or 5xx status, a timeout or a network error.
// The error is an *UnreachableError when the network seemed unreachable;
// the warnings are then nil.
func (c Checker) Check(ctx context.Context, targets []Target) (diag.List, error) {
	client := c.Client
	if client == nil {
		client = &http.Client{Timeout: cmp.Or(c.Timeout, 10*time.Second)}
	}
	var urls []string
	for _, t := range targets {
		urls = append(urls, t.URL)
	}
	slices.Sort(urls)
	urls = slices.Compact(urls)
	results := make([]string, len(urls)) // "" ok, else the problem
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := &watch{need: cmp.Or(c.Unreachable, 5), hosts: map[string]int{}, stop: cancel}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(cmp.Or(c.Concurrency, 8))
	for i, u := range urls {
		if ctx.Err() != nil {
			break // gave up: the network is unreachable, or the caller stopped
		}
		g.Go(func() error {
			var err error
			for try := 0; try <= c.Retries; try++ {
				results[i], err = fetch(ctx, client, u)
				if results[i] == "" || ctx.Err() != nil {
					break
				}
			}
			w.done(i, u, err)
			return nil
		})
	}
	g.Wait()
	if first, ok := w.unreachable(); ok {
		return nil, &UnreachableError{Hosts: w.need, Links: len(urls), Err: first}
	}
	var out diag.List
	for _, t := range targets {
		i, _ := slices.BinarySearch(urls, t.URL)
		if p := results[i]; p != "" {
			out.Add(diag.Warnf(t.Pos, "%s %s: %s", t.What, t.URL, p).
				WithHint("check the address; if the page is gone, cite an archived copy"))
		}
	}
	return out, nil
}

// watch follows the outcomes of the fetches as they end, to tell when the
// network is unreachable: need different hosts in a row failing at the
// network level, none answering in between.
type watch struct {
	need int
	stop func() // cancels the other fetches

	mu    sync.Mutex
	hosts map[string]int // the hosts of the current run of failures -> the index of their first URL
	errs  map[int]error  // the failures of the run, by URL index
	gave  bool           // gave up
}

// done records the outcome of the URL at index i: err is the last error of
// its fetch (nil when the server answered, whatever the status).
func (w *watch) done(i int, u string, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.gave {
		return
	}
	if !unreachable(err) {
		clear(w.hosts) // something answered, or failed otherwise: the network works
		w.errs = nil
		return
	}
	host := u
	if p, perr := url.Parse(u); perr == nil {
		host = p.Hostname()
	}
	if _, ok := w.hosts[host]; !ok {
		w.hosts[host] = i
	}
	if w.errs == nil {
		w.errs = map[int]error{}
	}
	w.errs[i] = err
	if len(w.hosts) >= w.need {
		w.gave = true
		w.stop()
	}
}

// unreachable reports whether Check gave up, with the failure of the first
// URL of the run, in URL order (so that the message does not depend on
// which fetch ended first).
func (w *watch) unreachable() (error, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.gave {
		return nil, false
	}
	first := -1
	for i := range w.errs {
		if first < 0 || i < first {
			first = i
		}
	}
	return w.errs[first], true
}

// unreachable reports whether err is a failure to reach the network rather
// than a server: a name that does not resolve (or a resolver that does not
// answer), a network or host without a route, a proxy that cannot be
// reached.
func unreachable(err error) bool {
	if err == nil {
		return false
	}
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &dns):
		return true
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETDOWN):
		return true
	case errors.As(err, &op) && op.Op == "proxyconnect":
		return true
	}
	return false
}

// fetch tries HEAD, then GET when the server does not allow HEAD, and
// returns the problem, or "" when the URL answered with a success or
// redirect; err is the error of the request when it got no answer.
func fetch(ctx context.Context, client *http.Client, url string) (problem string, err error) {
	status, err := do(ctx, client, http.MethodHead, url)
	if err == nil && (status == http.StatusMethodNotAllowed || status == http.StatusForbidden || status == http.StatusNotImplemented) {
		status, err = do(ctx, client, http.MethodGet, url)
	}
	switch {
	case err != nil:
		return fmt.Sprintf("request failed: %v", err), err
	case status >= 400:
		return fmt.Sprintf("answered %d %s", status, http.StatusText(status)), nil
	}
	return "", nil
}

func do(ctx context.Context, client *http.Client, method, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", "casebook-linkcheck (+https://github.com/casebook/casebook)")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
