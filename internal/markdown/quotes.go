package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/diag"
	"github.com/yuin/goldmark/ast"
)

// Quotations, so that every quote stays attributed: Doc.Quotes lists each
// quotation of quoteMinWords words or more between quotation marks in any
// style the typographer reads or writes ("…", “…”, «…», „…“, '…', ‘…’),
// and whether a citation ([@id]) is in the same sentence (the site warns
// about a case's uncited ones). Code spans are not prose and are skipped;
// so are headings and tables.
const quoteMinWords = 4

// Quote is a quotation of a body.
type Quote struct {
	Pos   diag.Pos // its opening mark
	Text  string   // its first words, for messages
	Cited bool     // a citation is in the same sentence
}

// quoteMarks are the characters that may open a quotation.
const quoteMarks = "\"'“«„‘‹"

// quote marks: what opens, and what closes it.
var quoteClose = map[rune]rune{'“': '”', '«': '»', '„': '“', '‘': '’', '‹': '›'}

// collectQuotes fills d.Quotes from the paragraphs of root.
func (d *Doc) collectQuotes(root ast.Node, pos func(int) diag.Pos) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
			d.blockQuotes(n, pos)
			return ast.WalkSkipChildren, nil
		case ast.KindHeading, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		if strings.HasPrefix(n.Kind().String(), "Table") {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// blockQuotes collects the quotations of one paragraph.
func (d *Doc) blockQuotes(n ast.Node, pos func(int) diag.Pos) {
	// The paragraph's text, its lines joined by spaces, with where each
	// line starts in it and in the source; line breaks become spaces. A
	// paragraph without a quotation mark is not looked at further.
	lines := n.Lines()
	size, marks := 0, false
	for i := range lines.Len() {
		seg := lines.At(i)
		size += seg.Len() + 1
		marks = marks || bytes.ContainsAny(d.src[seg.Start:seg.Stop], quoteMarks)
	}
	if !marks {
		return
	}
	type lineAt struct{ at, src int }
	text := make([]byte, 0, size)
	starts := make([]lineAt, 0, lines.Len())
	for i := range lines.Len() {
		seg := lines.At(i)
		if i > 0 {
			text = append(text, ' ')
		}
		starts = append(starts, lineAt{len(text), seg.Start})
		text = append(text, d.src[seg.Start:seg.Stop]...)
	}
	for i, c := range text {
		if c == '\n' || c == '\r' {
			text[i] = ' '
		}
	}
	// off is the source offset of text[i]; the space before a line is
	// placed at the line's start.
	off := func(i int) int {
		k := len(starts) - 1
		for k > 0 && i < starts[k].at-1 {
			k--
		}
		return starts[k].src + max(i-starts[k].at, 0)
	}
	// Mask code spans, and note where the citations are.
	var cites []int
	var masked map[int]bool
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *CitationGroup:
			cites = append(cites, c.Pos())
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					if masked == nil {
						masked = map[int]bool{}
					}
					for o := tx.Segment.Start; o < tx.Segment.Stop; o++ {
						masked[o] = true
					}
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if masked != nil {
		for i := range text {
			o := off(i)
			if masked[o] || masked[o-1] && text[i] == '`' || masked[o+1] && text[i] == '`' {
				text[i] = ' '
			}
		}
	}
	s := string(text)
	for _, q := range quotations(s) {
		_, n := utf8.DecodeRuneInString(s[q.open:])
		words := strings.Fields(s[q.open+n : q.close])
		if len(words) < quoteMinWords {
			continue
		}
		lo, hi := sentenceAround(s, q.open, q.close)
		cited := false
		for _, c := range cites {
			cited = cited || c >= off(lo) && c <= off(hi)
		}
		if len(words) > 6 {
			words = append(words[:6:6], "…")
		}
		d.Quotes = append(d.Quotes, Quote{Pos: pos(off(q.open)), Text: strings.Join(words, " "), Cited: cited})
	}
}

// quoted is a quotation in a text: the byte offsets of its opening mark
// and of its closing mark.
type quoted struct{ open, close int }

// quotations finds the quotations of s, outermost only.
func quotations(s string) []quoted {
	var out []quoted
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		want, ok := rune(0), false
		switch {
		case r == '"':
			want, ok = '"', true
		case r == '\'':
			// An opening ASCII quote follows a space or an opening bracket
			// and comes before a letter; an apostrophe (it's) does not.
			ok = (i == 0 || strings.ContainsRune(" ([{—–", lastRune(s[:i]))) && i+1 < len(s) && !unicode.IsSpace(rune(s[i+1]))
			want = '\''
		default:
			want, ok = quoteClose[r]
		}
		if !ok {
			i += n
			continue
		}
		end := closing(s, i+n, want)
		if end < 0 {
			i += n
			continue
		}
		out = append(out, quoted{open: i, close: end})
		_, m := utf8.DecodeRuneInString(s[end:])
		i = end + m
	}
	return out
}

// closing returns the offset of the mark want that closes a quotation
// opened before from, or -1. A closing ASCII single quote must follow a
// non-space and come before a space, punctuation or the end.
func closing(s string, from int, want rune) int {
	for i := from; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == want {
			if want != '\'' {
				return i
			}
			next := rune(' ')
			if i+n < len(s) {
				next, _ = utf8.DecodeRuneInString(s[i+n:])
			}
			if i > from && !unicode.IsSpace(lastRune(s[:i])) && (unicode.IsSpace(next) || unicode.IsPunct(next)) {
				return i
			}
		}
		i += n
	}
	return -1
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// sentenceAround returns the span of the sentence holding the quotation
// from open to close: from after the last end of sentence (., ! or ?
// before a space, but not the period of an abbreviation) before open, to
// the first after close, or the ends of the text.
func sentenceAround(s string, open, close int) (lo, hi int) {
	isEnd := func(i int) bool {
		if i+1 >= len(s) || strings.IndexByte(".!?", s[i]) < 0 || s[i+1] != ' ' {
			return false
		}
		return s[i] != '.' || !abbreviation(s[:i])
	}
	lo = 0
	for i := open - 1; i >= 0; i-- {
		if isEnd(i) {
			lo = i + 1
			break
		}
	}
	hi = len(s) - 1
	for i := close; i < len(s); i++ {
		if isEnd(i) {
			hi = i
			break
		}
	}
	return lo, hi
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "no": true, "p": true,
	"pp": true, "vs": true, "inc": true, "ltd": true, "jr": true, "sr": true, "co": true, "corp": true, "approx": true,
	"cf": true, "etc": false, "fig": true, "vol": true, "ch": true, "ed": true, "eds": true}

// abbreviation reports whether s ends with an abbreviation: a word with a
// period inside (p.m, U.S, e.g), a single letter (J. Smith), or one of
// abbreviations.
func abbreviation(s string) bool {
	i := strings.LastIndexAny(s, " ([“\"'‘«")
	w := s[i+1:]
	return strings.Contains(w, ".") || utf8.RuneCountInString(w) == 1 && unicode.IsLetter(lastRune(w)) || abbreviations[strings.ToLower(w)]
}
