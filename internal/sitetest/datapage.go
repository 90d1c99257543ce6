package sitetest

import (
	"bytes"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Downloads reads the data page of a built site (data/index.html): each
// file it links to below basePath, but pages (addresses ending in "/"),
// with the size in bytes the page gives it (the value of the first <data>
// element after the link). A file linked twice, or with no size, fails
// the test.
func Downloads(t testing.TB, files map[string][]byte, basePath string) map[string]int64 {
	t.Helper()
	page, ok := files["data/index.html"]
	if !ok {
		t.Fatal("data/index.html was not generated")
	}
	out := map[string]int64{}
	pending := ""
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt != html.StartTagToken {
			continue
		}
		tok := z.Token()
		attrs := map[string]string{}
		for _, a := range tok.Attr {
			attrs[a.Key] = a.Val
		}
		switch tok.Data {
		case "a":
			name, ok := strings.CutPrefix(attrs["href"], basePath)
			if !ok || name == "" || strings.HasSuffix(name, "/") {
				continue
			}
			if pending != "" {
				t.Errorf("data page: %s has no size", pending)
			}
			if _, dup := out[name]; dup {
				t.Errorf("data page: %s is linked twice", name)
			}
			pending = name
		case "data":
			if pending == "" {
				continue
			}
			n, err := strconv.ParseInt(attrs["value"], 10, 64)
			if err != nil {
				t.Errorf("data page: size of %s: %v", pending, err)
			}
			out[pending], pending = n, ""
		}
	}
	if pending != "" {
		t.Errorf("data page: %s has no size", pending)
	}
	return out
}

// CheckDataPage checks the data page of a built site: it links to every
// file of data/ and to feed.xml, timeline.ics and sitemap.xml, and to no
// other file, each with its size as built.
func CheckDataPage(t testing.TB, files map[string][]byte, basePath string) {
	t.Helper()
	got := Downloads(t, files, basePath)
	want := []string{"feed.xml", "sitemap.xml", "timeline.ics"}
	for name := range files {
		if strings.HasPrefix(name, "data/") && name != "data/index.html" {
			want = append(want, name)
		}
	}
	slices.Sort(want)
	if names := slices.Sorted(maps.Keys(got)); !slices.Equal(names, want) {
		t.Errorf("the data page links to\n  %s\nwant\n  %s", strings.Join(names, "\n  "), strings.Join(want, "\n  "))
	}
	for _, name := range want {
		if n, ok := got[name]; ok && n != int64(len(files[name])) {
			t.Errorf("the data page gives %s %d bytes; it has %d", name, n, len(files[name]))
		}
	}
}
