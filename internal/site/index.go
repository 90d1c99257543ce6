package site

import (
	"cmp"
	"maps"
	"runtime"
	"slices"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
)

// MaxRelated caps the related cases shown on a case page.
const MaxRelated = 6

// maxPosting is the largest group (cases of one provider, tag, ...) used to
// compute related cases: a broader group says little about relatedness, and
// skipping it keeps the computation linear in the number of cases.
const maxPosting = 500

// indexes fills the entity roles and the tag, service and action-type terms.
// Cases are already sorted newest first, so every list comes out in order.
func (r *resolver) indexes() {
	for _, c := range r.s.Cases {
		for _, a := range c.Actions {
			if a.Provider != nil {
				a.Provider.AsProvider = append(a.Provider.AsProvider, a)
				a.Provider.listed(c)
			}
			for _, svc := range a.Services {
				t := r.term(r.svcs, "services", svc)
				if len(t.Cases) == 0 || t.Cases[len(t.Cases)-1] != c {
					t.Cases = append(t.Cases, c)
				}
			}
		}
		for _, t := range content.Actions { // as c.ActionTypes(), without a list
			if slices.ContainsFunc(c.Actions, func(a *Action) bool { return a.Type == t }) {
				at := r.term(r.acts, "actions", t)
				at.Cases = append(at.Cases, c)
			}
		}
		for _, e := range c.Targets {
			e.AsTarget = append(e.AsTarget, c)
			e.listed(c)
		}
		for _, e := range c.People {
			e.Involved = append(e.Involved, c)
			e.listed(c)
		}
		for _, t := range c.Tags {
			t.Cases = append(t.Cases, c)
		}
	}
	for _, e := range r.s.Entities {
		slices.SortStableFunc(e.AsProvider, func(a, b *Action) int {
			return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Case.Slug, b.Case.Slug))
		})
	}
	r.s.providers = providers(r.s.Entities)
	r.s.Tags = sortedTerms(r.tags)
	r.s.Services = sortedTerms(r.svcs)
	for _, t := range content.Actions {
		if at, ok := r.acts[t]; ok {
			r.s.Actions = append(r.s.Actions, at)
		}
	}
}

func sortedTerms(m map[string]*Term) []*Term {
	out := make([]*Term, 0, len(m))
	for _, t := range m {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *Term) int { return cmp.Compare(a.Slug, b.Slug) })
	return out
}

// related appends to each case's explicit related cases the cases that share
// the most providers, targets, people and tags with it, up to MaxRelated.
// Candidates are ranked by score, then in the order of Site.Cases (newest
// first, then by slug); scores live in a slice indexed by that order, and
// only the cases touched are visited and cleared, so a case costs the size
// of its groups, never the number of cases.
func (r *resolver) related() {
	provided := providedCases(r.s.providers)
	if r.memos != nil { // through a cache: see related.go
		r.relatedKeyed(provided)
		return
	}
	relate(r.s.Cases, r.s.Cases, provided)
}

// relate appends their computed related cases to the cases of which, whose
// Related lists hold only the explicit ones.
func relate(cases, which []*Case, provided map[*Entity][]*Case) {
	// Each case's list depends only on the indexes, so the cases are shared
	// out among workers, each with its own scores.
	workers := make(chan *relatedScores, min(runtime.GOMAXPROCS(0), len(which)/64+1))
	for range cap(workers) {
		workers <- &relatedScores{score: make([]int32, len(cases))}
	}
	parallel(len(which), func(i int) {
		w := <-workers
		w.related(cases, which[i], provided)
		workers <- w
	})
}

// providedCases returns caseOfActions of each provider.
func providedCases(providers []*Entity) map[*Entity][]*Case {
	provided := make(map[*Entity][]*Case, len(providers))
	for _, e := range providers {
		provided[e] = caseOfActions(e.AsProvider)
	}
	return provided
}

// relatedScores is one worker's scratch space for related.
type relatedScores struct {
	score   []int32 // by case order
	touched []int
	best    []int
}

func (w *relatedScores) related(cases []*Case, c *Case, provided map[*Entity][]*Case) {
	if len(c.Related) >= MaxRelated {
		c.Related = c.Related[:MaxRelated]
		return
	}
	score := w.score
	eachGroup(c, provided, func(group []*Case, weight int32) {
		for _, o := range group {
			if o != c {
				if score[o.ord] == 0 {
					w.touched = append(w.touched, o.ord)
				}
				score[o.ord] += weight
			}
		}
	})
	better := func(a, b int) int { return cmp.Or(cmp.Compare(score[b], score[a]), cmp.Compare(a, b)) }
	// The best few candidates, kept sorted: the order is total, so this
	// is the head of the fully sorted list.
	k := MaxRelated - len(c.Related)
	best := w.best[:0]
	for _, o := range w.touched {
		if len(best) == k && better(o, best[k-1]) >= 0 || slices.Contains(c.Related, cases[o]) {
			continue
		}
		i, _ := slices.BinarySearchFunc(best, o, better)
		best = slices.Insert(best, i, o)
		if len(best) > k {
			best = best[:k]
		}
	}
	for _, o := range w.touched {
		score[o] = 0
	}
	w.touched, w.best = w.touched[:0], best
	for _, o := range best {
		c.Related = append(c.Related, cases[o])
	}
}

// eachGroup calls f with each group of cases c belongs to that counts for
// relatedness, and its weight: the cases of each of its providers, targets,
// people and tags, but for groups larger than maxPosting.
func eachGroup(c *Case, provided map[*Entity][]*Case, f func(group []*Case, weight int32)) {
	add := func(group []*Case, weight int32) {
		if len(group) <= maxPosting {
			f(group, weight)
		}
	}
	for _, p := range c.Providers() {
		add(provided[p], 3)
	}
	for _, e := range c.Targets {
		add(e.AsTarget, 4)
	}
	for _, e := range c.People {
		add(e.Involved, 2)
	}
	for _, t := range c.Tags {
		add(t.Cases, 1)
	}
}

func caseOfActions(as []*Action) []*Case {
	if len(as) > maxPosting {
		return nil
	}
	var out []*Case
	for _, a := range as {
		if len(out) == 0 || out[len(out)-1] != a.Case {
			out = append(out, a.Case)
		}
	}
	return out
}

// redirects turns case aliases into redirect pages and checks that no alias
// takes a live slug or another alias.
func (r *resolver) redirects() {
	seen := map[string]content.Ref{}
	var dup map[string][]diag.Pos // the aliases given more than once: where, in order
	for _, c := range r.s.Cases {
		for _, a := range c.meta.Aliases {
			if t, ok := r.s.bySlug[a.Value]; ok {
				if _, isCase := t.(*Case); isCase {
					r.diags.Add(diag.Errorf(a.Pos, "alias %q is the slug of a live case (%s)", a.Value, fileOf(t)).
						WithHint("an alias is a former slug of this case; remove it or rename the other case"))
					continue
				}
			}
			if prev, ok := seen[a.Value]; ok {
				if dup == nil {
					dup = map[string][]diag.Pos{}
				}
				if dup[a.Value] == nil {
					dup[a.Value] = []diag.Pos{prev.Pos}
				}
				dup[a.Value] = append(dup[a.Value], a.Pos)
				continue
			}
			seen[a.Value] = a
			r.s.Redirects = append(r.s.Redirects, Redirect{From: r.s.BasePath + "cases/" + a.Value + "/", To: c})
		}
	}
	// An alias given twice is reported at each, naming the others.
	for _, alias := range slices.Sorted(maps.Keys(dup)) {
		at := dup[alias]
		for k, pos := range at {
			r.diags.Add(diag.Errorf(pos, "alias %q is also given at %s", alias, joinPos(slices.Concat(at[:k], at[k+1:]))).
				WithHint("each former slug can redirect to one case only: keep it in the case that had it"))
		}
	}
	slices.SortFunc(r.s.Redirects, func(a, b Redirect) int { return cmp.Compare(a.From, b.From) })
}

// warnings reports sources nobody uses, entities no case refers to, and
// cases dated after the day of the build (Options.Today). A file with
// errors (content.File.Incomplete, or a body that did not parse) may lack
// what its errors were about, so what follows from its absence is not
// reported: the unused sources of a case with errors; of the entities no
// case refers to, those a case with errors mentions (content.File.Mentions:
// the broken case may be the one that refers to them) and those whose own
// file could not be read.
func (r *resolver) warnings() {
	failed := func(i int) bool {
		return r.s.files[i].Incomplete || r.s.docs[i] != nil && r.s.docs[i].Diags.HasErrors()
	}
	var broken []*content.File // the case files that lost some of their references
	for _, f := range r.s.files {
		if f.Kind == content.KindCase && f.Incomplete && !(f.Case.Draft && !r.opt.Drafts) {
			broken = append(broken, f)
		}
	}
	mentioned := func(slug string) bool {
		return slices.ContainsFunc(broken, func(f *content.File) bool { return f.Mentions(slug) })
	}
	for _, c := range r.s.Cases {
		r.futureDates(c)
		if failed(c.in) {
			continue
		}
		for _, s := range c.Sources {
			if !s.used {
				r.diags.Add(diag.Warnf(s.pos, "source %q is never cited", s.ID).
					WithHint("cite it in the body with [@%s], use it in an action or event, or remove it", s.ID))
			}
		}
	}
	for _, e := range r.s.Entities {
		if len(e.AsProvider)+len(e.AsTarget)+len(e.Involved) == 0 && !mentioned(e.Slug) && !r.s.files[e.in].Broken {
			r.diags.Add(diag.Warnf(diag.Pos{File: e.File, Line: 1, Col: 1}, "no case refers to entity %q", e.Slug).
				WithHint("list it in a case's targets, actions or people, or remove the file"))
		}
	}
}

// futureDates warns about a case dated or updated after the day of the
// build: a case records what has happened, and its page what was revised.
func (r *resolver) futureDates(c *Case) {
	today := r.opt.Today
	if today.IsZero() {
		return
	}
	m := c.meta
	if today.Before(m.Date) {
		r.diags.Add(diag.Warnf(m.DatePos, "date %s is after today (%s)", m.Date, today).
			WithHint("date is the decisive moment of the case, which has happened: check the year"))
	}
	if today.Before(m.Updated) {
		r.diags.Add(diag.Warnf(m.UpdatedPos, "updated %s is after today (%s)", m.Updated, today).
			WithHint("updated is the day this page was last revised: today at the latest"))
	}
}

// Resolver returns the markdown.Resolver for rendering the body of t: links
// resolve against the whole site, citations against t's sources (a case's).
func (s *Site) Resolver(t Target) markdown.Resolver {
	r := docResolver{s: s}
	if c, ok := t.(*Case); ok {
		r.num = c.num
	}
	return r
}

type docResolver struct {
	s   *Site
	num map[string]int
}

func (r docResolver) Link(slug, _ string) (href, title string, ok bool) {
	t, ok := r.s.bySlug[slug]
	if !ok {
		return "", "", false
	}
	return t.URL(), t.Label(), true // the renderer appends the fragment
}

func (r docResolver) Cite(key string) (int, bool) {
	n, ok := r.num[key]
	return n, ok
}
