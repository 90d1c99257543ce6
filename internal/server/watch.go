package server

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long the watcher waits after a change for more changes
// before it rebuilds: an editor's save is often several events.
const debounce = 30 * time.Millisecond

// watchedDirs are the folders of a site whose changes trigger a rebuild.
var watchedDirs = []string{"content", "templates", "static", "root"}

// watch starts watching the site's folders (and new sub-folders as they
// appear) and rebuilds after each burst of changes.
func (s *Server) watch(ctx context.Context) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	// The site folder itself is watched so that content/, templates/ or
	// static/ are picked up when they are created later.
	if err := w.Add(s.opt.SiteDir); err != nil {
		w.Close()
		return nil, err
	}
	// The configuration overlay's folder, for the overlay: an editor may
	// save it by replacing it, which a watch of the file itself misses.
	if s.opt.Config != "" {
		if err := w.Add(filepath.Dir(s.opt.Config)); err != nil {
			w.Close()
			return nil, err
		}
	}
	for _, d := range watchedDirs {
		root := filepath.Join(s.opt.SiteDir, d)
		if _, err := os.Stat(root); err != nil {
			continue
		}
		if err := addTree(w, root); err != nil {
			w.Close()
			return nil, err
		}
	}
	go s.loop(ctx, w)
	return w, nil
}

// addTree watches dir and every folder below it.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return w.Add(p)
	})
}

// loop rebuilds after each burst of changes. It tells the build which
// content files changed (Build.OnlyChanged), so that a rebuild does not
// look at the thousands of others, unless it cannot be sure: for the first
// rebuild (a change may have come before the watcher started), after the
// watcher lost events, and after a change to a folder or to anything in
// content/ but its three folders of Markdown files.
func (s *Server) loop(ctx context.Context, w *fsnotify.Watcher) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	changed, all := map[string]bool{}, true
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if !s.watched(ev.Name) {
				continue
			}
			dir := false
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name)
					dir = true
				}
			}
			if p, ok := s.contentFile(ev.Name); ok && !dir {
				changed[p] = true
			} else if p != "" {
				all = true // a folder, or content/ itself: look at everything
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			all = true // events may have been lost (fsnotify.ErrEventOverflow)
			s.logf("watch: %v\n", err)
			timer.Reset(debounce)
		case <-timer.C:
			promised := -1
			if !all {
				s.b.OnlyChanged(slices.Sorted(maps.Keys(changed)))
				promised = len(changed)
			}
			s.mu.Lock()
			s.promised = promised
			s.mu.Unlock()
			changed, all = map[string]bool{}, false
			s.Rebuild(ctx)
		}
	}
}

// contentFile returns the slash path from the site root of a changed path
// below content/ and whether it is a file's place in one of the folders of
// Markdown files (content/cases/x.md, or any name there: a file that is not
// Markdown is reported too); p is "" when the path is not below content/.
func (s *Server) contentFile(name string) (p string, ok bool) {
	rel, err := filepath.Rel(s.opt.SiteDir, name)
	if err != nil {
		return "", false
	}
	p = filepath.ToSlash(rel)
	if !strings.HasPrefix(p, "content/") {
		return "", false
	}
	dir := path.Dir(p)
	return p, dir == "content/cases" || dir == "content/entities" || dir == "content/pages"
}

func (s *Server) logf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.opt.Log, format, args...)
}

// watched reports whether a changed path is in one of the site's watched
// folders (not, say, the output folder beside them).
func (s *Server) watched(p string) bool {
	if s.opt.Config != "" && filepath.Clean(p) == filepath.Clean(s.opt.Config) {
		return true
	}
	rel, err := filepath.Rel(s.opt.SiteDir, p)
	if err != nil {
		return false
	}
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return slices.Contains(watchedDirs, top)
}
