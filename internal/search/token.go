package search

import (
	"unicode"
	"unicode/utf8"
)

// Folding: lower case, then accents removed, so that "Déplatformé",
// "deplatforme" and "DEPLATFORMÉ" are one token. The standard library has no
// Unicode decomposition (golang.org/x/text is not a dependency), so folding is
// two cheap steps:
//
//  1. combining marks (category Mn) are dropped, which folds text that is
//     already decomposed ("e" + U+0301);
//  2. precomposed letters are mapped by a compact table covering Latin-1,
//     Latin Extended-A and the common letters of Latin Extended-B and
//     Extended Additional (Romanian, Vietnamese base vowels are not covered),
//     plus Greek final sigma, so JavaScript's context-free lower-casing and
//     Go's agree.
//
// foldFrom and foldTo are aligned rune by rune; foldMulti maps the letters
// that become two. The tables are written to the search manifest, so the
// browser folds queries with exactly the same data.
const (
	foldFrom = "àáâãäåāăąǎạảấầẩẫậắằẳẵặ" + "çćĉċč" + "ďđð" + "èéêëēĕėęěẹẻẽếềểễệ" + "ĝğġģ" + "ĥħ" +
		"ìíîïĩīĭįıǐịỉ" + "ĵ" + "ķ" + "ĺļľŀł" + "ñńņňŉ" + "òóôõöøōŏőǒọỏốồổỗộớờởỡợơ" + "ŕŗř" +
		"śŝşšș" + "ţťŧț" + "ùúûüũūŭůűųǔụủứừửữựư" + "ŵ" + "ýÿŷỳỵỷỹ" + "źżž" + "ς"
	foldTo = "aaaaaaaaaaaaaaaaaaaaaa" + "ccccc" + "ddd" + "eeeeeeeeeeeeeeeee" + "gggg" + "hh" +
		"iiiiiiiiiiii" + "j" + "k" + "lllll" + "nnnnn" + "ooooooooooooooooooooooo" + "rrr" +
		"sssss" + "tttt" + "uuuuuuuuuuuuuuuuuuu" + "w" + "yyyyyyy" + "zzz" + "σ"
)

// foldMulti maps letters that fold to two letters.
var foldMulti = map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ĳ': "ij"}

// folder is foldFrom, foldTo and foldMulti as one map, built once.
type folder map[rune]string

func newFolder() folder {
	from, to := []rune(foldFrom), []rune(foldTo)
	if len(from) != len(to) {
		panic("search: fold tables are not aligned") // a programming error caught by every test
	}
	f := folder{}
	for i, r := range from {
		f[r] = string(to[i])
	}
	for r, s := range foldMulti {
		f[r] = s
	}
	return f
}

// defaultFolder is immutable after construction.
var defaultFolder = newFolder()

// MaxTokenRunes is the longest token kept; longer runs of letters are cut.
const MaxTokenRunes = 40

// stopWords are frequent English words that are not indexed (they would make
// the largest posting lists and rank nothing). They still take a position,
// so "threat to life" only matches words two apart.
var stopWords = []string{
	"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he",
	"her", "his", "in", "into", "is", "it", "its", "of", "on", "or", "s", "she", "that", "the", "their",
	"them", "then", "there", "these", "they", "this", "to", "was", "were", "which", "with",
}

// IsStopWord reports whether the folded token tok is not indexed.
func IsStopWord(tok string) bool {
	for _, w := range stopWords {
		if w == tok {
			return true
		}
	}
	return false
}

// Fold returns s lower-cased with accents removed; characters other than
// letters are kept.
func Fold(s string) string {
	var b []byte
	for _, r := range s {
		b = defaultFolder.append(b, r)
	}
	return string(b)
}

// append appends the folded form of r to b.
func (f folder) append(b []byte, r rune) []byte {
	if unicode.Is(unicode.Mn, r) {
		return b
	}
	r = unicode.ToLower(r)
	if s, ok := f[r]; ok {
		return append(b, s...)
	}
	return utf8.AppendRune(b, r)
}

// Token is one word of a text, folded, with the byte span it came from.
type Token struct {
	Text       string // folded
	Start, End int    // byte offsets in the original text
}

// isWordRune reports whether r belongs to a word: letters, decimal digits and
// marks. Apostrophes, hyphens and other punctuation separate words, so
// "Cloudflare's" is "cloudflare" + "s" and "DDoS-Guard" is "ddos" + "guard".
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// isSingleRuneWord reports whether r is written without spaces between
// words (Chinese, Japanese): each such character is a token of its own.
func isSingleRuneWord(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// Tokens splits s into folded words, stop words included. A word is a run
// of letters, digits and marks; Han, Hiragana and Katakana characters are
// one token each; a word longer than MaxTokenRunes is cut.
func Tokens(s string) []Token {
	var out []Token
	eachToken(s, func(tok []byte, start, end int) {
		out = append(out, Token{Text: string(tok), Start: start, End: end})
	})
	return out
}

// eachToken calls fn with each token of s (see Tokens); tok is only valid
// during the call.
func eachToken(s string, fn func(tok []byte, start, end int)) {
	var buf [4 * MaxTokenRunes]byte
	b := buf[:0]
	start, n := -1, 0
	flush := func(end int) {
		if start >= 0 && len(b) > 0 {
			fn(b, start, end)
		}
		b = b[:0]
		start, n = -1, 0
	}
	for i, r := range s {
		if r < utf8.RuneSelf { // fast path: ASCII
			switch {
			case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			case 'A' <= r && r <= 'Z':
				r += 'a' - 'A'
			default:
				flush(i)
				continue
			}
			if start < 0 {
				start = i
			}
			if n < MaxTokenRunes {
				b = append(b, byte(r))
				n++
			}
			continue
		}
		switch {
		case isSingleRuneWord(r):
			flush(i)
			start = i
			b = defaultFolder.append(b, r)
			flush(i + utf8.RuneLen(r))
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			if n < MaxTokenRunes {
				b = defaultFolder.append(b, r)
				n++
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
}

// Words returns the folded texts of Tokens(s).
func Words(s string) []string {
	toks := Tokens(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}
