package site

// This file spares the fold, after an edit, the look-ups by slug of every
// file's references to other files: the slugs its body links to, and a
// case's targets, people, providers and related cases (tens of thousands of
// string look-ups in a large casebook). A Cache keeps, from the last
// Resolve, the file each reference of each file resolved to, when all of
// them resolved without a diagnostic; the next Resolve takes them again for
// a file whose own work is the same, unless the table the look-ups were made
// in changed for one of its slugs: a file added or removed, or changed in
// its slug, kind, being left out (a draft) or its headings (which links to
// a heading are checked against). Everything else the look-ups read is in
// that table, so the result is the one the look-ups would give.

import (
	"cmp"
	"slices"

	"github.com/casebook/casebook/internal/content"
)

// refMemo is what the references of one file resolved to.
type refMemo struct {
	own *own
	to  []int32 // the index of each reference's file, in the order resolveCase and links look them up
}

// lookups is what the look-ups of one Resolve were made against, and their
// results, for the next Resolve through the same cache.
type lookups struct {
	files   []*content.File
	owns    []*own
	drafts  bool
	sorted  bool          // files are sorted by path
	memos   []refMemo     // by file index; own nil: none kept
	related []relatedMemo // by file index; to nil: none kept
}

// maxChanged is the most slugs whose table entry may change between two
// Resolve calls for the memos of the last one to be used.
const maxChanged = 16

// tableDiff says how the files of a Resolve differ from those of the last
// one, for the look-ups.
type tableDiff struct {
	last    *lookups
	prev    []int32  // file index -> its index in last.files, -1 for a new file
	remap   []int32  // index in last.files -> file index, -1 for a file gone
	same    bool     // the same files at the same indexes
	changed []string // the slugs whose entry changed
}

// diffTable compares the files of a Resolve (and their own work) with those
// of the last one; nil when the memos of the last one cannot be used.
func diffTable(last *lookups, files []*content.File, owns []*own, opt Options) *tableDiff {
	if last == nil || last.drafts != opt.Drafts || !last.sorted || !sortedByPath(files) {
		return nil
	}
	d := &tableDiff{last: last, prev: make([]int32, len(files)), remap: make([]int32, len(last.files))}
	change := func(slug string) {
		if !slices.Contains(d.changed, slug) {
			d.changed = append(d.changed, slug)
		}
	}
	i, j := 0, 0 // in last.files, in files
	for i < len(last.files) || j < len(files) {
		var c int
		switch {
		case i == len(last.files):
			c = 1
		case j == len(files):
			c = -1
		default:
			c = cmp.Compare(last.files[i].Path, files[j].Path)
		}
		switch {
		case c < 0: // gone
			d.remap[i] = -1
			change(last.files[i].Slug)
			i++
		case c > 0: // new
			d.prev[j] = -1
			change(files[j].Slug)
			j++
		default:
			d.prev[j], d.remap[i] = int32(i), int32(j)
			if a, b := last.files[i], files[j]; owns[j] != last.owns[i] && !sameEntry(a, b, last.owns[i], owns[j]) {
				change(a.Slug)
				change(b.Slug)
			}
			i++
			j++
		}
		if len(d.changed) > maxChanged {
			return nil
		}
	}
	d.same = len(files) == len(last.files) && len(d.changed) == 0
	if d.same {
		for k := range files {
			if d.prev[k] != int32(k) {
				d.same = false
				break
			}
		}
	}
	return d
}

// sameEntry reports whether two versions of a file (a, own work oa; b, ob)
// give look-ups the same answers: the same slug and kind, both left out or
// neither, the same headings.
func sameEntry(a, b *content.File, oa, ob *own) bool {
	if a.Slug != b.Slug || a.Kind != b.Kind || (oa == nil) != (ob == nil) {
		return false
	}
	return oa == nil || slices.Equal(oa.anchors, ob.anchors)
}

func sortedByPath(files []*content.File) bool {
	return slices.IsSortedFunc(files, func(a, b *content.File) int { return cmp.Compare(a.Path, b.Path) })
}

// refCursor answers the look-ups of one file's references in order: from
// the memo of the last Resolve when it can be used, else from the site's
// slugs; and records the answers for the next Resolve.
type refCursor struct {
	r     *resolver
	memo  []int32 // the last Resolve's answers (indexes in its files), or nil
	k     int     // the next answer of memo
	rec   []int32 // the answers, recorded
	dirty bool    // a look-up failed, or a diagnostic was made: nothing to keep
}

// startRefs starts the look-ups of file i (own work o, front matter m when a
// case) in r.
func (r *resolver) startRefs(i int, o *own, m *content.CaseMeta) {
	r.cur = refCursor{r: r}
	if d := r.diff; d != nil {
		if p := d.prev[i]; p >= 0 {
			if mm := d.last.memos[p]; mm.own == o && mm.to != nil && !refersTo(o, m, d.changed) {
				r.cur.memo = mm.to
			}
		}
	}
	if r.memos != nil && (r.cur.memo == nil || !r.diff.same) {
		n := len(o.links)
		if m != nil {
			n += len(m.Targets) + len(m.People) + len(m.Actions) + len(m.Related)
		}
		r.cur.rec = make([]int32, 0, n)
	}
}

// endRefs keeps what the look-ups of file i (own work o) found, when they
// all found what they looked for and the resolver keeps memos.
func (r *resolver) endRefs(i int, o *own) {
	rc := r.cur
	r.cur = refCursor{}
	if r.memos == nil || rc.dirty {
		return
	}
	rec := rc.rec
	if rc.memo != nil && r.diff.same {
		rec = rc.memo // the same indexes
	}
	if rec == nil {
		rec = []int32{}
	}
	r.memos[i] = refMemo{own: o, to: rec}
}

// lookup returns the case, entity or page of slug, as r.s.bySlug does.
func (rc *refCursor) lookup(slug string) (Target, bool) {
	r := rc.r
	if rc.memo != nil {
		i := r.diff.remap[rc.memo[rc.k]]
		rc.k++
		t := r.byIndex[i]
		if r.memos != nil && !r.diff.same {
			rc.rec = append(rc.rec, i)
		}
		return t, t != nil
	}
	t, ok := r.s.bySlug[slug]
	if r.memos != nil {
		i := int32(-1)
		if ok {
			i = int32(t.input())
		}
		rc.rec = append(rc.rec, i)
	}
	return t, ok
}

// refersTo reports whether file o (front matter m when a case) refers to
// one of slugs.
func refersTo(o *own, m *content.CaseMeta, slugs []string) bool {
	if len(slugs) == 0 {
		return false
	}
	for _, s := range o.links {
		if slices.Contains(slugs, s) {
			return true
		}
	}
	if m == nil {
		return false
	}
	for _, refs := range [][]content.Ref{m.Targets, m.People, m.Related} {
		for _, ref := range refs {
			if slices.Contains(slugs, ref.Value) {
				return true
			}
		}
	}
	for _, a := range m.Actions {
		if slices.Contains(slugs, a.Provider.Value) {
			return true
		}
	}
	return false
}
