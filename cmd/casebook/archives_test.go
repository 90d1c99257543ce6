package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/sitetest"
)

// TestCheckArchives: check -archives lists each source with a URL and no
// archived copy, with the position of its id, and still exits 0.
func TestCheckArchives(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), `
-- content/cases/x.md --
`+strings.Replace(sitetest.CaseX, "    url: https://example.com/x\n", "    url: https://example.com/x\n  - id: x-2\n    title: Archived\n    publisher: P\n    url: https://example.com/x2\n    archive: https://web.archive.org/web/2019/https://example.com/x2\n", 1))
	dir := sitetest.WriteDir(t, fsys)
	code, stdout, stderr := runCLI("check", "-archives", "-site", dir)
	if code != 0 {
		t.Fatalf("exit code = %d; want 0\n%s", code, stderr)
	}
	want := "content/cases/other-2019.md:13:9: Another article <https://example.com/a>\n" +
		"content/cases/x.md:12:9: A source <https://example.com/x>\n" +
		"2 sources without an archived copy: add their archive: URLs (e.g. from web.archive.org)\n"
	if !strings.HasPrefix(stdout, want) {
		t.Errorf("stdout:\n%s\nwant it to start with:\n%s", stdout, want)
	}
	if !regexp.MustCompile(`\nchecked 3 cases, `).MatchString(stdout) {
		t.Errorf("stdout lacks the summary line:\n%s", stdout)
	}
	// The source without a URL (journal) and the archived ones are not listed.
	for _, s := range []string{"Un article", "Archived", "Why We Terminated"} {
		if strings.Contains(stdout, s) {
			t.Errorf("stdout lists %q:\n%s", s, stdout)
		}
	}
	// Without the flag, no worklist.
	if _, out, _ := runCLI("check", "-site", dir); strings.Contains(out, "archived copy") {
		t.Errorf("check without -archives printed the worklist:\n%s", out)
	}
	if code, _, stderr := runCLI("check", "-archives", "-format", "json", "-site", dir); code != 2 || !strings.Contains(stderr, "-archives") {
		t.Errorf("-archives -format json: exit %d, stderr %q; want 2 and a message", code, stderr)
	}
}
