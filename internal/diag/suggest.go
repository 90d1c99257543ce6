package diag

import "unicode/utf8"

// Suggest returns the candidate closest to word by edit distance, for a
// "did you mean" hint, or "" when none is close enough (more than a third of
// the word would have to change). Ties go to the earlier candidate, so pass
// candidates in a stable order.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	limit := max(1, utf8.RuneCountInString(word)/3)
	for _, c := range candidates {
		if c == word {
			continue
		}
		d := distance(word, c)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
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
