package main

import (
	"io"
	"unicode/utf8"
)

// termWriter makes text safe for a terminal: it writes every control
// character but tab and newline (C0, DEL and C1, whether a raw byte or
// UTF-8) as a visible escape such as \x1b, so that no string from a site
// (a file name, a title in a worklist, a line of a file quoted in an error)
// can move the cursor, hide lines, change the title or write the clipboard
// (OSC 52). Every command writes its stdout and stderr through one.
type termWriter struct{ w io.Writer }

func (t termWriter) Write(p []byte) (int, error) {
	clean := true
	for i := 0; i < len(p); {
		n, bad := control(p[i:])
		if bad {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return t.w.Write(p)
	}
	out := make([]byte, 0, len(p)+16)
	for i := 0; i < len(p); {
		n, bad := control(p[i:])
		if bad {
			for _, b := range p[i : i+n] {
				out = append(out, '\\', 'x', "0123456789abcdef"[b>>4], "0123456789abcdef"[b&15])
			}
		} else {
			out = append(out, p[i:i+n]...)
		}
		i += n
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// control returns the length of the character p starts with, and whether
// it is a control character a terminal acts on: C0 but tab and newline,
// DEL, C1, and a byte of 0x80 to 0x9f that is not part of a UTF-8
// character (some terminals read it as C1).
func control(p []byte) (n int, bad bool) {
	r, n := utf8.DecodeRune(p)
	switch {
	case r == '\t' || r == '\n':
		return n, false
	case r == utf8.RuneError && n == 1:
		return 1, p[0] >= 0x80 && p[0] <= 0x9f
	}
	return n, r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f
}
