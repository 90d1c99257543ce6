package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// TestNothingFromOutsideTheSite checks that a build refuses, with an error
// naming the file, every way of reading a file from outside the site: a
// symbolic link in static/ or templates/, a linked site.yaml or content
// folder; a named pipe (which would hang a read) and an oversized static
// file too. No message quotes what the link points to, and nothing is
// written.
func TestNothingFromOutsideTheSite(t *testing.T) {
	secretDir := t.TempDir()
	secret := filepath.Join(secretDir, "netrc")
	const secretText = "machine example.org login me password hunter2"
	os.WriteFile(secret, []byte(secretText+"\n"), 0o600)
	os.MkdirAll(filepath.Join(secretDir, "cases"), 0o755)
	for _, tc := range []struct {
		name, want string
		make       func(site string) error
	}{
		{"static link", "static/leak.txt: error: static/leak.txt is a symbolic link", func(site string) error {
			os.MkdirAll(filepath.Join(site, "static"), 0o755)
			return os.Symlink(secret, filepath.Join(site, "static/leak.txt"))
		}},
		{"static folder link", "static: error: static is a symbolic link", func(site string) error {
			return os.Symlink(secretDir, filepath.Join(site, "static"))
		}},
		{"partial link", "templates/partials/x.html: error: templates/partials/x.html is a symbolic link", func(site string) error {
			os.MkdirAll(filepath.Join(site, "templates/partials"), 0o755)
			return os.Symlink(secret, filepath.Join(site, "templates/partials/x.html"))
		}},
		{"site.yaml link", "content/site.yaml: error: content/site.yaml is a symbolic link", func(site string) error {
			p := filepath.Join(site, "content/site.yaml")
			os.Remove(p)
			return os.Symlink(secret, p)
		}},
		{"cases folder link", "content/cases: error: content/cases is a symbolic link", func(site string) error {
			p := filepath.Join(site, "content/cases")
			os.RemoveAll(p)
			return os.Symlink(filepath.Join(secretDir, "cases"), p)
		}},
		{"named pipe", "static/pipe: error: static/pipe is not a regular file", func(site string) error {
			os.MkdirAll(filepath.Join(site, "static"), 0o755)
			return syscall.Mkfifo(filepath.Join(site, "static/pipe"), 0o644)
		}},
		{"named pipe as a case", "content/cases/pipe.md: error: content/cases/pipe.md is not a regular file", func(site string) error {
			return syscall.Mkfifo(filepath.Join(site, "content/cases/pipe.md"), 0o644)
		}},
		{"huge static file", "static/big.bin: error: static/big.bin is 27262976 bytes, over the limit of 26214400", func(site string) error {
			os.MkdirAll(filepath.Join(site, "static"), 0o755)
			f, err := os.Create(filepath.Join(site, "static/big.bin"))
			if err != nil {
				return err
			}
			defer f.Close()
			return f.Truncate(26 << 20) // sparse: nothing written
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
			if err := tc.make(site); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			res, err := build.New(build.Options{SiteDir: site}).WriteDir(context.Background(), out)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			res.Diags.Format(&b)
			if !res.Diags.HasErrors() || !strings.Contains(b.String(), tc.want) {
				t.Fatalf("diagnostics:\n%s\nwant %q", b.String(), tc.want)
			}
			if strings.Contains(b.String(), "hunter2") {
				t.Errorf("a message quotes the linked file:\n%s", b.String())
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a failed build wrote %s (%v)", out, err)
			}
		})
	}
}
