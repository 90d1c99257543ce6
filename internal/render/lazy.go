package render

// This file renders a site on demand, one file at a time, for the dev
// server: after an edit, only the pages a browser asks for are rendered, not
// the tens of thousands of a large casebook. Each file is rendered at most
// once per Lazy, by the same job a full Render runs, so what is served is
// byte for byte what a build writes.

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/site"
)

// Lazy is the output of one site, each file rendered when first asked for.
// It is safe for concurrent use.
//
//	l := r.Lazy(s)
//	data, ok, err := l.File("cases/x/index.html")
type Lazy struct {
	plan   *plan
	pass   *pass
	files  []lazyFile // files[i] renders plan.jobs[i]
	groups []*lazyGroup
}

// plan is the list of a site's files; it is never changed.
type plan struct {
	r      *Renderer
	jobs   []job
	index  map[string]int // name -> index in jobs
	groups []group
	pages  int
	diags  diag.List // of checkPlan
}

type lazyFile struct {
	once sync.Once
	data []byte
	err  error
}

func (f *lazyFile) get(j job, ps *pass) ([]byte, error) {
	f.once.Do(func() {
		var b bytes.Buffer
		if err := j.render(&b, ps); err != nil {
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
	jobs  map[string]job
	files map[string]*lazyFile
}

func (g *lazyGroup) get(ps *pass) map[string]*lazyFile {
	g.once.Do(func() {
		g.jobs, g.files = map[string]job{}, map[string]*lazyFile{}
		for _, j := range g.group.files(ps) {
			g.jobs[j.name], g.files[j.name] = j, &lazyFile{}
		}
	})
	return g.files
}

// Lazy lists the files of s and renders none of them yet.
func (r *Renderer) Lazy(s *site.Site) *Lazy {
	jobs, groups := r.jobs(s)
	p := &plan{r: r, jobs: jobs, index: make(map[string]int, len(jobs)), groups: groups, diags: r.checkPlan(s, jobs, groups)}
	for i, j := range jobs {
		p.index[j.name] = i
		if strings.HasSuffix(j.name, ".html") {
			p.pages++
		}
	}
	return p.lazy(s)
}

func (p *plan) lazy(s *site.Site) *Lazy {
	l := &Lazy{plan: p, pass: p.r.newPass(s), files: make([]lazyFile, len(p.jobs))}
	// A page that shows the sizes of files renders them.
	l.pass.size = func(name string) (int64, error) {
		data, ok, err := l.File(name)
		if err == nil && !ok {
			err = fmt.Errorf("no file %s", name)
		}
		return int64(len(data)), err
	}
	for _, g := range p.groups {
		l.groups = append(l.groups, &lazyGroup{group: g})
	}
	return l
}

// File returns the named file (a slash path such as "cases/x/index.html"),
// rendering it if this is the first time it is asked for; ok is false when
// the site has no such file. The error is a failure of the theme: a
// *TemplateError when its template failed on the file.
func (l *Lazy) File(name string) (data []byte, ok bool, err error) {
	data, ok, err = l.file(name)
	if err != nil && isTemplateError(err) {
		err = &TemplateError{Diags: diag.List{l.plan.r.templateDiag(err, name)}}
	}
	return data, ok, err
}

func (l *Lazy) file(name string) (data []byte, ok bool, err error) {
	if i, found := l.plan.index[name]; found {
		data, err = l.files[i].get(l.plan.jobs[i], l.pass)
		return data, err == nil, err
	}
	for _, g := range l.groups {
		if strings.HasPrefix(name, g.dir) {
			if f := g.get(l.pass)[name]; f != nil {
				data, err = f.get(g.jobs[name], l.pass)
				return data, err == nil, err
			}
		}
	}
	return nil, false, nil
}

// Diags returns what Render would return in a *PlanError: the clashes of
// the files planned with root/, keep: and menu:.
func (l *Lazy) Diags() diag.List { return l.plan.diags }

// Pages returns the number of HTML pages, as Render counts them.
func (l *Lazy) Pages() int { return l.plan.pages }

// Names returns the name of every file, sorted.
func (l *Lazy) Names() []string {
	names := make([]string, 0, len(l.plan.jobs))
	for _, j := range l.plan.jobs {
		names = append(names, j.name)
	}
	for _, g := range l.groups {
		for name := range g.get(l.pass) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
