// Command floor does the work no static-site generator on Casebook's
// dependencies can avoid, and nothing more, so that a build can be compared
// with it: it reads every case file of a site, splits off the front matter,
// decodes it with yaml.v3, converts the body with a plain goldmark, and
// writes one HTML file per case, all in parallel (one worker per CPU).
//
//	floor -site /tmp/cb10k -out /tmp/floor-out
//
// It writes OUT/cases/SLUG/index.html (the layout casebook build uses), into
// an output folder that must be empty or absent, and prints the number of
// files and bytes written. scripts/bench.sh times it next to casebook build.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"gopkg.in/yaml.v3"
)

func main() {
	fs := flag.NewFlagSet("floor", flag.ExitOnError)
	site := fs.String("site", ".", "the site `folder` (holding content/cases)")
	out := fs.String("out", "", "the output `folder` (required; empty or absent)")
	fs.Parse(os.Args[1:])
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		os.Exit(2)
	}
	start := time.Now()
	files, size, err := run(*site, *out, runtime.GOMAXPROCS(0))
	if err != nil {
		fmt.Fprintf(os.Stderr, "floor: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("floor: %d files, %d bytes in %.2fs\n", files, size, time.Since(start).Seconds())
}

// caseMeta is the front matter of a case, decoded into typed fields the
// way any generator would.
type caseMeta struct {
	Title   string   `yaml:"title"`
	Summary string   `yaml:"summary"`
	Date    string   `yaml:"date"`
	Targets []string `yaml:"targets"`
	Actions []struct {
		Provider string   `yaml:"provider"`
		Services []string `yaml:"services"`
		Action   string   `yaml:"action"`
		Date     string   `yaml:"date"`
		Sources  []string `yaml:"sources"`
	} `yaml:"actions"`
	People  []string `yaml:"people"`
	Tags    []string `yaml:"tags"`
	Related []string `yaml:"related"`
	Events  []struct {
		Date    string   `yaml:"date"`
		Text    string   `yaml:"text"`
		Sources []string `yaml:"sources"`
	} `yaml:"events"`
	Sources []struct {
		ID        string `yaml:"id"`
		Title     string `yaml:"title"`
		Publisher string `yaml:"publisher"`
		Author    any    `yaml:"author"` // text or a list
		Date      string `yaml:"date"`
		URL       string `yaml:"url"`
		Archive   string `yaml:"archive"`
		Language  string `yaml:"language"`
		Accessed  string `yaml:"accessed"`
	} `yaml:"sources"`
	Updated string   `yaml:"updated"`
	Aliases []string `yaml:"aliases"`
	Changes []struct {
		Date string `yaml:"date"`
		Note string `yaml:"note"`
	} `yaml:"changes"`
}

// run converts every case below site into out with n workers and returns
// the number of files and bytes written.
func run(site, out string, n int) (int64, int64, error) {
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return 0, 0, fmt.Errorf("%q is not empty", out)
	}
	dir := filepath.Join(site, "content", "cases")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, 0, err
	}
	md := goldmark.New()
	var files, size atomic.Int64
	var mu sync.Mutex
	var errs []error
	work := make(chan string)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			var buf bytes.Buffer
			for name := range work {
				written, err := convert(md, &buf, filepath.Join(dir, name), filepath.Join(out, "cases", strings.TrimSuffix(name, ".md"), "index.html"))
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					continue
				}
				files.Add(1)
				size.Add(written)
			}
		})
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") {
			work <- e.Name()
		}
	}
	close(work)
	wg.Wait()
	return files.Load(), size.Load(), errors.Join(errs...)
}

// convert turns one case file into one HTML file.
func convert(md goldmark.Markdown, buf *bytes.Buffer, src, dst string) (int64, error) {
	data, err := os.ReadFile(src)
	if err != nil {
		return 0, err
	}
	front, body, ok := split(data)
	if !ok {
		return 0, fmt.Errorf("%s: no front matter", src)
	}
	var meta caseMeta
	if err := yaml.Unmarshal(front, &meta); err != nil {
		return 0, fmt.Errorf("%s: %w", src, err)
	}
	buf.Reset()
	fmt.Fprintf(buf, "<!doctype html><title>%s</title><h1>%s</h1>\n", html.EscapeString(meta.Title), html.EscapeString(meta.Title))
	if err := md.Convert(body, buf); err != nil {
		return 0, fmt.Errorf("%s: %w", src, err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, err
	}
	return int64(buf.Len()), os.WriteFile(dst, buf.Bytes(), 0o644)
}

// split cuts a file into its front matter and body.
func split(data []byte) (front, body []byte, ok bool) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, nil, false
	}
	front, body, ok = bytes.Cut(rest, []byte("\n---\n"))
	return front, body, ok
}
