// Package linkcheck checks that external URLs (sources and their archived
// copies) still answer, with bounded concurrency, a timeout and a retry, and
// reports the broken ones as positioned warnings.
//
//	c := linkcheck.Checker{Concurrency: 8, Timeout: 10 * time.Second, Retries: 1}
//	warnings := c.Check(ctx, []linkcheck.Target{{URL: "https://example.org/", Pos: pos, What: "url"}})
//
// A URL used in several places is fetched once and reported at each place.
package linkcheck

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
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

// Checker checks URLs. The zero value uses 8 workers, a 10 s timeout and one
// retry.
type Checker struct {
	Client      *http.Client // nil: a client with Timeout
	Concurrency int
	Timeout     time.Duration
	Retries     int
}

// Check fetches every distinct URL of targets and returns a warning for each
// target whose URL failed: a 4xx or 5xx status, a timeout or a network error.
func (c Checker) Check(ctx context.Context, targets []Target) diag.List {
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
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(cmp.Or(c.Concurrency, 8))
	for i, u := range urls {
		g.Go(func() error {
			for try := 0; try <= c.Retries; try++ {
				results[i] = fetch(ctx, client, u)
				if results[i] == "" || ctx.Err() != nil {
					break
				}
			}
			return nil
		})
	}
	g.Wait()
	var out diag.List
	for _, t := range targets {
		i, _ := slices.BinarySearch(urls, t.URL)
		if p := results[i]; p != "" {
			out.Add(diag.Warnf(t.Pos, "%s %s: %s", t.What, t.URL, p).
				WithHint("check the address; if the page is gone, cite an archived copy"))
		}
	}
	return out
}

// fetch tries HEAD, then GET when the server does not allow HEAD, and
// returns the problem, or "" when the URL answered with a success or redirect.
func fetch(ctx context.Context, client *http.Client, url string) string {
	status, err := do(ctx, client, http.MethodHead, url)
	if err == nil && (status == http.StatusMethodNotAllowed || status == http.StatusForbidden || status == http.StatusNotImplemented) {
		status, err = do(ctx, client, http.MethodGet, url)
	}
	switch {
	case err != nil:
		return fmt.Sprintf("request failed: %v", err)
	case status >= 400:
		return fmt.Sprintf("answered %d %s", status, http.StatusText(status))
	}
	return ""
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
