package site

import (
	"hash/maphash"
	"sync"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/markdown"
)

// Cache keeps, between calls of its Resolve, each file's own work: what
// Resolve derives from one file and its body alone (own.go). It is keyed by
// the loaded file and its parsed body, which the content loader and the
// build give again, the same pointers, for a file whose bytes did not
// change; so after an edit of one file only that file's own work is done
// again. The rest, which reads more than one file (indexes, related cases,
// order, entry ids, back-links, the timeline), is done every time, from
// what the last call left where its inputs are the same (see the package
// documentation).
//
//	var cache site.Cache
//	s, diags := cache.Resolve(cfg, files, docs, opt)
//	... // an edit: load and parse again, then
//	s, diags = cache.Resolve(cfg, files, docs, opt) // s equals what Resolve returns
//
// The files and bodies given must not change after the call (a content.File
// never does; a markdown.Doc only through Trim, which a cached build does not
// call). The zero Cache is empty and ready; it is safe for concurrent use.
type Cache struct {
	mu   sync.Mutex
	owns map[*content.File]cachedOwn
	made int // by the last call: see Made
	// What the last Resolve left for the next: see carry. It holds of the
	// last site only strings, the files and their own work, which never
	// change; the last site is never changed.
	last *carry
}

// cachedOwn is the own work of a file with the body it was made from.
type cachedOwn struct {
	doc *markdown.Doc
	own *own
}

// Resolve is Resolve(cfg, files, docs, opt), taking each file's own work
// from the cache when the last call had the same file and body, and keeping
// the own work of these files (only) for the next call. The result is the
// same as Resolve's, and no site returned before is changed.
func (c *Cache) Resolve(cfg *content.Config, files []*content.File, docs []*markdown.Doc, opt Options) (*Site, diag.List) {
	c.mu.Lock()
	prev, last := c.owns, c.last
	c.last = nil // this call changes it (nextSourceIDs): a call meanwhile starts afresh
	c.mu.Unlock()
	os := owns(files, docs, opt, prev)
	next := make(map[*content.File]cachedOwn, len(files))
	made := 0
	for i, f := range files {
		if os[i] != nil {
			next[f] = cachedOwn{doc: docs[i], own: os[i]}
			if p, ok := prev[f]; !ok || p.own != os[i] {
				made++
			}
		}
	}
	if last == nil {
		last = &carry{seed: maphash.MakeSeed()}
	}
	s, diags, last := resolve(cfg, files, docs, opt, os, last)
	c.mu.Lock()
	c.owns, c.made, c.last = next, made, last
	c.mu.Unlock()
	return s, diags
}

// Made returns how many files' own work the last call of Resolve made, not
// finding it in the cache (the files it left out, drafts, not counted).
func (c *Cache) Made() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.made
}
