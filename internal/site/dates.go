package site

// This file works out the dates of a case's or entity's page: when it
// first appeared and when it was last updated. Every format of the page
// gives these two and no other (its head's metadata, its citation, its
// downloads, the feed and the exports); the dates of the events stay in
// the page's body and the timeline. docs/citing.md explains them to
// readers and editors.
//
// Published, the first that is known of:
//   - published: in the front matter;
//   - the committer date of the git commit that added the page's file, or
//     its file under a former slug (aliases, in the same folder), the
//     earliest of them; not when updated: is before it (the page was there
//     before its file was in this history);
//   - none: the page's first appearance is then left out rather than
//     guessed (a build date would change with every build, and the date of
//     the events is not the page's).
//
// Modified, the first that is known of:
//   - updated: in the front matter (for a case: its last substantive
//     update, which the editors date themselves);
//   - the committer date of the last git commit that changed the file, when
//     it is after Published;
//   - Published (the page has not changed since).
//
// What the editors write wins over what git infers, so a site built
// without git (from an archive, say) dates its pages as a checkout does
// when its files say so. Both come only from the site's files and its
// checked-out history: two builds of the same commit give the same dates.

import (
	"path"

	"github.com/casebook/casebook/internal/content"
)

// PageDates are the dates of a case's or entity's page (see dates.go).
type PageDates struct {
	Published content.Date // when the page first appeared; zero when unknown
	Modified  content.Date // its last update, else Published; zero when both are unknown
}

// Updated reports whether the page has been updated since it first
// appeared, so that a citation dated Modified is dated by an update.
func (d PageDates) Updated() bool { return d.Modified != d.Published }

// pageDates works out a page's dates from its front matter's published
// and updated dates and its file's git history.
func pageDates(published, updated content.Date, h History) PageDates {
	d := PageDates{Published: published}
	if d.Published.IsZero() && !h.Added.IsZero() && !updated.Before(h.Added.Date) {
		d.Published = h.Added.Date
	}
	switch {
	case !updated.IsZero():
		d.Modified = updated
	case !h.Last.IsZero() && d.Published.Before(h.Last.Date):
		d.Modified = h.Last.Date
	default:
		d.Modified = d.Published
	}
	return d
}

// historyOf returns the git history of a case's file, the commit that
// added it being the earliest that added it or its file under a former
// slug (in the same folder): a renamed case first appeared under its old
// name.
func historyOf(all map[string]History, file string, aliases []string) History {
	h := all[file]
	dir := path.Dir(file)
	for _, a := range aliases {
		old, ok := all[path.Join(dir, a+".md")]
		if ok && !old.Added.IsZero() && (h.Added.IsZero() || old.Added.Date.Compare(h.Added.Date) < 0) {
			h.Added = old.Added
		}
	}
	return h
}

// listed notes that the entity's page lists the case c: the page changes
// when the case does (its title and date are shown), so the entity's
// Modified is the latest of its own and those of its cases.
func (e *Entity) listed(c *Case) {
	if e.Dates.Modified.Compare(c.Dates.Modified) < 0 {
		e.Dates.Modified = c.Dates.Modified
	}
}
