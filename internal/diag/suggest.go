package diag

import (
	"strings"
	"unicode/utf8"
)

// Suggest returns the candidate closest to word by edit distance, for a
// "did you mean" hint, or "" when none is similar enough. A candidate is
// similar enough when at most a quarter of the longer of the two words
// would have to change (one edit in a word of four to seven letters, two
// in one of eight to eleven), or when word is the start of the candidate
// and at least four letters long ("warn" for "warned"), or when the two
// differ only in dashes and underscores ("x1" for "x-1"): "titel" gives
// "title", "cloudfare" "cloudflare", but "banned" not "warned" (two edits
// in six letters: a different word, nearly the opposite one). A candidate that is word with
// a negating prefix added or taken away ("suspended" for "unsuspended") is
// never suggested: it means the opposite. Ties go to the earlier candidate,
// so pass candidates in a stable order.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	n := utf8.RuneCountInString(word)
	for _, c := range candidates {
		if c == word || negates(word, c) {
			continue
		}
		d := distance(word, c)
		similar := 4*d <= max(n, utf8.RuneCountInString(c)) || n >= 4 && strings.HasPrefix(c, word) ||
			unpunct.Replace(word) == unpunct.Replace(c)
		if similar && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// unpunct drops the punctuation of slugs and field names: "x1" is "x-1"
// written without its dash.
var unpunct = strings.NewReplacer("-", "", "_", "")

// negatingPrefixes turn a word into its opposite ("un" + "suspended").
var negatingPrefixes = []string{"un", "non-", "non", "dis", "de", "in", "not-", "no-", "anti-", "anti"}

// negates reports whether one of a and b is the other with a negating
// prefix.
func negates(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	for _, p := range negatingPrefixes {
		if a == p+b || b == p+a {
			return true
		}
	}
	return false
}

// DidYouMean returns a hint `did you mean "x"?` for the candidate closest to
// word, or "" when there is none.
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return `did you mean "` + s + `"?`
	}
	return ""
}

// distance is the Levenshtein distance between a and b, counted in runes,
// with a transposition of two neighbours counting as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
