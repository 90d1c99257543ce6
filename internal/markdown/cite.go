package markdown

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/casebook/casebook/internal/diag"
)

// Citations use Pandoc's syntax: a bracketed group of one or more items
// separated by ';', each an optional prefix, '@' and a source key, and an
// optional locator after a comma or space:
//
//	[@cf-blog-2017]  [@cf-blog-2017, p. 3]  [see @a, pp. 3-5; also @b]
//
// A key starts with a letter or digit and goes on with letters, digits and
// "-_.:", trailing punctuation excluded. A group lies on one line. Prefixes
// and locators are plain text (no Markdown inside). A bracket that is not a
// valid group is left to the other parsers (a link, or text), so e-mail
// addresses and `[@x](url)` (a link) work; a bracket that starts with '@'
// but is not a valid group is reported as an error.

// KindCitation is the goldmark node kind of a citation group.
var KindCitation = ast.NewNodeKind("Citation")

// CitationGroup is a bracketed group of citations, `[see @a, p. 3; @b]`.
type CitationGroup struct {
	ast.BaseInline
	Items []CitationItem
}

// CitationItem is one citation of a group.
type CitationItem struct {
	Key, Prefix, Locator string
	Occ                  int // 0-based occurrence of Key in the document, set by Parse
}

// Kind implements ast.Node.
func (n *CitationGroup) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (n *CitationGroup) Dump(source []byte, level int) {
	m := map[string]string{}
	for i, it := range n.Items {
		m["Item"+strconv.Itoa(i)] = fmt.Sprintf("%q %q %q occ=%d", it.Prefix, it.Key, it.Locator, it.Occ)
	}
	ast.DumpHelper(n, source, level, m, nil)
}

// citationParser parses citation groups. It runs before goldmark's link
// parser and claims a bracket only when it holds a valid group.
type citationParser struct{}

func (citationParser) Trigger() []byte { return []byte{'['} }

func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	end := closingBracket(line)
	if end < 0 {
		return nil
	}
	content := line[1:end]
	if end+1 < len(line) && line[end+1] == '(' {
		return nil // [@x](url) is a link
	}
	if _, ok := pc.Reference(util.ToLinkReference(content)); ok {
		return nil // [@x] with a [@x]: url definition is a link
	}
	items, problem := parseCitations(string(content))
	if problem != "" {
		if intended(string(content), items) {
			report(pc, seg.Start, diag.Error,
				fmt.Sprintf("malformed citation %q: %s", "["+string(content)+"]", problem),
				`write [@source-id], [@source-id, p. 3] or [@a; @b]; write \[ for a literal bracket`)
		}
		return nil
	}
	block.Advance(end + 1)
	n := &CitationGroup{Items: items}
	n.SetPos(seg.Start)
	return n
}

// closingBracket returns the index in line of the ']' closing the '[' at
// line[0], or -1 when there is none on the line or another '[' comes first.
func closingBracket(line []byte) int {
	for i := 1; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '[', '\n', '\r':
			return -1
		case ']':
			return i
		}
	}
	return -1
}

// intended reports whether a bracket that is not a valid citation group
// was meant as one: it starts with '@', or a first key was read.
func intended(content string, items []CitationItem) bool {
	return strings.HasPrefix(strings.TrimSpace(content), "@") || len(items) > 0
}

// parseCitations parses the inside of a citation group. It returns the
// items read and, when the group is not valid, what is wrong with it.
func parseCitations(content string) ([]CitationItem, string) {
	var items []CitationItem
	for part := range strings.SplitSeq(content, ";") {
		it, problem := parseCitation(part)
		if problem != "" {
			return items, problem
		}
		items = append(items, it)
	}
	return items, ""
}

// parseCitation parses one item, `prefix @key, locator`.
func parseCitation(part string) (CitationItem, string) {
	at := strings.IndexByte(part, '@')
	if at < 0 {
		if strings.TrimSpace(part) == "" {
			return CitationItem{}, "empty item"
		}
		return CitationItem{}, "missing @key"
	}
	if at > 0 && !isSpace(part[at-1]) {
		return CitationItem{}, "missing @key" // foo@example.com
	}
	key := scanKey(part[at+1:])
	if key == "" {
		return CitationItem{}, "empty citation key"
	}
	rest := part[at+1+len(key):]
	if strings.IndexByte(rest, '@') >= 0 {
		return CitationItem{Key: key}, "missing ';' between citations"
	}
	if rest != "" && rest[0] != ',' && !isSpace(rest[0]) {
		return CitationItem{Key: key}, fmt.Sprintf("unexpected %q after key %q", rest, key)
	}
	rest = strings.TrimSpace(rest)
	rest = strings.TrimSpace(strings.TrimPrefix(rest, ","))
	return CitationItem{
		Key:     key,
		Prefix:  unescape(strings.TrimSpace(part[:at])),
		Locator: unescape(rest),
	}, ""
}

// scanKey returns the citation key at the start of s: a letter or digit,
// then letters, digits and "-_.:", without trailing punctuation.
func scanKey(s string) string {
	end := 0
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			end = i + utf8.RuneLen(r)
		case i > 0 && strings.ContainsRune("-_.:", r):
		default:
			return s[:end]
		}
	}
	return s[:end]
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// unescape removes the backslashes of escaped punctuation.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	return string(util.UnescapePunctuations([]byte(s)))
}

// occLetters returns the occurrence index i as letters: 0 -> a, 25 -> z,
// 26 -> aa, 27 -> ab (bijective base 26, like spreadsheet columns).
func occLetters(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append(b, byte('a'+(i-1)%26))
	}
	for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
		b[l], b[r] = b[r], b[l]
	}
	return string(b)
}

// renderCitation records a group of citations as a part (see writeCite),
// numbered when the page is rendered.
func renderCitation(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*CitationGroup)
	rec := recorderOf(w).part(partCite).flag(insideLink(n)).num(len(n.Items))
	for _, it := range n.Items {
		rec.str(it.Prefix).str(it.Key).str(it.Locator).num(it.Occ)
	}
	return ast.WalkSkipChildren, nil
}
