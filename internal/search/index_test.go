package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// fakeTerms makes words with posting lists of the given size, sorted.
func fakeTerms(words map[string]int) []*termBuild {
	var out []*termBuild
	for _, w := range slices.Sorted(maps.Keys(words)) {
		out = append(out, &termBuild{word: w, post: bytes.Repeat([]byte("A"), words[w])})
	}
	return out
}

// TestPlanShards checks the sharding rules: every word is in exactly one
// shard, the shard of the longest key that prefixes it; a shard over budget
// is split by a longer prefix unless it is one word; the keys a prefix
// needs cover every word with that prefix.
func TestPlanShards(t *testing.T) {
	words := map[string]int{
		"kiwi": 900, "kiwifarms": 900, "kid": 10, "kind": 10, "kill": 10, "k": 5,
		"cloud": 50, "cloudflare": 3000, "cloudflares": 10, "clara": 20, "close": 20, "clear": 20, "clo": 5,
		"8chan": 100, "8kun": 100, "жук": 10, "журнал": 10, "日": 10,
	}
	plans := planShards(fakeTerms(words), 1000)
	keys := map[string]bool{}
	var sorted []string
	in := map[string]string{} // word -> key of its shard
	for _, p := range plans {
		if keys[p.key] {
			t.Fatalf("key %q twice", p.key)
		}
		keys[p.key] = true
		sorted = append(sorted, p.key)
		for _, tb := range p.terms {
			if !strings.HasPrefix(tb.word, p.key) {
				t.Errorf("word %q in shard %q", tb.word, p.key)
			}
			if k, ok := in[tb.word]; ok {
				t.Errorf("word %q in shards %q and %q", tb.word, k, p.key)
			}
			in[tb.word] = p.key
		}
		if len(p.terms) > 1 && sizeOf(p.terms) > 1000 {
			t.Errorf("shard %q has %d bytes; budget 1000", p.key, sizeOf(p.terms))
		}
	}
	if !slices.IsSorted(sorted) {
		t.Errorf("keys not sorted: %q", sorted)
	}
	maxKey := 0
	for k := range keys {
		maxKey = max(maxKey, utf8.RuneCountInString(k))
	}
	for w := range words {
		if got, ok := keyOf(keys, maxKey, w); !ok || got != in[w] {
			t.Errorf("keyOf(%q) = %q, %v; the word is in %q", w, got, ok, in[w])
		}
	}
	// "cl" is over budget and split: cloudflare alone, cloud... apart.
	if in["cloudflare"] == "cl" || in["kiwi"] == in["kiwifarms"] {
		t.Errorf("big words not split out: %v", in)
	}
	// Small groups stay with their parent: rare first letters at the root.
	if in["日"] != "" || in["жук"] != "" || in["8chan"] != "8" {
		t.Errorf("small groups were split out: %v", in)
	}
	for _, p := range []string{"cl", "clo", "cloudf", "ki", "kiw", "жу", "8c"} {
		ks := prefixKeys(keys, maxKey, sorted, p)
		for w := range words {
			if strings.HasPrefix(w, p) && !slices.Contains(ks, in[w]) {
				t.Errorf("prefixKeys(%q) = %q; misses %q in %q", p, ks, w, in[w])
			}
		}
	}
}

func TestPlanShardsSmallIndexIsOneShard(t *testing.T) {
	plans := planShards(fakeTerms(map[string]int{"kiwi": 10, "kiwifarms": 10, "kid": 10, "cloud": 10}), 1000)
	if len(plans) != 1 || plans[0].key != "" || len(plans[0].terms) != 4 {
		t.Errorf("plans = %+v; want one shard of key \"\"", plans)
	}
	if got := planShards(nil, 1000); len(got) != 0 {
		t.Errorf("an empty index has shards: %+v", got)
	}
}

// doc makes a document with text in one field of the given weight.
func doc(title string, weight int, text string) Doc {
	return Doc{Meta: Meta{Kind: "case", URL: title + "/", Title: title},
		Fields: []Field{{Weight: weight, Values: []string{text}}}}
}

func search(t *testing.T, ix *Index, q Query) *Result {
	t.Helper()
	r, err := NewReader(ix.Open)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Search(q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	return res
}

func titles(res *Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Meta.Title)
	}
	return out
}

// TestFieldRanking: one occurrence in the title outranks one among the
// names, which outranks the summary, then tags, sources, body; repeating a
// word in the body does not beat the title.
func TestFieldRanking(t *testing.T) {
	docs := []Doc{
		doc("body", WeightBody, "a zebra"),
		doc("body5", WeightBody, "zebra zebra zebra zebra zebra"),
		doc("source", WeightSource, "zebra"),
		doc("tag", WeightTag, "zebra"),
		doc("summary", WeightSummary, "zebra"),
		doc("name", WeightName, "Zebra"),
		doc("title", WeightTitle, "Zébra"),
		doc("none", WeightTitle, "horse"),
	}
	ix := Build(docs, Options{})
	res := search(t, ix, Query{Text: "zebra ", Limit: 10})
	want := []string{"title", "name", "summary", "tag", "body5", "source", "body"}
	if got := titles(res); !slices.Equal(got, want) || res.Total != 7 {
		t.Errorf("zebra: %d %q; want 7 %q", res.Total, got, want)
	}
}

// TestPrefixAndExact: the last word typed matches longer words, below the
// word itself and its plural; a finished word (followed by a space) matches
// only itself, its singular or its plural.
func TestPrefixAndExact(t *testing.T) {
	ix := Build([]Doc{doc("farms", WeightTitle, "kiwifarms"), doc("kiwi", WeightTitle, "kiwi"), doc("fruit", WeightBody, "kiwis")}, Options{})
	tests := []struct {
		q    string
		want []string
	}{
		{"kiwi", []string{"kiwi", "farms", "fruit"}},
		{"kiwi ", []string{"kiwi", "fruit"}},
		{"kiwi.", []string{"kiwi", "fruit"}},
		{"kiwis ", []string{"kiwi", "fruit"}},
		{"kiwis", []string{"kiwi", "fruit"}},
		{"kiwif ", nil},
		{"KIWIF", []string{"farms"}},
		{"k", nil}, // too short to expand
	}
	for _, tt := range tests {
		res := search(t, ix, Query{Text: tt.q, Limit: 10})
		if got := titles(res); !slices.Equal(got, tt.want) {
			t.Errorf("%q: %q; want %q", tt.q, got, tt.want)
		}
	}
	if res := search(t, ix, Query{Text: "k", Limit: 10}); !res.Broad {
		t.Error(`"k" should be reported as too broad`)
	}
}

func TestWordForms(t *testing.T) {
	tests := []struct {
		w    string
		want []string
	}{
		{"registrar", []string{"registrar", "registrars", "registrares"}},
		{"registrars", []string{"registrars", "registrar"}},
		{"services", []string{"services", "service", "servic"}},
		{"access", []string{"access", "accesses"}},
		{"gas", []string{"gas"}}, // the singular would have two letters
		{"us", []string{"us"}},
		{"8chan", []string{"8chan", "8chans", "8chanes"}},
	}
	for _, tt := range tests {
		if got := wordForms(tt.w); !slices.Equal(got, tt.want) {
			t.Errorf("wordForms(%q) = %q; want %q", tt.w, got, tt.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q    string
		want string
	}{
		{"kiwi farms", "kiwi farms*"},
		{"kiwi farms ", "kiwi farms"},
		{"the kiwi of", "kiwi of*"},
		{"the kiwi of ", "kiwi"},
		{`"threat to human life" kiwi`, "[threat@0 human@2 life@3] kiwi*"},
		{`“threat to life”`, "[threat@0 life@2]"},
		{`"unclosed phrase here`, "[unclosed@0 phrase@1 here@2]"},
		{`"the" kiwi kiwi `, "kiwi"},
		{`"kiwi"`, "kiwi"},
		{"", ""},
	}
	for _, tt := range tests {
		var parts []string
		for _, u := range parseQuery(tt.q) {
			switch {
			case u.phrase():
				var ws []string
				for i, w := range u.words {
					ws = append(ws, fmt.Sprintf("%s@%d", w, u.offsets[i]))
				}
				parts = append(parts, "["+strings.Join(ws, " ")+"]")
			case u.prefix:
				parts = append(parts, u.words[0]+"*")
			default:
				parts = append(parts, u.words[0])
			}
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("parseQuery(%q) = %q; want %q", tt.q, got, tt.want)
		}
	}
}

func TestPhrase(t *testing.T) {
	ix := Build([]Doc{
		doc("yes", WeightBody, "they saw an immediate threat to human life"),
		doc("apart", WeightBody, "human life is no immediate threat"),
		doc("split", WeightBody, "an immediate threat to human"),
	}, Options{})
	ix2 := Build([]Doc{{Meta: Meta{Title: "values"}, Fields: []Field{{Weight: 1, Values: []string{"a threat to human", "life"}}}}}, Options{})
	tests := []struct {
		ix   *Index
		q    string
		want []string
	}{
		{ix, `"immediate threat to human life"`, []string{"yes"}},
		{ix, `"threat to human"`, []string{"split", "yes"}},
		{ix, `"threat of human"`, []string{"split", "yes"}}, // stop words only hold a place
		{ix, `"human threat"`, nil},
		{ix, `"life" threat`, []string{"apart", "yes"}},
		{ix2, `"human life"`, nil}, // two values of a field are not one text
	}
	for _, tt := range tests {
		res := search(t, tt.ix, Query{Text: tt.q, Limit: 10})
		got := titles(res)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q; want %q", tt.q, got, tt.want)
		}
	}
}

func TestFilters(t *testing.T) {
	docs := []Doc{
		{Meta: Meta{Title: "a", Actions: []string{"terminated"}}, Year: 2017, Fields: []Field{{1, []string{"zebra"}}}},
		{Meta: Meta{Title: "b", Actions: []string{"refused", "warned"}}, Year: 2019, Fields: []Field{{1, []string{"zebra"}}}},
		{Meta: Meta{Title: "c", Kind: "entity"}, Fields: []Field{{1, []string{"zebra"}}}},
	}
	ix := Build(docs, Options{})
	tests := []struct {
		q    Query
		want []string
	}{
		{Query{Text: "zebra"}, []string{"a", "b", "c"}},
		{Query{Text: "zebra", Year: 2019}, []string{"b"}},
		{Query{Text: "zebra", Action: "warned"}, []string{"b"}},
		{Query{Text: "zebra", Action: "terminated", Year: 2019}, nil},
		{Query{Text: "zebra", Action: "pressured"}, nil},
	}
	for _, tt := range tests {
		tt.q.Limit = 10
		if got := titles(search(t, ix, tt.q)); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: %q; want %q", tt.q, got, tt.want)
		}
	}
}

// TestPaging: Offset and Limit pick hits; ties go to the lower id.
func TestPaging(t *testing.T) {
	var docs []Doc
	for i := range 20 {
		docs = append(docs, doc(fmt.Sprint(i), WeightBody, "zebra"))
	}
	ix := Build(docs, Options{ChunkDocs: 3})
	res := search(t, ix, Query{Text: "zebra", Offset: 9, Limit: 3})
	if got := titles(res); res.Total != 20 || !slices.Equal(got, []string{"9", "10", "11"}) {
		t.Errorf("page 9..11: %d %q", res.Total, got)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	var docs []Doc
	for i := range 3000 {
		docs = append(docs, doc(fmt.Sprint("d", i), WeightBody, fmt.Sprintf("word%d common w%d x%d", i%97, i%13, i)))
	}
	a, b := Build(docs, Options{ShardBytes: 2000}), Build(docs, Options{ShardBytes: 2000})
	fa, fb := a.Files(), b.Files()
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for i := range fa {
		if fa[i].Name != fb[i].Name || !bytes.Equal(fa[i].Data, fb[i].Data) {
			t.Fatalf("file %s differs between two builds", fa[i].Name)
		}
	}
	var m manifestFile
	data, _ := a.Open(manifestName)
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Keys) < 10 || m.Docs != 3000 || len(m.Version) != 12 {
		t.Errorf("manifest: %d keys, %d docs, version %q", len(m.Keys), m.Docs, m.Version)
	}
	for _, k := range m.Keys {
		if _, err := a.Open(shardName(k)); err != nil {
			t.Errorf("key %q: %v", k, err)
		}
		if _, err := a.Open(posName(k)); err != nil {
			t.Errorf("key %q: %v", k, err)
		}
	}
}
