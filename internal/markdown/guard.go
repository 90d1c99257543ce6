package markdown

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/casebook/casebook/internal/diag"
)

// The guard: limits that keep parsing linear.
//
// goldmark (v1.8.7, plain goldmark.New() too) takes time that grows with the
// square of the input on some shapes of Markdown (measured on this project's
// 2-core machine, 100 KB of each):
//
//	"[a](" repeated (links never closed)         6.7 s (quadratic: 1 MB takes minutes)
//	"![a](" repeated                               5.2 s
//	"*a_ " repeated (emphasis never closed)        5.3 s
//	"[[[…a…]]]" (nested brackets)                  0.9 s
//	"- - - … a" (lists nested on one line)        14.7 s
//	"> > > … a" (block quotes nested on one line)  6.4 s
//	many footnotes (each reference scans every
//	definition)                                    0.3 s; 1 MB over 20 s
//	"`", "``", "```", … (code spans never closed)   1 MB 30 times 100 KB
//
// Every other pattern of the cmark pathological tests, and ordinary text,
// parses in linear time (about 1 s per MB or less). The cost of the first
// four and of code spans is the number of openers in a paragraph times its
// length; of the
// nested containers, the nesting depth of one line squared; of footnotes,
// references times definitions. guard bounds each factor, so that the work
// is linear in the size of the body, before goldmark sees it; a body over a
// limit is refused with an error at the place that exceeds it, and not
// parsed. The counts are upper bounds of what goldmark sees (an escaped
// "\[" is not counted; a bracket in a code block is), and the limits are
// far above what prose needs.
const (
	maxNesting   = 32   // lists and block quotes opened by one line (markers, and indentation before them)
	maxBrackets  = 500  // '[' in one paragraph (or table)
	maxDelims    = 500  // runs of '*', '_' or '`' in one paragraph (or table)
	maxFootnotes = 1000 // footnote definitions in a body
)

// footnoteDef matches what may be a footnote definition.
var footnoteDef = regexp.MustCompile(`\[\^[^\]\n]*\]:`)

// guard returns the first limit body exceeds, as an error to report, or
// nil. It reads body once.
func guard(body []byte) *pendingDiag {
	if defs := footnoteDef.FindAllIndex(body, maxFootnotes+1); len(defs) > maxFootnotes {
		return &pendingDiag{offset: defs[maxFootnotes][0], severity: diag.Error,
			msg:  fmt.Sprintf("too many footnotes: a body may define at most %d", maxFootnotes),
			hint: "split the text into several pages, or cite sources with [@id] instead of footnotes"}
	}
	var (
		unit          int  // offset of the paragraph being counted
		brackets, dls int  // its '[' and emphasis delimiter runs
		inside        bool // a paragraph has started
	)
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += off
		}
		line := body[off:end]
		if depth, at := nesting(line); depth > maxNesting {
			return &pendingDiag{offset: off + at, severity: diag.Error,
				msg:  fmt.Sprintf("lists and block quotes nested more than %d deep", maxNesting),
				hint: "flatten the list or quote (Markdown parsers slow down sharply on deeper nesting)"}
		}
		switch {
		case blankLine(line):
			inside = false
		default:
			if !inside || startsFootnote(line) {
				inside, unit, brackets, dls = true, off, 0, 0
			}
			b, d := inlineOpeners(line)
			brackets += b
			dls += d
			if brackets > maxBrackets {
				return &pendingDiag{offset: unit, severity: diag.Error,
					msg:  fmt.Sprintf("this paragraph has more than %d '[' brackets", maxBrackets),
					hint: "split it with blank lines, or escape brackets that open no link as \\[ (unclosed links make Markdown parsing slow)"}
			}
			if dls > maxDelims {
				return &pendingDiag{offset: unit, severity: diag.Error,
					msg:  fmt.Sprintf("this paragraph has more than %d runs of '*', '_' or '`'", maxDelims),
					hint: "split it with blank lines, or escape the characters as \\*, \\_ and \\` (unclosed emphasis and code make Markdown parsing slow)"}
			}
		}
		off = end + 1
	}
	return nil
}

// startsFootnote reports whether line starts a footnote definition, which
// ends the paragraph before it (goldmark's footnote definitions interrupt
// a paragraph, from an indentation of at most three spaces).
func startsFootnote(line []byte) bool {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	loc := footnoteDef.FindIndex(line[i:])
	return loc != nil && loc[0] == 0 && len(bytes.TrimSpace(line[i+2:i+loc[1]-2])) > 0
}

// blankLine reports whether line ends a paragraph: only white space and
// block-quote markers.
func blankLine(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' && c != '>' {
			return false
		}
	}
	return true
}

// nesting returns how many lists and block quotes line may open, up to one
// more than maxNesting, and the offset of the last marker counted: the list and quote markers it starts with,
// plus one for every two columns of indentation before a marker (a list
// nested by indentation takes at least two per level) beyond the one
// space that may follow the marker before it.
func nesting(line []byte) (depth, at int) {
	ws := 0 // columns of white space before the next marker
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ':
			ws++
			i++
			continue
		case c == '\t':
			ws += 4
			i++
			continue
		case c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j-i > 9 || j == len(line) || line[j] != '.' && line[j] != ')' || j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t' {
				return depth, at
			}
			i = j + 1
		default:
			return depth, at
		}
		if depth > 0 {
			ws-- // the space after the previous marker
		}
		depth += 1 + max(ws, 0)/2
		ws, at = 0, i-1
		if depth > maxNesting {
			break
		}
	}
	return depth, at
}

// inlineOpeners counts the unescaped '[' and the runs of '*', '_' or '`'
// of a line.
func inlineOpeners(line []byte) (brackets, delims int) {
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case '\\':
			i++ // the next character is escaped
		case '[':
			brackets++
		case '*', '_', '`':
			delims++
			for i+1 < len(line) && line[i+1] == c {
				i++
			}
		}
	}
	return brackets, delims
}
