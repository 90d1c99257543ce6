package server

import (
	"context"
	"fmt"
	"io/fs"
	"os"
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
var watchedDirs = []string{"content", "templates", "static"}

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

func (s *Server) loop(ctx context.Context, w *fsnotify.Watcher) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
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
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name)
				}
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			s.logf("watch: %v\n", err)
		case <-timer.C:
			s.Rebuild(ctx)
		}
	}
}

func (s *Server) logf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.opt.Log, format, args...)
}

// watched reports whether a changed path is in one of the site's watched
// folders (not, say, the output folder beside them).
func (s *Server) watched(p string) bool {
	rel, err := filepath.Rel(s.opt.SiteDir, p)
	if err != nil {
		return false
	}
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return slices.Contains(watchedDirs, top)
}
