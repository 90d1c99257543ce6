// Package sitetest builds small sites described as txtar archives, for tests:
//
//	fsys := sitetest.FS(t, `
//	-- content/site.yaml --
//	title: T
//	...
//	-- content/cases/x.md --
//	---
//	title: X
//	...`)
//	res, files := sitetest.Build(t, fsys)
//	got := string(files["cases/x/index.html"])
//
// A site starts from Base, a small valid site; Overlay lays other files over it.
package sitetest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/build"
	"github.com/rogpeppe/go-internal/txtar"
)

// FS parses a txtar archive into a file system.
func FS(t testing.TB, archive string) fstest.MapFS {
	t.Helper()
	a := txtar.Parse([]byte(strings.TrimLeft(archive, "\n")))
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: slices.Clip(f.Data), Mode: 0o644} // Clip: appending to one file must not overwrite the next
	}
	return fsys
}

// Overlay returns base with the files of archive added or replaced. A file
// whose content is exactly "DELETE\n" is removed.
func Overlay(t testing.TB, base fstest.MapFS, archive string) fstest.MapFS {
	t.Helper()
	out := maps.Clone(base)
	for name, f := range FS(t, archive) {
		if string(f.Data) == "DELETE\n" {
			delete(out, name)
			continue
		}
		out[name] = f
	}
	return out
}

// MemSink collects the files of a build in memory.
type MemSink = build.MemSink

// Build runs a build of fsys into memory and returns its result and files.
// A failure of the tool (not of the content) fails the test.
func Build(t testing.TB, fsys fstest.MapFS) (*build.Result, map[string][]byte) {
	t.Helper()
	sink := &MemSink{}
	res, err := build.New(build.Options{Site: fsys}).Run(context.Background(), sink)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res, sink.Files
}

// Diags returns the diagnostics of a build of fsys, one formatted line each
// (hints on their own indented line).
func Diags(t testing.TB, fsys fstest.MapFS) string {
	t.Helper()
	res, _ := Build(t, fsys)
	var b strings.Builder
	res.Diags.Format(&b)
	return b.String()
}

// WriteDir writes fsys to a new temporary folder and returns its path.
func WriteDir(t testing.TB, fsys fstest.MapFS) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// ReadTree returns every file below dir, keyed by slash path.
func ReadTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Gunzip returns the content of a gzip-compressed file (the files of a
// year of the data exports), failing the test when it is not one.
func Gunzip(t testing.TB, data []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("gzip: %v", err)
	}
	return out
}

// DataItems reads a split export of a built site (data/cases.json or
// data/timeline.json): it checks the index (version 4, a part per year
// whose gzip-compressed file exists, with as many items as it says) and
// returns the items of every part, in order, as one JSON array.
func DataItems(t testing.TB, files map[string][]byte, index, key string) []byte {
	t.Helper()
	var idx struct {
		Version int
		Parts   []struct {
			Year  int
			URL   string
			Count int
		}
	}
	if err := json.Unmarshal(files[index], &idx); err != nil || idx.Version != 4 {
		t.Fatalf("%s: version %d, %v; want version 4", index, idx.Version, err)
	}
	var all []json.RawMessage
	for _, p := range idx.Parts {
		_, name, ok := strings.Cut(p.URL, "/data/")
		if !ok {
			t.Fatalf("%s: part URL %q is not below /data/", index, p.URL)
		}
		if !strings.HasSuffix(name, ".json.gz") {
			t.Fatalf("%s: part %s is not a .json.gz file", index, name)
		}
		var part map[string]json.RawMessage
		if err := json.Unmarshal(Gunzip(t, files["data/"+name]), &part); err != nil {
			t.Fatalf("%s: part %s: %v", index, name, err)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(part[key], &items); err != nil || len(items) != p.Count {
			t.Fatalf("%s: part %s has %d %s (%v); the index says %d", index, name, len(items), key, err, p.Count)
		}
		all = append(all, items...)
	}
	out, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
