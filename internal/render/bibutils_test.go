package render_test

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A reference as bibutils reads it: MODS XML, the library catalogues'
// format, which ris2xml, bib2xml (BibTeX) and biblatex2xml write.
type mods struct {
	Titles []string `xml:"titleInfo>title"`
	Names  []struct {
		Type  string `xml:"type,attr"`
		Parts []struct {
			Type string `xml:"type,attr"`
			Text string `xml:",chardata"`
		} `xml:"namePart"`
		Role string `xml:"role>roleTerm"`
	} `xml:"name"`
	Date       string   `xml:"originInfo>dateIssued"`
	Publishers []string `xml:"originInfo>publisher"`
	Related    []struct {
		Type   string   `xml:"type,attr"`
		Titles []string `xml:"titleInfo>title"`
	} `xml:"relatedItem"`
	URL    string   `xml:"location>url"`
	Genres []string `xml:"genre"`
}

// names returns the names of the given role ("author" when none is
// given) as "Family, Given" for a person, whole for a name bibutils did not
// split.
func (m mods) names(role ...string) []string {
	var out []string
	for _, n := range m.Names {
		if n.Role != cmp.Or(append(role, "author")...) {
			continue
		}
		var family, given []string
		for _, p := range n.Parts {
			switch p.Type {
			case "given":
				given = append(given, p.Text)
			default:
				family = append(family, p.Text)
			}
		}
		name := strings.Join(family, " ")
		if len(given) > 0 {
			name += ", " + strings.Join(given, " ")
		}
		out = append(out, name)
	}
	return out
}

// host returns the titles of the item the reference is part of.
func (m mods) host() []string {
	var out []string
	for _, r := range m.Related {
		if r.Type == "host" {
			for _, t := range r.Titles {
				if t != "" {
					out = append(out, t)
				}
			}
		}
	}
	return out
}

// bibutils converts a citation file with one of bibutils' programs and
// returns the one reference it read.
func bibutils(t *testing.T, prog string, file []byte, args ...string) mods {
	t.Helper()
	path, err := exec.LookPath(prog)
	if err != nil {
		t.Fatalf("%s is missing: install the Debian package bibutils (.ci/run does)", prog)
	}
	in := filepath.Join(t.TempDir(), "ref")
	if err := os.WriteFile(in, file, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(path, append(args, in)...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", prog, err, stderr.String())
	}
	var coll struct {
		Items []mods `xml:"mods"`
	}
	if err := xml.Unmarshal(bytes.TrimPrefix(out, []byte("\ufeff")), &coll); err != nil {
		t.Fatalf("%s wrote no MODS: %v\n%s", prog, err, out)
	}
	if len(coll.Items) != 1 {
		t.Fatalf("%s read %d references; want 1\n%s\n%s", prog, len(coll.Items), file, stderr.String())
	}
	return coll.Items[0]
}

// TestCitationFilesReadBack reads a case page's RIS and BibTeX downloads
// back with bibutils (the reader of RIS, BibTeX and biblatex that pandoc's
// and many tools' imports are modelled on) and checks what a reference
// manager gets: the page's title, its authors, the casebook as container,
// the page's date (its last update) and address, each name once. Each
// check states the rule it holds the files to.
func TestCitationFilesReadBack(t *testing.T) {
	s, files := buildSite(t, "")
	u := abs(s, s.BasePath+"cases/ds-2017/")
	ris, bib := download(t, files, "ds-2017", "ris"), download(t, files, "ds-2017", "bib")

	// RIS: T2 is the container (bibutils puts it in the host item), DA the
	// date, and the site's editors, the sole author, are not named again
	// as publisher. bibutils splits every RIS name of several words into
	// a person's unless told otherwise (its -as list; RIS has no mark for
	// an organisation but EndNote's trailing comma, which bibutils drops):
	// told so, it reads the organisation's name whole, and nothing else.
	asis := filepath.Join(t.TempDir(), "asis")
	if err := os.WriteFile(asis, []byte("Test Editors\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := bibutils(t, "ris2xml", ris, "-nt", "-as", asis)
	if !slices.Equal(r.Titles, []string{"Cloudflare terminates The Daily Stormer"}) || r.URL != u || r.Date != "2024-03-05" {
		t.Errorf("ris2xml: title, url, date = %q, %q, %q; want the page's, %s, 2024-03-05", r.Titles, r.URL, r.Date, u)
	}
	if got := r.host(); !slices.Equal(got, []string{"Test Casebook"}) {
		t.Errorf("ris2xml: container = %q; want [Test Casebook]", got)
	}
	if got := r.names(); !slices.Equal(got, []string{"Test Editors"}) || len(r.Publishers) != 0 {
		t.Errorf("ris2xml: names %q, publishers %q; want [Test Editors] once, no publisher", got, r.Publishers)
	}

	// Classic BibTeX (bib2xml): the braced organisation is one name, not
	// a person; the date is what classic BibTeX reads, year and month; the
	// organization field is the site, which bibutils reads as publisher.
	b := bibutils(t, "bib2xml", bib, "-nt")
	if len(b.Names) != 1 || b.Names[0].Type != "" || len(b.Names[0].Parts) != 1 || b.Names[0].Parts[0].Text != "Test Editors" {
		t.Errorf("bib2xml: names = %+v; want Test Editors whole, as written", b.Names)
	}
	if !slices.Equal(b.Titles, []string{"Cloudflare terminates The Daily Stormer"}) || b.URL != u || b.Date != "2024-03" {
		t.Errorf("bib2xml: title, url, date = %q, %q, %q; want the page's, %s, 2024-03", b.Titles, b.URL, b.Date, u)
	}
	if !slices.Equal(b.Publishers, []string{"Test Casebook"}) {
		t.Errorf("bib2xml: publishers = %q; want [Test Casebook]", b.Publishers)
	}

	// biblatex (biblatex2xml): a web page, dated by the date field to the
	// day, its organisation author a single name, the site its
	// organization.
	bl := bibutils(t, "biblatex2xml", bib)
	if got := bl.names(); !slices.Equal(got, []string{"Test Editors"}) {
		t.Errorf("biblatex2xml: authors = %q; want [Test Editors], not split", got)
	}
	if got := bl.names("organizer of meeting"); !slices.Equal(got, []string{"Test Casebook"}) {
		t.Errorf("biblatex2xml: organization = %q; want [Test Casebook]", got)
	}
	if !slices.Equal(bl.Titles, []string{"Cloudflare terminates The Daily Stormer"}) || bl.URL != u || bl.Date != "2024-03-05" {
		t.Errorf("biblatex2xml: title, url, date = %q, %q, %q; want the page's, %s, 2024-03-05", bl.Titles, bl.URL, bl.Date, u)
	}
	if !slices.Contains(bl.Genres, "web page") {
		t.Errorf("biblatex2xml: genres = %q; want a web page", bl.Genres)
	}

	// A page with no known date (other-2019: no git, no published or
	// updated) has none in its files, not the events' or the build's.
	if d := bibutils(t, "ris2xml", download(t, files, "other-2019", "ris"), "-nt").Date; d != "" {
		t.Errorf("ris2xml: other-2019 is dated %q; want no date", d)
	}
	if d := bibutils(t, "biblatex2xml", download(t, files, "other-2019", "bib")).Date; d != "" {
		t.Errorf("biblatex2xml: other-2019 is dated %q; want no date", d)
	}

	// People (the awkward site's authors): "Family, Given", accents kept;
	// a month-only date; a publisher who is not the author is named.
	_, files = buildSite(t, awkward)
	people := []string{"Ångström, Zoë", "Dupont, Jean-Luc", "Ólafsdóttir, Þóra"}
	r = bibutils(t, "ris2xml", download(t, files, "x", "ris"), "-nt")
	if got := r.names(); !slices.Equal(got, people) || r.Date != "2024-03" || !slices.Equal(r.Publishers, []string{"Éditions $ & ~ ^ _"}) {
		t.Errorf("ris2xml: names, date, publishers = %q, %q, %q; want %q, 2024-03, the publisher", got, r.Date, r.Publishers, people)
	}
	if got := r.host(); !slices.Equal(got, []string{"L’Observatoire & {Co}: 100% #1"}) {
		t.Errorf("ris2xml: container = %q; want the site's title", got)
	}
	if got := bibutils(t, "bib2xml", download(t, files, "x", "bib"), "-nt").names(); !slices.Equal(got, people) {
		t.Errorf("bib2xml: names = %q; want %q", got, people)
	}
}
