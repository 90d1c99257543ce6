package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/diag"
)

// Ref is a reference to something defined elsewhere (an entity or case slug,
// a source id, a tag), kept with its position so that an unknown target can be
// reported where it is written.
type Ref struct {
	Value string
	Pos   diag.Pos
}

// Config is content/site.yaml.
type Config struct {
	Title       string
	Description string
	BaseURL     string
	Language    string
	Publisher   string
	License     string // the licence's name, as the footer shows it
	LicenseURL  string // license_url: the licence's address; "" when not given (see LicenseURL)
	RepoURL     string
	Authors     []string
	// Keep lists the paths of the output folder that a build keeps as they
	// are, besides .git, which is always kept (keep:, see keepPath).
	Keep   []Ref
	Params Params     // params: free values for templates (.Site.Params)
	Menu   []MenuItem // menu: the site's own entries of the main menu
}

// CaseMeta is the front matter of a case.
type CaseMeta struct {
	Title     string
	Summary   string
	Date      Date
	Targets   []Ref
	Actions   []Action
	People    []Ref
	Tags      []Ref
	Related   []Ref
	Events    []Event
	Sources   []Source
	Draft     bool
	Published Date // when the page first appeared, if the editors say so; zero when absent
	Updated   Date // zero when absent
	Aliases   []Ref
	Changes   []Change
	// Where date and updated are written (for the warnings about dates
	// after the day of the build, which the site gives).
	DatePos, UpdatedPos diag.Pos
}

// Action is what one provider did in a case.
type Action struct {
	Pos      diag.Pos // the list item
	Provider Ref
	Services []string
	Action   string // one of Actions
	Date     Date
	Sources  []Ref
}

// Event is a further dated step of a case.
type Event struct {
	Pos     diag.Pos
	Date    Date
	Text    string
	Sources []Ref
}

// Source is one source of a case.
type Source struct {
	Pos       diag.Pos
	ID        Ref
	Title     string
	Publisher string
	Authors   []string
	Date      Date
	URL       string
	Archive   string
	Language  string
	Accessed  Date
}

// Change is one entry of a case's revision log.
type Change struct {
	Date Date
	Note string
}

// EntityMeta is the front matter of an entity.
type EntityMeta struct {
	Name      string
	Kind      string // one of EntityKinds
	Aliases   []string
	Website   string
	Wikidata  string
	Summary   string
	Published Date // when the page first appeared, if the editors say so; zero when absent
	Draft     bool // built only with -drafts
}

// PageMeta is the front matter of a free page.
type PageMeta struct {
	Title   string
	Summary string
	Menu    int  // 0: not in the menu
	Draft   bool // built only with -drafts
}

// EntityKinds lists the kinds of entity.
var EntityKinds = []string{"company", "platform", "website", "person", "organisation", "government"}

// Date is a calendar date of year, month or day precision, as written:
// Month and Day are zero when absent.
type Date struct {
	Year, Month, Day int
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD and checks that the date exists.
func ParseDate(s string) (Date, error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("malformed date %q", s)
	}
	var n [3]int
	for i, p := range parts {
		want := 2
		if i == 0 {
			want = 4
		}
		v, err := strconv.Atoi(p)
		if err != nil || len(p) != want || strings.Trim(p, "0123456789") != "" { // Atoi takes "+8"
			return Date{}, fmt.Errorf("malformed date %q", s)
		}
		n[i] = v
	}
	d := Date{n[0], n[1], n[2]}
	if len(parts) >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, fmt.Errorf("impossible date %q: there is no month %d", s, d.Month)
	}
	if len(parts) == 3 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if d.Day < 1 || t.Day() != d.Day {
			return Date{}, fmt.Errorf("impossible date %q: %s %d has no day %d", s, time.Month(d.Month), d.Year, d.Day)
		}
	}
	if d.Year < 1900 {
		return Date{}, fmt.Errorf("implausible year in date %q", s)
	}
	return d, nil
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats d as written: 2017, 2017-08 or 2017-08-16.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		switch { // not a date Load accepts: format it as best we can
		case d.Month == 0:
			return fmt.Sprintf("%04d", d.Year)
		case d.Day == 0:
			return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
		}
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	// Without fmt: this runs for every date of every page of a build.
	b := [10]byte{byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10), byte('0' + d.Year%10),
		'-', byte('0' + d.Month/10), byte('0' + d.Month%10), '-', byte('0' + d.Day/10), byte('0' + d.Day%10)}
	switch {
	case d.Month == 0:
		return string(b[:4])
	case d.Day == 0:
		return string(b[:7])
	}
	return string(b[:])
}

// Human formats d for readers: "16 August 2017", "August 2017" or "2017".
func (d Date) Human() string {
	switch {
	case d.IsZero():
		return ""
	case d.Month == 0:
		return strconv.Itoa(d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%s %d", time.Month(d.Month), d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year)
}

// Compare orders dates chronologically; a less precise date sorts at the
// start of its period, before precise dates in it (2017-08 < 2017-08-01).
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(d.Month, e.Month)
	}
	return cmpInt(d.Day, e.Day)
}

// Today returns the day of t (in t's location) as a Date.
func Today(t time.Time) Date {
	y, m, day := t.Date()
	return Date{y, int(m), day}
}

// Time returns the first instant of d in UTC (for feeds and sitemaps).
func (d Date) Time() time.Time {
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

// Before reports whether d is certainly earlier than e: earlier at the
// precision of the less precise of the two, so that 2024-03 is neither
// before nor after 2024-03-05. A zero date is before nothing.
func (d Date) Before(e Date) bool {
	if d.IsZero() || e.IsZero() {
		return false
	}
	if d.Month == 0 || e.Month == 0 {
		return d.Year < e.Year
	}
	if d.Day == 0 || e.Day == 0 {
		return d.Year < e.Year || d.Year == e.Year && d.Month < e.Month
	}
	return d.Compare(e) < 0
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
