package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/sitetest"
)

func TestTermWriter(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain text, é, 日本\n\tindented\n", "plain text, é, 日本\n\tindented\n"},
		{"\x1b]52;c;aGk=\x07", `\x1b]52;c;aGk=\x07`},
		{"a\rb\x1b[2Kc\x7f", `a\x0db\x1b[2Kc\x7f`},
		{"C1 \u009b31m, raw \x9b31m, bad \xff", `C1 \xc2\x9b31m, raw \x9b31m, bad ` + "\xff"},
	} {
		var b bytes.Buffer
		n, err := termWriter{&b}.Write([]byte(tt.in))
		if err != nil || n != len(tt.in) || b.String() != tt.want {
			t.Errorf("Write(%q) = %d, %v, wrote %q; want %q", tt.in, n, err, b.String(), tt.want)
		}
	}
}

// TestTerminalOutputSafe builds a site whose file names carry terminal
// escapes (an OSC 52 clipboard write, a line erase): check and build must
// print no control character but newline and tab.
func TestTerminalOutputSafe(t *testing.T) {
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	for _, name := range []string{"\x1b]52;c;aGk=\x07.md", "x\r\x1b[2K.md"} {
		if err := os.WriteFile(filepath.Join(dir, "content/cases", name), []byte(sitetest.CaseX), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"check", "-site", dir}, {"check", "-archives", "-site", dir}, {"build", "-site", dir}, {"check", "-format", "github", "-site", dir}} {
		code, stdout, stderr := runCLI(args...)
		if code == 0 {
			t.Errorf("%v: exit 0 with bad file names", args)
		}
		for _, out := range []string{stdout, stderr} {
			if i := strings.IndexFunc(out, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f }); i >= 0 {
				t.Errorf("%v: a control character in the output: %q", args, out[max(0, i-40):min(len(out), i+40)])
			}
		}
		if !strings.Contains(stderr+stdout, `\x1b]52`) {
			t.Errorf("%v: the file is not named visibly:\n%s%s", args, stdout, stderr)
		}
	}
}
