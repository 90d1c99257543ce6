package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/sitetest"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCLI(t *testing.T) {
	site := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // regexp
		stderr string // regexp
	}{
		{"build", []string{"build", "-site", site}, 0, `^built 2 cases, 3 entities, 28 pages \(\d+ files, \d+\.\d MB\) in \d+\.\d\ds\n$`, `^$`},
		{"check", []string{"check", "-site", site}, 0, `^checked 2 cases, 3 entities, 28 pages in \d+\.\d\ds\n$`, `^$`},
		{"no command", nil, 2, `^$`, `Usage:`},
		{"unknown command", []string{"bulid"}, 2, `^$`, `unknown command "bulid"`},
		{"bad flag", []string{"build", "-nope"}, 2, `^$`, `flag provided but not defined: -nope`},
		{"extra argument", []string{"check", "-site", site, "extra"}, 2, `^$`, `unexpected argument "extra"`},
		{"help", []string{"help"}, 0, `casebook build`, `^$`},
		{"build -h", []string{"build", "-h"}, 0, `usage: casebook build`, `^$`},
		{"help check", []string{"help", "check"}, 0, `usage: casebook check`, `^$`},
		{"version", []string{"version"}, 0, `^casebook \d+\.\d+\.\d+`, `^$`},
		{"missing site", []string{"check", "-site", filepath.Join(site, "nope")}, 2, `^$`, `^casebook check: the site folder ".*nope" does not exist\n    hint: give -site the folder that holds content/site.yaml\n$`},
		{"not a site", []string{"build", "-site", filepath.Join(site, "content")}, 2, `^$`, `^casebook build: the site folder ".*content" is not a casebook site: it has no content/ folder\n`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			if code != tt.code {
				t.Errorf("exit code = %d; want %d\nstderr: %s", code, tt.code, stderr)
			}
			if !regexp.MustCompile(tt.stdout).MatchString(stdout) {
				t.Errorf("stdout = %q; want match for %q", stdout, tt.stdout)
			}
			if !regexp.MustCompile(tt.stderr).MatchString(stderr) {
				t.Errorf("stderr = %q; want match for %q", stderr, tt.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(site, "public", "cases", "ds-2017", "index.html")); err != nil {
		t.Errorf("build did not write the site: %v", err)
	}
}

// TestTenMistakes checks that one run reports every mistake of a tree, each
// at its position, and exits 1.
func TestTenMistakes(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), "-- content/cases/m1.md --\n"+
		strings.Replace(sitetest.CaseX, "date: 2019-08-04\ntargets", "date: 2019-02-29\ntargets", 1)+`
-- content/entities/m2.md --
---
name: M2
kind: corp
---
-- content/entities/M3.md --
---
name: M3
kind: company
---
-- content/pages/m4.md --
---
title: M4
menu: first
---
-- content/pages/m5.md --
---
title: M5
---
See [[nowhere]].
-- content/pages/m6.md --
title: no front matter
-- content/pages/m7.md --
---
title: M7
-- content/entities/m8.md --
---
name: M8
kind: company
website: ftp://example.com
---
-- content/entities/m9.md --
---
name: [M9
---
-- content/pages/m10.md --
---
title: M10
summary:
  - a list
---
`)
	site := sitetest.WriteDir(t, fsys)
	code, stdout, stderr := runCLI("check", "-site", site)
	if code != 1 || stdout != "" {
		t.Errorf("exit code %d, stdout %q; want 1 and nothing", code, stdout)
	}
	for _, want := range []string{
		`content/cases/m1.md:4:7: error: date: impossible date "2019-02-29"`,
		`content/entities/m2.md:3:7: error: unknown kind "corp"`,
		`content/entities/M3.md: error: bad file name "M3.md"`,
		`content/pages/m4.md:3:7: error: menu must be a whole number, found text "first"`,
		`content/pages/m5.md:4:5: error: unknown link target "nowhere"`,
		`content/pages/m6.md:1:1: error: missing front matter`,
		`content/pages/m7.md:1:1: error: front matter does not close`,
		`content/entities/m8.md:4:10: error: website "ftp://example.com" is not an http or https URL`,
		`content/entities/m9.md:2:7: error: invalid YAML: [ is not closed`,
		`content/pages/m10.md:4:3: error: summary must be text, found a list`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if n := strings.Count(stderr, ": error: "); n != 10 {
		t.Errorf("%d errors reported; want 10:\n%s", n, stderr)
	}
	if !strings.HasSuffix(stderr, "\n10 errors in 10 files, 2 warnings\n") {
		t.Errorf("summary line: %q", stderr[strings.LastIndex(strings.TrimSuffix(stderr, "\n"), "\n")+1:])
	}
}

// TestBaseURLFlagChecked checks that -base-url is checked as site.yaml's
// base_url is: an absolute http or https URL, else a usage error.
func TestBaseURLFlagChecked(t *testing.T) {
	site := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	for _, bad := range []string{"example.org", "ftp://x.org/", "javascript:alert(1)//", "https://"} {
		code, _, stderr := runCLI("build", "-site", site, "-base-url", bad)
		if code != 2 || !strings.Contains(stderr, "-base-url") {
			t.Errorf("-base-url %q: exit %d, %q; want 2 and a message", bad, code, stderr)
		}
	}
	if code, _, stderr := runCLI("build", "-site", site, "-base-url", "https://example.net/x/"); code != 0 {
		t.Errorf("a good -base-url: exit %d\n%s", code, stderr)
	}
}
