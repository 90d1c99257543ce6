package site_test

import (
	"fmt"
	"math/rand/v2"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

type inputs struct {
	cfg   *content.Config
	files []*content.File
	docs  []*markdown.Doc
}

// load loads and parses fsys afresh.
func load(t testing.TB, fsys fstest.MapFS) inputs {
	t.Helper()
	return (&loader{}).load(t, fsys)
}

// loader loads and parses a site as the build does for the dev server: a
// file whose bytes did not change since the last load is the same
// *content.File, with the same *markdown.Doc.
type loader struct {
	files content.Cache
	docs  map[*content.File]*markdown.Doc
	md    *markdown.Markdown
}

func (l *loader) load(t testing.TB, fsys fstest.MapFS) inputs {
	t.Helper()
	files, cfg, _ := content.LoadCached(fsys, &l.files)
	if l.md == nil {
		l.md = markdown.New()
	}
	docs := make([]*markdown.Doc, len(files))
	next := make(map[*content.File]*markdown.Doc, len(files))
	for i, f := range files {
		if d, ok := l.docs[f]; ok {
			docs[i] = d
		} else {
			docs[i] = l.md.Parse(f.Path, f.Body, cfg.Language)
		}
		next[f] = docs[i]
	}
	l.docs = next
	return inputs{cfg, files, docs}
}

// TestCacheEqualsResolve resolves a site through a Cache, makes one edit,
// resolves it again through the same cache and checks that the site and
// the diagnostics are those of a Resolve without cache (the whole model,
// compared with reflect.DeepEqual, which follows every pointer), that only
// the edited files' own work was made again, and that the site the cache
// resolved first is unchanged.
func TestCacheEqualsResolve(t *testing.T) {
	const ds = "content/cases/ds-2017.md"
	edit := func(name, old, new string) func(*testing.T, fstest.MapFS) {
		return func(t *testing.T, fsys fstest.MapFS) {
			s := string(fsys[name].Data)
			if !strings.Contains(s, old) {
				t.Fatalf("%s has no %q", name, old)
			}
			fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
		}
	}
	both := func(fs ...func(*testing.T, fstest.MapFS)) func(*testing.T, fstest.MapFS) {
		return func(t *testing.T, fsys fstest.MapFS) {
			for _, f := range fs {
				f(t, fsys)
			}
		}
	}
	addFile := func(name, data string) func(*testing.T, fstest.MapFS) {
		return func(_ *testing.T, fsys fstest.MapFS) { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	}
	newCase := strings.ReplaceAll(sitetest.CaseX, "x-1", "n-1") + "\nSee [[ds-2017#background]].\n"
	badCase := "-- content/cases/bad.md --\n" + strings.Replace(sitetest.CaseX, "targets: [daily-stormer]", "targets: [daily-stromer]", 1)
	tests := []struct {
		name   string
		base   string // added to sitetest.Base
		change func(*testing.T, fstest.MapFS)
		made   int // files whose own work is made again
		errors bool
	}{
		{name: "nothing", change: func(*testing.T, fstest.MapFS) {}},
		{name: "body", change: edit(ds, "A rally\npreceded it", "A rally in Charlottesville\npreceded it"), made: 1},
		{name: "summary", change: edit(ds, "summary: Cloudflare ended", "summary: Cloudflare stopped"), made: 1},
		{name: "title", change: edit(ds, "title: Cloudflare terminates", "title: Cloudflare drops"), made: 1},
		{name: "date", change: edit(ds, "date: 2017-08-16\ntargets", "date: 2020-01-02\ntargets"), made: 1},
		{name: "tags", change: edit(ds, "tags: [hate-speech]", "tags: [hate-speech, dns]"), made: 1},
		{name: "no tag", change: edit(ds, "tags: [hate-speech]\n", ""), made: 1},
		{name: "targets", change: edit(ds, "targets: [daily-stormer]", "targets: [matthew-prince, daily-stormer]"), made: 1},
		{name: "people", change: edit(ds, "people: [matthew-prince]\n", ""), made: 1},
		{name: "action type", change: edit(ds, "action: terminated", "action: suspended"), made: 1},
		{name: "another action", change: edit(ds, "    sources: [blog]\n", "    sources: [blog]\n  - provider: matthew-prince\n    services: [hosting]\n    action: warned\n    date: 2017-08-12\n    sources: [journal]\n"), made: 1},
		{name: "event date", change: edit(ds, "  - date: 2017-08-12", "  - date: 2017-08-11"), made: 1},
		{name: "an event more, the same day", change: edit(ds, "    sources: [journal]\n", "    sources: [journal]\n  - date: 2017-08-12\n    text: Another.\n    sources: [blog]\n"), made: 1},
		{name: "related", change: edit(ds, "related: [other-2019]\n", ""), made: 1},
		{name: "source texts", change: both(edit(ds, "title: Un article", "title: Un autre article"), edit(ds, "url: https://blog.cloudflare.com/why", "url: https://www.cloudflare.com/why")), made: 1},
		{name: "a source renamed", change: both(edit(ds, "id: journal\n", "id: journal-2\n"), edit(ds, "sources: [journal]", "sources: [journal-2]"), edit(ds, "[@journal;", "[@journal-2;")), made: 1},
		{name: "a new source, cited", change: both(
			edit(ds, "sources:\n  - id: blog", "sources:\n  - id: extra\n    title: Extra\n    publisher: P\n    url: https://example.com/e\n  - id: blog"),
			edit(ds, "See [[other", "More [@extra]. See [[other")), made: 1},
		{name: "citations reordered", change: edit(ds, "[@journal; @blog, p. 2]", "[@blog, p. 2; @journal]"), made: 1},
		{name: "a citation dropped", change: edit(ds, "[@journal; @blog, p. 2]", "[@blog, p. 2]"), made: 1},
		{name: "a link more", change: edit(ds, "See [[other", "See [[matthew-prince]] and [[other"), made: 1},
		{name: "a heading more", change: edit(ds, "## Background", "## Background\n\n## Later"), made: 1},
		{name: "a new case", change: addFile("content/cases/a-new.md", newCase), made: 1},
		{name: "a new case, its slug linked to", base: "-- content/pages/more.md --\n---\ntitle: More\nsummary: More.\n---\n\nSee [[a-new]].\n",
			change: addFile("content/cases/a-new.md", newCase), made: 1},
		{name: "a deleted case", change: func(_ *testing.T, fsys fstest.MapFS) { delete(fsys, "content/cases/other-2019.md") }, errors: true},
		{name: "a deleted case, unlinked", change: both(edit(ds, "related: [other-2019]\n", ""), edit(ds, " See [[other-2019#aftermath]].", ""),
			func(_ *testing.T, fsys fstest.MapFS) { delete(fsys, "content/cases/other-2019.md") }), made: 1},
		{name: "an entity's name", change: edit("content/entities/cloudflare.md", "name: Cloudflare", "name: Zeta Cloudflare"), made: 1},
		{name: "an entity deleted", change: func(_ *testing.T, fsys fstest.MapFS) { delete(fsys, "content/entities/matthew-prince.md") }, errors: true},
		// The ids of the timeline entries of a case whose provider is
		// missing are made without it; those of the unchanged cases change.
		// A case that shares no group with another has no related case:
		// nil, as Resolve leaves it, when taken from the last call.
		{name: "a case with no related case", base: "-- content/entities/lone.md --\n---\nname: Lone\nkind: company\n---\n" +
			"-- content/cases/lone-case.md --\n---\ntitle: Lone\nsummary: S.\ndate: 2015-01-01\ntargets: [lone]\n" +
			"sources:\n  - id: l-1\n    title: A\n    publisher: P\n    url: https://example.com/l\n---\n\nBody [@l-1].\n",
			change: edit(ds, "A rally\npreceded it", "A march\npreceded it"), made: 1},
		{name: "a provider deleted", change: func(_ *testing.T, fsys fstest.MapFS) { delete(fsys, "content/entities/cloudflare.md") }, errors: true},
		{name: "a provider added", base: "-- content/cases/x.md --\n" + strings.Replace(sitetest.CaseX, "provider: cloudflare", "provider: new-host", 1),
			change: addFile("content/entities/new-host.md", "---\nname: New Host\nkind: company\n---\n"), made: 1},
		{name: "a heading linked to renamed", change: edit("content/cases/other-2019.md", "## Aftermath", "## After"), made: 1, errors: true},
		{name: "the other case takes a source id", change: edit("content/cases/other-2019.md", "  - id: other-a\n", "  - id: journal\n"), made: 1, errors: true},
		{name: "an error introduced", change: edit(ds, "provider: cloudflare", "provider: cloudflair"), made: 1, errors: true},
		{name: "an unknown citation", change: edit(ds, "[@blog]. A rally", "[@blgo]. A rally"), made: 1, errors: true},
		{name: "an error fixed", base: badCase, change: edit("content/cases/bad.md", "[daily-stromer]", "[daily-stormer]"), made: 1},
		{name: "an error not fixed", base: badCase, change: edit("content/cases/bad.md", "Body text", "Text"), made: 1, errors: true},
		{name: "a source id taken fixed", base: "-- content/cases/bad.md --\n" + sitetest.CaseX,
			change: edit("content/cases/bad.md", "x-1", "y-1"), made: 1, errors: true}, // x.md's citation of y-1 is unknown
		{name: "a new case takes an entity's slug", change: addFile("content/cases/cloudflare.md", newCase), made: 1, errors: true},
		{name: "a new case takes a source id", change: addFile("content/cases/a-new.md", strings.ReplaceAll(newCase, "n-1", "blog")), made: 1, errors: true},
		// Its error is the loader's; resolving finds none in the files that refer to it.
		{name: "a case made unreadable", change: addFile("content/cases/other-2019.md", ""), made: 1},
		{name: "a draft", change: edit(ds, "date: 2017-08-16\ntargets", "draft: true\ndate: 2017-08-16\ntargets"), errors: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), tt.base)
			var l loader
			var cache site.Cache
			in := l.load(t, fsys)
			first, firstDiags := cache.Resolve(in.cfg, in.files, in.docs, site.Options{})
			if cache.Made() != len(in.files) {
				t.Errorf("a cold Resolve made %d own works; want one per file, %d", cache.Made(), len(in.files))
			}
			tt.change(t, fsys)
			next := l.load(t, fsys)
			got, gotDiags := cache.Resolve(next.cfg, next.files, next.docs, site.Options{})
			if cache.Made() != tt.made {
				t.Errorf("Made() = %d after the edit; want %d", cache.Made(), tt.made)
			}
			want, wantDiags := site.Resolve(next.cfg, next.files, next.docs, site.Options{})
			if wantDiags.HasErrors() != tt.errors {
				t.Errorf("the edited site has errors = %v, want %v: %s", wantDiags.HasErrors(), tt.errors, formatted(wantDiags))
			}
			if formatted(gotDiags) != formatted(wantDiags) {
				t.Errorf("diagnostics\n%s\nwant those of Resolve\n%s", formatted(gotDiags), formatted(wantDiags))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the site resolved through the cache differs from Resolve's:%s", diff(got, want))
			}
			// The first site is what it was (a new Resolve of the first
			// inputs), whatever the second call shares with it.
			again, againDiags := site.Resolve(in.cfg, in.files, in.docs, site.Options{})
			if !reflect.DeepEqual(first, again) || formatted(firstDiags) != formatted(againDiags) {
				t.Errorf("the first site changed:%s", diff(first, again))
			}
		})
	}
}

// TestCacheSourceIDs makes, through one cache, edits that move source ids
// between cases, use one defined by another case, define one twice and
// undo it: after each, the site and its diagnostics (whose hints name the
// case that has an id) are Resolve's. The check of source ids across the
// site is brought up to date after an edit (nextSourceIDs), or done again
// when an id is defined twice.
func TestCacheSourceIDs(t *testing.T) {
	const ds, other, added = "content/cases/ds-2017.md", "content/cases/other-2019.md", "content/cases/a-new.md"
	replace := func(name, old, new string) func(*testing.T, fstest.MapFS) {
		return func(t *testing.T, fsys fstest.MapFS) {
			s := string(fsys[name].Data)
			if !strings.Contains(s, old) {
				t.Fatalf("%s has no %q", name, old)
			}
			fsys[name] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(s, old, new))}
		}
	}
	steps := []struct {
		name   string
		change func(*testing.T, fstest.MapFS)
		hint   string // in a diagnostic of the step
	}{
		{name: "an id moved to another case", change: func(t *testing.T, fsys fstest.MapFS) {
			replace(ds, "journal", "journal-2")(t, fsys)
			replace(other, "other-a", "journal")(t, fsys)
		}},
		{name: "a citation of the other case's source", change: replace(ds, "[@blog]. A rally", "[@journal]. A rally"),
			hint: `"journal" is a source of ` + other},
		{name: "an id defined twice", change: func(_ *testing.T, fsys fstest.MapFS) {
			fsys[added] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(sitetest.CaseX, "x-1", "journal"))}
		}, hint: "source ids are unique across the site"},
		{name: "the case deleted", change: func(_ *testing.T, fsys fstest.MapFS) { delete(fsys, added) },
			hint: `"journal" is a source of ` + other},
		{name: "an edit after", change: replace(ds, "A rally", "A march"), hint: `"journal" is a source of ` + other},
		{name: "the id moved back", change: func(t *testing.T, fsys fstest.MapFS) {
			replace(other, "journal", "other-a")(t, fsys)
			replace(ds, "journal-2", "journal")(t, fsys)
		}},
	}
	fsys := sitetest.FS(t, sitetest.Base)
	var l loader
	var cache site.Cache
	in := l.load(t, fsys)
	cache.Resolve(in.cfg, in.files, in.docs, site.Options{})
	for _, st := range steps {
		st.change(t, fsys)
		next := l.load(t, fsys)
		got, gotDiags := cache.Resolve(next.cfg, next.files, next.docs, site.Options{})
		want, wantDiags := site.Resolve(next.cfg, next.files, next.docs, site.Options{})
		if formatted(gotDiags) != formatted(wantDiags) {
			t.Fatalf("%s: diagnostics\n%s\nwant those of Resolve\n%s", st.name, formatted(gotDiags), formatted(wantDiags))
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the site differs from Resolve's:%s", st.name, diff(got, want))
		}
		if f := formatted(wantDiags); st.hint == "" && wantDiags.HasErrors() || !strings.Contains(f, st.hint) {
			t.Fatalf("%s: diagnostics\n%s\nwant one with %q", st.name, f, st.hint)
		}
	}
}

// TestCacheRandomEdits makes random edits of a generated casebook, one case
// at a time (date, tags, targets, people, provider, action type, an event's
// date, summary, citations and links), a copy of a case as a new one, a case
// deleted, an entity renamed, each resolved through the cache of the last,
// and checks that every site is the one Resolve makes.
func TestCacheRandomEdits(t *testing.T) {
	fsys := corpus.MapFS(corpus.Options{Cases: 300, Seed: corpus.DefaultSeed})
	var cases, entities, tags []string
	for name, f := range fsys {
		switch {
		case strings.HasPrefix(name, "content/cases/"):
			cases = append(cases, name)
			if m := tagsLine.FindSubmatch(f.Data); m != nil {
				tags = append(tags, strings.Split(string(m[1]), ", ")...)
			}
		case strings.HasPrefix(name, "content/entities/"):
			entities = append(entities, name)
		}
	}
	slices.Sort(cases)
	slices.Sort(entities)
	slices.Sort(tags)
	tags = slices.Compact(tags)
	slug := func(name string) string { return strings.TrimSuffix(path.Base(name), ".md") }
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(from []string, n int) string {
		var out []string
		for range n {
			if x := from[rng.IntN(len(from))]; !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
		return "[" + strings.Join(out, ", ") + "]"
	}
	date := func() string {
		d := fmt.Sprintf("%d", 2000+rng.IntN(25))
		if rng.IntN(4) > 0 {
			d += fmt.Sprintf("-%02d", 1+rng.IntN(12))
			if rng.IntN(3) > 0 {
				d += fmt.Sprintf("-%02d", 1+rng.IntN(28))
			}
		}
		return d
	}
	entitySlugs := make([]string, len(entities))
	for i, e := range entities {
		entitySlugs[i] = slug(e)
	}

	var l loader
	var cache site.Cache
	in := l.load(t, fsys)
	prev, _ := cache.Resolve(in.cfg, in.files, in.docs, site.Options{})
	for step := range 50 {
		name := cases[rng.IntN(len(cases))]
		data := string(fsys[name].Data)
		what := name
		edited := 1 // files edited, at most
		sub := func(re *regexp.Regexp, with string) {
			what = fmt.Sprintf("%s: %s", name, strings.TrimSpace(with))
			data = re.ReplaceAllLiteralString(data, with)
		}
		switch k := rng.IntN(13); k {
		case 0: // a copy of the case, as a new one
			added := fmt.Sprintf("content/cases/added-%d.md", step)
			data = aliasesLine.ReplaceAllLiteralString(data, "\n")
			data = caseSourceID.ReplaceAllString(data, fmt.Sprintf("a%d-$1", step))
			cases = append(cases, added)
			slices.Sort(cases)
			what = "a copy of " + name
			name = added
		case 1: // a case deleted, and the links to it
			delete(fsys, name)
			cases = slices.DeleteFunc(cases, func(c string) bool { return c == name })
			gone := regexp.MustCompile(`\[\[` + regexp.QuoteMeta(slug(name)) + `(#[^\]|]*)?(\|([^\]]*))?\]\]`)
			for other, f := range fsys {
				if strings.HasPrefix(other, "content/") && strings.HasSuffix(other, ".md") {
					s := string(f.Data)
					s = gone.ReplaceAllString(s, "$3")
					s = strings.ReplaceAll(s, "related: ["+slug(name)+"]", "related: []")
					s = strings.ReplaceAll(s, " "+slug(name)+",", "")
					s = strings.ReplaceAll(s, ", "+slug(name)+"]", "]")
					if s != string(f.Data) {
						fsys[other] = &fstest.MapFile{Data: []byte(s)}
						edited++
					}
				}
			}
			what = "deleted " + name
		case 2: // an entity renamed
			e := entities[rng.IntN(len(entities))]
			s := nameLine.ReplaceAllString(string(fsys[e].Data), fmt.Sprintf("\nname: \"Renamed %d $1\n", step))
			fsys[e] = &fstest.MapFile{Data: []byte(s)}
			what = "renamed " + e
		case 3:
			sub(caseDate, "\ndate: "+date()+"\n")
		case 4:
			sub(tagsLine, "\ntags: "+pick(tags, 1+rng.IntN(4))+"\n")
		case 5:
			sub(targetsLine, "\ntargets: "+pick(entitySlugs, 1+rng.IntN(3))+"\n")
		case 6:
			sub(peopleLine, "\npeople: "+pick(entitySlugs, rng.IntN(3))+"\n")
		case 7:
			sub(firstProvider, "\n  - provider: "+entitySlugs[rng.IntN(len(entitySlugs))]+"\n")
		case 8:
			sub(firstAction, "\n    action: "+content.Actions[rng.IntN(len(content.Actions))]+"\n")
		case 9:
			sub(firstEventDate, "\nevents:\n  - date: "+date()+"\n")
		case 10:
			sub(summaryLine, fmt.Sprintf("\nsummary: \"Edit %d.\"\n", step))
		case 11:
			data += fmt.Sprintf("\nA sentence, %d.\n", step)
			what = name + ": a sentence"
		default:
			id := sourceID.FindStringSubmatch(data)[1]
			other := slug(cases[rng.IntN(len(cases))])
			what = name + ": a citation and a link"
			data += fmt.Sprintf("\nAgain [@%s], and [[%s]].\n", id, other)
		}
		if _, ok := fsys[name]; ok || strings.Contains(name, "added-") {
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
		next := l.load(t, fsys)
		got, gotDiags := cache.Resolve(next.cfg, next.files, next.docs, site.Options{})
		want, wantDiags := site.Resolve(next.cfg, next.files, next.docs, site.Options{})
		if wantDiags.HasErrors() {
			t.Fatalf("step %d (%s): the edit is wrong: %s", step, what, formatted(wantDiags))
		}
		if made := cache.Made(); made > edited {
			t.Errorf("step %d (%s): the cache made %d own works; want at most %d", step, what, made, edited)
		}
		if formatted(gotDiags) != formatted(wantDiags) {
			t.Fatalf("step %d (%s): diagnostics\n%s\nwant\n%s", step, what, formatted(gotDiags), formatted(wantDiags))
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d (%s): the site differs from a new Resolve%s", step, what, diff(got, want))
		}
		if again, _ := site.Resolve(in.cfg, in.files, in.docs, site.Options{}); !reflect.DeepEqual(prev, again) {
			t.Fatalf("step %d (%s): the site of the last step changed%s", step, what, diff(prev, again))
		}
		prev, in = got, next
	}
}

var (
	caseDate       = regexp.MustCompile(`\ndate: [0-9-]+\n`)
	summaryLine    = regexp.MustCompile(`\nsummary: .*\n`)
	nameLine       = regexp.MustCompile(`\nname: "(.*)\n`)
	tagsLine       = regexp.MustCompile(`\ntags: \[([^\]]*)\]\n`)
	targetsLine    = regexp.MustCompile(`\ntargets: \[[^\]]*\]\n`)
	peopleLine     = regexp.MustCompile(`\npeople: \[[^\]]*\]\n`)
	firstProvider  = regexp.MustCompile(`\n  - provider: [a-z0-9-]+\n`)
	firstAction    = regexp.MustCompile(`\n    action: [a-z]+\n`)
	firstEventDate = regexp.MustCompile(`\nevents:\n  - date: [0-9-]+\n`)
	sourceID       = regexp.MustCompile(`\n  - id: ([a-z0-9-]+)\n`)
	aliasesLine    = regexp.MustCompile(`\naliases: \[[^\]]*\]\n`)
	caseSourceID   = regexp.MustCompile(`\bc[0-9]+-([0-9]+)\b`) // the corpus's source ids: c8-1 in case 8
)

// diff names what differs between two sites, for a failure's message.
func diff(got, want *site.Site) string {
	var b strings.Builder
	if len(got.Cases) != len(want.Cases) || len(got.Entities) != len(want.Entities) {
		fmt.Fprintf(&b, "\n%d cases and %d entities, want %d and %d", len(got.Cases), len(got.Entities), len(want.Cases), len(want.Entities))
		return b.String()
	}
	for i, c := range got.Cases {
		if !reflect.DeepEqual(c, want.Cases[i]) {
			fmt.Fprintf(&b, "\ncase %d: %s, want %s", i, c.Slug, want.Cases[i].Slug)
			if b.Len() > 2000 {
				break
			}
		}
	}
	for i, e := range got.Entities {
		if !reflect.DeepEqual(e, want.Entities[i]) {
			fmt.Fprintf(&b, "\nentity %s", e.Slug)
		}
	}
	if !reflect.DeepEqual(got.Tags, want.Tags) {
		b.WriteString("\ntags")
	}
	if !reflect.DeepEqual(got.Timeline(), want.Timeline()) {
		b.WriteString("\ntimeline")
	}
	return b.String()
}

func formatted(l diag.List) string {
	l = slices.Clone(l)
	l.Sort()
	var b strings.Builder
	l.Format(&b)
	return b.String()
}
