package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Fetcher returns the content of an index file by its name relative to the
// index root ("shards/ki.json"). In a browser it is an HTTP GET.
type Fetcher func(name string) ([]byte, error)

// Reader answers queries from the files of an index, reading each file at
// most once. It is the reference for static/search.js, which does the same
// steps in the same order. A Reader is not safe for concurrent use.
type Reader struct {
	fetch  Fetcher
	m      manifestFile
	keys   map[string]bool
	maxKey int                          // runes in the longest key
	shards map[string][]shardTerm       // by key
	pos    map[string]map[string]string // by key, then word
	chunks map[int][]Meta
	facets *facets
}

// facets is facets.json decoded.
type facets struct {
	years   []int
	actions []string
	year    []int // per document: 1 + index in years, 0 when undated
	mask    []int // per document: bit i set for actions[i]
}

// NewReader reads the manifest of an index.
func NewReader(fetch Fetcher) (*Reader, error) {
	r := &Reader{fetch: fetch, keys: map[string]bool{}, shards: map[string][]shardTerm{},
		pos: map[string]map[string]string{}, chunks: map[int][]Meta{}}
	if err := r.load(manifestName, &r.m); err != nil {
		return nil, err
	}
	if r.m.Format != formatVersion {
		return nil, fmt.Errorf("search index format %d; want %d", r.m.Format, formatVersion)
	}
	for _, k := range r.m.Keys {
		r.keys[k] = true
		r.maxKey = max(r.maxKey, utf8.RuneCountInString(k))
	}
	return r, nil
}

func (r *Reader) load(name string, v any) error {
	data, err := r.fetch(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("search index %s: %w", name, err)
	}
	return nil
}

// Query is a search.
type Query struct {
	Text   string // what the reader typed
	Action string // only documents with an action of this type, when set
	Year   int    // only documents of this year, when set
	Offset int    // the first hit to return with its metadata
	Limit  int    // how many hits to return with metadata (0: none)
}

// Result is the answer to a query.
type Result struct {
	Total    int      // matching documents
	Hits     []Hit    // Limit of them from Offset, best first
	Words    []string // the folded words matched whole, for highlighting
	Prefixes []string // the folded prefix being typed, for highlighting
	// Broad is set when the word being typed was left out because it is
	// too short or starts too many words; typing on narrows it.
	Broad bool
}

// Hit is one matching document.
type Hit struct {
	ID    int // the document's position in the docs given to Build
	Score int
	Meta  Meta
}

// Search runs q. Documents must match every word (a typed prefix: any word
// starting with it; a phrase: its words in order) and the filters. The
// score of a document is the sum over the query's units of impact × idf ×
// factor (exact or prefix; for a prefix the best matching word counts, for
// a phrase the sum of its words). Hits go by score, then by id.
func (r *Reader) Search(q Query) (*Result, error) {
	res := &Result{}
	var units []unit
	for _, u := range parseQuery(q.Text) {
		if u.prefix {
			p := u.words[0]
			if utf8.RuneCountInString(p) < r.m.Query.MinPrefix ||
				len(prefixKeys(r.keys, r.maxKey, r.m.Keys, p)) > r.m.Query.MaxPrefixShards {
				res.Broad = true
				continue
			}
			res.Prefixes = append(res.Prefixes, p)
		} else {
			res.Words = append(res.Words, u.words...)
		}
		units = append(units, u)
	}
	if len(units) == 0 {
		return res, nil
	}
	if err := r.loadShards(units); err != nil {
		return nil, err
	}
	sets := make([]map[int]int, len(units))
	for i, u := range units {
		s, err := r.unitScores(u)
		if err != nil {
			return nil, err
		}
		if len(s) == 0 {
			return res, nil
		}
		sets[i] = s
	}
	hits, err := r.combine(sets, q)
	if err != nil {
		return nil, err
	}
	res.Total = len(hits)
	for i := q.Offset; i < min(len(hits), q.Offset+q.Limit); i++ {
		if hits[i].Meta, err = r.meta(hits[i].ID); err != nil {
			return nil, err
		}
		res.Hits = append(res.Hits, hits[i])
	}
	return res, nil
}

// loadShards reads every shard the units need, before any is used, as
// the browser fetches them all at once.
func (r *Reader) loadShards(units []unit) error {
	for _, u := range units {
		var keys []string
		if u.prefix {
			keys = prefixKeys(r.keys, r.maxKey, r.m.Keys, u.words[0])
			for _, w := range singulars(u.words[0]) {
				if k, ok := keyOf(r.keys, r.maxKey, w); ok {
					keys = append(keys, k)
				}
			}
		} else {
			words := u.words
			if len(words) == 1 {
				words = wordForms(words[0])
			}
			for _, w := range words {
				if k, ok := keyOf(r.keys, r.maxKey, w); ok {
					keys = append(keys, k)
				}
			}
		}
		for _, k := range keys {
			if _, err := r.shard(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// combine intersects the units' scores, applies the filters and sorts.
func (r *Reader) combine(sets []map[int]int, q Query) ([]Hit, error) {
	slices.SortStableFunc(sets, func(a, b map[int]int) int { return cmp.Compare(len(a), len(b)) })
	var f *facets
	if q.Action != "" || q.Year != 0 {
		var err error
		if f, err = r.loadFacets(); err != nil {
			return nil, err
		}
	}
	var hits []Hit
next:
	for id, score := range sets[0] {
		for _, s := range sets[1:] {
			v, ok := s[id]
			if !ok {
				continue next
			}
			score += v
		}
		if f != nil && !f.match(id, q) {
			continue
		}
		hits = append(hits, Hit{ID: id, Score: score})
	}
	slices.SortFunc(hits, func(a, b Hit) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID)) })
	return hits, nil
}

// unitScores returns the documents matching u with u's score in each.
func (r *Reader) unitScores(u unit) (map[int]int, error) {
	exact, prefix := r.m.Query.Exact, r.m.Query.Prefix
	scores := map[int]int{}
	if u.prefix {
		p := u.words[0]
		for _, k := range prefixKeys(r.keys, r.maxKey, r.m.Keys, p) {
			terms, err := r.shard(k)
			if err != nil {
				return nil, err
			}
			for _, t := range terms {
				if !strings.HasPrefix(t.Word, p) {
					continue
				}
				factor := prefix
				if t.Word == p || t.Word == p+"s" || t.Word == p+"es" { // the word typed so far, or its plural
					factor = exact
				}
				err := eachPosting(t.Post, func(id, imp int) {
					scores[id] = max(scores[id], imp*t.IDF*factor)
				})
				if err != nil {
					return nil, err
				}
			}
		}
		// "registrars" typed also finds "registrar".
		return scores, r.bestOf(scores, singulars(p), exact)
	}
	if len(u.words) == 1 { // a word: any of its forms
		return scores, r.bestOf(scores, wordForms(u.words[0]), exact)
	}
	for i, w := range u.words {
		t, err := r.term(w)
		if err != nil || t == nil {
			return nil, err
		}
		next := map[int]int{}
		err = eachPosting(t.Post, func(id, imp int) {
			if s, ok := scores[id]; ok || i == 0 {
				next[id] = s + imp*t.IDF*exact
			}
		})
		if err != nil {
			return nil, err
		}
		scores = next
	}
	if u.phrase() {
		return r.phraseFilter(u, scores)
	}
	return scores, nil
}

// bestOf raises each document's score to the best impact × idf × factor of
// the given words in it.
func (r *Reader) bestOf(scores map[int]int, words []string, factor int) error {
	for _, w := range words {
		t, err := r.term(w)
		if err != nil {
			return err
		}
		if t == nil {
			continue
		}
		err = eachPosting(t.Post, func(id, imp int) {
			scores[id] = max(scores[id], imp*t.IDF*factor)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// eachPosting calls fn for each (document, impact) of a posting string.
func eachPosting(post string, fn func(id, impact int)) error {
	nums, err := decodeNums(post)
	if err != nil || len(nums)%2 != 0 {
		return fmt.Errorf("search index: bad posting list")
	}
	id := -1
	for i := 0; i < len(nums); i += 2 {
		id += nums[i]
		fn(id, nums[i+1])
	}
	return nil
}

// phraseFilter keeps the documents where the phrase's words stand at
// their offsets from one another.
func (r *Reader) phraseFilter(u unit, scores map[int]int) (map[int]int, error) {
	pos := make([]map[int][]int, len(u.words))
	for i, w := range u.words {
		var err error
		if pos[i], err = r.positions(w, scores); err != nil {
			return nil, err
		}
	}
	out := map[int]int{}
	for id, s := range scores {
	starts:
		for _, p := range pos[0][id] {
			for i := 1; i < len(u.words); i++ {
				if _, ok := slices.BinarySearch(pos[i][id], p+u.offsets[i]); !ok {
					continue starts
				}
			}
			out[id] = s
			break
		}
	}
	return out, nil
}

// positions returns the positions of word in the documents of want.
func (r *Reader) positions(word string, want map[int]int) (map[int][]int, error) {
	t, err := r.term(word)
	if err != nil || t == nil {
		return nil, err
	}
	k, _ := keyOf(r.keys, r.maxKey, word) // the word is in the index: t != nil
	byWord, ok := r.pos[k]
	if !ok {
		var pf posFile
		if err := r.load(posName(k), &pf); err != nil {
			return nil, err
		}
		byWord = map[string]string{}
		for _, e := range pf.Terms {
			byWord[e[0]] = e[1]
		}
		r.pos[k] = byWord
	}
	nums, err := decodeNums(byWord[word])
	if err != nil {
		return nil, err
	}
	var ids []int
	if err := eachPosting(t.Post, func(id, _ int) { ids = append(ids, id) }); err != nil {
		return nil, err
	}
	out := map[int][]int{}
	i := 0
	for _, id := range ids {
		if i >= len(nums) || i+nums[i] >= len(nums) {
			return nil, fmt.Errorf("search index: bad positions of %q", word)
		}
		n := nums[i]
		if _, ok := want[id]; ok {
			ps := make([]int, n)
			p := 0
			for j := range n {
				p += nums[i+1+j]
				ps[j] = p
			}
			out[id] = ps
		}
		i += 1 + n
	}
	return out, nil
}

// term returns the shard entry of a whole word, or nil.
func (r *Reader) term(w string) (*shardTerm, error) {
	k, ok := keyOf(r.keys, r.maxKey, w)
	if !ok {
		return nil, nil
	}
	terms, err := r.shard(k)
	if err != nil {
		return nil, err
	}
	i, ok := slices.BinarySearchFunc(terms, w, func(t shardTerm, w string) int { return strings.Compare(t.Word, w) })
	if !ok {
		return nil, nil
	}
	return &terms[i], nil
}

func (r *Reader) shard(k string) ([]shardTerm, error) {
	if t, ok := r.shards[k]; ok {
		return t, nil
	}
	var sf shardFile
	if err := r.load(shardName(k), &sf); err != nil {
		return nil, err
	}
	r.shards[k] = sf.Terms
	return sf.Terms, nil
}

func (r *Reader) meta(id int) (Meta, error) {
	n := id / r.m.Chunk
	docs, ok := r.chunks[n]
	if !ok {
		var df docsFile
		if err := r.load(docsName(n), &df); err != nil {
			return Meta{}, err
		}
		docs = df.Docs
		r.chunks[n] = docs
	}
	if i := id % r.m.Chunk; i < len(docs) {
		return docs[i], nil
	}
	return Meta{}, fmt.Errorf("search index: no document %d", id)
}

func (r *Reader) loadFacets() (*facets, error) {
	if r.facets != nil {
		return r.facets, nil
	}
	var ff facetsFile
	if err := r.load(facetsName, &ff); err != nil {
		return nil, err
	}
	nums, err := decodeNums(ff.Docs)
	if err != nil || len(nums) != 2*r.m.Docs {
		return nil, fmt.Errorf("search index: bad facets")
	}
	f := &facets{years: ff.Years, actions: ff.Actions}
	for i := 0; i < len(nums); i += 2 {
		f.year = append(f.year, nums[i])
		f.mask = append(f.mask, nums[i+1])
	}
	r.facets = f
	return f, nil
}

// match reports whether document id passes the filters of q.
func (f *facets) match(id int, q Query) bool {
	if q.Year != 0 && (f.year[id] == 0 || f.years[f.year[id]-1] != q.Year) {
		return false
	}
	if q.Action != "" {
		i := slices.Index(f.actions, q.Action)
		if i < 0 || f.mask[id]&(1<<i) == 0 {
			return false
		}
	}
	return true
}

// wordForms returns a finished query word and the forms it also matches:
// its singular or plural in -s and -es ("registrar", "registrars"), which
// is all the stemming search does. The word comes first; the forms have at
// least three letters. search.js does the same.
func wordForms(w string) []string {
	forms := []string{w}
	add := func(f string) {
		if utf8.RuneCountInString(f) >= 3 {
			forms = append(forms, f)
		}
	}
	switch {
	case strings.HasSuffix(w, "ss"):
		add(w + "es")
	case strings.HasSuffix(w, "es"):
		add(w[:len(w)-1])
		add(w[:len(w)-2])
	case strings.HasSuffix(w, "s"):
		add(w[:len(w)-1])
	default:
		add(w + "s")
		add(w + "es")
	}
	return forms
}

// singulars returns the forms of wordForms(w) shorter than w: the singulars
// a plural matches.
func singulars(w string) []string {
	var out []string
	for _, f := range wordForms(w)[1:] {
		if len(f) < len(w) {
			out = append(out, f)
		}
	}
	return out
}
