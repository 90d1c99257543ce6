package content

// This file places YAML syntax errors. yaml.v3 reports them only as text,
// "yaml: line N: problem", and its N is not always the line of the
// problem: for some errors it is the line where the construct around the
// problem starts (a tab on line 8 is reported at line 7, inside the value
// that line 7 starts), for others it is counted from 0, and on the first
// line it is left out. So the line is found again by parsing: the problem is
// on the first line whose inclusion makes the front matter fail with the
// same problem (a binary search over line prefixes), and its column is
// found on that line for the problems that point at a character (a tab, a
// second ": ", an @ or a backtick).

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlLine finds the line in yaml.v3's error messages ("yaml: line 3: ..."):
// yaml.v3 reports syntax errors only as text.
var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlProblem is a YAML syntax error as it is reported: where (line of src,
// 1-based; column, 0 when the whole line), what and how to fix it.
type yamlProblem struct {
	line, col int
	msg, hint string
}

// placeYAMLError places err, the error yaml.v3 gave for src.
func placeYAMLError(src []byte, err error) yamlProblem {
	problem, reported := err.Error(), 0
	if m := yamlLine.FindStringSubmatch(problem); m != nil {
		reported, _ = strconv.Atoi(m[1])
		problem = m[2]
	}
	lines := splitLines(src)
	line := problemLine(lines, problem)
	if line == 0 {
		line = max(reported, 1)
	}
	text := ""
	if line <= len(lines) {
		text = strings.TrimRight(string(lines[line-1]), "\n")
	}
	p := yamlProblem{line: line, col: firstNonBlank(text), msg: "invalid YAML: " + problem,
		hint: "check the indentation and quote values that contain a colon followed by a space"}
	if col := indentTab(text); col > 0 && (strings.Contains(problem, "tab character") || strings.Contains(problem, "cannot start any token")) {
		p.col = col
		p.msg = "invalid YAML: a tab character in the indentation"
		p.hint = "YAML indents with spaces only: replace the tab with spaces (and set the editor to indent YAML with spaces)"
		return p
	}
	switch {
	case strings.Contains(problem, "tab character"):
		if col := strings.IndexByte(text, '\t'); col >= 0 {
			p.col = col + 1
		}
		p.msg = "invalid YAML: a tab character where YAML wants spaces"
		p.hint = "YAML indents with spaces only: replace the tab with spaces"
	case strings.Contains(problem, "cannot start any token"):
		if i := strings.IndexAny(text, "@`"); i >= 0 {
			p.col = i + 1
			p.msg = fmt.Sprintf("invalid YAML: a value cannot start with %q", text[i:i+1])
			p.hint = "put the value in quotes: " + quoteValueFix(text)
		}
	case strings.HasPrefix(problem, "did not find expected ',' or "):
		open, close := "[", "]"
		if strings.HasSuffix(problem, "'}'") {
			open, close = "{", "}"
		}
		if i := strings.LastIndex(text, open); i >= 0 {
			p.col = i + 1
		}
		p.msg = "invalid YAML: " + open + " is not closed"
		p.hint = fmt.Sprintf("close it with %s on the same line, and quote an item that contains a comma, a bracket or \": \"", close)
	case problem == "found unexpected end of stream":
		if i := openingQuote(text); i >= 0 {
			p.col = i + 1
			p.msg = "invalid YAML: the quotes opened here do not close"
			p.hint = fmt.Sprintf("end the value with %s (inside single quotes, write '' for an apostrophe)", text[i:i+1])
		}
	case problem == "did not find expected key" || problem == "did not find expected '-' indicator":
		p.hint = "this line does not line up with the fields above it: fields of one mapping, and the - of a list's items, start in the same column"
	case problem == "mapping values are not allowed in this context":
		if i := secondColon(text); i >= 0 {
			p.col = i + 1
			p.msg = "invalid YAML: a second \": \" in a value"
			p.hint = "put the value in quotes: " + quoteValueFix(text)
		} else {
			p.hint = "this line is indented further than the field above it: the fields of one mapping start in the same column"
		}
	}
	return p
}

// problemLine returns the first line (1-based) of lines such that the lines
// up to it fail to parse with problem, or 0 when none does.
func problemLine(lines [][]byte, problem string) int {
	fails := func(k int) bool { // the first k lines fail with the problem
		var n yaml.Node
		err := yaml.Unmarshal(bytes.Join(lines[:k], nil), &n)
		if err == nil {
			return false
		}
		m := yamlLine.FindStringSubmatch(err.Error())
		return m != nil && m[2] == problem
	}
	k := sort.Search(len(lines)+1, fails)
	if k == 0 || k > len(lines) {
		return 0
	}
	return k
}

// splitLines cuts src after each newline.
func splitLines(src []byte) [][]byte {
	var lines [][]byte
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			lines = append(lines, src)
			break
		}
		lines = append(lines, src[:i+1])
		src = src[i+1:]
	}
	return lines
}

// indentTab returns the column of the first tab among the blanks that
// start line, or 0.
func indentTab(line string) int {
	for i := 0; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if line[i] == '\t' {
			return i + 1
		}
	}
	return 0
}

// firstNonBlank returns the column of the first character of line that is
// not a space or a tab, or 1.
func firstNonBlank(line string) int {
	return len(line) - len(strings.TrimLeft(line, " \t")) + 1
}

// secondColon returns the byte index of the ':' of a second ": " (or a
// final ':') in a "key: value" line, or -1.
func secondColon(line string) int {
	_, value, ok := strings.Cut(line, ": ")
	if !ok {
		return -1
	}
	start := len(line) - len(value)
	if i := strings.Index(value, ": "); i >= 0 {
		return start + i
	}
	if strings.HasSuffix(value, ":") {
		return len(line) - 1
	}
	return -1
}

// quoteValueFix rewrites a "key: value" line with the value in double
// quotes ("- key: value" keeps its dash), or says how when the line is not
// one.
func quoteValueFix(line string) string {
	trimmed := strings.TrimLeft(line, " \t")
	key, value, ok := strings.Cut(trimmed, ": ")
	if !ok || strings.TrimSpace(value) == "" {
		return `write the value between double quotes, "like this"`
	}
	return key + ": " + strconv.Quote(strings.TrimSpace(value))
}

// openingQuote returns the byte index of the quote that starts the value
// of a "key: value" line (or of the line), or -1.
func openingQuote(line string) int {
	start := 0
	if _, value, ok := strings.Cut(line, ": "); ok {
		start = len(line) - len(value)
	}
	rest := strings.TrimLeft(line[start:], " \t-")
	i := len(line) - len(rest)
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		return i
	}
	return -1
}
