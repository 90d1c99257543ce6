// Package corpus generates synthetic casebooks: valid site trees in the real
// content format, of any size, for benchmarks and load tests. The same
// Options always give the same bytes (math/rand/v2 with a fixed seed).
//
//	fsys := corpus.MapFS(corpus.Options{Cases: 1000})     // in memory
//	err := corpus.WriteDir("/tmp/big", corpus.Options{Cases: 10000}) // on disk
//
// A tree has content/site.yaml, three pages, about Cases/5 entities
// (providers, targets and people; every one referred to by some case) and
// Cases cases. Each case has a 400–900-word body with [[links]] to entities
// and other cases and [@citations] of every one of its 2–6 sources, 3–8
// events and 1–3 actions; about one case in ten has a fenced code block, a
// table, a block quote or a footnote (each drawn on its own). Providers,
// tags, publishers and words are drawn from Zipf distributions, so a few
// providers and tags have thousands of cases in a large tree, as in real
// data. The tree builds with no diagnostics at all.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing/fstest"
)

// DefaultSeed is the seed gencorpus and the benchmarks use.
const DefaultSeed = 1

// Options size a generated tree.
type Options struct {
	Cases int    // number of cases; at least 1
	Seed  uint64 // the random seed; trees with the same Cases and Seed are identical
}

// Generate calls emit once for every file of the tree (slash paths relative
// to the site root, such as "content/cases/x.md"), in a fixed order, and
// stops at the first error emit returns.
func Generate(opt Options, emit func(name string, data []byte) error) error {
	if opt.Cases < 1 {
		return fmt.Errorf("corpus: %d cases: want at least 1", opt.Cases)
	}
	p := newPlan(opt)
	if err := emit("content/site.yaml", []byte(siteYAML)); err != nil {
		return err
	}
	for _, pg := range pages {
		if err := emit("content/pages/"+pg.slug+".md", []byte(p.page(pg))); err != nil {
			return err
		}
	}
	for i := range p.entities {
		if err := emit("content/entities/"+p.entities[i].slug+".md", p.entity(i)); err != nil {
			return err
		}
	}
	for i := range p.cases {
		if err := emit("content/cases/"+p.cases[i].slug+".md", p.caseFile(i)); err != nil {
			return err
		}
	}
	return nil
}

// MapFS returns the tree in memory. It panics if opt.Cases < 1.
func MapFS(opt Options) fstest.MapFS {
	fsys := fstest.MapFS{}
	err := Generate(opt, func(name string, data []byte) error {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		panic(err)
	}
	return fsys
}

// WriteDir writes the tree below dir, creating folders as needed. Files
// already in dir are left alone (a tree generated twice into one folder is
// the same tree).
func WriteDir(dir string, opt Options) error {
	made := map[string]bool{}
	return Generate(opt, func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		return os.WriteFile(p, data, 0o644)
	})
}

const siteYAML = `title: The Synthetic Casebook
description: A generated casebook for benchmarks, in the real content format.
base_url: https://casebook.example.org/
language: en
publisher: The Synthetic Casebook editors
license: CC BY 4.0
`

type pageSpec struct {
	slug, title string
	menu        int
}

var pages = []pageSpec{{"about", "About", 1}, {"methodology", "Methodology", 2}, {"contributing", "Contributing", 3}}

// Entity kinds by role.
const (
	roleProvider = iota
	roleTarget
	rolePerson
)

type entity struct {
	slug, name, kind string
	role             int
}

// caseInfo is what the plan fixes for every case before any file is
// written, so that files can refer to each other.
type caseInfo struct {
	slug                 string
	year, month, day     int
	targets, people      []int // entity indexes
	providers            []int // one per action
	tags                 []int
	provName, targetName string
}

// plan is the skeleton of a tree: entities, tags, publishers and cases.
type plan struct {
	seed       uint64
	words      []string
	entities   []entity
	providers  []int // entity indexes by role
	targets    []int
	people     []int
	tags       []string
	publishers []string
	cases      []caseInfo
}

func newPlan(opt Options) *plan {
	rng := rand.New(rand.NewPCG(opt.Seed, 0x636173656b6f6f6b))
	p := &plan{seed: opt.Seed, words: vocabulary(rng, 6000)}
	used := map[string]bool{}
	for _, pg := range pages {
		used[pg.slug] = true
	}
	p.makeEntities(rng, used, opt.Cases)
	p.tags = distinct(max(10, min(400, opt.Cases/25)), func() string {
		return inventWord(rng, 2) + "-" + inventWord(rng, 1+rng.IntN(2))
	}, slugify)
	p.publishers = distinct(200, func() string {
		return capitalize(inventWord(rng, 2)) + " " + publisherKinds[rng.IntN(len(publisherKinds))]
	}, func(s string) string { return s })
	p.makeCases(rng, used, opt.Cases)
	return p
}

var (
	providerKinds  = []string{"Cloud", "Hosting", "Networks", "Pay", "Domains", "Systems", "DNS", "Host", "Labs", "Registry"}
	targetKinds    = []string{"Forum", "News", "Board", "Network", "Chan", "Media", "Social", "Wiki", "Collective", "Radio"}
	publisherKinds = []string{"Times", "Post", "News", "Herald", "Review", "Journal", "Daily", "Wire", "Tribune", "Observer"}
)

// makeEntities makes about n/5 entities: a twentieth providers, three
// tenths people and the rest targets, at least one of each.
func (p *plan) makeEntities(rng *rand.Rand, used map[string]bool, n int) {
	total := max(3, n/5)
	counts := [3]int{max(1, total/20), 0, max(1, total*3/10)}
	counts[roleTarget] = max(1, total-counts[roleProvider]-counts[rolePerson])
	for role, count := range counts {
		for range count {
			var e entity
			switch role {
			case roleProvider:
				e = entity{name: capitalize(inventWord(rng, 2)) + " " + providerKinds[rng.IntN(len(providerKinds))], kind: "company"}
			case roleTarget:
				kinds := []string{"website", "platform", "organisation", "website"}
				e = entity{name: capitalize(inventWord(rng, 2)) + " " + targetKinds[rng.IntN(len(targetKinds))], kind: kinds[rng.IntN(len(kinds))]}
			default:
				e = entity{name: capitalize(inventWord(rng, 2)) + " " + capitalize(inventWord(rng, 2+rng.IntN(2))), kind: "person"}
			}
			e.role = role
			e.slug = unique(used, slugify(e.name))
			idx := len(p.entities)
			p.entities = append(p.entities, e)
			switch role {
			case roleProvider:
				p.providers = append(p.providers, idx)
			case roleTarget:
				p.targets = append(p.targets, idx)
			default:
				p.people = append(p.people, idx)
			}
		}
	}
}

// makeCases fixes each case's slug, date, targets, providers, people and
// tags. Case i has target i mod T and person i mod P, and case i < number
// of providers acts through provider i, so every entity is referred to.
func (p *plan) makeCases(rng *rand.Rand, used map[string]bool, n int) {
	provZipf := rand.NewZipf(rng, 1.15, 2, uint64(len(p.providers)-1))
	tagZipf := rand.NewZipf(rng, 1.1, 3, uint64(len(p.tags)-1))
	p.cases = make([]caseInfo, n)
	for i := range p.cases {
		c := &p.cases[i]
		c.year, c.month, c.day = 2000+rng.IntN(25), 1+rng.IntN(12), 1+rng.IntN(28)
		c.targets = []int{p.targets[i%len(p.targets)]}
		if rng.IntN(5) == 0 {
			c.targets = appendNew(c.targets, p.targets[rng.IntN(len(p.targets))])
		}
		first := p.providers[int(provZipf.Uint64())]
		if i < len(p.providers) {
			first = p.providers[i]
		}
		c.providers = []int{first}
		for range rng.IntN(3) {
			c.providers = append(c.providers, p.providers[int(provZipf.Uint64())])
		}
		c.people = []int{p.people[i%len(p.people)]}
		for range rng.IntN(3) {
			c.people = appendNew(c.people, p.people[rng.IntN(len(p.people))])
		}
		for range 1 + rng.IntN(4) {
			c.tags = appendNew(c.tags, int(tagZipf.Uint64()))
		}
		c.provName, c.targetName = p.entities[first].name, p.entities[c.targets[0]].name
		c.slug = unique(used, fmt.Sprintf("%s-%s-%d", p.entities[c.targets[0]].slug, p.entities[first].slug, c.year))
	}
}

// unique returns s, or s-2, s-3... when s is taken, and marks it taken.
func unique(used map[string]bool, s string) string {
	out := s
	for k := 2; used[out]; k++ {
		out = fmt.Sprintf("%s-%d", s, k)
	}
	used[out] = true
	return out
}

// distinct calls next until it has n different values of key(next()).
func distinct(n int, next func() string, key func(string) string) []string {
	used := map[string]bool{}
	var out []string
	for len(out) < n {
		if s := key(next()); !used[s] {
			used[s] = true
			out = append(out, s)
		}
	}
	return out
}

// appendNew appends v to s unless s holds it.
func appendNew(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}
