package site

import (
	"cmp"
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

// CitedWorks returns how many works Publishers lists, more cheaply.
func (s *Site) CitedWorks() int {
	n := 0
	for _, c := range s.Cases {
		n += len(c.Sources)
	}
	seen := make(map[string]struct{}, n)
	for _, c := range s.Cases {
		for _, src := range c.Sources {
			seen[workKey(src)] = struct{}{}
		}
	}
	return len(seen)
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
