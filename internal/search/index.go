package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Index is a built search index: a set of files, by name relative to the
// index root.
type Index struct {
	files map[string][]byte
	names []string // sorted
}

// File is one file of an index.
type File struct {
	Name string // "manifest.json", "shards/ki.json", ...
	Data []byte
}

// Files returns the files of the index, sorted by name.
func (ix *Index) Files() []File {
	out := make([]File, len(ix.names))
	for i, n := range ix.names {
		out[i] = File{Name: n, Data: ix.files[n]}
	}
	return out
}

// Open returns the content of the named file; it is a Fetcher over the
// index in memory. The returned slice must not be modified.
func (ix *Index) Open(name string) ([]byte, error) {
	data, ok := ix.files[name]
	if !ok {
		return nil, fmt.Errorf("search index: %q: %w", name, fs.ErrNotExist)
	}
	return data, nil
}

// Size returns the total size of the files in bytes.
func (ix *Index) Size() int {
	n := 0
	for _, d := range ix.files {
		n += len(d)
	}
	return n
}

// termBuild accumulates one word's posting list while documents are added
// in id order.
type termBuild struct {
	word string
	df   int
	last int    // id of the last document added
	post []byte // see shardTerm
	pos  []byte // see posFile
}

// size is the share of a shard file taken by the word.
func (t *termBuild) size() int { return len(t.word) + len(t.post) + 16 }

// Build indexes docs; a document's id is its position in docs. Ties in
// ranking go to the lower id, so put the documents in their preferred order
// (newest case first).
func Build(docs []Doc, opt Options) *Index {
	return BuildEach(len(docs), func(i int) Doc { return docs[i] }, opt)
}

// BuildEach indexes the n documents doc returns, as Build does docs[0:n].
// It asks for each document once, a few hundred at a time, and keeps only
// its Meta and Year: the texts of all need not be in memory at once.
func BuildEach(n int, doc func(i int) Doc, opt Options) *Index {
	opt = opt.withDefaults()
	terms, docs := collect(n, doc)
	ix := &Index{files: map[string][]byte{}}
	var keys []string
	for _, p := range planShards(terms, opt.ShardBytes) {
		keys = append(keys, p.key)
		sf := shardFile{Terms: make([]shardTerm, len(p.terms))}
		pf := posFile{Terms: make([][2]string, len(p.terms))}
		for i, t := range p.terms {
			sf.Terms[i] = shardTerm{Word: t.word, IDF: idf(len(docs), t.df), Post: string(t.post)}
			pf.Terms[i] = [2]string{t.word, string(t.pos)}
			t.post, t.pos = nil, nil // copied: the lists of the shards done need not wait for the others
		}
		ix.add(shardName(p.key), sf)
		ix.add(posName(p.key), pf)
	}
	slices.Sort(keys)
	for n := 0; n*opt.ChunkDocs < len(docs); n++ {
		chunk := docs[n*opt.ChunkDocs : min(len(docs), (n+1)*opt.ChunkDocs)]
		df := docsFile{Docs: make([]Meta, len(chunk))}
		for i := range chunk {
			df.Docs[i] = chunk[i].Meta
		}
		ix.add(docsName(n), df)
	}
	ix.add(facetsName, facetsOf(docs))
	ix.add(manifestName, manifestFile{
		Format: formatVersion, Version: ix.version(), Docs: len(docs), Chunk: opt.ChunkDocs, Keys: keys,
		Query: queryConf{Exact: exactFactor, Prefix: prefixFactor, MinPrefix: minPrefix,
			MaxPrefixShards: maxPrefixShards, MaxToken: MaxTokenRunes, Stop: stopWords},
		Fold: foldConfOf(),
	})
	slices.Sort(ix.names)
	return ix
}

// add writes v as compact JSON under name.
func (ix *Index) add(name string, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("search: " + err.Error()) // only typed values of this package are encoded
	}
	ix.files[name] = b.Bytes()
	ix.names = append(ix.names, name)
}

// version hashes every file added so far (all but the manifest).
func (ix *Index) version() string {
	h := sha256.New()
	for _, n := range slices.Sorted(slices.Values(ix.names)) {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(ix.files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// idf is 100 times the BM25 inverse document frequency of a word in df of
// n documents, rounded, at least 1.
func idf(n, df int) int {
	v := math.Log(1 + (float64(n-df)+0.5)/(float64(df)+0.5))
	return max(1, int(math.Round(100*v)))
}

func foldConfOf() foldConf {
	c := foldConf{From: foldFrom, To: foldTo}
	for r, s := range foldMulti {
		c.Multi = append(c.Multi, [2]string{string(r), s})
	}
	slices.SortFunc(c.Multi, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return c
}

func facetsOf(docs []docMeta) facetsFile {
	var f facetsFile
	for _, d := range docs {
		if d.Year != 0 && !slices.Contains(f.Years, d.Year) {
			f.Years = append(f.Years, d.Year)
		}
		for _, a := range d.Actions {
			if !slices.Contains(f.Actions, a) {
				f.Actions = append(f.Actions, a)
			}
		}
	}
	slices.Sort(f.Years)
	slices.Sort(f.Actions)
	var b []byte
	for _, d := range docs {
		y := 0
		if d.Year != 0 {
			y = 1 + slices.Index(f.Years, d.Year)
		}
		mask := 0
		for _, a := range d.Actions {
			mask |= 1 << slices.Index(f.Actions, a)
		}
		b = appendNum(appendNum(b, y), mask)
	}
	f.Docs = string(b)
	return f
}

// docMeta is what the index keeps of a document once its words are merged.
type docMeta struct {
	Meta
	Year int
}

// collect analyses the n documents, in parallel batches, and merges their
// words in id order. It returns the words sorted, and each document's Meta
// and Year.
func collect(n int, doc func(i int) Doc) ([]*termBuild, []docMeta) {
	terms := map[string]*termBuild{}
	metas := make([]docMeta, n)
	const batch = 256 // documents analysed before their words are merged: bounds the memory of the results
	workers := runtime.GOMAXPROCS(0)
	res := make([][]docTerm, batch)
	docs := make([]Doc, batch)
	as := make([]analyser, workers)
	for w := range as {
		as[w].known = terms // read while the batch is analysed, written only between batches
	}
	for start := 0; start < n; start += batch {
		end := min(n, start+batch)
		for i := start; i < end; i++ {
			docs[i-start] = doc(i)
			metas[i] = docMeta{docs[i-start].Meta, docs[i-start].Year}
		}
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				as[w].batch()
				for i := start + w; i < end; i += workers {
					res[i-start] = as[w].analyse(&docs[i-start])
				}
			})
		}
		wg.Wait()
		for i := start; i < end; i++ {
			for _, dt := range res[i-start] {
				t := terms[dt.word]
				if t == nil {
					t = &termBuild{word: dt.word, last: -1}
					terms[dt.word] = t
				}
				t.add(i, dt)
			}
		}
	}
	out := make([]*termBuild, 0, len(terms))
	for _, t := range terms {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *termBuild) int { return strings.Compare(a.word, b.word) })
	return out, metas
}

func (t *termBuild) add(id int, dt docTerm) {
	t.post = appendNum(appendNum(t.post, id-t.last), dt.impact)
	t.pos = appendNum(t.pos, len(dt.pos))
	prev := 0
	for _, p := range dt.pos {
		t.pos = appendNum(t.pos, p-prev)
		prev = p
	}
	t.last = id
	t.df++
}

// docTerm is one word of one document.
type docTerm struct {
	word   string
	impact int
	pos    []int
}

// stopSet is stopWords as a set.
var stopSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range stopWords {
		m[w] = true
	}
	return m
}()

// analyser analyses documents one at a time (see analyse), reusing its
// tables from one document to the next: one per worker.
type analyser struct {
	known map[string]*termBuild // the words of the documents before (read only), so that each is allocated once
	slot  map[string]int        // the document's words: index in stats
	stats []wordStat
	occ   []occurrence // of the document's indexed words, in order
	// The results of the documents of a batch, one after the other: they
	// are merged before the next batch (see batch), which reuses the arrays.
	pos  []int
	outs []docTerm
}

// batch starts a batch of documents: the results of the previous one have
// been merged.
func (a *analyser) batch() { a.pos, a.outs = a.pos[:0], a.outs[:0] }

// occurrence is one indexed word at a position of a document.
type occurrence struct{ slot, pos int }

// analyse returns the words of d, in no order, with their impact and positions.
// Positions count every token, stop words included; each field value starts
// one position after the previous one ends, so no phrase spans two values.
// The positions of all words share one array.
func (a *analyser) analyse(d *Doc) []docTerm {
	if a.slot == nil {
		a.slot = map[string]int{}
	}
	clear(a.slot)
	a.stats, a.occ = a.stats[:0], a.occ[:0]
	p := 0
	for _, f := range d.Fields {
		for _, v := range f.Values {
			eachToken(v, func(tok []byte, _, _ int) {
				i, ok := a.slot[string(tok)]
				if !ok && !stopSet[string(tok)] {
					var w string
					if t := a.known[string(tok)]; t != nil {
						w = t.word
					} else {
						w = string(tok)
					}
					i, ok = len(a.stats), true
					a.slot[w] = i
					if i < cap(a.stats) {
						a.stats = a.stats[:i+1]
						a.stats[i].reset(w)
					} else {
						a.stats = append(a.stats, wordStat{word: w})
					}
				}
				if ok {
					a.stats[i].add(f.Weight)
					a.occ = append(a.occ, occurrence{i, p})
				}
				p++
			})
			p++
		}
	}
	// Each word's positions, in order, in one array: the word's own count
	// first gives where its run starts.
	start := len(a.pos)
	a.pos = slices.Grow(a.pos, len(a.occ))[:start+len(a.occ)]
	pos := a.pos[start:]
	next := 0
	for i := range a.stats {
		s := &a.stats[i]
		s.next = next
		next += s.n
	}
	for _, o := range a.occ {
		s := &a.stats[o.slot]
		pos[s.next] = o.pos
		s.next++
	}
	first := len(a.outs)
	a.outs = slices.Grow(a.outs, len(a.stats))[:first+len(a.stats)]
	out := a.outs[first:]
	for i := range a.stats { // in first-use order: each word's lists grow in id order whatever the order of words
		s := &a.stats[i]
		out[i] = docTerm{word: s.word, impact: s.impact(), pos: pos[s.next-s.n : s.next : s.next]}
	}
	return out
}

// wordStat counts one word's occurrences in one document.
type wordStat struct {
	word   string
	counts []weightCount
	n      int // occurrences
	next   int // in analyse, where the next position goes
}

type weightCount struct{ weight, n int }

// reset makes s the stat of w, keeping the room of its counts.
func (s *wordStat) reset(w string) {
	*s = wordStat{word: w, counts: s.counts[:0]}
}

func (s *wordStat) add(weight int) {
	s.n++
	for i := range s.counts {
		if s.counts[i].weight == weight {
			s.counts[i].n++
			return
		}
	}
	s.counts = append(s.counts, weightCount{weight, 1})
}

// impact is the weight of a word in a document: for each field weight W
// where it occurs c times, W × (1 + ln c), summed, doubled and rounded, at
// least 1. The logarithm damps repetition, so a word in the title outranks
// the same word repeated in the body.
func (s *wordStat) impact() int {
	slices.SortFunc(s.counts, func(a, b weightCount) int { return cmp.Compare(b.weight, a.weight) })
	raw := 0.0
	for _, c := range s.counts { // in a fixed order: float sums depend on it
		raw += float64(c.weight) * (1 + math.Log(float64(c.n)))
	}
	return max(1, int(math.Round(2*raw)))
}

// shardPlan is the words of one shard.
type shardPlan struct {
	key   string
	terms []*termBuild
}

// planShards groups the sorted words into shards by prefix. All words start
// in one shard of key ""; a shard bigger than budget is split by the next
// character, recursively, keeping the small subgroups with the words equal
// to the prefix while that fits. A small index is one shard; the words of a
// large one end in shards of two, three or more letters, as many as their
// posting lists need. The shard of a word is that of the longest key that
// is a prefix of it.
func planShards(terms []*termBuild, budget int) []shardPlan {
	var out []shardPlan
	if len(terms) > 0 {
		place("", terms, budget, &out)
	}
	slices.SortFunc(out, func(a, b shardPlan) int { return strings.Compare(a.key, b.key) })
	return out
}

func place(key string, group []*termBuild, budget int, out *[]shardPlan) {
	if len(group) == 1 || sizeOf(group) <= budget {
		*out = append(*out, shardPlan{key, group})
		return
	}
	n := utf8.RuneCountInString(key)
	type child struct {
		key   string
		terms []*termBuild
		size  int
	}
	var rest []*termBuild
	var children []child
	for i := 0; i < len(group); {
		w := group[i].word
		if utf8.RuneCountInString(w) <= n {
			rest = append(rest, group[i])
			i++
			continue
		}
		ck := prefixRunes(w, n+1)
		j := i + 1
		for j < len(group) && strings.HasPrefix(group[j].word, ck) {
			j++
		}
		children = append(children, child{ck, group[i:j], sizeOf(group[i:j])})
		i = j
	}
	slices.SortFunc(children, func(a, b child) int {
		return cmp.Or(cmp.Compare(a.size, b.size), strings.Compare(a.key, b.key))
	})
	size := sizeOf(rest)
	var split []child
	for _, c := range children {
		if c.size <= budget/8 && size+c.size <= budget {
			rest = append(rest, c.terms...)
			size += c.size
			continue
		}
		split = append(split, c)
	}
	slices.SortFunc(rest, func(a, b *termBuild) int { return strings.Compare(a.word, b.word) })
	*out = append(*out, shardPlan{key, rest}) // even empty: the key tells its words are elsewhere
	for _, c := range split {
		place(c.key, c.terms, budget, out)
	}
}

func sizeOf(ts []*termBuild) int {
	n := 0
	for _, t := range ts {
		n += t.size()
	}
	return n
}

// prefixRunes returns the first n runes of s (all of s when shorter).
func prefixRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i]
}
