package render

import (
	"bytes"
	"html/template"
	"sync"
	"sync/atomic"

	"github.com/casebook/casebook/internal/site"
)

// fragments keeps, for one rendering of a site (a pass), what several pages
// show: each timeline entry appears on a timeline page of its month or
// year, on those of its provider and its action type, on the entity pages
// of the case's targets, providers and people, and on its case's page; each
// case in the lists of its tags, services and action types and maybe on the
// home page. An entry's list item is rendered once per page template and
// way of showing it by the template "entry", from its view (EntryView), and
// a case's by "caseitem" from its CaseRow, then reused
// (the idea of Hugo's partialCached). The default theme and a theme that
// overrides "entry" go through the same code. Rendering is deterministic,
// so two pages that render the same item at once and both store it store
// the same bytes.
type fragments struct {
	r       *Renderer
	entries int // in the site's timeline
	rows    func() map[*site.Case]*CaseRow
	cases   int // in the site
	mu      sync.Mutex
	slots   map[fragmentKey][]atomic.Pointer[template.HTML]
	items   map[itemKey]template.HTML // guarded by mu
	bufs    sync.Pool                 // of *bytes.Buffer, to render fragments into
}

// render renders a fragment with write into a pooled buffer and returns a
// copy of it.
func (f *fragments) render(write func(*bytes.Buffer) error) (template.HTML, error) {
	b, _ := f.bufs.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	defer f.bufs.Put(b)
	b.Reset()
	if err := write(b); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// fragmentKey is a page template (its "entry" may differ from another's:
// a theme can define it in a page template), the partial, and a way of
// showing an entry.
type fragmentKey struct {
	// tmpl is the page template of an entry, and for a case item its
	// Renderer.fragmentOwner: "" for the page templates that share the
	// partials' files' definitions.
	tmpl              string
	anchors, showCase bool
	short             bool
	// partial is "entry", "caseitem", or "sentence" or "entryhead" (the
	// same for every way of showing an entry).
	partial string
}

func newFragments(r *Renderer, s *site.Site) *fragments {
	n := len(s.Timeline().Entries)
	f := &fragments{r: r, entries: n, cases: len(s.Cases),
		slots: map[fragmentKey][]atomic.Pointer[template.HTML]{}, items: map[itemKey]template.HTML{}}
	f.rows = sync.OnceValue(func() map[*site.Case]*CaseRow {
		rows := make(map[*site.Case]*CaseRow, len(s.Cases))
		for i, c := range s.Cases {
			rows[c] = caseRow(c)
			rows[c].seq = i + 1
		}
		return rows
	})
	return f
}

// caseRows returns the rows of cases, each built once per rendering.
func (f *fragments) caseRows(cs []*site.Case) []*CaseRow {
	if len(cs) == 0 {
		return nil // most pages: no row is needed
	}
	rows := f.rows()
	out := make([]*CaseRow, len(cs))
	for i, c := range cs {
		out[i] = rows[c]
		if out[i] == nil { // not in the site's list (cannot happen)
			out[i] = caseRow(c)
		}
	}
	return out
}

func (f *fragments) slotsOf(k fragmentKey) []atomic.Pointer[template.HTML] {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.slots[k] // after drop, a page of tmpl (there is none) would render its entries anew
	if !ok {
		n := f.entries
		if k.partial == "caseitem" {
			n = f.cases
		}
		s = make([]atomic.Pointer[template.HTML], n)
		f.slots[k] = s
	}
	return s
}

// caseItem renders row as an item of a list of cases with tmpl's template
// "caseitem", or returns the rendering of an earlier page: a case is listed
// on the home page and the pages of its tags, services and action types.
func (f *fragments) caseItem(tmpl string, row *CaseRow) (template.HTML, error) {
	var slot *atomic.Pointer[template.HTML]
	if row.seq > 0 && row.seq <= f.cases {
		slot = &f.slotsOf(fragmentKey{tmpl: f.r.fragmentOwner(tmpl), partial: "caseitem"})[row.seq-1]
		if h := slot.Load(); h != nil {
			return *h, nil
		}
	}
	h, err := f.render(func(b *bytes.Buffer) error { return f.r.pages[tmpl].ExecuteTemplate(b, "caseitem", row) })
	if err != nil {
		return "", err
	}
	if slot != nil {
		slot.Store(&h)
	}
	return h, nil
}

// entry renders e as an item of l with l's template "entry", or returns
// the rendering of an earlier page. Only the short items are kept: an entry
// is written in full on two pages, its case's and its month's (or year's),
// each with its own way of showing it, so a full item is never shown again.
func (f *fragments) entry(l entryList, e *site.Entry) (template.HTML, error) {
	var slot *atomic.Pointer[template.HTML]
	if seq := e.Seq(); seq > 0 && seq <= f.entries && l.Short {
		slot = &f.slotsOf(fragmentKey{tmpl: l.tmpl, anchors: l.Anchors, showCase: l.ShowCase, short: l.Short, partial: "entry"})[seq-1]
		if h := slot.Load(); h != nil {
			return *h, nil
		}
	}
	// The view is made for this rendering only: the entry's item is
	// rendered once per way of showing it, and keeping every view would
	// hold tens of megabytes for a large casebook.
	item := EntryItem{Entry: entryView(e), Anchors: l.Anchors, ShowCase: l.ShowCase, Short: l.Short}
	var err error
	if item.Head, err = f.part(l.tmpl, "entryhead", e.Seq(), item.Entry); err != nil {
		return "", err
	}
	if item.Sentence, err = f.part(l.tmpl, "sentence", e.Seq(), item.Entry.What); err != nil {
		return "", err
	}
	h, err := f.render(func(b *bytes.Buffer) error { return f.r.pages[l.tmpl].ExecuteTemplate(b, "entry", item) })
	if err != nil {
		return "", err
	}
	if slot != nil {
		slot.Store(&h)
	}
	return h, nil
}

// part renders a part of an entry's item that every way of showing the
// entry shares (its seq is e.Seq()): with tmpl's partial "sentence" (what
// it says) or "entryhead" (its date and badge), or returns the rendering of
// an earlier item: the entry's items on its case's page, its timeline pages
// and the entity pages all show the same. The parts stay until the end of
// the rendering, about 300 bytes an entry.
func (f *fragments) part(tmpl, name string, seq int, data any) (template.HTML, error) {
	var slot *atomic.Pointer[template.HTML]
	if seq > 0 && seq <= f.entries {
		slot = &f.slotsOf(fragmentKey{tmpl: f.r.fragmentOwner(tmpl), partial: name})[seq-1]
		if h := slot.Load(); h != nil {
			return *h, nil
		}
	}
	h, err := f.render(func(b *bytes.Buffer) error { return f.r.pages[tmpl].ExecuteTemplate(b, name, data) })
	if err != nil {
		return "", err
	}
	if slot != nil {
		slot.Store(&h)
	}
	return h, nil
}

// itemKey is what a fragment of a page template's partial name shows,
// when the partial is given nothing else: a case or a page linked from a
// list (CaseLinks, LinkList), the state of a page's menu (Chrome).
type itemKey struct {
	owner, name string
	of          any
}

// item renders data with tmpl's template name, or returns the rendering of
// an earlier page that gave it the same data: data is a function of of,
// which is comparable. A nil of renders data every time.
func (f *fragments) item(tmpl, name string, of, data any) (template.HTML, error) {
	k := itemKey{owner: f.r.fragmentOwner(tmpl), name: name, of: of}
	if of != nil {
		f.mu.Lock()
		h, ok := f.items[k]
		f.mu.Unlock()
		if ok {
			return h, nil
		}
	}
	h, err := f.render(func(b *bytes.Buffer) error { return f.r.pages[tmpl].ExecuteTemplate(b, name, data) })
	if err != nil || of == nil {
		return h, err
	}
	f.mu.Lock()
	f.items[k] = h
	f.mu.Unlock()
	return h, nil
}

// drop forgets the fragments rendered with the page template tmpl: no page
// of it is left to write.
func (f *fragments) drop(tmpl string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for k := range f.slots {
		if k.tmpl == tmpl {
			delete(f.slots, k)
		}
	}
}
