package build_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestStats checks the counts and stages of a run, and that a reused Build
// parses only the bodies that changed.
func TestStats(t *testing.T) {
	fsys := sitetest.FS(t, sitetest.Base)
	b := build.New(build.Options{Site: fsys})
	ctx := context.Background()
	sink := &sitetest.MemSink{}
	res, err := b.Run(ctx, sink)
	if err != nil || !res.OK() {
		t.Fatalf("build failed: %v %v", err, res.Diags)
	}
	st := res.Stats
	var names []string
	for _, s := range st.Stages {
		names = append(names, s.Name)
		if s.Duration <= 0 {
			t.Errorf("stage %s took %v", s.Name, s.Duration)
		}
	}
	if want := []string{"load", "parse", "resolve", "render"}; !slices.Equal(names, want) {
		t.Errorf("stages = %v; want %v", names, want)
	}
	if render := st.Stages[len(st.Stages)-1]; render.Allocs == 0 || render.Bytes == 0 {
		t.Errorf("render allocated %d objects, %d bytes; want some", render.Allocs, render.Bytes)
	}
	var bytes int64
	for _, data := range sink.Files {
		bytes += int64(len(data))
	}
	if st.Files != int64(len(sink.Files)) || st.Bytes != bytes {
		t.Errorf("stats say %d files, %d bytes; the sink got %d, %d", st.Files, st.Bytes, len(sink.Files), bytes)
	}
	if st.Inputs != 6 || st.Parsed != 6 {
		t.Errorf("first run: %d inputs, %d parsed; want 6, 6", st.Inputs, st.Parsed)
	}
	res, _ = b.Run(ctx, nil)
	if res.Stats.Parsed != 0 {
		t.Errorf("unchanged rerun parsed %d bodies; want 0", res.Stats.Parsed)
	}
	name := "content/cases/ds-2017.md"
	fsys[name] = &fstest.MapFile{Data: []byte(string(fsys[name].Data) + "\nMore.\n")}
	res, _ = b.Run(ctx, nil)
	if res.Stats.Parsed != 1 {
		t.Errorf("rerun after one edit parsed %d bodies; want 1", res.Stats.Parsed)
	}
	var out strings.Builder
	res.Stats.Format(&out)
	if !strings.Contains(out.String(), "6 content files loaded, 1 bodies parsed") {
		t.Errorf("Format = %q; want the counts", out.String())
	}
}
