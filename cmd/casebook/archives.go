package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/site"
)

// missingArchive is a source with a URL and no archived copy.
type missingArchive struct {
	pos        diag.Pos
	title, url string
}

// writeArchiveWorklist writes, for check -archives, one line per source
// that has a URL but no archive URL, in file order:
//
//	content/cases/x.md:12:9: Why We Terminated Daily Stormer <https://blog.cloudflare.com/...>
//
// then the count. Editors read file:line:col as a link to the source's id.
func writeArchiveWorklist(w io.Writer, s *site.Site) {
	var list []missingArchive
	for _, c := range s.Cases {
		for _, src := range c.Sources {
			if src.URL != "" && src.Archive == "" {
				list = append(list, missingArchive{src.Pos(), src.Title, src.URL})
			}
		}
	}
	slices.SortFunc(list, func(a, b missingArchive) int {
		return cmp.Or(cmp.Compare(a.pos.File, b.pos.File), cmp.Compare(a.pos.Line, b.pos.Line),
			cmp.Compare(a.pos.Col, b.pos.Col), cmp.Compare(a.url, b.url))
	})
	for _, m := range list {
		fmt.Fprintf(w, "%s: %s <%s>\n", m.pos, m.title, m.url)
	}
	switch len(list) {
	case 0:
		fmt.Fprintln(w, "every source with a URL has an archived copy")
	case 1:
		fmt.Fprintln(w, "1 source without an archived copy: add its archive: URL (e.g. from web.archive.org)")
	default:
		fmt.Fprintf(w, "%d sources without an archived copy: add their archive: URLs (e.g. from web.archive.org)\n", len(list))
	}
}
