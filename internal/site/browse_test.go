package site_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/site"
)

// TestProviders checks the order the home page lists providers in: most
// actions first (the count it shows), then by name, each provider once. The
// generated casebook has providers of thousands of actions.
func TestProviders(t *testing.T) {
	in := load(t, corpus.MapFS(corpus.Options{Cases: 2000, Seed: corpus.DefaultSeed}))
	s, _ := site.Resolve(in.cfg, in.files, in.docs, site.Options{})
	ps := s.Providers()
	n := 0
	for _, e := range s.Entities {
		if len(e.AsProvider) > 0 {
			n++
		}
	}
	if len(ps) != n || n < 10 {
		t.Fatalf("%d providers listed, %d entities provide", len(ps), n)
	}
	if len(ps[0].AsProvider) < 500 {
		t.Errorf("the first provider has %d actions; the corpus has one of more than 500", len(ps[0].AsProvider))
	}
	for i := 1; i < len(ps); i++ {
		a, b := ps[i-1], ps[i]
		if len(a.AsProvider) < len(b.AsProvider) ||
			len(a.AsProvider) == len(b.AsProvider) && strings.ToLower(a.Name) > strings.ToLower(b.Name) {
			t.Fatalf("%s (%d actions) comes before %s (%d)", a.Name, len(a.AsProvider), b.Name, len(b.AsProvider))
		}
	}
}

// TestCitedWorks checks that the count the pages of the sources are planned
// from is the number of works Publishers lists, on a generated casebook
// (TestCitedWorksCollision has works cited by several cases).
func TestCitedWorks(t *testing.T) {
	in := load(t, corpus.MapFS(corpus.Options{Cases: 2000, Seed: corpus.DefaultSeed}))
	s, _ := site.Resolve(in.cfg, in.files, in.docs, site.Options{})
	works := 0
	for _, p := range s.Publishers() {
		works += len(p.Works)
	}
	if got := s.CitedWorks(); got != works || works < 1000 {
		t.Errorf("CitedWorks = %d; Publishers lists %d works", got, works)
	}
}
