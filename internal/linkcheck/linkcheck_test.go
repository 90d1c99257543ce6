package linkcheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/diag"
)

func TestCheck(t *testing.T) {
	var flaky atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
		case "/gone":
			w.WriteHeader(http.StatusNotFound)
		case "/error":
			w.WriteHeader(http.StatusInternalServerError)
		case "/nohead":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/flaky": // fails once, then works: the retry saves it
			if flaky.Add(1) == 1 {
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		case "/slow":
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}
	}))
	defer srv.Close()
	defer close(release)
	pos := func(line int) diag.Pos { return diag.Pos{File: "content/cases/x.md", Line: line, Col: 9} }
	targets := []Target{
		{srv.URL + "/ok", pos(1), "url"},
		{srv.URL + "/gone", pos(2), "url"},
		{srv.URL + "/error", pos(3), "archive"},
		{srv.URL + "/nohead", pos(4), "url"},
		{srv.URL + "/flaky", pos(5), "url"},
		{srv.URL + "/slow", pos(6), "url"},
		{srv.URL + "/gone", pos(7), "url"}, // same URL twice: reported at both places
	}
	c := Checker{Client: &http.Client{Timeout: 200 * time.Millisecond}, Concurrency: 3, Retries: 1}
	got := c.Check(context.Background(), targets)
	got.Sort()
	var lines []string
	for _, d := range got {
		if d.Severity != diag.Warning {
			t.Errorf("%s is not a warning", d)
		}
		lines = append(lines, d.Pos.String()+" "+strings.SplitN(d.Msg, ": ", 2)[1])
	}
	want := []string{
		"content/cases/x.md:2:9 answered 404 Not Found",
		"content/cases/x.md:3:9 answered 500 Internal Server Error",
		"content/cases/x.md:6:9 request failed",
		"content/cases/x.md:7:9 answered 404 Not Found",
	}
	if len(lines) != len(want) {
		t.Fatalf("warnings:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("warning %d = %q; want prefix %q", i, lines[i], want[i])
		}
	}
}
