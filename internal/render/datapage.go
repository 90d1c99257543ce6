package render

// This file plans the data page, /data/: every file the site offers for
// download (docs/data.md), each linked with what it holds and its size.
// The sizes are those of the files as this rendering writes them, so the
// page is rendered last (job.late): Render records the size of every file
// it writes and gives the data page those of its files; Lazy renders the
// files the page lists when the page is asked for.

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/site"
)

// DataPath is the folder of the data page below the site's root; the
// page is DataPath + "index.html", beside the files of data/.
const DataPath = "data/"

// downloadKind is one kind of file the data page lists: one file (name),
// or the files of each year in a folder (dir and ext:
// data/cases/<year>.json.gz). The table is the page's order and wording;
// every file of the site below data/ must be one of its kinds.
type downloadKind struct {
	group       string // the heading the kind is listed under (downloadGroups)
	name        string // a file: "data/cases.json"
	dir, ext    string // the files of each year: "data/cases/", ".json.gz"
	format      string
	description string
}

// downloadGroups are the headings of the data page: id and title.
var downloadGroups = [][2]string{
	{"data-cases", "Cases and entities"},
	{"data-timeline", "Timeline"},
	{"data-citations", "Citations and addresses"},
	{"data-follow", "Following the site"},
}

// downloadKinds lists the files of the data page, in its order.
var downloadKinds = []downloadKind{
	{group: "data-cases", name: "data/cases.json", format: "JSON",
		description: "The index of the files of cases a year: each file's year, address and number of cases."},
	{group: "data-cases", dir: "data/cases/", ext: ".json.gz", format: "JSON, a case a line, gzip-compressed",
		description: "Every case of a year, newest first, with all its fields: targets, provider actions, events, people, tags and sources."},
	{group: "data-cases", name: "data/cases.csv", format: "CSV",
		description: "A row per case, for spreadsheets."},
	{group: "data-cases", name: "data/actions.csv", format: "CSV",
		description: "A row per provider action: who did what to whom, when, with its sources."},
	{group: "data-cases", name: "data/entities.json", format: "JSON",
		description: "Every company, platform, website, person, organisation and government, with its cases in each role."},
	{group: "data-cases", name: "data/datapackage.json", format: "Frictionless Data Package",
		description: "The columns and types of the CSV files, and the list of the JSON files, for tools that read Data Packages."},
	{group: "data-timeline", name: "data/timeline.json", format: "JSON",
		description: "The index of the files of the timeline a year."},
	{group: "data-timeline", dir: "data/timeline/", ext: ".json.gz", format: "JSON, an entry a line, gzip-compressed",
		description: "Every provider action and event of a year, oldest first, each with a stable id and its sources."},
	{group: "data-timeline", dir: "data/timeline/", ext: ".ics.gz", format: "iCalendar, gzip-compressed",
		description: "The same entries as all-day calendar events."},
	{group: "data-timeline", name: "timeline.ics", format: "iCalendar",
		description: "The latest 1,000 entries of the timeline, for a calendar application to subscribe to."},
	{group: "data-citations", name: "data/casebook.bib", format: "BibTeX",
		description: "The citation of every case, newest first, for a reference manager."},
	{group: "data-citations", name: "data/redirects.json", format: "JSON",
		description: "Every former address of a case and the page it leads to."},
	{group: "data-follow", name: "feed.xml", format: "Atom",
		description: "The 100 most recently changed cases, for a feed reader."},
	{group: "data-follow", name: "sitemap.xml", format: "Sitemaps",
		description: "Every page of the site, for search engines."},
}

// A download is one file of the data page: its kind, and its year when
// the kind is a file a year.
type download struct {
	kind  *downloadKind
	order int // of kind in downloadKinds
	name  string
	year  string // "2017", "undated"; "" for a kind of one file
}

// downloadsOf returns the files of the data page among the names of a
// site's files, in the order of downloadKinds and, within a kind, of
// their years; an error names a file below data/ of no kind.
func downloadsOf(names []string) ([]download, error) {
	var out []download
	for _, name := range names {
		i, year := downloadKindOf(name)
		switch {
		case i >= 0:
			out = append(out, download{kind: &downloadKinds[i], order: i, name: name, year: year})
		case strings.HasPrefix(name, "data/") && name != DataPath+"index.html":
			return nil, fmt.Errorf("the data page does not describe %s: add its kind to downloadKinds", name)
		}
	}
	slices.SortFunc(out, func(a, b download) int {
		return cmp.Or(cmp.Compare(a.order, b.order), strings.Compare(a.year, b.year))
	})
	return out, nil
}

// downloadKindOf returns the index in downloadKinds of the kind of the
// file name, and its year for a kind of a file a year; -1 when name is of
// none.
func downloadKindOf(name string) (int, string) {
	for i, k := range downloadKinds {
		if k.name != "" {
			if name == k.name {
				return i, ""
			}
			continue
		}
		year, ok := strings.CutPrefix(name, k.dir)
		if !ok || !strings.HasSuffix(year, k.ext) {
			continue
		}
		year = strings.TrimSuffix(year, k.ext)
		if year != "" && !strings.Contains(year, "/") {
			return i, year
		}
	}
	return -1, ""
}

// DataView is the data page's content: the site's downloads under their
// headings.
type DataView struct {
	Groups []DataGroup
}

// DataGroup is the downloads under one heading of the data page.
type DataGroup struct {
	ID, Title string
	Files     []DataFile
}

// DataFile is one file for download, or the files of each year of one
// kind (Years).
type DataFile struct {
	Name        string // the file's path: "data/cases.json"; "" for a file a year
	Dir, Ext    string // a file a year: its folder and extension, "data/cases/" and ".json.gz"
	URL         string // root-relative; "" for a file a year
	Format      string
	Description string
	Size        *FileSize  // nil for a file a year
	Years       []DataYear // the files of a file a year, oldest first
}

// DataYear is the file of one year of a DataFile.
type DataYear struct {
	Year string // "2017", or "undated"
	URL  string
	Size FileSize
}

// FileSize is the size of a file: its bytes, and how readers see them.
type FileSize struct {
	Bytes int64
	Text  string // "812 bytes", "4.1 kB", "3.2 MB"
}

// fileSize formats a size in bytes with decimal prefixes.
func fileSize(n int64) FileSize {
	var text string
	switch {
	case n == 1:
		text = "1 byte"
	case n < 1000:
		text = fmt.Sprintf("%d bytes", n)
	case n < 999_950:
		text = fmt.Sprintf("%.1f kB", float64(n)/1e3)
	default:
		text = fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return FileSize{Bytes: n, Text: text}
}

// dataView makes the data page's view of the files, with their sizes as
// written by the rendering ps.
func dataView(s *site.Site, files []download, ps *pass) (*DataView, error) {
	v := &DataView{}
	for _, g := range downloadGroups {
		group := DataGroup{ID: g[0], Title: g[1]}
		for _, d := range files {
			if d.kind.group != g[0] {
				continue
			}
			n, err := ps.size(d.name)
			if err != nil {
				return nil, fmt.Errorf("data page: %w", err)
			}
			u := s.BasePath + d.name
			if d.year == "" {
				size := fileSize(n)
				group.Files = append(group.Files, DataFile{Name: d.name, URL: u, Format: d.kind.format,
					Description: d.kind.description, Size: &size})
				continue
			}
			last := len(group.Files) - 1
			if last < 0 || group.Files[last].Dir != d.kind.dir || group.Files[last].Ext != d.kind.ext {
				group.Files = append(group.Files, DataFile{Dir: d.kind.dir, Ext: d.kind.ext,
					Format: d.kind.format, Description: d.kind.description})
				last++
			}
			group.Files[last].Years = append(group.Files[last].Years, DataYear{Year: d.year, URL: u, Size: fileSize(n)})
		}
		if len(group.Files) > 0 {
			v.Groups = append(v.Groups, group)
		}
	}
	return v, nil
}

// dataPageJob returns the job of the data page of s, whose files are
// among jobs and the sitemap (a group: sitemap.xml is always one of its
// files).
func (r *Renderer) dataPageJob(s *site.Site, jobs []job) job {
	names := make([]string, 0, len(jobs)+1)
	for _, j := range jobs {
		names = append(names, j.name)
	}
	names = append(names, "sitemap.xml")
	files, err := downloadsOf(names)
	p := &pageSpec{Site: s, Path: s.BasePath + DataPath, Title: "Data and downloads", Kind: "data",
		Description: "Every file of the casebook for download: its cases, entities and timeline as JSON, CSV and iCalendar, its citations as BibTeX, its feed and sitemap."}
	return job{name: DataPath + "index.html", tmpl: "data", late: true, fn: func(b *bytes.Buffer, ps *pass) error {
		if err != nil {
			return err
		}
		v, err := dataView(s, files, ps)
		if err != nil {
			return err
		}
		q := *p // the plan is shared: the view's content goes in a copy
		q.Data = v
		return r.page(b, "data", &q, ps)
	}}
}
