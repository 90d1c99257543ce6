package search

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// The index files, relative to the index root (search/ on the site):
//
//	manifest.json      manifestFile: shard keys, counts, folding tables, query constants
//	shards/<key>.json  shardFile: words with their rarity and posting lists
//	pos/<key>.json     posFile: the same words' positions, read only for "phrases"
//	docs/<n>.json      docsFile: Meta of documents n*chunk .. n*chunk+chunk-1
//	facets.json        facetsFile: year and action types of every document, read only to filter
const manifestName = "manifest.json"

// manifestFile is manifest.json.
type manifestFile struct {
	Format  int       `json:"format"`
	Version string    `json:"version"` // hash of the other files, appended to their URLs for caching
	Docs    int       `json:"docs"`    // number of documents; ids are 0..docs-1
	Chunk   int       `json:"chunk"`   // documents per docs/<n>.json
	Keys    []string  `json:"keys"`    // shard keys, sorted
	Query   queryConf `json:"query"`
	Fold    foldConf  `json:"fold"`
}

// queryConf are the constants of query evaluation.
type queryConf struct {
	Exact           int      `json:"exact"`
	Prefix          int      `json:"prefix"`
	MinPrefix       int      `json:"minPrefix"`
	MaxPrefixShards int      `json:"maxPrefixShards"`
	MaxToken        int      `json:"maxToken"`
	Stop            []string `json:"stop"`
}

// foldConf are the folding tables (see Fold).
type foldConf struct {
	From  string      `json:"from"`
	To    string      `json:"to"`
	Multi [][2]string `json:"multi"` // sorted
}

// shardFile is shards/<key>.json.
type shardFile struct {
	Terms []shardTerm `json:"terms"` // sorted by word
}

// shardTerm is one word of a shard, written as a JSON array
// [word, idf, postings]. idf is 100 times the word's inverse document
// frequency, rounded (at least 1). postings is a number string (see
// appendNum) of pairs: document id minus the previous one (the first minus
// -1), then the impact of the word in that document.
type shardTerm struct {
	Word string
	IDF  int
	Post string
}

// MarshalJSON writes t as [word, idf, postings].
func (t shardTerm) MarshalJSON() ([]byte, error) {
	w, err := json.Marshal(t.Word)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, `[%s,%d,"%s"]`, w, t.IDF, t.Post), nil
}

// UnmarshalJSON reads [word, idf, postings].
func (t *shardTerm) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw) != 3 {
		return fmt.Errorf("shard term: %d fields; want 3", len(raw))
	}
	if err := json.Unmarshal(raw[0], &t.Word); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[1], &t.IDF); err != nil {
		return err
	}
	return json.Unmarshal(raw[2], &t.Post)
}

// posFile is pos/<key>.json: for each word of the shard of the same key, in
// the same order, a number string holding for each of its postings the
// count of positions, then the first position and the gaps to the next.
type posFile struct {
	Terms [][2]string `json:"terms"` // [word, positions]
}

// docsFile is docs/<n>.json.
type docsFile struct {
	Docs []Meta `json:"docs"`
}

// facetsFile is facets.json: for each document, in id order, two numbers:
// 1 + the index of its year in Years (0: undated), and a bit mask of its
// action types (bit i: Actions[i]).
type facetsFile struct {
	Years   []int    `json:"years"`
	Actions []string `json:"actions"`
	Docs    string   `json:"docs"`
}

func shardName(key string) string { return "shards/" + fileKey(key) + ".json" }
func posName(key string) string   { return "pos/" + fileKey(key) + ".json" }
func docsName(n int) string       { return "docs/" + strconv.Itoa(n) + ".json" }

const facetsName = "facets.json"
