package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestConfigOverlay: Options.Config lays a file over site.yaml at every
// run (base_url and params here); its mistakes are reported at its own
// lines; -base-url still wins.
func TestConfigOverlay(t *testing.T) {
	fsys := sitetest.FS(t, sitetest.Base)
	overlay := filepath.Join(t.TempDir(), "production.yaml")
	os.WriteFile(overlay, []byte("# production\nbase_url: https://casebook.example.net/\n"), 0o644)
	b := build.New(build.Options{Site: fsys, Config: overlay})
	sink := &sitetest.MemSink{}
	res, err := b.Run(context.Background(), sink)
	if err != nil || !res.OK() {
		t.Fatalf("build: %v %v", err, res.Diags)
	}
	if page := string(sink.Files["index.html"]); !strings.Contains(page, `<link rel="canonical" href="https://casebook.example.net/">`) {
		t.Error("the overlay's base_url is not the canonical address")
	}

	os.WriteFile(overlay, []byte("# production\nbase_url: casebook.example.net\n"), 0o644)
	res, err = b.Run(context.Background(), &sitetest.MemSink{})
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	res.Diags.Format(&got)
	want := overlay + `:2:11: error: base_url "casebook.example.net" is not an http or https URL`
	if !strings.HasPrefix(got.String(), want) {
		t.Errorf("an overlay edited between runs:\n%s\nwant %s", got.String(), want)
	}

	os.WriteFile(overlay, []byte("base_url: https://casebook.example.net/\n"), 0o644)
	sink = &sitetest.MemSink{}
	if res, err := build.New(build.Options{Site: fsys, Config: overlay, BaseURL: "https://cli.example/"}).Run(context.Background(), sink); err != nil || !res.OK() {
		t.Fatal(err, res.Diags)
	}
	if page := string(sink.Files["index.html"]); !strings.Contains(page, `href="https://cli.example/"`) {
		t.Error("-base-url does not win over the overlay")
	}

	res, err = build.New(build.Options{Site: fsys, Config: filepath.Join(t.TempDir(), "missing.yaml")}).Run(context.Background(), nil)
	if err != nil || res.OK() || !strings.Contains(res.Diags[0].String(), "cannot read the configuration overlay: no such file or directory") {
		t.Errorf("a missing overlay: %v %v", err, res.Diags)
	}
}
