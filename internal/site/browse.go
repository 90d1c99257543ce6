package site

import (
	"cmp"
	"hash/fnv"
	"io"
	"slices"
	"strings"
)

// Providers returns the entities that act as provider in at least one case,
// most actions first (the count the home page shows), then by name. The list
// is the site's: do not change it.
func (s *Site) Providers() []*Entity { return s.providers }

// providers lists the providers for Providers.
func providers(entities []*Entity) []*Entity {
	var out []*Entity
	for _, e := range entities {
		if len(e.AsProvider) > 0 {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b *Entity) int { return cmp.Compare(len(b.AsProvider), len(a.AsProvider)) })
	return out
}

// Targets returns the entities that are the target of at least one case,
// in name order.
func (s *Site) Targets() []*Entity {
	var out []*Entity
	for _, e := range s.Entities {
		if len(e.AsTarget) > 0 {
			out = append(out, e)
		}
	}
	return out
}

// Years returns the years of the cases' dates, newest first.
func (s *Site) Years() []int {
	var out []int
	for _, c := range s.Cases { // newest first
		if len(out) == 0 || out[len(out)-1] != c.Date.Year {
			out = append(out, c.Date.Year)
		}
	}
	return out
}

// CitedWork is one work (an article, a post, a page) cited by one or more
// cases: sources with the same URL, or with no URL the same title and
// publisher, are one work.
type CitedWork struct {
	Source *Source   // the first citing case's entry, for title, date, URL
	Cases  []*Case   // every case citing it, newest first
	IDs    []*Source // the entry in each case: IDs[i] is in Cases[i]'s sources
}

// Publisher is a publisher with the works cited from it.
type Publisher struct {
	Name  string
	Works []*CitedWork
}

// workKey is what makes two sources one cited work: the same URL, or,
// without one, the same publisher and title.
func workKey(src *Source) string {
	if src.URL != "" {
		return src.URL
	}
	return src.Publisher + "\x00" + src.Title
}

// workHash is the FNV-1a hash of a source's work (workKey), made once with
// the case file's own work (Source.work): the same in every build.
func workHash(src *Source) uint64 {
	h := fnv.New64a()
	io.WriteString(h, workKey(src))
	return h.Sum64()
}

// CitedWorks returns how many works Publishers lists, more cheaply: by the
// sources' work hashes, comparing the works themselves only when two
// sources share a hash, so that it is exact.
func (s *Site) CitedWorks() int {
	n := 0
	for _, c := range s.Cases {
		n += len(c.Sources)
	}
	first := make(map[uint64]*Source, n) // the first source of each hash
	var more map[string]bool             // works whose hash another work has (as good as never)
	for _, c := range s.Cases {
		for _, src := range c.Sources {
			f, ok := first[src.work]
			switch {
			case !ok:
				first[src.work] = src
			case f.URL != src.URL || f.URL == "" && (f.Publisher != src.Publisher || f.Title != src.Title):
				if more == nil {
					more = map[string]bool{}
				}
				more[workKey(src)] = true
			}
		}
	}
	return len(first) + len(more)
}

// Publishers returns every cited work grouped by publisher, publishers in
// alphabetical order (case-insensitive), works by date then title.
func (s *Site) Publishers() []*Publisher {
	works := map[string]*CitedWork{}
	byPub := map[string]*Publisher{}
	for _, c := range s.Cases {
		for _, src := range c.Sources {
			key := workKey(src)
			w, ok := works[key]
			if !ok {
				w = &CitedWork{Source: src}
				works[key] = w
				p, ok := byPub[src.Publisher]
				if !ok {
					p = &Publisher{Name: src.Publisher}
					byPub[src.Publisher] = p
				}
				p.Works = append(p.Works, w)
			}
			if !slices.Contains(w.Cases, c) {
				w.Cases = append(w.Cases, c)
				w.IDs = append(w.IDs, src)
			}
		}
	}
	out := make([]*Publisher, 0, len(byPub))
	for _, p := range byPub {
		slices.SortFunc(p.Works, func(a, b *CitedWork) int {
			return cmp.Or(a.Source.Date.Compare(b.Source.Date), cmp.Compare(a.Source.Title, b.Source.Title), cmp.Compare(a.Source.URL, b.Source.URL))
		})
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Publisher) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Name, b.Name))
	})
	return out
}
