package render

// This file renders a site on demand, one file at a time, for the dev
// server: after an edit, only the pages a browser asks for are rendered, not
// the tens of thousands of a large casebook. Each file is rendered at most
// once per Lazy, by the same job a full Render runs, so what is served is
// byte for byte what a build writes.

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/site"
)

// Lazy is the output of one site, each file rendered when first asked for.
// It is safe for concurrent use.
//
//	l := r.Lazy(s)
//	data, ok, err := l.File("cases/x/index.html")
type Lazy struct {
	files  map[string]*lazyFile // every file outside the groups
	groups []*lazyGroup
}

type lazyFile struct {
	job  job
	once sync.Once
	data []byte
	err  error
}

func (f *lazyFile) get() ([]byte, error) {
	f.once.Do(func() {
		var b bytes.Buffer
		if err := f.job.fn(&b); err != nil {
			f.err = err
			return
		}
		f.data = b.Bytes()
	})
	return f.data, f.err
}

type lazyGroup struct {
	group
	once  sync.Once
	files map[string]*lazyFile
}

func (g *lazyGroup) get() map[string]*lazyFile {
	g.once.Do(func() {
		g.files = map[string]*lazyFile{}
		for _, j := range g.group.files() {
			g.files[j.name] = &lazyFile{job: j}
		}
	})
	return g.files
}

// Lazy lists the files of s and renders none of them yet.
func (r *Renderer) Lazy(s *site.Site) *Lazy {
	jobs, groups := r.jobs(s)
	l := &Lazy{files: make(map[string]*lazyFile, len(jobs))}
	for _, j := range jobs {
		l.files[j.name] = &lazyFile{job: j}
	}
	for _, g := range groups {
		l.groups = append(l.groups, &lazyGroup{group: g})
	}
	return l
}

// File returns the named file (a slash path such as "cases/x/index.html"),
// rendering it if this is the first time it is asked for; ok is false when
// the site has no such file. The error is a failure of the theme.
func (l *Lazy) File(name string) (data []byte, ok bool, err error) {
	f := l.files[name]
	if f == nil {
		for _, g := range l.groups {
			if strings.HasPrefix(name, g.dir) {
				if f = g.get()[name]; f != nil {
					break
				}
			}
		}
	}
	if f == nil {
		return nil, false, nil
	}
	data, err = f.get()
	return data, err == nil, err
}

// Pages returns the number of HTML pages, as Render counts them.
func (l *Lazy) Pages() int {
	n := 0
	for name := range l.files {
		if strings.HasSuffix(name, ".html") {
			n++
		}
	}
	return n
}

// Names returns the name of every file, sorted.
func (l *Lazy) Names() []string {
	var names []string
	for name := range l.files {
		names = append(names, name)
	}
	for _, g := range l.groups {
		for name := range g.get() {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
