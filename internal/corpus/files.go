package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

var (
	services    = []string{"ddos-protection", "cdn", "dns", "domain-registration", "hosting", "payments", "app-distribution", "email", "cloud-computing", "certificates", "storage", "advertising"}
	actionTypes = []string{"terminated", "terminated", "terminated", "suspended", "restored", "warned", "refused", "pressured"}
	languages   = []string{"fr", "de", "es", "pt-BR", "it", "nl"}
	codeBlocks  = []string{
		"```json\n{\n  \"provider\": \"%s\",\n  \"action\": \"terminated\",\n  \"status\": 451,\n  \"records\": [\"A\", \"AAAA\", \"MX\"]\n}\n```\n\n",
		"```yaml\nprovider: %s\nservices: [dns, cdn]\nttl: 300\nreason: terms of service\n```\n\n",
		"```bash\ndig +short %s.example NS\ncurl -sI https://%[1]s.example/ | head -n 1\n```\n\n",
		"```nginx\nserver {\n    listen 443 ssl;\n    server_name %s.example;\n    return 451;\n}\n```\n\n",
	}
)

// sections are the headings of a case body; every case has "What happened"
// (other cases link to #what-happened). Reactions is optional.
var sections = []string{"Background", "What happened", "Reactions", "Aftermath"}

// caseFile returns the file of case i. It draws from a random source of
// its own, so its text does not depend on the other cases'.
func (p *plan) caseFile(i int) []byte {
	c := &p.cases[i]
	rng := rand.New(rand.NewPCG(p.seed, uint64(i)+1))
	near := append(append(append([]int(nil), c.targets...), c.providers...), c.people...)
	t := newText(p, rng, i, near)
	for k := range 2 + rng.IntN(5) {
		t.sources = append(t.sources, fmt.Sprintf("c%d-%d", i, k+1))
	}
	t.cited = make([]bool, len(t.sources))
	var b strings.Builder
	b.WriteString("---\n")
	p.caseMeta(&b, rng, t, i)
	b.WriteString("---\n\n")
	p.caseBody(&b, rng, t)
	return []byte(b.String())
}

// lastUpdate is the last day a generated case may have been revised: a
// fixed day in the past, so that the corpus is the same on every day and a
// build of it gives no warning that a case is updated after today (cases
// are dated 2000 to 2024).
var lastUpdate = time.Date(2025, time.December, 31, 0, 0, 0, 0, time.UTC)

// caseMeta writes the front matter of case i.
func (p *plan) caseMeta(b *strings.Builder, rng *rand.Rand, t *text, i int) {
	c := &p.cases[i]
	day := time.Date(c.year, time.Month(c.month), c.day, 0, 0, 0, 0, time.UTC)
	verb := actionTypes[rng.IntN(len(actionTypes))]
	fmt.Fprintf(b, "title: %q\n", fmt.Sprintf("%s %s %s", c.provName, verb, c.targetName))
	fmt.Fprintf(b, "summary: %q\n", t.plain(14+rng.IntN(16))+" "+t.plain(8+rng.IntN(10)))
	fmt.Fprintf(b, "date: %s\n", day.Format("2006-01-02"))
	fmt.Fprintf(b, "targets: [%s]\n", p.slugs(c.targets))
	b.WriteString("actions:\n")
	for k, prov := range c.providers {
		fmt.Fprintf(b, "  - provider: %s\n", p.entities[prov].slug)
		if n := rng.IntN(4); n > 0 {
			var svc []string
			for _, s := range rng.Perm(len(services))[:n] {
				svc = append(svc, services[s])
			}
			fmt.Fprintf(b, "    services: [%s]\n", strings.Join(svc, ", "))
		}
		action := verb
		if k > 0 {
			action = actionTypes[rng.IntN(len(actionTypes))]
		}
		fmt.Fprintf(b, "    action: %s\n", action)
		fmt.Fprintf(b, "    date: %s\n", fuzzyDate(rng, day.AddDate(0, 0, 30*k)))
		fmt.Fprintf(b, "    sources: [%s]\n", pick(rng, t.sources))
	}
	fmt.Fprintf(b, "people: [%s]\n", p.slugs(c.people))
	var tags []string
	for _, g := range c.tags {
		tags = append(tags, p.tags[g])
	}
	fmt.Fprintf(b, "tags: [%s]\n", strings.Join(tags, ", "))
	if rel := p.related(rng, i); rel != "" {
		fmt.Fprintf(b, "related: [%s]\n", rel)
	}
	b.WriteString("events:\n")
	for range 3 + rng.IntN(6) {
		fmt.Fprintf(b, "  - date: %s\n", fuzzyDate(rng, day.AddDate(0, 0, rng.IntN(500)-300)))
		fmt.Fprintf(b, "    text: %q\n", t.plain(8+rng.IntN(14)))
		fmt.Fprintf(b, "    sources: [%s]\n", pick(rng, t.sources))
	}
	b.WriteString("sources:\n")
	for _, id := range t.sources {
		p.source(b, rng, t, id, day)
	}
	if rng.IntN(5) == 0 {
		up := day.AddDate(1+rng.IntN(3), rng.IntN(12), 0)
		if up.After(lastUpdate) { // a page is not revised after the day it is read
			up = lastUpdate
		}
		fmt.Fprintf(b, "updated: %s\nchanges:\n", up.Format("2006-01-02"))
		fmt.Fprintf(b, "  - date: %s\n    note: %q\n", up.Format("2006-01-02"), t.plain(6+rng.IntN(6)))
	}
	if rng.IntN(50) == 0 {
		fmt.Fprintf(b, "aliases: [%s-former]\n", c.slug)
	}
}

// source writes one item of sources:.
func (p *plan) source(b *strings.Builder, rng *rand.Rand, t *text, id string, day time.Time) {
	pub := p.publishers[min(len(p.publishers)-1, int(rng.ExpFloat64()*30))]
	title := t.plain(5 + rng.IntN(9))
	fmt.Fprintf(b, "  - id: %s\n    title: %q\n    publisher: %q\n", id, strings.TrimSuffix(title, "."), pub)
	switch rng.IntN(5) {
	case 0, 1, 2:
		fmt.Fprintf(b, "    author: %q\n", p.personName(rng))
	case 3:
		fmt.Fprintf(b, "    author: [%q, %q]\n", p.personName(rng), p.personName(rng))
	}
	date := day.AddDate(0, 0, rng.IntN(40))
	if rng.IntN(5) > 0 {
		fmt.Fprintf(b, "    date: %s\n", date.Format("2006-01-02"))
	}
	if rng.IntN(10) > 0 {
		url := fmt.Sprintf("https://www.%s.example/%s/%s", slugify(pub), date.Format("2006/01/02"), slugify(title))
		fmt.Fprintf(b, "    url: %s\n", url)
		if rng.IntN(5) < 2 {
			fmt.Fprintf(b, "    archive: https://web.archive.org/web/%s/%s\n", date.AddDate(0, 0, 2).Format("20060102150405"), url)
		}
	}
	lang := "en"
	if rng.IntN(8) == 0 {
		lang = languages[rng.IntN(len(languages))]
	}
	fmt.Fprintf(b, "    language: %s\n", lang)
	if rng.IntN(4) == 0 {
		fmt.Fprintf(b, "    accessed: %s\n", date.AddDate(1, 0, 0).Format("2006-01-02"))
	}
}

// caseBody writes a body of 400-900 words in three or four sections. About
// one case in ten gets each of a code block, a table, a block quote and a
// footnote.
func (p *plan) caseBody(b *strings.Builder, rng *rand.Rand, t *text) {
	total := 400 + rng.IntN(501)
	heads := []string{sections[0], sections[1], sections[3]}
	if rng.IntN(5) < 3 {
		heads = []string{sections[0], sections[1], sections[2], sections[3]}
	}
	code, table, quote, note := rng.IntN(10) == 0, rng.IntN(10) == 0, rng.IntN(10) == 0, rng.IntN(10) == 0
	per := total / len(heads)
	for h, head := range heads {
		fmt.Fprintf(b, "## %s\n\n", head)
		for written := 0; written < per; {
			written += t.paragraph(b, min(per-written, 40+rng.IntN(70)), note && h == 0 && written == 0)
		}
		switch {
		case h == 0 && quote:
			b.WriteString("> ")
			wrapQuoted(b, t.sentence(12+rng.IntN(20), true))
		case h == 1 && code:
			fmt.Fprintf(b, codeBlocks[rng.IntN(len(codeBlocks))], t.p.entities[t.near[0]].slug)
		case h == 1 && table:
			p.table(b, rng, t)
		}
	}
	if rest := t.uncited(); rest != "" {
		words := t.sentence(8, false)
		words[len(words)-1] = strings.TrimSuffix(words[len(words)-1], ".")
		wrap(b, append(words, rest+"."), 90)
		b.WriteString("\n\n")
	}
	for n := 1; n <= t.notes; n++ {
		fmt.Fprintf(b, "[^%d]: %s\n", n, t.plain(8+rng.IntN(12)))
	}
}

// wrapQuoted writes tokens as a block quote, each line starting with "> ".
func wrapQuoted(b *strings.Builder, tokens []string) {
	var q strings.Builder
	wrap(&q, tokens, 86)
	b.WriteString(strings.ReplaceAll(q.String(), "\n", "\n> "))
	b.WriteString("\n\n")
}

// table writes a GFM table of a few dated steps.
func (p *plan) table(b *strings.Builder, rng *rand.Rand, t *text) {
	b.WriteString("| Date | Provider | Step |\n|---|---|---|\n")
	for range 3 + rng.IntN(4) {
		prov := p.providers[rng.IntN(len(p.providers))]
		fmt.Fprintf(b, "| %d-%02d-%02d | [[%s]] | %s %s %s |\n", 2000+rng.IntN(25), 1+rng.IntN(12), 1+rng.IntN(28),
			p.entities[prov].slug, t.word(), t.word(), t.word())
	}
	b.WriteString("\n")
}

// related returns up to three other cases, or "".
func (p *plan) related(rng *rand.Rand, i int) string {
	if len(p.cases) < 2 {
		return ""
	}
	var out []int
	for range rng.IntN(4) {
		if c := rng.IntN(len(p.cases)); c != i {
			out = appendNew(out, c)
		}
	}
	var s []string
	for _, c := range out {
		s = append(s, p.cases[c].slug)
	}
	return strings.Join(s, ", ")
}

// entity returns the file of entity i; about two in five have a body.
func (p *plan) entity(i int) []byte {
	e := &p.entities[i]
	rng := rand.New(rand.NewPCG(p.seed, uint64(len(p.cases)+i)+1))
	t := newText(p, rng, -1, nil)
	var b strings.Builder
	fmt.Fprintf(&b, "---\nname: %q\nkind: %s\n", e.name, e.kind)
	if rng.IntN(10) < 7 {
		fmt.Fprintf(&b, "summary: %q\n", t.plain(10+rng.IntN(15)))
	}
	if rng.IntN(5) == 0 {
		fmt.Fprintf(&b, "aliases: [%q]\n", e.name+" Inc.")
	}
	if e.kind != "person" && rng.IntN(2) == 0 {
		fmt.Fprintf(&b, "website: https://www.%s.example\n", e.slug)
	}
	if rng.IntN(10) < 3 {
		fmt.Fprintf(&b, "wikidata: Q%d\n", 1000+rng.IntN(9000000))
	}
	b.WriteString("---\n")
	if rng.IntN(5) < 2 {
		b.WriteString("\n")
		for range 1 + rng.IntN(2) {
			t.paragraph(&b, 40+rng.IntN(80), false)
		}
	}
	return []byte(b.String())
}

// page returns the file of a free page.
func (p *plan) page(pg pageSpec) string {
	rng := rand.New(rand.NewPCG(p.seed, uint64(1<<40+pg.menu)))
	t := newText(p, rng, -1, nil)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\nsummary: %q\nmenu: %d\n---\n\n", pg.title, t.plain(12), pg.menu)
	for _, head := range []string{"Scope", "Method"} {
		fmt.Fprintf(&b, "## %s\n\n", head)
		t.paragraph(&b, 120, false)
	}
	return b.String()
}

// personName returns an author name.
func (p *plan) personName(rng *rand.Rand) string {
	return capitalize(inventWord(rng, 2)) + " " + capitalize(inventWord(rng, 2+rng.IntN(2)))
}

// slugs joins the slugs of entities.
func (p *plan) slugs(idx []int) string {
	var s []string
	for _, i := range idx {
		s = append(s, p.entities[i].slug)
	}
	return strings.Join(s, ", ")
}

// pick returns one or two of ids, joined for a YAML flow list.
func pick(rng *rand.Rand, ids []string) string {
	a := ids[rng.IntN(len(ids))]
	if b := ids[rng.IntN(len(ids))]; b != a && rng.IntN(3) == 0 {
		return a + ", " + b
	}
	return a
}

// fuzzyDate writes d at day precision mostly, sometimes month or year.
func fuzzyDate(rng *rand.Rand, d time.Time) string {
	switch r := rng.IntN(10); {
	case r == 0:
		return d.Format("2006")
	case r < 3:
		return d.Format("2006-01")
	}
	return d.Format("2006-01-02")
}
