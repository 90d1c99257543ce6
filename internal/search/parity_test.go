package search_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/search"
	"github.com/casebook/casebook/internal/search/searchtest"
	"github.com/casebook/casebook/internal/sitetest"
)

// nodeRunner loads static/search.js in Node and answers, for each request,
// the tokens of a text (tokens) or the result of a query on the index in
// dir, with the files it fetched (search).
const nodeRunner = `
const fs = require("fs"), path = require("path");
const { Searcher, Folder } = require(process.argv[2]);
const dir = process.argv[3];
const reqs = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
(async () => {
  const m = read("manifest.json");
  const folder = new Folder(m.fold, m.query.maxToken);
  const out = [];
  for (const r of reqs) {
    if (r.tokens !== undefined) {
      out.push({ tokens: folder.tokens(r.tokens).map((t) => [t.text, r.tokens.slice(t.start, t.end)]) });
      continue;
    }
    const fetched = new Set(["manifest.json"]);
    const s = new Searcher(m, async (name) => { fetched.add(name); return read(name); });
    const res = await s.search(r.query);
    out.push({ total: res.total, hits: res.hits.map((h) => [h.id, h.score, h.meta.t]), words: res.words,
      prefixes: res.prefixes, broad: res.broad, fetched: Array.from(fetched).sort() });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e.stack || e); process.exit(1); });
`

// jsQuery is search.Query as search.js takes it.
type jsQuery struct {
	Text   string `json:"text"`
	Action string `json:"action"`
	Year   int    `json:"year"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
}

type jsRequest struct {
	Tokens *string  `json:"tokens,omitempty"`
	Query  *jsQuery `json:"query,omitempty"`
}

// jsAnswer is what the runner prints for one request; the Go side builds
// the same from search.Reader and search.Tokens.
type jsAnswer struct {
	Tokens   [][2]string `json:"tokens,omitempty"`
	Total    int         `json:"total"`
	Hits     [][3]any    `json:"hits"`
	Words    []string    `json:"words"`
	Prefixes []string    `json:"prefixes"`
	Broad    bool        `json:"broad"`
	Fetched  []string    `json:"fetched"`
}

// TestJavaScriptParity runs static/search.js under Node (skipped when Node
// is not installed) on two indexes — the small test site, and 3,000
// synthetic cases with small shards so that prefixes span several — and
// checks it tokenises, finds, scores, orders and fetches exactly as the Go
// Reader does.
func TestJavaScriptParity(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	script, err := filepath.Abs("../../static/search.js")
	if err != nil {
		t.Fatal(err)
	}

	_, files := sitetest.Build(t, sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), smallSite))
	small := map[string][]byte{}
	for name, data := range files {
		if rest, ok := strings.CutPrefix(name, "search/"); ok && !strings.HasSuffix(rest, ".html") {
			small[rest] = data
		}
	}
	texts := []string{"Cloudflare's DDoS-Guard", "Déplatformé De\u0301platforme\u0301 STRAẞE Straße", "İstanbul ΟΔΟΣ Łódź",
		"日本語のテキスト and 한국어", "$20-a-month 2017-08-16", strings.Repeat("ab", 30) + " x", "e\u0301\u0301 \u0301",
		"emoji 👍🏽 done", "tab\tnbsp\u00a0zwsp\u200bword"}
	var reqs []jsRequest
	for _, s := range texts {
		reqs = append(reqs, jsRequest{Tokens: &s})
	}
	for _, q := range []string{"deplatformé ", "DEPLATFORME", "hébergeur", "deplatform", "registrar", "example forum",
		"acmehost", "prince", "charlottesville cloudflare", `"immediate threat to human life"`, `"human threat"`,
		"human threat ", "scope", "the", "k", "cl", "“threat to human”", `"kiwi`, ""} {
		reqs = append(reqs, jsRequest{Query: &jsQuery{Text: q, Limit: 10}})
	}
	reqs = append(reqs, jsRequest{Query: &jsQuery{Text: "forum", Year: 2021, Limit: 10}},
		jsRequest{Query: &jsQuery{Text: "cloudflare", Action: "refused", Limit: 10}},
		jsRequest{Query: &jsQuery{Text: "cloudflare", Offset: 1, Limit: 1}})
	compareWithJS(t, node, script, small, reqs)

	c := searchtest.New(3000)
	docs := c.Docs(3000)
	ix := search.Build(docs, search.Options{ShardBytes: 4000, ChunkDocs: 5})
	synth := map[string][]byte{}
	for _, f := range ix.Files() {
		synth[f.Name] = f.Data
	}
	first := searchtest.First
	var qs []jsQuery
	for i := range 12 {
		w1, w2 := c.Vocab[i*37], c.Vocab[i*131+5]
		qs = append(qs,
			jsQuery{Text: w1 + " " + w2 + " ", Limit: 10},
			jsQuery{Text: w1 + " " + w2[:min(len(w2), 2+i%3)], Limit: 10},
			jsQuery{Text: strings.ToUpper(first(c.Targets[i])) + " " + first(c.Providers[i]), Limit: 10, Offset: i % 3},
			jsQuery{Text: `"` + strings.Join(strings.Fields(docs[i*7].Fields[2].Values[0])[3:6], " ") + `"`, Limit: 10},
			jsQuery{Text: first(c.Providers[i]), Year: 1995 + i*2, Limit: 10},
			jsQuery{Text: w1[:2], Limit: 10},
		)
	}
	reqs = nil
	for i := range qs {
		reqs = append(reqs, jsRequest{Query: &qs[i]})
	}
	compareWithJS(t, node, script, synth, reqs)
}

func compareWithJS(t *testing.T, node, script string, files map[string][]byte, reqs []jsRequest) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	reqData, _ := json.Marshal(reqs)
	reqFile := filepath.Join(dir, "requests.json")
	runner := filepath.Join(dir, "runner.js")
	if err := os.WriteFile(reqFile, reqData, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(runner, []byte(nodeRunner), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, runner, script, dir, reqFile).Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("node: %s", msg)
	}
	var js []jsAnswer
	if err := json.Unmarshal(out, &js); err != nil || len(js) != len(reqs) {
		t.Fatalf("node printed %d answers for %d requests (%v)", len(js), len(reqs), err)
	}
	found, queries := 0, 0
	for i, req := range reqs {
		if req.Query != nil {
			queries++
			if js[i].Total > 0 {
				found++
			}
		}
		want := goAnswer(t, files, req)
		got, _ := json.Marshal(js[i])
		wantJSON, _ := json.Marshal(want)
		if string(got) != string(wantJSON) {
			t.Errorf("request %s:\nJS: %s\nGo: %s", describe(req), got, wantJSON)
		}
	}
	if found < queries/2 {
		t.Errorf("only %d of %d queries found anything: the comparison proves little", found, queries)
	}
}

func describe(r jsRequest) string {
	if r.Tokens != nil {
		return fmt.Sprintf("tokens %q", *r.Tokens)
	}
	return fmt.Sprintf("%+v", *r.Query)
}

func goAnswer(t *testing.T, files map[string][]byte, req jsRequest) jsAnswer {
	t.Helper()
	if req.Tokens != nil {
		a := jsAnswer{Tokens: [][2]string{}}
		for _, tok := range search.Tokens(*req.Tokens) {
			a.Tokens = append(a.Tokens, [2]string{tok.Text, (*req.Tokens)[tok.Start:tok.End]})
		}
		if len(a.Tokens) == 0 {
			a.Tokens = nil
		}
		return a
	}
	fetched := []string{}
	r, err := search.NewReader(func(name string) ([]byte, error) {
		if !slices.Contains(fetched, name) {
			fetched = append(fetched, name)
		}
		data, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("no %s", name)
		}
		return data, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	q := req.Query
	res, err := r.Search(search.Query{Text: q.Text, Action: q.Action, Year: q.Year, Offset: q.Offset, Limit: q.Limit})
	if err != nil {
		t.Fatal(err)
	}
	a := jsAnswer{Total: res.Total, Hits: [][3]any{}, Words: nonNil(res.Words), Prefixes: nonNil(res.Prefixes),
		Broad: res.Broad, Fetched: fetched}
	for _, h := range res.Hits {
		a.Hits = append(a.Hits, [3]any{h.ID, h.Score, h.Meta.Title})
	}
	slices.Sort(a.Fetched)
	return a
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
