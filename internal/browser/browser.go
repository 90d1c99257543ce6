// Package browser proves the real casebook in a real browser. Its tests
// build the site at the repository root into a temp folder, serve it with
// net/http/httptest through [Handler], and drive one headless Chromium (via
// chromedp) for the whole package: a reader's paths through the site
// (home, case, citation and back, [[link]], entity, cases index filters and
// sorting), layout at phone and desktop widths, dark mode, axe-core
// accessibility checks and html-validate conformance over every page.
//
//	go test ./internal/browser                             # skips loudly without Chromium or node_modules
//	CASEBOOK_REQUIRE_BROWSER=1 go test ./internal/browser  # CI: a missing tool fails instead
//	CASEBOOK_SCREENSHOTS=$PWD/screenshots go test ./internal/browser -run Screenshots
//
// The tools: Chromium from Debian (apt-get install chromium), or the binary
// named by $CASEBOOK_CHROMIUM; axe-core and html-validate from npm, pinned in
// the root package.json and installed with npm ci. This file holds the
// helpers that do not need the browser; the tests are in the _test files.
package browser

import (
	"bytes"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path"
	"strings"
	"time"
)

// Handler serves the built site in dir the way a static host does: a path
// ending in / serves its index.html, a folder without the slash redirects to
// it, and a missing file gets 404.html with status 404. Only GET and HEAD
// are allowed.
func Handler(dir string) http.Handler {
	fsys := os.DirFS(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		if name == "" {
			name = "index.html"
		}
		fi, err := fs.Stat(fsys, name)
		if err == nil && fi.IsDir() {
			if _, err := fs.Stat(fsys, path.Join(name, "index.html")); err == nil {
				http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
				return
			}
			err = fs.ErrNotExist
		}
		if err != nil {
			notFound(w, fsys)
			return
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		// No modification time: no conditional requests, every load is fresh.
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	})
}

// notFound writes the site's 404.html, or a plain message when it has none.
func notFound(w http.ResponseWriter, fsys fs.FS) {
	data, err := fs.ReadFile(fsys, "404.html")
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write(data)
}

// Chromium returns the path of the browser to drive: $CASEBOOK_CHROMIUM when
// set, else the first of chromium, chromium-browser, google-chrome and
// google-chrome-stable found on $PATH, else "".
func Chromium() string {
	if p := os.Getenv("CASEBOOK_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
