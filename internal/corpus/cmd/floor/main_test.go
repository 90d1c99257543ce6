package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/corpus"
)

// TestRun converts a generated tree and checks one HTML file per case.
func TestRun(t *testing.T) {
	site, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	if err := corpus.WriteDir(site, corpus.Options{Cases: 20, Seed: corpus.DefaultSeed}); err != nil {
		t.Fatal(err)
	}
	files, size, err := run(site, out, 2)
	if err != nil || files != 20 || size == 0 {
		t.Fatalf("run = %d files, %d bytes, %v; want 20 files", files, size, err)
	}
	cases, _ := filepath.Glob(filepath.Join(site, "content", "cases", "*.md"))
	for _, c := range cases {
		slug := strings.TrimSuffix(filepath.Base(c), ".md")
		data, err := os.ReadFile(filepath.Join(out, "cases", slug, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if s := string(data); !strings.Contains(s, "<h1>") || !strings.Contains(s, "<h2>What happened</h2>") {
			t.Errorf("%s: no title or body in %.200q", slug, s)
		}
	}
	if _, _, err := run(site, out, 2); err == nil {
		t.Error("a second run into the same folder succeeded; want an error (not empty)")
	}
}
