package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// HeadingID turns heading text into an id, following GitHub and Pandoc:
// lowercase; Unicode letters, digits and marks kept ("é" stays "é"); '-' and
// '_' kept; other punctuation and symbols dropped; runs of white space
// become one '-', none at either end. It returns "section" when nothing is
// left.
//
//	HeadingID("Décision finale")   == "décision-finale"
//	HeadingID("1. What happened?") == "1-what-happened"
func HeadingID(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r), r == '-', r == '_':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		}
	}
	id := strings.Join(strings.Fields(b.String()), "-")
	if id == "" {
		return "section"
	}
	return id
}

// idAttr is the attribute holding a heading's id.
var idAttr = []byte("id")

// headingID returns the id the transformer gave heading n.
func headingID(n ast.Node) (string, bool) {
	v, ok := n.Attribute(idAttr)
	if !ok {
		return "", false
	}
	b, ok := v.([]byte)
	return string(b), ok
}

// headingIDTransformer gives every heading a unique id made by HeadingID
// from its plain text: the first of equal ids stays bare, the next ones get
// "-1", "-2"... An id only depends on the headings before it with the same
// text, so editing another heading does not change it.
type headingIDTransformer struct {
	reserved map[string]bool // ids the page around the body uses (see WithReservedIDs)
}

func (t headingIDTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	used := map[string]bool{}
	next := map[string]int{} // the first suffix to try for a base id
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		base := HeadingID(plainText(h, source))
		id := base
		if used[id] || reservedID(id) || t.reserved[id] {
			i := max(next[base], 1)
			for id = suffixed(base, i); used[id] || t.reserved[id]; id = suffixed(base, i) {
				i++
			}
			next[base] = i + 1
		}
		used[id] = true
		h.SetAttribute(idAttr, []byte(id))
		return ast.WalkSkipChildren, nil
	})
}

// suffixed returns base with the suffix "-i", and "-1" more where that
// would be a reserved id: the second heading "Source" gets "source-1-1",
// since "source-1" is the first source's id.
func suffixed(base string, i int) string {
	id := base + "-" + strconv.Itoa(i)
	if reservedID(id) {
		id += "-1"
	}
	return id
}

// reservedID reports whether id is one the page uses for its sources and
// citations ("source-3", "cite-3-a"), which a heading must not take.
func reservedID(id string) bool {
	if n, ok := strings.CutPrefix(id, "source-"); ok {
		return allIn(n, '0', '9')
	}
	if rest, ok := strings.CutPrefix(id, "cite-"); ok {
		n, occ, _ := strings.Cut(rest, "-")
		return allIn(n, '0', '9') && allIn(occ, 'a', 'z')
	}
	return false
}

// allIn reports whether s is not empty and all its bytes are in [lo, hi].
func allIn(s string, lo, hi byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < lo || s[i] > hi {
			return false
		}
	}
	return s != ""
}

// renderHeading writes
//
//	<h2 id="ID">Text <a class="anchor" href="#ID" aria-label="Link to this section: Text">#</a></h2>
func renderHeading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level : n.Level+1]
	id, hasID := headingID(n)
	if entering {
		_, _ = w.WriteString("<h" + level)
		if hasID {
			_, _ = w.WriteString(` id="`)
			writeText(w, id)
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if hasID {
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		writeText(w, id)
		_, _ = w.WriteString(`" aria-label="Link to this section: `)
		recorderOf(w).plain(plainPieces(n, source), "")
		_, _ = w.WriteString(`">#</a>`)
	}
	_, _ = w.WriteString("</h" + level + ">\n")
	return ast.WalkContinue, nil
}
