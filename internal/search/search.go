// Package search builds the site's full-text search index at build time and
// answers queries over it the way the browser does (static/search.js is a
// faithful port of Reader.Search).
//
// The index is a set of small static JSON files, so that a query downloads
// only what it needs: a manifest, the shards holding its words (a shard is
// every word starting with one prefix, the prefix growing until the shard
// is small), and the metadata of the hits on screen, in chunks of a few
// documents. docs/search.md describes the files and their sizes.
//
//	ix := search.Build(docs, search.Options{})
//	for _, f := range ix.Files() {
//		sink.WriteFile("search/"+f.Name, f.Data) // manifest.json, shards/ki.json, docs/0.json, ...
//	}
//	r, err := search.NewReader(ix.Open)
//	res, err := r.Search(search.Query{Text: "kiwi farms", Limit: 10})
//	fmt.Println(res.Total, res.Hits[0].Meta.Title)
//
// Words are folded (lower case, accents removed: see Fold) and ranked by
// field — title, then names, summary, tags, sources, body — and by term
// frequency, weighted by rarity. All words must match; the last word of a
// query being typed also matches longer words; "quoted phrases" match
// words in that order.
package search

// Field weights: how much one occurrence of a word counts in each field.
// The ranking is title > names > summary > tags > sources > body.
const (
	WeightTitle   = 12 // a case's title, an entity's name, a page's title
	WeightName    = 8  // targets, providers, people and aliases
	WeightSummary = 4
	WeightTag     = 3 // tags and services
	WeightSource  = 2 // source titles and publishers
	WeightBody    = 1 // body text and event texts
)

// Query-time constants, written to the manifest so the browser uses the
// same values.
const (
	exactFactor     = 4 // score multiplier for a word matched exactly
	prefixFactor    = 3 // ... and for a longer word matched by a typed prefix
	minPrefix       = 2 // a last word shorter than this (in runes) is ignored while typing
	maxPrefixShards = 8 // a prefix spanning more shards is too broad: ignored
	formatVersion   = 1 // of the index files; raise on incompatible change
)

// Meta is what a result shows; it is stored in the docs chunks.
type Meta struct {
	Kind      string   `json:"k"`           // "case", "entity" or "page"
	URL       string   `json:"u"`           // relative to the site root: "cases/x/"
	Title     string   `json:"t"`           // title or name
	Label     string   `json:"l,omitempty"` // what it is, for entities and pages: "Company"
	Date      string   `json:"d,omitempty"` // ISO 8601: "2017-08-16", "2017-08" or "2017"
	Human     string   `json:"h,omitempty"` // "16 August 2017"
	Targets   []string `json:"g,omitempty"` // names
	Providers []string `json:"p,omitempty"` // names
	Actions   []string `json:"a,omitempty"` // action types
	Snippet   string   `json:"s,omitempty"` // a short text (the summary) shown under the title
}

// Doc is one document to index.
type Doc struct {
	Meta
	Year   int // for the year filter; 0 when undated
	Fields []Field
}

// Field is text of one weight. Each value is tokenised on its own: a phrase
// does not match across two values.
type Field struct {
	Weight int
	Values []string
}

// Options tune the index layout; the zero value is the default.
type Options struct {
	ShardBytes int // a shard is split by a longer prefix when bigger than this; default 24 KiB
	ChunkDocs  int // documents per metadata chunk; default 8
}

func (o Options) withDefaults() Options {
	if o.ShardBytes <= 0 {
		o.ShardBytes = 48 << 10
	}
	if o.ChunkDocs <= 0 {
		o.ChunkDocs = 8
	}
	return o
}
