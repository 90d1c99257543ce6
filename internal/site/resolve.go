package site

import (
	"cmp"
	"hash/maphash"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
)

// Options change how a site is resolved.
type Options struct {
	Drafts  bool   // include the cases, entities and pages marked draft
	BaseURL string // overrides site.yaml's base_url when set
	// History gives each case and entity file, by path, the git commits
	// that added it and last changed it (Case.Commit, the pages' dates:
	// dates.go); the build reads them from git. Nil: none known.
	History map[string]History
	// Today is the day of the build: a case dated, or updated, after it
	// gets a warning. Zero: no such check.
	Today content.Date
}

// ReservedSlugs are top-level paths of the generated site that a page slug
// may not take.
var ReservedSlugs = []string{"actions", "cases", "data", "entities", "search", "services", "sources", "static", "tags", "timeline"}

// HomeSlug is the slug of the optional page whose body introduces the home
// page; it has no page of its own.
const HomeSlug = "home"

// resolver holds the state of one Resolve call.
type resolver struct {
	s      *Site
	opt    Options
	owns   []*own // owns[i] is the own work of files[i]; nil for a file left out
	diags  diag.List
	drafts map[string]string        // slug of a draft left out -> file, for hints
	owner  map[string]*content.File // source id -> the file that has it (the first by path)
	tags   map[string]*Term
	svcs   map[string]*Term
	acts   map[string]*Term
	hints  *slugLists // for "did you mean", made when first needed
	// sameSlug holds, by slug, the cases, entities and pages whose slug an
	// earlier file took (an error at both): a reference to an entity or a
	// case finds its own kind among them.
	sameSlug map[string][]Target
	// What a Cache carries from the last Resolve and to the next (refs.go,
	// related.go, timeline_last.go): the last timeline, whose permalinks
	// and ids are taken again;
	// how the files differ from the last ones and what their references
	// resolved to then; what they resolve to now (nil when not kept); the
	// look-ups of the file being resolved.
	lastTimeline *lastTimeline
	diff         *tableDiff
	memos        []refMemo
	cur          refCursor
	byIndex      []Target      // by file index, the case, entity or page of the slug, if it has it
	relMemos     []relatedMemo // by file index, kept for the next Resolve (related.go)
	seed         maphash.Seed  // of the prints of related.go
}

// slugLists are the slugs of a site, sorted, for the hints of diagnostics:
// made once, when a diagnostic first needs them, from the site's slugs.
type slugLists struct {
	once    sync.Once
	all     []string // every slug
	ents    []string // entity slugs
	caseIDs []string // case slugs
}

// slugs returns the site's slug lists; call it only once every case, entity
// and page is collected.
func (r *resolver) slugs() *slugLists {
	l := r.hints
	l.once.Do(func() {
		for slug, t := range r.s.bySlug {
			l.all = append(l.all, slug)
			switch t.(type) {
			case *Entity:
				l.ents = append(l.ents, slug)
			case *Case:
				l.caseIDs = append(l.caseIDs, slug)
			}
		}
		slices.Sort(l.all)
		slices.Sort(l.ents)
		slices.Sort(l.caseIDs)
	})
	return l
}

// Resolve builds the site model from the loaded files and their parsed
// bodies (docs[i] belongs to files[i]) and checks every cross-reference.
// It keeps nothing for a next call: see Cache.Resolve for that.
func Resolve(cfg *content.Config, files []*content.File, docs []*markdown.Doc, opt Options) (*Site, diag.List) {
	s, diags, _ := resolve(cfg, files, docs, opt, owns(files, docs, opt, nil), nil)
	return s, diags
}

// carry is what a Cache carries from one Resolve to the next, besides the
// own work.
type carry struct {
	timeline *lastTimeline
	lookups  *lookups
	ids      *sourceIDs   // what checkSourceIDs found, for nextSourceIDs; nil: nothing kept
	seed     maphash.Seed // of the prints of related.go, the same for every call
}

// resolve folds the own work of every file (owns[i] of files[i]) into the
// site: everything that reads more than one file.
//
// last, when not nil, is what the last Resolve through a cache left for
// this one; resolve then returns what it leaves for the next.
func resolve(cfg *content.Config, files []*content.File, docs []*markdown.Doc, opt Options, owns []*own, last *carry) (*Site, diag.List, *carry) {
	r := &resolver{
		s:      &Site{Config: cfg, files: files, docs: docs},
		opt:    opt,
		owns:   owns,
		drafts: map[string]string{},
		tags:   map[string]*Term{},
		svcs:   map[string]*Term{},
		acts:   map[string]*Term{},
		hints:  &slugLists{},

		byIndex: make([]Target, len(files)),
	}
	if last != nil {
		r.lastTimeline = last.timeline
		r.diff = diffTable(last.lookups, files, owns, opt)
		r.memos = make([]refMemo, len(files))
		r.relMemos = make([]relatedMemo, len(files))
		r.seed = last.seed
	}
	r.base()
	var ids *sourceIDs
	var wg sync.WaitGroup
	wg.Go(func() {
		if last != nil {
			ids = nextSourceIDs(last.ids, r.diff, files, owns)
		}
		if ids == nil {
			ids = checkSourceIDs(files, owns)
		}
	})
	r.collect(files)
	wg.Wait()
	r.diags.Add(ids.diags...)
	r.owner = ids.owner
	rm := newRoom(r.s.Cases, r.owns)
	r.eachCase(func(r *resolver, c *Case) {
		cr := rm.of(c)
		c.Sources, c.Cited = c.own.built, c.own.cited
		r.startRefs(c.in, r.owns[c.in], c.meta)
		c.links = r.links(c, r.s.Doc(c), r.owns[c.in], cr.links)
		r.resolveCase(c, cr)
		r.endRefs(c.in, r.owns[c.in])
		c.entries = cr.entryPtrs
		for i := range c.entries {
			c.entries[i] = &cr.entries[i]
		}
		lc, _ := r.lastTimeline.of(r.diff, c)
		c.makeEntries(lc.urls)
	})
	// Three things meanwhile, each writing what the others do not read:
	// the timeline (it reads the cases' actions, events, targets and
	// people, writes itself and each case's entries); the back-links (they
	// read the links, write LinkedFrom; the entities' and pages' links are
	// checked with a resolver of their own, whose diagnostics come after the
	// cases'); the tags, indexes and related cases (they read the cases'
	// references, write the entities' roles, the terms and Related).
	wg.Go(r.timeline)
	br := *r
	br.diags = nil
	wg.Go(br.bodies)
	n := 0
	for _, c := range r.s.Cases {
		n += len(c.own.tags)
	}
	slab := make([]*Term, n) // one allocation for every case's tags
	for _, c := range r.s.Cases {
		if len(c.own.tags) == 0 {
			continue
		}
		c.Tags, slab = slab[:len(c.own.tags):len(c.own.tags)], slab[len(c.own.tags):]
		for i, t := range c.own.tags {
			c.Tags[i] = r.term(r.tags, "tags", t)
		}
	}
	r.indexes()
	r.related()
	wg.Wait()
	r.diags.Add(br.diags...)
	r.redirects()
	r.warnings()
	var next *carry
	if last != nil {
		next = &carry{
			timeline: newLastTimeline(r.s),
			lookups:  &lookups{files: files, owns: owns, drafts: opt.Drafts, sorted: sortedByPath(files), memos: r.memos, related: r.relMemos},
			ids:      ids,
			seed:     r.seed,
		}
	}
	r.s.forgetInputs()
	return r.s, r.diags, next
}

// forgetInputs drops the site's references to the front matter of its
// files and to its cases' own work, which only the fold reads: what the
// pages show was copied or shared from them into the site's own values.
// A build that renders the site once then need not hold them while it
// renders (at 10,000 cases, about 50 MB of the live heap); a Cache keeps
// the files and the own work for the next Resolve itself. The site keeps
// the bodies (Doc).
func (s *Site) forgetInputs() {
	for _, c := range s.Cases {
		c.meta, c.own = nil, nil
	}
	s.files = nil
}

// owns returns the own work of each file that Resolve may use (not of a
// draft left out), taken from prev when prev has it for the same file and
// body, computed otherwise (in parallel).
func owns(files []*content.File, docs []*markdown.Doc, opt Options, prev map[*content.File]cachedOwn) []*own {
	out := make([]*own, len(files))
	parallel(len(files), func(i int) {
		f := files[i]
		if leftOut(f, opt) {
			return
		}
		if c, ok := prev[f]; ok && c.doc == docs[i] {
			out[i] = c.own
			return
		}
		out[i] = newOwn(f, docs[i])
	})
	return out
}

// leftOut reports whether f is a draft that opt leaves out: always when
// its front matter still holds placeholders (its metadata lacks them).
func leftOut(f *content.File, opt Options) bool {
	if opt.Drafts {
		return f.Placeholders > 0 && f.Draft()
	}
	return f.Draft()
}

func (r *resolver) base() {
	raw := r.s.Config.BaseURL
	if r.opt.BaseURL != "" {
		raw = r.opt.BaseURL
	}
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		u = &url.URL{Scheme: "https", Host: "example.org", Path: "/"}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	r.s.BaseURL = u.String()
	// The path as URLs write it (percent-encoded once), so that BaseURL
	// ends with BasePath and every root-relative URL is a valid one:
	// https://example.org/café/ has the base path /caf%C3%A9/.
	r.s.BasePath = u.EscapedPath()
	r.s.LicenseURL = cmp.Or(r.s.Config.LicenseURL, content.LicenseURL(r.s.Config.License))
	r.s.Params = r.s.Config.Params
	if r.s.Params == nil {
		r.s.Params = content.Params{}
	}
	for _, m := range r.s.Config.Menu {
		l := MenuLink{Label: m.Label, URL: m.URL, External: m.External, Pos: m.URLPos}
		if !m.External {
			l.Path = strings.TrimPrefix(m.URL, "/")
			l.URL = r.s.BasePath + l.Path
		}
		r.s.Menu = append(r.s.Menu, l)
	}
}

// collect creates the cases, entities and pages and checks that their slugs
// do not collide. The cases are made first, in parallel (each from its file
// alone), then everything is taken in file order.
func (r *resolver) collect(files []*content.File) {
	var caseFiles []int // the indexes of the case files
	for i, f := range files {
		if f.Kind == content.KindCase {
			caseFiles = append(caseFiles, i)
		}
	}
	slab := make([]Case, len(caseFiles)) // one allocation for every case; a draft left out leaves its place empty
	byFile := make([]*Case, len(caseFiles))
	parallel(len(caseFiles), func(k int) {
		i := caseFiles[k]
		f, o := files[i], r.owns[i]
		if leftOut(f, r.opt) {
			return
		}
		m := f.Case
		h := historyOf(r.opt.History, f.Path, o.c.aliases)
		slab[k] = Case{Slug: f.Slug, File: f.Path, Title: m.Title, Summary: m.Summary, Date: m.Date,
			Draft: m.Draft, Updated: m.Updated, Changes: m.Changes, Aliases: o.c.aliases, Commit: h.Last,
			Dates: pageDates(m.Published, m.Updated, h),
			url:   r.s.BasePath + "cases/" + f.Slug + "/", in: i, anchors: o.anchors, meta: m, own: o.c, num: o.c.num}
		byFile[k] = &slab[k]
	})
	r.s.bySlug = make(map[string]Target, len(files))
	if len(caseFiles) > 0 {
		r.s.Cases = make([]*Case, 0, len(caseFiles))
	}
	k := 0 // the next case file
	for i, f := range files {
		o := r.owns[i]
		var t Target
		switch {
		case f.Kind == content.KindCase:
			c := byFile[k]
			k++
			if c == nil {
				r.drafts[f.Slug] = f.Path
				continue
			}
			r.s.Cases = append(r.s.Cases, c)
			t = c
		case leftOut(f, r.opt):
			r.drafts[f.Slug] = f.Path
			continue
		case f.Kind == content.KindEntity:
			m := f.Entity
			e := &Entity{Slug: f.Slug, File: f.Path, Name: m.Name, Kind: m.Kind, Aliases: m.Aliases,
				Website: m.Website, Wikidata: m.Wikidata, Summary: m.Summary,
				Dates: pageDates(m.Published, content.Date{}, r.opt.History[f.Path]),
				url:   r.s.BasePath + "entities/" + f.Slug + "/", in: i, anchors: o.anchors}
			r.s.Entities = append(r.s.Entities, e)
			t = e
		case f.Kind == content.KindPage:
			m := f.Page
			if slices.Contains(ReservedSlugs, f.Slug) {
				r.diags.Add(diag.Errorf(diag.Pos{File: f.Path, Line: 1, Col: 1}, "page slug %q is reserved", f.Slug).
					WithHint("the site uses /%s/ itself; rename the file", f.Slug))
				continue
			}
			p := &Page{Slug: f.Slug, File: f.Path, Title: m.Title, Summary: m.Summary, Menu: m.Menu,
				url: r.s.BasePath + f.Slug + "/", in: i, anchors: o.anchors}
			if f.Slug == HomeSlug {
				p.url = r.s.BasePath
			}
			r.s.Pages = append(r.s.Pages, p)
			t = p
		default:
			continue
		}
		if prev, ok := r.s.bySlug[f.Slug]; ok {
			// Reported at both files, each naming the other; the entity
			// stays an entity and the case a case for the references to
			// them (sameSlug), so that no other file gets an error.
			for _, d := range [][2]string{{fileOf(prev), f.Path}, {f.Path, fileOf(prev)}} {
				r.diags.Add(diag.Errorf(diag.Pos{File: d[0], Line: 1, Col: 1}, "slug %q is also used by %s", f.Slug, d[1]).
					WithHint("cases, entities and pages share one namespace of slugs: rename one of the two files"))
			}
			if r.sameSlug == nil {
				r.sameSlug = map[string][]Target{}
			}
			r.sameSlug[f.Slug] = append(r.sameSlug[f.Slug], t)
			continue
		}
		r.s.bySlug[f.Slug] = t
		r.byIndex[i] = t
	}
	sortCases(r.s.Cases)
	lower := make(map[*Entity]string, len(r.s.Entities)) // each name lowercased once
	for _, e := range r.s.Entities {
		lower[e] = strings.ToLower(e.Name)
	}
	slices.SortFunc(r.s.Entities, func(a, b *Entity) int {
		return cmp.Or(cmp.Compare(lower[a], lower[b]), cmp.Compare(a.Slug, b.Slug))
	})
	slices.SortFunc(r.s.Pages, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(menuKey(a.Menu), menuKey(b.Menu)), cmp.Compare(a.Slug, b.Slug))
	})
	for i, e := range r.s.Entities {
		e.ord = i
	}
	for i, c := range r.s.Cases {
		c.ord = i
		if i > 0 {
			c.Next = r.s.Cases[i-1]
		}
		if i+1 < len(r.s.Cases) {
			c.Prev = r.s.Cases[i+1]
		}
	}
}

// menuKey puts pages without a menu position after the others.
func menuKey(m int) int {
	if m == 0 {
		return int(^uint(0) >> 1)
	}
	return m
}

// sortCases sorts cases newest first, then by slug. It sorts keys that
// hold what it compares rather than the cases, whose fields are scattered
// in memory.
func sortCases(cs []*Case) {
	type key struct {
		date int64 // dateKey
		slug string
		c    *Case
	}
	keys := make([]key, len(cs))
	for i, c := range cs {
		keys[i] = key{dateKey(c.Date), c.Slug, c}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(b.date, a.date), cmp.Compare(a.slug, b.slug))
	})
	for i, k := range keys {
		cs[i] = k.c
	}
}

func fileOf(t Target) string {
	switch t := t.(type) {
	case *Case:
		return t.File
	case *Entity:
		return t.File
	case *Page:
		return t.File
	}
	return ""
}

// resolveCase resolves a case's references to entities and cases, and
// reports its references to sources it does not have.
func (r *resolver) resolveCase(c *Case, cr caseRoom) {
	m := c.meta
	c.refsOK = true
	nt := len(m.Targets)
	c.Targets = r.entities(c, m.Targets, "target", cr.ents[:0:nt])
	c.People = r.entities(c, m.People, "person or organisation", cr.ents[nt:nt])
	c.Actions = cr.actPtrs
	actions := cr.actions
	for i, ma := range m.Actions {
		a := &actions[i]
		*a = Action{Case: c, Services: ma.Services, Type: ma.Action, Date: ma.Date, Sources: c.own.actSrcs[i]}
		if ma.Provider.Value != "" {
			a.Provider = r.entity(c, ma.Provider, "provider")
		}
		c.Actions[i] = a
	}
	c.Events = cr.evPtrs
	events := cr.events
	for i, me := range m.Events {
		events[i] = Event{Case: c, Date: me.Date, Text: me.Text, Sources: c.own.evSrcs[i]}
		c.Events[i] = &events[i]
	}
	if len(c.Actions) == 0 {
		c.Actions = nil
	}
	if len(c.Events) == 0 {
		c.Events = nil
	}
	for _, ref := range m.Related {
		rc := r.caseRef(ref)
		switch {
		case rc == c:
			r.cur.dirty = true
			r.diags.Add(diag.Errorf(ref.Pos, "a case cannot be related to itself").WithHint("remove %q from related", ref.Value))
		case rc != nil && !slices.Contains(c.Related, rc):
			c.Related = append(c.Related, rc)
		}
	}
	c.explicit = len(c.Related)
	for _, ref := range c.own.missing {
		r.unknownSource(c, ref)
	}
}

// eachCase runs f for every case in parallel. f may change only the case
// and what belongs to it (its sources), and read the rest; each call gets a
// copy of r whose diagnostics are merged in case order afterwards, so the
// result does not depend on scheduling.
func (r *resolver) eachCase(f func(*resolver, *Case)) {
	cs := r.s.Cases
	diags := make([]diag.List, len(cs))
	parallel(len(cs), func(i int) {
		cr := *r
		cr.diags = nil
		f(&cr, cs[i])
		diags[i] = cr.diags
	})
	for _, d := range diags {
		r.diags.Add(d...)
	}
}

func (r *resolver) term(m map[string]*Term, dir, slug string) *Term {
	t, ok := m[slug]
	if !ok {
		t = &Term{Slug: slug, url: r.s.BasePath + dir + "/" + slug + "/"}
		m[slug] = t
	}
	return t
}

func (r *resolver) entities(c *Case, refs []content.Ref, role string, out []*Entity) []*Entity {
	if len(refs) == 0 {
		return nil
	}
	for _, ref := range refs {
		if e := r.entity(c, ref, role); e != nil && !containsEntity(out, e) {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// entity looks up an entity slug for case c, reporting unknown ones with a
// suggestion.
func (r *resolver) entity(c *Case, ref content.Ref, role string) *Entity {
	t, ok := r.cur.lookup(ref.Value)
	if e, isEntity := t.(*Entity); ok && isEntity {
		return e
	}
	if e, found := ofKind[*Entity](r, ref.Value); found {
		return e
	}
	c.refsOK = false
	r.cur.dirty = true
	d := diag.Errorf(ref.Pos, "unknown entity %q (%s)", ref.Value, role)
	switch {
	case ok:
		d = diag.Errorf(ref.Pos, "%q is not an entity but %s", ref.Value, fileOf(t))
		d = d.WithHint("a %s must be an entity in content/entities/", role)
	case r.drafts[ref.Value] != "":
		d = d.WithHint("%s is a draft; build with -drafts or publish it", r.drafts[ref.Value])
	case diag.Suggest(ref.Value, r.slugs().ents) != "":
		d = d.WithHint("%s", diag.DidYouMean(ref.Value, r.slugs().ents))
	default:
		d = d.WithHint("create content/entities/%s.md (casebook new entity %s) or fix the slug", ref.Value, ref.Value)
	}
	r.diags.Add(d)
	return nil
}

// ofKind returns the case or entity (T) of slug among the files whose slug
// an earlier file took (an error reported at both), so that a reference to
// it is not an error too. Nothing found so is kept for the next Resolve.
func ofKind[T Target](r *resolver, slug string) (T, bool) {
	for _, t := range r.sameSlug[slug] {
		if v, ok := t.(T); ok {
			r.cur.dirty = true
			return v, true
		}
	}
	var zero T
	return zero, false
}

func (r *resolver) caseRef(ref content.Ref) *Case {
	t, _ := r.cur.lookup(ref.Value)
	if c, ok := t.(*Case); ok {
		return c
	}
	if c, found := ofKind[*Case](r, ref.Value); found {
		return c
	}
	r.cur.dirty = true
	d := diag.Errorf(ref.Pos, "unknown case %q", ref.Value)
	if f, ok := r.drafts[ref.Value]; ok {
		d = d.WithHint("%s is a draft; build with -drafts or publish it", f)
	} else if h := diag.DidYouMean(ref.Value, r.slugs().caseIDs); h != "" {
		d = d.WithHint("%s", h)
	}
	r.diags.Add(d)
	return nil
}

// bodies checks the citations and links of the entities and pages, and
// records every back-link: in case order, then entities, then pages. Each
// target's back-links are counted first, then added, each list in its part
// of one array.
func (r *resolver) bodies() {
	from := make([]Target, 0, len(r.s.Cases)+len(r.s.Entities)+len(r.s.Pages))
	to := make([][]Target, 0, cap(from))
	for _, c := range r.s.Cases {
		from, to = append(from, c), append(to, c.links)
	}
	for _, e := range r.s.Entities {
		r.noCitations(r.s.Doc(e))
		r.startRefs(e.in, r.owns[e.in], nil)
		from, to = append(from, e), append(to, r.links(e, r.s.Doc(e), r.owns[e.in], nil))
		r.endRefs(e.in, r.owns[e.in])
	}
	for _, p := range r.s.Pages {
		r.noCitations(r.s.Doc(p))
		r.startRefs(p.in, r.owns[p.in], nil)
		from, to = append(from, p), append(to, r.links(p, r.s.Doc(p), r.owns[p.in], nil))
		r.endRefs(p.in, r.owns[p.in])
	}
	// A counting sort by the index of the target's file: each target's
	// back-links get their part of one array, in order.
	total := 0
	for _, ts := range to {
		total += len(ts)
	}
	at := make([]int32, total)               // each link's target, by file index
	start := make([]int32, len(r.s.files)+1) // where each target's part ends, then starts
	k := 0
	for _, ts := range to {
		for _, t := range ts {
			i := t.input()
			at[k] = int32(i)
			start[i+1]++
			k++
		}
	}
	for i := range r.s.files {
		start[i+1] += start[i]
	}
	end := slices.Clone(start[:len(r.s.files)]) // where each target's part is filled to
	slab := make([]Target, total)
	k = 0
	for i, ts := range to {
		for range ts {
			t := at[k] // links gives each target of a page once
			k++
			slab[end[t]] = from[i]
			end[t]++
		}
	}
	for i, t := range r.byIndex {
		if t != nil && end[i] > start[i] {
			t.setBacklinks(slab[start[i]:end[i]:end[i]])
		}
	}
}

func numKey(n int) int {
	if n == 0 {
		return int(^uint(0) >> 1)
	}
	return n
}

// CiteID returns the id of the occ-th (0-based) citation of source n in a
// page: cite-3-a, cite-3-b, ... cite-3-aa.
func CiteID(n, occ int) string {
	var letters [8]byte // 26^8 citations of one source is more than any body holds
	i := len(letters)
	for occ >= 0 && i > 0 {
		i--
		letters[i] = byte('a' + occ%26)
		occ = occ/26 - 1
	}
	return "cite-" + strconv.Itoa(n) + "-" + string(letters[i:])
}

func (r *resolver) noCitations(d *markdown.Doc) {
	if d == nil {
		return
	}
	for cit := range d.Citations() {
		r.diags.Add(diag.Errorf(cit.Pos, "citation [@%s] outside a case", cit.Key).
			WithHint("only cases have sources; link to the case that cites it with [[slug]]"))
	}
}

// links checks every [[slug#fragment]] and relative .md link of a body
// (d, whose own work is o) and returns the targets other than from, each
// once, in order of first link. Each distinct target and heading is
// looked up once; only when one is missing are the links gone through one
// by one, to report each.
func (r *resolver) links(from Target, d *markdown.Doc, o *own, to []Target) []Target {
	if d == nil {
		return nil
	}
	if to == nil {
		to = make([]Target, 0, len(o.links))
	}
	ok := true
	for _, slug := range o.links {
		t, found := r.cur.lookup(slug)
		switch {
		case !found:
			ok = false
		case t != from:
			to = append(to, t)
		}
	}
	if r.cur.memo == nil { // (with a memo, every heading was there, and is)
		for _, fr := range o.frags {
			if t, found := r.s.bySlug[fr.slug]; found && !r.hasAnchor(fr.slug, t, fr.id) {
				ok = false
			}
		}
	}
	if !ok {
		r.cur.dirty = true
		r.badLinks(d)
	}
	if len(to) == 0 {
		return nil
	}
	return to
}

// hasAnchor reports whether target t (of slug) has a heading of id, or
// may have: a file whose body could not be read (content.File.NoBody) has
// reported its own error, and the links to its headings are not reported
// too; nor are those to a heading of another file of the same slug (an
// error at both files: collect).
func (r *resolver) hasAnchor(slug string, t Target, id string) bool {
	has := func(t Target) bool { return r.s.files[t.input()].NoBody || slices.Contains(t.Anchors(), id) }
	return has(t) || slices.ContainsFunc(r.sameSlug[slug], has)
}

// badLinks reports every link of d to a missing target or heading.
func (r *resolver) badLinks(d *markdown.Doc) {
	for l := range d.Links() {
		t, ok := r.s.bySlug[l.Slug]
		if !ok {
			dg := diag.Errorf(l.Pos, "unknown link target %q", l.Slug)
			if f, draft := r.drafts[l.Slug]; draft {
				dg = dg.WithHint("%s is a draft; build with -drafts or publish it", f)
			} else if h := diag.DidYouMean(l.Slug, r.slugs().all); h != "" {
				dg = dg.WithHint("%s", h)
			} else {
				dg = dg.WithHint("link to an existing case, entity or page by its file name without .md")
			}
			r.diags.Add(dg)
			continue
		}
		if l.Fragment != "" {
			id := markdown.HeadingID(l.Fragment)
			if ids := t.Anchors(); !r.hasAnchor(l.Slug, t, id) {
				dg := diag.Errorf(l.Pos, "%s has no heading %q", fileOf(t), l.Fragment)
				if h := diag.DidYouMean(id, ids); h != "" {
					dg = dg.WithHint("%s", h)
				} else if len(ids) > 0 {
					dg = dg.WithHint("its headings are: %s", strings.Join(ids, ", "))
				} else {
					dg = dg.WithHint("it has no headings; link to the page without #%s", l.Fragment)
				}
				r.diags.Add(dg)
			}
		}
	}
}
