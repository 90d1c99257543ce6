package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// unit is one condition of a query: a word, a word being typed (prefix), or
// a quoted phrase. Every unit must match a document.
type unit struct {
	words   []string // folded, no stop words; one unless a phrase
	offsets []int    // phrase: position of each word relative to the first
	prefix  bool     // words[0] may be the start of a longer word
}

func (u unit) phrase() bool { return len(u.words) > 1 }

// quotes turns typographic double quotes, which phone keyboards type, into
// plain ones.
var quotes = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`)

// parseQuery splits a query into units. Text between double quotes is a
// phrase (an unclosed quote runs to the end); words outside quotes are
// units of their own; stop words are dropped except in phrases, where they
// keep their place. The last word outside quotes, when the query ends
// with it (no space or punctuation after it), is a prefix: "kiwi fa"
// matches "kiwi farms". Repeated units count once.
func parseQuery(q string) []unit {
	parts := strings.Split(quotes.Replace(q), `"`)
	var out []unit
	seen := map[string]bool{}
	add := func(u unit) {
		k := strings.Join(u.words, " ")
		if u.prefix {
			k += "*"
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, u)
		}
	}
	for i, part := range parts {
		toks := Tokens(part)
		if i%2 == 1 { // inside quotes
			var u unit
			for j, t := range toks {
				if !stopSet[t.Text] {
					u.words = append(u.words, t.Text)
					u.offsets = append(u.offsets, j)
				}
			}
			if len(u.words) > 0 {
				base := u.offsets[0]
				for j := range u.offsets {
					u.offsets[j] -= base
				}
				add(u)
			}
			continue
		}
		for j, t := range toks {
			last := i == len(parts)-1 && j == len(toks)-1 && t.End == len(part)
			switch {
			case last:
				add(unit{words: []string{t.Text}, prefix: true})
			case !stopSet[t.Text]:
				add(unit{words: []string{t.Text}})
			}
		}
	}
	return out
}

// keyOf returns the shard key of a word: the longest key that is a prefix
// of it (possibly "", the key of the root shard). ok is false when no key
// is. maxRunes is the length of the longest key.
func keyOf(keys map[string]bool, maxRunes int, word string) (key string, ok bool) {
	for n := min(utf8.RuneCountInString(word), maxRunes); n >= 0; n-- {
		if k := prefixRunes(word, n); keys[k] {
			return k, true
		}
	}
	return "", false
}

// prefixKeys returns the keys of the shards that may hold words starting
// with p: the shard of p itself and every shard of a longer key starting
// with p. sorted is the manifest's sorted key list.
func prefixKeys(keys map[string]bool, maxRunes int, sorted []string, p string) []string {
	var out []string
	if k, ok := keyOf(keys, maxRunes, p); ok {
		out = append(out, k)
	}
	i, _ := slices.BinarySearch(sorted, p)
	for ; i < len(sorted) && strings.HasPrefix(sorted[i], p); i++ {
		if len(sorted[i]) > len(p) {
			out = append(out, sorted[i])
		}
	}
	return out
}
