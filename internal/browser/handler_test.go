package browser

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHandler checks the static host the browser tests run against.
func TestHandler(t *testing.T) {
	h := Handler(the.dir)
	tests := []struct {
		method, path string
		status       int
		want         string // in the body, or the Location header of a redirect
	}{
		{"GET", "/", 200, "<h1 id=\"site-title\">"},
		{"GET", "/cases/", 200, "<h1>All cases</h1>"},
		{"HEAD", "/cases/", 200, ""},
		{"GET", "/cases", 301, "/cases/"},
		{"GET", "/no-such-page/", 404, "Page not found"},
		{"GET", "/cases/../../etc/passwd", 404, "Page not found"},
		{"POST", "/", 405, ""},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
		res := rec.Result()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != tt.status {
			t.Errorf("%s %s: status %d; want %d", tt.method, tt.path, res.StatusCode, tt.status)
		}
		got := string(body)
		if res.StatusCode == http.StatusMovedPermanently {
			got = res.Header.Get("Location")
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s %s: %.80q does not contain %q", tt.method, tt.path, got, tt.want)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/cases/", nil))
	if ct := rec.Result().Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET /cases/: Content-Type %q", ct)
	}
}
