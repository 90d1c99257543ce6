package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
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
	got, err := c.Check(context.Background(), targets)
	if err != nil {
		t.Fatal(err)
	}
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

// offline is a client whose dialer fails as an offline machine's does
// (err for every host but those in reach, which it dials on the loopback
// address), and counts the dials.
type offline struct {
	err   func(host string) error
	reach map[string]string // host:port -> the loopback address to dial instead
	dials atomic.Int32
}

func (o *offline) client() *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			o.dials.Add(1)
			if real, ok := o.reach[addr]; ok {
				return (&net.Dialer{}).DialContext(ctx, network, real)
			}
			host, _, _ := net.SplitHostPort(addr)
			return nil, &net.OpError{Op: "dial", Net: network, Err: o.err(host)}
		},
	}}
}

func noSuchHost(host string) error {
	return &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func networkUnreachable(string) error { return &net.OpError{Op: "connect", Err: syscall.ENETUNREACH} }

func manyHosts(n int) []Target {
	var targets []Target
	for i := range n {
		targets = append(targets, Target{fmt.Sprintf("https://host%03d.example/page", i), diag.Pos{File: "content/cases/x.md", Line: i + 1, Col: 9}, "url"})
	}
	return targets
}

// TestUnreachable checks that Check gives up once several hosts in a row
// fail at the network level, with one error instead of a warning per
// link, and stops fetching.
func TestUnreachable(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  func(string) error
		want string
	}{
		{"names do not resolve", noSuchHost, ".example: no such host"}, // which host's ends first varies
		{"no route", networkUnreachable, "network is unreachable"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := &offline{err: tt.err}
			c := Checker{Client: o.client(), Concurrency: 4, Retries: 1}
			got, err := c.Check(context.Background(), manyHosts(262))
			var ue *UnreachableError
			if !errors.As(err, &ue) {
				t.Fatalf("Check offline = %d warnings, error %v; want an *UnreachableError", len(got), err)
			}
			if len(got) != 0 {
				t.Errorf("Check offline gave %d warnings as well; want none", len(got))
			}
			msg := err.Error()
			if ue.Hosts != 5 || ue.Links != 262 || !strings.Contains(msg, "5 hosts in a row could not be reached") ||
				!strings.Contains(msg, "262 links") || !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q; want 5 hosts, 262 links and %q", msg, tt.want)
			}
			// The 5 hosts of the run and those in flight beside them
			// (Concurrency), each tried twice (Retries), and no more.
			if n := o.dials.Load(); n > (5+4)*2 {
				t.Errorf("Check dialled %d times after giving up; want at most %d", n, (5+4)*2)
			}
		})
	}
}

// TestUnreachableNotOneDeadSite checks that hosts that do not resolve while
// others answer are reported one by one, and that many links to one dead
// host are not taken for a dead network.
func TestUnreachableNotOneDeadSite(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	o := &offline{err: noSuchHost, reach: map[string]string{}}
	pos := diag.Pos{File: "content/cases/x.md", Line: 1, Col: 9}
	var targets []Target
	for i := range 8 { // one dead host, many links: a dead site, not a dead network
		targets = append(targets, Target{fmt.Sprintf("http://dead.example/%d", i), pos, "url"})
	}
	for _, h := range []string{"a", "b", "c", "d"} { // dead hosts between answers (in URL order: a-ok, a.gone, b-ok, ...)
		o.reach[h+"-ok.example:80"] = srv.Listener.Addr().String()
		targets = append(targets, Target{"http://" + h + "-ok.example/", pos, "url"}, Target{"http://" + h + ".gone.example/", pos, "url"})
	}
	c := Checker{Client: o.client(), Concurrency: 1, Unreachable: 3}
	got, err := c.Check(context.Background(), targets)
	if err != nil {
		t.Fatalf("Check = %v; want warnings", err)
	}
	if len(got) != 12 {
		t.Errorf("Check gave %d warnings; want 12 (8 dead.example, 4 *.gone.example):\n%v", len(got), got)
	}
	for _, d := range got {
		if !strings.Contains(d.Msg, "no such host") {
			t.Errorf("warning %q; want a no such host failure", d.Msg)
		}
	}
}

// TestUnreachableProxy checks that a proxy that cannot be reached is taken
// for an unreachable network.
func TestUnreachableProxy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	proxy := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there any more
	tr := &http.Transport{Proxy: func(*http.Request) (*url.URL, error) { return url.Parse(proxy) }}
	c := Checker{Client: &http.Client{Transport: tr}, Concurrency: 2}
	_, err = c.Check(context.Background(), manyHosts(20))
	var ue *UnreachableError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "proxyconnect") {
		t.Errorf("Check through a dead proxy = %v; want an *UnreachableError naming the proxy connection", err)
	}
}
