package site

// This file spares the fold, after an edit, computing again the related
// cases of the cases the edit does not concern. A case's computed related
// cases depend only on its slug and date, its explicit related cases, and
// the members (their slugs and dates, in order) of each of its groups: the
// cases of each of its providers, targets, people and tags (see eachGroup).
// A Cache keeps each case's related cases with a print (a hash) of all
// that; the next Resolve takes them again for a case whose print is the
// same. Two different inputs have the same print with a probability of
// about 2⁻⁶⁴, as for the content loader's hashes.

import (
	"hash/maphash"

	"github.com/casebook/casebook/internal/content"
)

// relatedMemo is the related cases of one case, and the print of what they
// were computed from.
type relatedMemo struct {
	print uint64
	to    []int32 // the index of the file of each of its Related cases
}

// relatedKeyed sets the related cases of every case, taking those of the
// last Resolve through the cache for the cases whose print is the same, and
// keeps them all for the next.
func (r *resolver) relatedKeyed(provided map[*Entity][]*Case) {
	prints := r.relatedPrints(provided)
	var which []*Case
	for _, c := range r.s.Cases {
		if !r.lastRelated(c, prints[c.ord]) {
			which = append(which, c)
		}
	}
	relate(r.s.Cases, which, provided)
	parallel(len(r.s.Cases), func(i int) {
		c := r.s.Cases[i]
		to := make([]int32, len(c.Related))
		for k, o := range c.Related {
			to[k] = int32(o.in)
		}
		r.relMemos[c.in] = relatedMemo{print: prints[i], to: to}
	})
}

// lastRelated sets c's related cases from the last Resolve when their
// print there is print, and reports whether it did.
func (r *resolver) lastRelated(c *Case, print uint64) bool {
	d := r.diff
	if d == nil || d.prev[c.in] < 0 {
		return false
	}
	mm := d.last.related[d.prev[c.in]]
	if mm.to == nil || mm.print != print {
		return false
	}
	rel := make([]*Case, len(mm.to))
	for k, i := range mm.to {
		if j := d.remap[i]; j >= 0 {
			rel[k], _ = r.byIndex[j].(*Case)
		}
		if rel[k] == nil {
			return false
		}
	}
	if len(rel) == 0 {
		rel = nil // as relate leaves it
	}
	c.Related = rel
	return true
}

// relatedPrints returns the print of each case (by Case.ord) for its
// related cases.
func (r *resolver) relatedPrints(provided map[*Entity][]*Case) []uint64 {
	cases, seed := r.s.Cases, r.seed
	type key struct {
		slug string
		date content.Date
	}
	ck := make([]uint64, len(cases)) // by Case.ord
	parallel(len(cases), func(i int) { ck[i] = maphash.Comparable(seed, key{cases[i].Slug, cases[i].Date}) })
	group := func(g []*Case) uint64 {
		if len(g) > maxPosting {
			return 1 // not counted, whatever its members
		}
		h := mix(0, uint64(len(g)))
		for _, o := range g {
			h = mix(h, ck[o.ord])
		}
		return h
	}
	ents := r.s.Entities
	eprint := make([][3]uint64, len(ents)) // provider, target, person, by Entity.ord
	parallel(len(ents), func(i int) {
		e := ents[i]
		eprint[i] = [3]uint64{group(provided[e]), group(e.AsTarget), group(e.Involved)}
	})
	tprint := make(map[*Term]uint64, len(r.s.Tags))
	for _, t := range r.s.Tags {
		tprint[t] = group(t.Cases)
	}
	out := make([]uint64, len(cases))
	parallel(len(cases), func(i int) {
		c := cases[i]
		h := mix(0, ck[i])
		for _, o := range c.Related[:c.explicit] {
			h = mix(h, ck[o.ord])
		}
		h = mix(h, uint64(c.explicit))
		// As eachGroup, with the weights.
		for _, p := range c.Providers() {
			h = mix(mix(h, 3), eprint[p.ord][0])
		}
		for _, e := range c.Targets {
			h = mix(mix(h, 4), eprint[e.ord][1])
		}
		for _, e := range c.People {
			h = mix(mix(h, 2), eprint[e.ord][2])
		}
		for _, t := range c.Tags {
			h = mix(mix(h, 1), tprint[t])
		}
		out[i] = h
	})
	return out
}

// mix adds x to the hash h.
func mix(h, x uint64) uint64 {
	h = (h ^ x) * 0x9e3779b97f4a7c15
	return h ^ h>>29
}
