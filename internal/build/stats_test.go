package build_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

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

// TestOutputSizeAndHostLimits checks that a build counts its files and
// bytes and finds its largest file, as written, and that the output is
// checked against the static hosts' limits, each warning naming its host.
func TestOutputSizeAndHostLimits(t *testing.T) {
	mem := &sitetest.MemSink{}
	res, err := build.New(build.Options{Site: sitetest.FS(t, sitetest.Base)}).Run(context.Background(), mem)
	if err != nil || !res.OK() {
		t.Fatal(err)
	}
	var total int64
	largest, size := "", int64(-1)
	for name, data := range mem.Files {
		total += int64(len(data))
		if n := int64(len(data)); n > size || n == size && name < largest {
			largest, size = name, n
		}
	}
	st := res.Stats
	if st.Files != int64(len(mem.Files)) || st.Bytes != total || st.Largest != largest || st.LargestSize != size {
		t.Errorf("stats: %d files, %d bytes, largest %s (%d); the sink has %d, %d, %s (%d)",
			st.Files, st.Bytes, st.Largest, st.LargestSize, len(mem.Files), total, largest, size)
	}
	// The same through a folder, where the big files are streamed.
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	res, err = build.New(build.Options{SiteDir: dir}).WriteDir(context.Background(), filepath.Join(dir, "public"))
	if err != nil || !res.OK() {
		t.Fatal(err)
	}
	tree := sitetest.ReadTree(t, filepath.Join(dir, "public"))
	delete(tree, build.Marker)
	var dirTotal int64
	for _, data := range tree {
		dirTotal += int64(len(data))
	}
	if got := res.Stats; got.Files != int64(len(tree)) || got.Bytes != dirTotal || got.Largest != largest || got.LargestSize != size {
		t.Errorf("stats of a build into a folder: %d files, %d bytes, largest %s (%d); the folder has %d, %d, %s (%d)",
			got.Files, got.Bytes, got.Largest, got.LargestSize, len(tree), dirTotal, largest, size)
	}
	if w := st.HostWarnings(); len(w) != 0 {
		t.Errorf("a small site gets warnings: %q", w)
	}
	big := build.Stats{Files: 20001, Bytes: 1<<30 + 1, Largest: "data/cases/2017.json", LargestSize: 25<<20 + 1}
	w := big.HostWarnings()
	for i, want := range []string{"20001 files: Cloudflare Pages", "GitHub Pages and GitLab Pages publish at most 1 GB", "data/cases/2017.json is 25.0 MiB: Cloudflare Pages"} {
		if i >= len(w) || !strings.Contains(w[i], want) {
			t.Errorf("warning %d = %q; want it to say %q", i, w, want)
		}
	}
}

// TestAddStage checks that a stage run after Run (check's link check)
// counts in the summary's time and in the stages.
func TestAddStage(t *testing.T) {
	res, err := build.New(build.Options{Site: sitetest.FS(t, sitetest.Base)}).Run(context.Background(), nil)
	if err != nil || !res.OK() {
		t.Fatalf("check failed: %v %v", err, res.Diags)
	}
	before := res.Duration
	res.AddStage(build.Stage{Name: "links", Duration: 35 * time.Second})
	if res.Duration != before+35*time.Second {
		t.Errorf("Duration after a 35 s stage = %v; want %v", res.Duration, before+35*time.Second)
	}
	// The build's own time is added: under -race on a busy machine it can
	// pass a second.
	if got, want := res.Summary("checked"), fmt.Sprintf(" in %.2fs", (before+35*time.Second).Seconds()); !strings.Contains(got, want) {
		t.Errorf("Summary = %q; want the 35 s of the link check counted (%q)", got, want)
	}
	if last := res.Stats.Stages[len(res.Stats.Stages)-1]; last.Name != "links" || res.Stats.Total() != res.Duration {
		t.Errorf("stages end with %q, total %v; want links, %v", last.Name, res.Stats.Total(), res.Duration)
	}
}
