package render

// This file publishes the files of a site's root/ folder at the root of the
// output (CNAME, .nojekyll, a host's verification file), and checks the
// paths that come from outside the templates and the content against the
// files the site makes: those of root/, those site.yaml's keep: keeps in the
// output folder, and those site.yaml's menu: links to.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/site"
)

// RootDir is the folder of a site whose files are published at the root of
// the output, as they are: root/CNAME is /CNAME.
const RootDir = "root"

// loadRoot reads the files below root/ of theme (only a site has one).
func (r *Renderer) loadRoot(theme fs.FS) error {
	err := fs.WalkDir(theme, RootDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == RootDir && errors.Is(err, fs.ErrNotExist) {
				return nil // a site without root/
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		r.roots = append(r.roots, asset{src: p, out: strings.TrimPrefix(p, RootDir+"/"), data: data})
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", RootDir, err)
	}
	return nil
}

// rootJobs returns a job for every file of root/.
func (r *Renderer) rootJobs() []job {
	jobs := make([]job, len(r.roots))
	for i, a := range r.roots {
		jobs[i] = job{name: a.out, root: true, fn: func(b *bytes.Buffer, _ *pass) error { b.Write(a.data); return nil }}
	}
	return jobs
}

// PlanError is what Render returns, having written nothing, when the files
// planned for a site clash with paths from elsewhere: a file of root/ or a
// path of keep: that the site makes itself, or a menu entry that leads to
// no file of the site. Diags says where each is written.
type PlanError struct {
	Diags diag.List
}

func (e *PlanError) Error() string {
	return fmt.Sprintf("the output of the site clashes with root/, keep: or menu: (%s)", e.Diags.Summary())
}

// generated answers whether a path is one the site's templates and content
// make, a file or a folder of them.
type generated struct {
	files  map[string]bool
	dirs   map[string]bool
	groups []string // the folders, or prefixes of names, of the files of groups
}

func newGenerated(jobs []job, groups []group) *generated {
	g := &generated{files: make(map[string]bool, len(jobs)), dirs: map[string]bool{}}
	for _, j := range jobs {
		if j.root {
			continue
		}
		g.files[j.name] = true
		for d := path.Dir(j.name); d != "." && !g.dirs[d]; d = path.Dir(d) {
			g.dirs[d] = true
		}
	}
	for _, gr := range groups {
		g.groups = append(g.groups, gr.dir)
	}
	return g
}

// clash returns the generated file that p is, is in or holds ("" when
// none): a path the site writes itself.
func (g *generated) clash(p string) string {
	if g.files[p] {
		return p
	}
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if g.files[d] {
			return d
		}
	}
	if g.dirs[p] {
		return p + "/"
	}
	for _, dir := range g.groups {
		if strings.HasPrefix(p, dir) || strings.HasSuffix(dir, "/") && strings.HasPrefix(dir, p+"/") {
			return dir
		}
	}
	return ""
}

// checkPlan checks the files planned for s (jobs and groups, root/'s
// among them) against root/, keep: and menu:.
func (r *Renderer) checkPlan(s *site.Site, jobs []job, groups []group) diag.List {
	internal := slices.ContainsFunc(s.Menu, func(m site.MenuLink) bool { return !m.External })
	if len(r.roots) == 0 && len(s.Config.Keep) == 0 && !internal {
		return nil
	}
	g := newGenerated(jobs, groups)
	var diags diag.List
	for _, a := range r.roots {
		if c := g.clash(a.out); c != "" {
			diags.Add(diag.Errorf(diag.Pos{File: a.src}, "the site makes %s itself", c).
				WithHint("remove or rename %s: root/ adds files the site does not make (CNAME, .nojekyll, a host's verification file)", a.src))
		}
	}
	for _, k := range s.Config.Keep {
		if c := g.clash(k.Value); c != "" {
			diags.Add(diag.Errorf(k.Pos, "keep item %q is a path the build writes (%s)", k.Value, c).
				WithHint("keep only paths the site does not make: a build replaces all else in the output folder"))
		}
		for _, a := range r.roots {
			if a.out == k.Value || strings.HasPrefix(a.out, k.Value+"/") || strings.HasPrefix(k.Value, a.out+"/") {
				diags.Add(diag.Errorf(k.Pos, "keep item %q is also published from %s", k.Value, a.src).
					WithHint("either publish the file from root/ or keep it in the output folder, not both"))
				break
			}
		}
	}
	for _, m := range s.Menu {
		if !m.External && !r.leadsSomewhere(g, s, m.Path) {
			d := diag.Errorf(m.Pos, "menu url %q leads to no page or file of the site", "/"+m.Path)
			if h := diag.DidYouMean("/"+m.Path, topPages(g)); h != "" {
				d = d.WithHint("%s", h)
			} else {
				d = d.WithHint("link to a page of the site such as /about/, or give another site's full address starting with https://")
			}
			diags.Add(d)
		}
	}
	return diags
}

// leadsSomewhere reports whether the path p of a menu link (below the
// site's root, with any query or fragment) names a file the site makes or
// publishes, or a path kept in the output folder.
func (r *Renderer) leadsSomewhere(g *generated, s *site.Site, p string) bool {
	p, _, _ = strings.Cut(p, "#")
	p, _, _ = strings.Cut(p, "?")
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	names := []string{p, strings.TrimSuffix(p, "/") + "/index.html"}
	if p == "" {
		names = []string{"index.html"}
	}
	for _, n := range names {
		if g.files[n] || slices.ContainsFunc(r.roots, func(a asset) bool { return a.out == n }) {
			return true
		}
		for _, gr := range g.groups {
			if strings.HasPrefix(n, gr) {
				return true
			}
		}
		for _, k := range s.Config.Keep {
			if n == k.Value || strings.HasPrefix(n, k.Value+"/") {
				return true
			}
		}
	}
	return false
}

// topPages lists the paths of the site's pages one folder deep (/about/,
// /cases/), for the hint of a menu link that leads nowhere.
func topPages(g *generated) []string {
	var out []string
	for f := range g.files {
		if dir, ok := strings.CutSuffix(f, "/index.html"); ok && !strings.Contains(dir, "/") {
			out = append(out, "/"+dir+"/")
		}
	}
	slices.Sort(out)
	return out
}
