package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

func newTestServer(t *testing.T) (*Server, *httptest.Server, string) {
	t.Helper()
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	s := New(Options{SiteDir: dir, Addr: "127.0.0.1:1313"})
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts, dir
}

func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

// rawGet sends a request line as written, without the client cleaning it.
func rawGet(t *testing.T, ts *httptest.Server, target string) (int, string) {
	t.Helper()
	return rawGetHost(t, ts, target, "127.0.0.1")
}

// rawGetHost is rawGet with the Host header host.
func rawGetHost(t *testing.T, ts *httptest.Server, target, host string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestPages(t *testing.T) {
	_, ts, _ := newTestServer(t)
	code, h, body := get(t, ts.URL+"/cases/ds-2017/")
	if code != 200 || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("case page: %d %s", code, h.Get("Content-Type"))
	}
	if !strings.Contains(body, liveTag) || !strings.Contains(body, "<h1>Cloudflare terminates The Daily Stormer</h1>") {
		t.Error("case page lacks its title or the live-reload script")
	}
	for _, hdr := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if h.Get(hdr) == "" {
			t.Errorf("no %s header", hdr)
		}
	}
	if code, h, _ := get(t, ts.URL+"/sitemap.xml"); code != 200 || h.Get("Content-Type") != "application/xml" {
		t.Errorf("sitemap: %d %q", code, h.Get("Content-Type"))
	}
	// A compressed export is sent as it is: a gzip file, not gzip-encoded
	// JSON (which a client would unpack and save under a .gz name).
	if code, h, body := get(t, ts.URL+"/data/cases/2017.json.gz"); code != 200 || h.Get("Content-Type") != "application/gzip" ||
		h.Get("Content-Encoding") != "" || !strings.HasPrefix(body, "\x1f\x8b") {
		t.Errorf("data/cases/2017.json.gz: %d %q, encoding %q, body %.2q", code, h.Get("Content-Type"), h.Get("Content-Encoding"), body)
	}
	if code, _, body := get(t, ts.URL+"/nope/"); code != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("missing page: %d, want the site's 404 page", code)
	}
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(ts.URL + "/cases/ds-2017")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/cases/ds-2017/" {
		t.Errorf("folder without slash: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, _, body := get(t, ts.URL+"/cases/"); code != 200 || strings.Contains(body, "Index of") {
		t.Errorf("cases index: %d", code)
	}
	if code, _, _ := get(t, ts.URL+"/static/"); code != 404 {
		t.Errorf("folder listing: %d; want 404", code)
	}
}

func TestNoTraversal(t *testing.T) {
	_, ts, dir := newTestServer(t)
	secret, _ := os.ReadFile(filepath.Join(dir, "content/site.yaml"))
	for _, target := range []string{
		"/../content/site.yaml",
		"/static/../../content/site.yaml",
		"/%2e%2e/content/site.yaml",
		"/static/..%2f..%2fcontent/site.yaml",
		"/..%5ccontent%5csite.yaml",
		"//etc/passwd",
		"/content/site.yaml",
	} {
		code, body := rawGet(t, ts, target)
		if code == 200 || strings.Contains(body, string(secret)) || strings.Contains(body, "root:") {
			t.Errorf("GET %s: %d, served something outside the site", target, code)
		}
	}
}

// TestHostChecked checks that the server answers only requests for its own
// address: a DNS-rebinding page (another site's name resolved to this
// machine) gets 421, for pages, drafts and errors.json alike.
func TestHostChecked(t *testing.T) {
	_, ts, _ := newTestServer(t)
	port := ts.URL[strings.LastIndex(ts.URL, ":")+1:]
	for _, tc := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST", 200},
		{"preview.localhost:" + port, 200},
		{"[::1]:" + port, 200},
		{"127.0.0.2", 200},
		{"rebind.attacker.example:" + port, 421},
		{"rebind.attacker.example", 421},
		{"localhost.attacker.example", 421},
		{"10.0.0.7:" + port, 421}, // the server listens on 127.0.0.1 only
		{"", 421},
	} {
		for _, target := range []string{"/cases/ds-2017/", "/_casebook/errors.json"} {
			if code, _ := rawGetHost(t, ts, target, tc.host); code != tc.want {
				t.Errorf("GET %s with Host %q: %d; want %d", target, tc.host, code, tc.want)
			}
		}
	}
}

// TestHostOfAddr checks which Host headers localOnly lets through for each
// kind of listening address.
func TestHostOfAddr(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	for _, tc := range []struct {
		addr, host string
		want       int
	}{
		{"127.0.0.1:1313", "127.0.0.1:1313", 200},
		{"127.0.0.1:1313", "192.168.1.5:1313", 421},
		{"192.168.1.5:1313", "192.168.1.5:1313", 200},
		{"192.168.1.5:1313", "localhost:1313", 200},
		{"192.168.1.5:1313", "example.org", 421},
		{"preview.example.org:1313", "preview.example.org:1313", 200},
		{"preview.example.org:1313", "other.example.org:1313", 421},
		{"0.0.0.0:1313", "192.168.1.5:1313", 200},
		{"[::]:1313", "[fe80::1]:1313", 200},
		{"0.0.0.0:1313", "rebind.attacker.example:1313", 421},
		{":1313", "10.1.2.3", 200},
		{":1313", "rebind.attacker.example", 421},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = tc.host
		w := httptest.NewRecorder()
		localOnly(tc.addr, ok).ServeHTTP(w, r)
		if w.Code != tc.want {
			t.Errorf("listening on %s, Host %q: %d; want %d", tc.addr, tc.host, w.Code, tc.want)
		}
	}
}

// events connects to the event stream and returns a function that waits for
// the next event's name.
func events(t *testing.T, ts *httptest.Server) func() string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/_casebook/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				lines <- ev
			}
		}
		close(lines)
	}()
	return func() string {
		select {
		case ev := <-lines:
			return ev
		case <-time.After(10 * time.Second):
			t.Fatal("no event within 10s")
			return ""
		}
	}
}

func TestReloadAndOverlay(t *testing.T) {
	s, ts, dir := newTestServer(t)
	next := events(t, ts)
	ctx := context.Background()
	page := filepath.Join(dir, "content/pages/about.md")
	good, _ := os.ReadFile(page)

	os.WriteFile(page, []byte(strings.Replace(string(good), "title: About", "title: About us", 1)), 0o644)
	s.Rebuild(ctx)
	if ev := next(); ev != "reload" {
		t.Fatalf("after an edit: event %q; want reload", ev)
	}
	if _, _, body := get(t, ts.URL+"/about/"); !strings.Contains(body, "<h1>About us</h1>") {
		t.Error("the edit is not served")
	}

	os.WriteFile(page, []byte(strings.Replace(string(good), "[[ds-2017]]", "[[ds-2071]]", 1)), 0o644)
	s.Rebuild(ctx)
	if ev := next(); ev != "failed" {
		t.Fatalf("after breaking a link: event %q; want failed", ev)
	}
	var reports []report
	_, _, body := get(t, ts.URL+"/_casebook/errors.json")
	if err := json.Unmarshal([]byte(body), &reports); err != nil || len(reports) != 1 {
		t.Fatalf("errors.json = %s (%v); want one report", body, err)
	}
	r := reports[0]
	if r.File != "content/pages/about.md" || r.Line != 9 || r.Col != 18 || !strings.Contains(r.Message, `unknown link target "ds-2071"`) || r.Hint != `did you mean "ds-2017"?` {
		t.Errorf("report = %+v", r)
	}
	if len(r.Context) == 0 || !strings.Contains(r.Context[len(r.Context)-1].Text, "[[ds-2071]]") {
		t.Errorf("report context = %+v; want the source lines up to the error", r.Context)
	}
	if _, _, body := get(t, ts.URL+"/about/"); !strings.Contains(body, "<h1>About us</h1>") {
		t.Error("the last good build is not served while the content has errors")
	}

	os.WriteFile(page, good, 0o644)
	s.Rebuild(ctx)
	if ev := next(); ev != "reload" {
		t.Fatalf("after the fix: event %q; want reload", ev)
	}
	if _, _, body := get(t, ts.URL+"/_casebook/errors.json"); strings.TrimSpace(body) != "[]" {
		t.Errorf("errors.json after the fix = %s; want []", body)
	}
}

// TestErrorContextOnlyFromTheSite breaks a page, then replaces it on disk
// by a link to a file outside the site, and by a named pipe, before the next
// build: errors.json must quote neither (nor hang on the pipe), only a
// regular file inside the site.
func TestErrorContextOnlyFromTheSite(t *testing.T) {
	s, ts, dir := newTestServer(t)
	page := filepath.Join(dir, "content/pages/about.md")
	good, _ := os.ReadFile(page)
	os.WriteFile(page, []byte(strings.Replace(string(good), "[[ds-2017]]", "[[ds-2071]]", 1)), 0o644)
	s.Rebuild(context.Background())
	contextOf := func() string {
		var reports []report
		_, _, body := get(t, ts.URL+"/_casebook/errors.json")
		if err := json.Unmarshal([]byte(body), &reports); err != nil || len(reports) != 1 {
			t.Fatalf("errors.json = %s (%v); want one report", body, err)
		}
		return fmt.Sprint(reports[0].Context)
	}
	if c := contextOf(); !strings.Contains(c, "[[ds-2071]]") {
		t.Fatalf("the context of a regular file = %s", c)
	}
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte(strings.Repeat("SECRET\n", 20)), 0o644)
	os.Remove(page)
	if err := os.Symlink(secret, page); err != nil {
		t.Fatal(err)
	}
	if c := contextOf(); strings.Contains(c, "SECRET") {
		t.Errorf("errors.json quotes a file outside the site: %s", c)
	}
	os.Remove(page)
	if err := syscall.Mkfifo(page, 0o644); err != nil {
		t.Fatal(err)
	}
	if c := contextOf(); c != "[]" {
		t.Errorf("the context of a named pipe = %s", c)
	}
}

// TestWatch checks that a change on disk, in a new sub-folder too, triggers
// a rebuild and a reload.
// watchedTestServer is newTestServer with its watcher running, and the
// function that waits for the next event sent to open pages.
func watchedTestServer(t *testing.T) (*Server, *httptest.Server, string, func() string) {
	t.Helper()
	s, ts, dir := newTestServer(t)
	next := events(t, ts)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	w, err := s.watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return s, ts, dir, next
}

func TestWatch(t *testing.T) {
	_, ts, dir, next := watchedTestServer(t)
	os.WriteFile(filepath.Join(dir, "content/pages/new.md"), []byte("---\ntitle: New page\n---\nHello.\n"), 0o644)
	if ev := next(); ev != "reload" {
		t.Fatalf("event %q; want reload", ev)
	}
	if code, _, body := get(t, ts.URL+"/new/"); code != 200 || !strings.Contains(body, "Hello.") {
		t.Errorf("new page: %d", code)
	}
	sub := filepath.Join(dir, "static", "img")
	os.MkdirAll(sub, 0o755)
	if ev := next(); ev != "reload" { // the new folders are a change too
		t.Fatalf("event %q after creating a folder; want reload", ev)
	}
	os.WriteFile(filepath.Join(sub, "x.txt"), []byte("x"), 0o644)
	if ev := next(); ev != "reload" {
		t.Fatalf("event %q after a file in a new folder; want reload", ev)
	}
	if code, _, _ := get(t, ts.URL+"/static/img/x.txt"); code != 200 {
		t.Errorf("file in a new folder: %d", code)
	}
}

func TestFirstBuildFails(t *testing.T) {
	dir := sitetest.WriteDir(t, sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), "-- content/pages/about.md --\n---\ntitle: [\n---\n"))
	s := New(Options{SiteDir: dir, Addr: "127.0.0.1:1313"})
	s.Rebuild(context.Background())
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	code, _, body := get(t, ts.URL+"/")
	if code != 500 || !strings.Contains(body, liveTag) {
		t.Errorf("with no good build: %d; want 500 with the overlay script", code)
	}
}

// TestServedEqualsFull edits a site on disk step by step (change a body, a
// title, an entity and a template; add, rename and delete a case) and checks
// after each rebuild that every file the server serves, rendered on demand
// over a reused Build, equals what a fresh full build writes.
func TestServedEqualsFull(t *testing.T) {
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	s := New(Options{SiteDir: dir, Addr: "127.0.0.1:1313"})
	file := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	edit := func(name string, f func(string) string) func() {
		return func() {
			data, err := os.ReadFile(file(name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file(name), []byte(f(string(data))), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	newCase := strings.ReplaceAll(sitetest.CaseX, "x-1", "n1")
	appendTo := func(name, text string) func() {
		return edit(name, func(s string) string { return s + text })
	}
	replace := func(name, old, new string) func() {
		return edit(name, func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("%s has no %q", name, old)
			}
			return strings.Replace(s, old, new, 1)
		})
	}
	// fails: the rebuild must fail, and the server keep serving the last
	// good build.
	steps := []struct {
		what  string
		do    func()
		fails bool
	}{
		{"first build", func() {}, false},
		{"nothing", func() {}, false},
		{"change a body", appendTo("content/cases/ds-2017.md", "\nMore text.\n"), false},
		{"change it again", appendTo("content/cases/ds-2017.md", "\nAnd *more*.\n"), false},
		{"cite a source again", appendTo("content/cases/ds-2017.md", "\nAs said [@journal].\n"), false},
		{"add a heading", appendTo("content/cases/ds-2017.md", "\n## Later\n\nText.\n"), false},
		{"add a link", appendTo("content/cases/ds-2017.md", "\nSee [[matthew-prince]].\n"), false},
		{"change a link's label", edit("content/cases/ds-2017.md", func(s string) string {
			return strings.Replace(s, "[[daily-stormer|the site]]", "[[daily-stormer|that site]]", 1)
		}), false},
		{"retitle a case", edit("content/cases/other-2019.md", func(s string) string { return strings.Replace(s, "title: ", "title: New ", 1) }), false},
		{"change a summary and a body", func() {
			replace("content/cases/ds-2017.md", "summary: Cloudflare ended", "summary: Cloudflare stopped")()
			appendTo("content/cases/ds-2017.md", "\nA last word.\n")()
		}, false},
		{"change an event's text", replace("content/cases/ds-2017.md", "text: A rally takes place", "text: A torch rally takes place"), false},
		{"change a source's title and URL", func() {
			replace("content/cases/ds-2017.md", "title: Why We Terminated", "title: Why we terminated")()
			replace("content/cases/ds-2017.md", "url: https://blog.cloudflare.com/why", "url: https://www.cloudflare.com/why")()
		}, false},
		{"retitle a page", replace("content/pages/about.md", "title: ", "title: All "), false},
		{"a placeholder title", replace("content/cases/ds-2017.md", "title: Cloudflare terminates The Daily Stormer", "title: <title>"), true},
		{"the title back", replace("content/cases/ds-2017.md", "title: <title>", "title: Cloudflare terminates The Daily Stormer"), false},
		{"change a case's date", replace("content/cases/ds-2017.md", "date: 2017-08-16\ntargets", "date: 2017-08-17\ntargets"), false},
		{"change a case's tags and targets", func() {
			replace("content/cases/ds-2017.md", "tags: [hate-speech]", "tags: [hate-speech, dns]")()
			replace("content/cases/ds-2017.md", "targets: [daily-stormer]", "targets: [daily-stormer, matthew-prince]")()
		}, false},
		{"an unknown provider", replace("content/cases/ds-2017.md", "provider: cloudflare", "provider: cloudflair"), true},
		{"the provider back, another action type", replace("content/cases/ds-2017.md", "provider: cloudflair\n    services: [ddos-protection, dns]\n    action: terminated", "provider: cloudflare\n    services: [ddos-protection, dns]\n    action: suspended"), false},
		{"add a case", func() { os.WriteFile(file("content/cases/new.md"), []byte(newCase), 0o644) }, false},
		{"rename a case", func() { os.Rename(file("content/cases/new.md"), file("content/cases/renamed.md")) }, false},
		{"change an entity", edit("content/entities/cloudflare.md", func(s string) string { return strings.Replace(s, "name: ", "name: The ", 1) }), false},
		{"give an entity a body", appendTo("content/entities/cloudflare.md", "\nA company.\n"), false},
		{"change an entity's body", appendTo("content/entities/cloudflare.md", "\nBased in San Francisco.\n"), false},
		{"override a template", func() {
			os.MkdirAll(file("templates"), 0o755)
			os.WriteFile(file("templates/page.html"), []byte(`{{define "main"}}<h1>A page</h1>{{.Body}}{{end}}`), 0o644)
		}, false},
		{"change a body after the template", appendTo("content/cases/ds-2017.md", "\nThe end.\n"), false},
		{"delete a case", func() { os.Remove(file("content/cases/renamed.md")) }, false},
	}
	ctx := context.Background()
	var want *build.MemSink // the full build of the last good step
	var pages int
	for _, step := range steps {
		step.do()
		if err := s.Rebuild(ctx); err != nil {
			t.Fatal(err)
		}
		st := s.state()
		if st.failed != step.fails {
			t.Fatalf("%s: the build failed = %v, want %v: %v", step.what, st.failed, step.fails, st.diags)
		}
		if !step.fails {
			want = &build.MemSink{}
			res, err := build.New(build.Options{SiteDir: dir, BaseURL: "http://127.0.0.1:1313/"}).Run(ctx, want)
			if err != nil || !res.OK() {
				t.Fatalf("%s: full build: %v %v", step.what, err, res.Diags)
			}
			pages = res.Pages
		}
		if got := st.out.Pages(); got != pages {
			t.Errorf("%s: the server plans %d pages; the full build wrote %d", step.what, got, pages)
		}
		names := st.out.Names()
		if len(names) != len(want.Files) {
			t.Errorf("%s: the server has %d files; the full build %d", step.what, len(names), len(want.Files))
		}
		for _, name := range names {
			got, ok, err := st.out.File(name)
			if err != nil || !ok {
				t.Fatalf("%s: File(%q) = %v, %v", step.what, name, ok, err)
			}
			if !bytes.Equal(got, want.Files[name]) {
				t.Errorf("%s: %s served differs from the full build", step.what, name)
			}
		}
	}
}

// TestServeWhileRebuilding asks for pages while the site's texts are edited
// and rebuilt: a rebuild makes a new site and swaps it in, and under -race
// (make test) this fails if it wrote into the site being served. Every page
// shows one of the titles, whole.
func TestServeWhileRebuilding(t *testing.T) {
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	s := New(Options{SiteDir: dir, Addr: "127.0.0.1:1313"})
	ctx := context.Background()
	if err := s.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	name := filepath.Join(dir, "content", "cases", "ds-2017.md")
	orig, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	errs := make(chan string, 1)
	go func() {
		defer close(errs)
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			// A case page and the timeline both show the case's title.
			url := ts.URL + []string{"/cases/ds-2017/", "/timeline/2017/", "/entities/cloudflare/"}[i%3]
			resp, err := http.Get(url)
			if err != nil {
				errs <- err.Error()
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(body), "Cloudflare terminates The Daily Stormer, take ") &&
				!strings.Contains(string(body), "Cloudflare terminates The Daily Stormer</") {
				errs <- url + ": " + resp.Status + ", no title"
				return
			}
		}
	}()
	for i := range 20 {
		data := bytes.Replace(orig, []byte("title: Cloudflare terminates The Daily Stormer"), fmt.Appendf(nil, "title: Cloudflare terminates The Daily Stormer, take %d", i), 1)
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := s.Rebuild(ctx); err != nil || s.state().failed {
			t.Fatalf("rebuild %d: %v, failed: %v", i, err, s.state().diags)
		}
	}
	close(done)
	for e := range errs {
		t.Error(e)
	}
}

// TestWatchEqualsFull makes edits the watcher sees (bodies, front matter,
// files added, renamed and deleted, an edit of the same size within the
// same second as the last) and checks after each that the served site
// becomes that of a full build. The watcher names the changed files to the
// rebuild, which looks at no other file: a change it failed to name would
// never show.
func TestWatchEqualsFull(t *testing.T) {
	s, _, dir, next := watchedTestServer(t)
	file := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	replace := func(name, old, new string) func() {
		return func() {
			data, err := os.ReadFile(file(name))
			if err != nil || !bytes.Contains(data, []byte(old)) {
				t.Fatalf("%s: %v, or no %q in it", name, err, old)
			}
			if err := os.WriteFile(file(name), bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	newCase := strings.ReplaceAll(sitetest.CaseX, "x-1", "n1")
	steps := []struct {
		what string
		do   func()
	}{
		{"edit a body", replace("content/cases/ds-2017.md", "\n\n", "\n\nA first word.\n\n")},
		{"the same size, at once", replace("content/cases/ds-2017.md", "A first word.", "A fresh word.")},
		{"change a date", replace("content/cases/ds-2017.md", "date: 2017-08-16\ntargets", "date: 2017-08-18\ntargets")},
		{"add a case", func() { os.WriteFile(file("content/cases/new.md"), []byte(newCase), 0o644) }},
		{"edit two files", func() {
			replace("content/cases/new.md", "title: ", "title: New ")()
			replace("content/entities/cloudflare.md", "name: ", "name: The ")()
		}},
		{"rename a case", func() { os.Rename(file("content/cases/new.md"), file("content/cases/renamed.md")) }},
		{"delete a case", func() { os.Remove(file("content/cases/renamed.md")) }},
		{"edit the site's configuration", replace("content/site.yaml", "title: ", "title: The ")},
		{"edit a page", replace("content/pages/about.md", "title: ", "title: All ")},
	}
	promised := 0
	for _, step := range steps {
		step.do()
		for !servedIsFull(t, s, dir) {
			if ev := next(); ev != "reload" {
				t.Fatalf("%s: event %q: %v", step.what, ev, s.state().diags)
			}
		}
		s.mu.RLock()
		if s.promised > 0 {
			promised++
		}
		s.mu.RUnlock()
	}
	if promised < len(steps)/2 {
		t.Errorf("the watcher named the changed files to %d rebuilds of %d steps", promised, len(steps))
	}
}

// servedIsFull reports whether the server serves what a full build of dir
// writes, file for file.
func servedIsFull(t *testing.T, s *Server, dir string) bool {
	t.Helper()
	want := &build.MemSink{}
	res, err := build.New(build.Options{SiteDir: dir, BaseURL: "http://127.0.0.1:1313/"}).Run(context.Background(), want)
	if err != nil || !res.OK() {
		t.Fatalf("full build: %v %v", err, res.Diags)
	}
	out := s.state().out
	names := out.Names()
	if len(names) != len(want.Files) {
		return false
	}
	for _, name := range names {
		got, ok, err := out.File(name)
		if err != nil || !ok || !bytes.Equal(got, want.Files[name]) {
			return false
		}
	}
	return true
}

// TestListenTaken checks that an address another program listens on is a
// *ListenError naming it, returned before any build, and that the server
// never says it is serving.
func TestListenTaken(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	var log bytes.Buffer
	s := New(Options{SiteDir: dir, Addr: taken.Addr().String(), Log: &log})
	err = s.ListenAndServe(context.Background())
	var le *ListenError
	if !errors.As(err, &le) || le.Addr != taken.Addr().String() || !errors.Is(err, syscall.EADDRINUSE) {
		t.Fatalf("ListenAndServe on a taken address = %v; want a *ListenError with EADDRINUSE", err)
	}
	if log.Len() != 0 {
		t.Errorf("ListenAndServe on a taken address logged %q; want nothing (no build, no \"serving on\")", log.String())
	}
}

// TestServingOnceListening checks that "serving on" is printed once the
// server accepts connections: the log writer connects when it sees it.
func TestServingOnceListening(t *testing.T) {
	free, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := free.Addr().String()
	free.Close()
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	probe := &servingProbe{addr: addr, done: cancel}
	s := New(Options{SiteDir: dir, Addr: addr, Log: probe})
	if err := s.ListenAndServe(ctx); err != nil {
		t.Fatal(err)
	}
	if !probe.said {
		t.Fatalf("the server stopped without saying it was serving")
	}
	if probe.dialErr != nil {
		t.Errorf("connecting when the server said it was serving: %v", probe.dialErr)
	}
}

// servingProbe is a log that, on the line "serving on ...", connects to
// addr and then stops the server.
type servingProbe struct {
	addr    string
	done    func()
	said    bool
	dialErr error
}

func (p *servingProbe) Write(b []byte) (int, error) {
	if bytes.HasPrefix(b, []byte("serving on http://"+p.addr+"/")) {
		p.said = true
		var conn net.Conn
		if conn, p.dialErr = net.Dial("tcp", p.addr); p.dialErr == nil {
			conn.Close()
		}
		p.done()
	}
	return len(b), nil
}

// TestWatchRootAndOverlay: a file added to root/ is served at the root of
// the site after the rebuild it triggers, and an edit of the configuration
// overlay (outside the site) triggers one too.
func TestWatchRootAndOverlay(t *testing.T) {
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	overlay := filepath.Join(t.TempDir(), "preview.yaml")
	os.WriteFile(overlay, []byte("title: Preview one\n"), 0o644)
	s := New(Options{SiteDir: dir, Addr: "127.0.0.1:1313", Config: overlay})
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	next := events(t, ts)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	w, err := s.watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if _, _, body := get(t, ts.URL+"/"); !strings.Contains(body, "<title>Preview one</title>") {
		t.Fatal("the overlay's title is not the site's")
	}

	os.Mkdir(filepath.Join(dir, "root"), 0o755)
	if ev := next(); ev != "reload" {
		t.Fatalf("event %q after creating root/; want reload", ev)
	}
	os.WriteFile(filepath.Join(dir, "root", "CNAME"), []byte("casebook.example.org\n"), 0o644)
	if ev := next(); ev != "reload" {
		t.Fatalf("event %q after adding root/CNAME; want reload", ev)
	}
	if code, _, body := get(t, ts.URL+"/CNAME"); code != 200 || body != "casebook.example.org\n" {
		t.Errorf("/CNAME: %d %q", code, body)
	}

	os.WriteFile(overlay, []byte("title: Preview two\n"), 0o644)
	if ev := next(); ev != "reload" {
		t.Fatalf("event %q after editing the overlay; want reload", ev)
	}
	if _, _, body := get(t, ts.URL+"/"); !strings.Contains(body, "<title>Preview two</title>") {
		t.Error("the edited overlay's title is not the site's")
	}
}

// TestIdleCollection checks that the server collects garbage after a
// rebuild, while idle, and never while a rebuild runs or after a rebuild
// that another followed.
func TestIdleCollection(t *testing.T) {
	s, _, _ := newTestServer(t)
	wait := func() {
		t.Helper()
		select {
		case <-s.collected():
		case <-time.After(time.Minute):
			t.Fatal("no collection, nor one skipped, a minute after a rebuild")
		}
	}
	runs := func() int {
		s.idle.mu.Lock()
		defer s.idle.mu.Unlock()
		return s.idle.runs
	}
	wait() // the collection after newTestServer's rebuild
	before := runs()
	if before != 1 {
		t.Fatalf("%d collections after the first rebuild, want 1", before)
	}

	// A rebuild running when the delay ends: no collection then.
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	done := s.collected()
	s.rebuilding.Lock() // as a rebuild does
	<-done
	s.rebuilding.Unlock()
	if got := runs(); got != before {
		t.Errorf("%d collections during a rebuild, want none", got-before)
	}

	// Two rebuilds: only the second's collection runs.
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	first := s.collected()
	s.idle.mu.Lock()
	s.idle.gen++ // as a rebuild ending before the first's delay does
	s.idle.mu.Unlock()
	<-first
	if got := runs(); got != before {
		t.Errorf("%d collections after a rebuild that another followed, want none", got-before)
	}
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	wait()
	if got := runs(); got != before+1 {
		t.Errorf("%d collections after the last rebuild, want 1", got-before)
	}
}
