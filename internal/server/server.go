// Package server is Casebook's development server: it builds the site into
// memory, serves it, watches the site's files and rebuilds on every change
// (each rebuild a new site, swapped in for the one served),
// reloads open pages by server-sent events, and shows build errors in the
// browser over the last good build (or over a page of its own that says
// there is none, or that the page asked for could not be rendered: a
// template error found rendering it).
//
//	s := server.New(server.Options{SiteDir: ".", Addr: "127.0.0.1:1313"})
//	err := s.ListenAndServe(ctx) // until ctx is cancelled
//
// Only pages served by this package carry the live-reload script; the
// published output never does.
package server

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/render"
)

//go:embed live.js
var liveJS []byte

//go:embed overlay.css
var overlayCSS []byte

// prefix is the URL path of the server's own endpoints.
const prefix = "/_casebook/"

// liveTag is injected before </head> of every HTML page served.
const liveTag = `<script src="/_casebook/live.js" defer></script>`

// Options configure a server.
type Options struct {
	SiteDir string
	Addr    string    // host:port to listen on
	Drafts  bool      // include drafts
	Config  string    // a configuration overlay laid over site.yaml (build.Options.Config), watched too
	Log     io.Writer // where build reports go; nil: discarded
}

// Server holds the last good build and the open event streams.
type Server struct {
	opt Options
	b   *build.Build

	// rebuilding is held by a rebuild, so that rebuilds run one at a time.
	// Requests never wait for it: a rebuild makes a new site and output and
	// swaps them in (cur), never changing those being served.
	rebuilding sync.Mutex
	cur        atomic.Pointer[state]

	mu sync.RWMutex
	// promised is how many changed content files the watcher named to the
	// last rebuild it started (Build.OnlyChanged), -1 when it named none
	// and the rebuild looked at every file.
	promised int
	subs     map[chan string]bool

	idle idleCollect
}

// idleCollect collects the garbage of the sites a rebuild replaced while
// the maintainer reads the reloaded page, instead of during the next
// rebuild: a rebuild at 10,000 cases allocates about 85 MB over a live heap
// of about 350 MB, so the collector would otherwise run, marking the whole
// heap, during one save in four, and slow it by about a third
// (docs/performance.md). A collection starts idleDelay after a rebuild
// ends, unless another rebuild started meanwhile; it changes nothing the
// server serves, only when memory is collected.
type idleCollect struct {
	mu   sync.Mutex
	gen  int           // rebuilds ended so far
	runs int           // collections made so far
	done chan struct{} // closed when the collection after the last rebuild has run, or was skipped
}

// idleDelay is how long after a rebuild the server waits before collecting:
// long enough for the browser to reload the page (its request renders it)
// and its assets, short enough to end before a maintainer saves again.
const idleDelay = 250 * time.Millisecond

// collectLater schedules the collection after a rebuild; call it with
// s.rebuilding held, when the rebuild has ended.
func (s *Server) collectLater() {
	c := &s.idle
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	gen, done := c.gen, make(chan struct{})
	c.done = done
	time.AfterFunc(idleDelay, func() {
		defer close(done)
		c.mu.Lock()
		later := c.gen != gen // a later rebuild ended: its collection comes
		c.mu.Unlock()
		if later || !s.rebuilding.TryLock() { // a rebuild is running
			return
		}
		s.rebuilding.Unlock()
		runtime.GC()
		c.mu.Lock()
		c.runs++
		c.mu.Unlock()
	})
}

// collected returns a channel closed once the collection after the last
// rebuild has run or was skipped (nil before the first rebuild): what a
// benchmark waits for to model a maintainer's pause between two saves.
func (s *Server) collected() <-chan struct{} {
	s.idle.mu.Lock()
	defer s.idle.mu.Unlock()
	return s.idle.done
}

// state is what the server serves and reports after a build; it is never
// changed once swapped in.
type state struct {
	out    *render.Lazy // the last good build, each file rendered when first asked for
	fails  *pageFails   // the template errors out's pages met as they were rendered
	diags  diag.List    // of the last build
	failed bool         // the last build had errors
	stats  build.Stats  // of the last build
}

// pageFails are the template errors of the pages of one output (a
// render.Lazy) that failed to render when asked for: a template that
// parses can still fail on a page's values, which only rendering the
// page finds. Safe for concurrent use.
type pageFails struct {
	mu    sync.Mutex
	diags diag.List
	pages map[string]bool // each place once (the first page found failing there): by file:line:col
}

// add records the diagnostics of a page that failed and returns those not
// recorded before.
func (f *pageFails) add(ds diag.List) diag.List {
	f.mu.Lock()
	defer f.mu.Unlock()
	var fresh diag.List
	for _, d := range ds {
		key := d.Pos.String()
		if d.Pos.Line == 0 {
			key += "\x00" + d.Msg
		}
		if !f.pages[key] {
			f.pages[key] = true
			f.diags = append(f.diags, d)
			fresh = append(fresh, d)
		}
	}
	return fresh
}

// list returns the diagnostics recorded so far, sorted.
func (f *pageFails) list() diag.List {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	l := slices.Clone(f.diags)
	l.Sort()
	return l
}

// state returns the state of the last build; never nil.
func (s *Server) state() *state {
	if st := s.cur.Load(); st != nil {
		return st
	}
	return &state{}
}

// New returns a server for opt. Its pages use http://Addr/ as base URL.
func New(opt Options) *Server {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	b := build.New(build.Options{SiteDir: opt.SiteDir, Drafts: opt.Drafts, Config: opt.Config, BaseURL: "http://" + opt.Addr + "/"})
	return &Server{opt: opt, b: b, subs: map[chan string]bool{}}
}

// Rebuild loads, parses and resolves the site again (decoding, parsing and
// doing the own work of only the files whose bytes changed: site.Cache);
// pages are then rendered as browsers ask for them. The new site and output
// are swapped in whole: requests never wait for a rebuild, and go on being
// served from the last build meanwhile. On success the new site is served
// and open pages reload; on content errors the last good build stays and
// open pages show the errors. The returned error is a failure of the tool.
func (s *Server) Rebuild(ctx context.Context) error {
	s.rebuilding.Lock()
	defer s.rebuilding.Unlock()
	defer s.collectLater()
	res, out, err := s.b.Lazy(ctx)
	if err != nil {
		s.logf("casebook: %v\n", err)
		return err
	}
	last := s.state()
	next := &state{out: last.out, fails: last.fails, diags: res.Diags, failed: !res.OK(), stats: res.Stats}
	if res.OK() {
		next.out, next.fails = out, &pageFails{pages: map[string]bool{}}
	}
	s.cur.Store(next)
	s.mu.Lock()
	res.Diags.Format(s.opt.Log)
	fmt.Fprintln(s.opt.Log, res.Summary("built"))
	event := "reload"
	if next.failed {
		event = "failed"
	}
	for ch := range s.subs {
		select {
		case ch <- event:
		default: // a slow client gets the next one
		}
	}
	s.mu.Unlock()
	return nil
}

// Handler serves the site and the server's own endpoints.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+prefix+"live.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(liveJS)
	})
	mux.HandleFunc("GET "+prefix+"overlay.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Write(overlayCSS)
	})
	mux.HandleFunc("GET "+prefix+"events", s.events)
	mux.HandleFunc("GET "+prefix+"errors.json", s.errors)
	mux.HandleFunc("GET /", s.page)
	return securityHeaders(localOnly(s.opt.Addr, mux))
}

// localOnly answers 421 Misdirected Request to a request whose Host is not
// the server's own: a page of another site whose name an attacker made
// resolve to this machine (DNS rebinding) would otherwise read the preview,
// drafts and errors.json. The server's own names are localhost and its
// subdomains, loopback addresses, the host of addr, and, when addr listens
// on every address (0.0.0.0, ::), any address written as an IP: only a
// name can be rebound.
func localOnly(addr string, h http.Handler) http.Handler {
	own, _, _ := net.SplitHostPort(addr)
	own = strings.ToLower(strings.Trim(own, "[]"))
	ownIP := net.ParseIP(own)
	anyIP := own == "" || ownIP != nil && ownIP.IsUnspecified()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if hh, _, err := net.SplitHostPort(host); err == nil {
			host = hh
		}
		host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
		ip := net.ParseIP(host)
		switch {
		case host == "localhost" || strings.HasSuffix(host, ".localhost"):
		case ip != nil && (ip.IsLoopback() || anyIP):
		case host != "" && host == own:
		default:
			http.Error(w, "casebook serve answers only requests for its own address (Host "+strconv.Quote(r.Host)+" is another site's)", http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// securityHeaders adds the headers a static host should send too.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, kv := range render.SecurityHeaders {
			w.Header().Set(kv[0], kv[1])
		}
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// page serves a file of the last good build: /x/ is x/index.html; anything
// else not found is the site's 404 page with status 404.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	name, ok := outputName(r.URL.Path)
	st := s.state()
	out, failed := st.out, st.failed
	if out == nil {
		if failed {
			errorPage(w, noBuild)
			return
		}
		http.Error(w, "the site is being built", http.StatusServiceUnavailable)
		return
	}
	var data []byte
	found := false
	if ok {
		var err error
		if data, found, err = out.File(name); err != nil {
			s.renderFailed(w, st, name, err)
			return
		}
	}
	if !found {
		if _, isDir, _ := out.File(name + "/index.html"); ok && isDir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		page, _, err := out.File("404.html")
		if err != nil {
			s.renderFailed(w, st, "404.html", err)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(inject(page))
		return
	}
	ct := contentType(name)
	w.Header().Set("Content-Type", ct)
	if strings.HasPrefix(ct, "text/html") {
		data = inject(data)
	}
	w.Write(data)
}

// renderFailed answers a request for the file name of the build st, which
// failed to render with err. A template error is recorded for errors.json
// and printed once, and the page says it could not be rendered, with the
// overlay over it; any other error is a failure of the tool.
func (s *Server) renderFailed(w http.ResponseWriter, st *state, name string, err error) {
	var te *render.TemplateError
	if !errors.As(err, &te) || st.fails == nil {
		s.logf("casebook: rendering %s: %v\n", name, err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if fresh := st.fails.add(te.Diags); len(fresh) > 0 {
		s.mu.Lock()
		fresh.Format(s.opt.Log)
		s.mu.Unlock()
	}
	errorPage(w, pageFailed)
}

// What an error page of the server stands for, which it tells the overlay
// (live.js) in its <meta name="casebook-page">, so that the overlay says
// what is underneath it.
const (
	noBuild    = "no-build"    // no build has succeeded yet: there is no page to show
	pageFailed = "page-failed" // this page's template failed on it
)

// errorPage answers 500 with a page of the server's own that carries the
// overlay. It is the server's, not the site's (there is no page of the
// site to show): the only markup written in Go, with nothing in it from
// the site.
func errorPage(w http.ResponseWriter, what string) {
	title, text := "The site has errors", "No build has succeeded yet. Fix the errors and this page reloads by itself."
	if what == pageFailed {
		title, text = "This page could not be rendered", "A template failed on this page. Fix it and this page reloads by itself."
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	io.WriteString(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="casebook-page" content="`+what+`"><link rel="icon" href="data:,"><title>`+
		title+`</title>`+liveTag+`</head><body><h1>`+title+`</h1><p>`+text+`</p></body></html>`)
}

// outputName maps a URL path to an output file name; ok is false for paths
// that cannot name a file of the site (traversal, odd characters).
func outputName(p string) (string, bool) {
	if strings.ContainsAny(p, "\\\x00") || strings.Contains(p, "/../") || strings.HasSuffix(p, "/..") || !strings.HasPrefix(p, "/") {
		return "", false
	}
	clean := path.Clean(p)
	name := strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	if name == "." || name == "" {
		name = "index.html"
	}
	return name, true
}

var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
	".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
	".csv": "text/csv; charset=utf-8", ".ics": "text/calendar; charset=utf-8", ".bib": "application/x-bibtex; charset=utf-8",
	".ris": "application/x-research-info-systems; charset=utf-8", ".gz": "application/gzip",
}

func contentType(name string) string {
	ext := path.Ext(name)
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

func inject(page []byte) []byte {
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return page
	}
	return slices.Concat(page[:i], []byte(liveTag), page[i:])
}

// events is the server-sent events stream: "reload" after a good build,
// "failed" after a build with errors.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := make(chan string, 1)
	s.mu.Lock()
	s.subs[ch] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	io.WriteString(w, ": connected\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-ch:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev, ev)
			flusher.Flush()
		}
	}
}

// report is one diagnostic as the overlay shows it. Line and col are left
// out when zero (a problem with the whole file, or a whole line), as in
// check -format json. Rendering is set on a template error found rendering
// a page of the build being served, rather than by the last build.
type report struct {
	File      string        `json:"file"`
	Line      int           `json:"line,omitempty"`
	Col       int           `json:"col,omitempty"`
	Severity  string        `json:"severity"`
	Message   string        `json:"message"`
	Hint      string        `json:"hint,omitempty"`
	Context   []contextLine `json:"context,omitempty"`
	Rendering bool          `json:"rendering,omitempty"`
}

type contextLine struct {
	N    int    `json:"n"`
	Text string `json:"text"`
}

// errors returns the diagnostics of the last build with their source
// lines, then the template errors met rendering the pages of the build
// being served.
func (s *Server) errors(w http.ResponseWriter, r *http.Request) {
	st := s.state()
	out := []report{}
	add := func(l diag.List, rendering bool) {
		for _, d := range l {
			out = append(out, report{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(),
				Message: d.Msg, Hint: d.Hint, Context: s.context(d.Pos, 2), Rendering: rendering})
		}
	}
	add(st.diags, false)
	add(st.fails.list(), true)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

// context returns up to n lines either side of pos from the site's file.
// It quotes only what a build could have read as content: a regular file
// of at most content.MaxFileSize, inside the site (os.Root: no link may
// lead out of it); anything else, such as a file replaced by a link or a
// named pipe since the build, gives no lines.
func (s *Server) context(pos diag.Pos, n int) []contextLine {
	name := filepath.FromSlash(pos.File)
	if pos.Line == 0 || !filepath.IsLocal(name) {
		return nil
	}
	root, err := os.OpenRoot(s.opt.SiteDir)
	if err != nil {
		return nil
	}
	defer root.Close()
	if st, err := root.Lstat(name); err != nil || !st.Mode().IsRegular() || st.Size() > content.MaxFileSize {
		return nil
	}
	f, err := root.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	var out []contextLine
	sc := bufio.NewScanner(f)
	for i := 1; sc.Scan() && i <= pos.Line+n; i++ {
		if i >= pos.Line-n {
			out = append(out, contextLine{N: i, Text: sc.Text()})
		}
	}
	return out
}

// ListenAndServe listens on Addr, builds the site, serves it and rebuilds
// on every change, until ctx is cancelled; then it shuts down gracefully.
// It says "serving on ..." only once it listens and the first build is
// done; an address it cannot listen on (taken by another program, say) is
// a *ListenError, returned before anything is built.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.opt.Addr)
	if err != nil {
		return &ListenError{Addr: s.opt.Addr, Err: err}
	}
	defer ln.Close() // Shutdown closes it too; this is for the early returns
	if err := s.Rebuild(ctx); err != nil {
		return err
	}
	w, err := s.watch(ctx)
	if err != nil {
		return err
	}
	defer w.Close()
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(s.opt.Log, "serving on http://%s/ (Ctrl-C to stop)\n", s.opt.Addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	}
}

// ListenError is a failure to listen on the server's address: Err is
// net.Listen's (errors.Is(err, syscall.EADDRINUSE) when the address is
// taken).
type ListenError struct {
	Addr string
	Err  error
}

func (e *ListenError) Error() string { return fmt.Sprintf("cannot listen on %s: %v", e.Addr, e.Err) }

// Unwrap returns Err.
func (e *ListenError) Unwrap() error { return e.Err }
