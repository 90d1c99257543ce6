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
	"github.com/casebook/casebook/internal/site"
)

// TestPatchEqualsResolve makes random edits of the front matter and body of
// one case of a generated casebook at a time (date, tags, targets, people,
// provider, action type, an event's date, citations and links), or a copy
// of a case as a new one, each
// patched into the site the last Update gave, and checks that the site is
// the one a new Resolve makes: the whole model, compared with
// reflect.DeepEqual, and the diagnostics.
func TestPatchEqualsResolve(t *testing.T) {
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
			entities = append(entities, strings.TrimSuffix(path.Base(name), ".md"))
		}
	}
	slices.Sort(cases)
	slices.Sort(entities)
	slices.Sort(tags)
	tags = slices.Compact(tags)
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

	in := load(t, fsys)
	s, _ := site.Resolve(in.cfg, in.files, in.docs, site.Options{})
	patched := 0
	for step := range 40 {
		name := cases[rng.IntN(len(cases))]
		data := string(fsys[name].Data)
		var what string
		sub := func(re *regexp.Regexp, with string) {
			what = fmt.Sprintf("%s: %s", name, with)
			data = re.ReplaceAllLiteralString(data, with)
		}
		if rng.IntN(9) == 0 { // a copy of the case, as a new one
			added := fmt.Sprintf("content/cases/added-%d.md", step)
			data = aliasesLine.ReplaceAllLiteralString(data, "\n")
			data = caseSourceID.ReplaceAllString(data, fmt.Sprintf("a%d-$1", step))
			fsys[added] = &fstest.MapFile{Data: []byte(data)}
			cases = append(cases, added)
			slices.Sort(cases)
			what = "a copy of " + name
		} else {
			switch rng.IntN(8) {
			case 0:
				sub(caseDate, "\ndate: "+date()+"\n")
			case 1:
				sub(tagsLine, "\ntags: "+pick(tags, 1+rng.IntN(4))+"\n")
			case 2:
				sub(targetsLine, "\ntargets: "+pick(entities, 1+rng.IntN(3))+"\n")
			case 3:
				sub(peopleLine, "\npeople: "+pick(entities, rng.IntN(3))+"\n")
			case 4:
				sub(firstProvider, "\n  - provider: "+entities[rng.IntN(len(entities))]+"\n")
			case 5:
				sub(firstAction, "\n    action: "+content.Actions[rng.IntN(len(content.Actions))]+"\n")
			case 6:
				sub(firstEventDate, "\nevents:\n  - date: "+date()+"\n")
			default:
				id := sourceID.FindStringSubmatch(data)[1]
				other := strings.TrimSuffix(path.Base(cases[rng.IntN(len(cases))]), ".md")
				what = name + ": a citation and a link"
				data += fmt.Sprintf("\nAgain [@%s], and [[%s]].\n", id, other)
			}
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
		next := load(t, fsys)
		got, gotDiags, how := s.Update(next.cfg, next.files, next.docs, site.Options{})
		want, wantDiags := site.Resolve(next.cfg, next.files, next.docs, site.Options{})
		if wantDiags.HasErrors() {
			t.Fatalf("step %d (%s): the edit is wrong: %s", step, what, formatted(wantDiags))
		}
		if how == site.Resolved {
			t.Fatalf("step %d (%s): Update resolved again", step, what)
		}
		if how == site.Patched {
			patched++
		}
		if formatted(gotDiags) != formatted(wantDiags) {
			t.Fatalf("step %d (%s): diagnostics\n%s\nwant\n%s", step, what, formatted(gotDiags), formatted(wantDiags))
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d (%s): the patched site differs from a new Resolve%s", step, what, diff(got, want))
		}
		s = got
	}
	if patched < 30 {
		t.Errorf("only %d of 40 edits were patched", patched)
	}
}

var (
	caseDate       = regexp.MustCompile(`\ndate: [0-9-]+\n`)
	tagsLine       = regexp.MustCompile(`\ntags: \[([^\]]*)\]\n`)
	targetsLine    = regexp.MustCompile(`\ntargets: \[[^\]]*\]\n`)
	peopleLine     = regexp.MustCompile(`\npeople: \[[^\]]*\]\n`)
	firstProvider  = regexp.MustCompile(`\n  - provider: [a-z0-9-]+\n`)
	firstAction    = regexp.MustCompile(`\n    action: [a-z]+\n`)
	firstEventDate = regexp.MustCompile(`\nevents:\n  - date: [0-9-]+\n`)
	sourceID       = regexp.MustCompile(`\n  - id: ([a-z0-9-]+)\n`)
	aliasesLine    = regexp.MustCompile(`\naliases: \[[^\]]*\]\n`)
	caseSourceID   = regexp.MustCompile(`\bc[0-9]+-([0-9]+)\b`) // the corpus's source ids: c8-1 in case 8`)
)

// diff names what differs between two sites, for a failure's message.
func diff(got, want *site.Site) string {
	var b strings.Builder
	for i, c := range got.Cases {
		if i < len(want.Cases) && !reflect.DeepEqual(c, want.Cases[i]) {
			fmt.Fprintf(&b, "\ncase %d: %s, want %s", i, c.Slug, want.Cases[i].Slug)
			if len(b.String()) > 2000 {
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
