package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, src, front, body, err string
	}{
		{"simple", "---\ntitle: X\n---\nBody\n", "title: X\n", "\n\n\nBody\n", ""},
		{"no trailing newline", "---\na: 1\n---", "a: 1\n", "\n\n\n", ""},
		{"empty front", "---\n---\nB", "", "\n\nB", ""},
		{"fence with spaces", "---  \na: 1\n--- \nB", "a: 1\n", "\n\n\nB", ""},
		{"not closed", "---\na: 1\nB\n", "", "", "x.md:1:1: error: front matter does not close"},
		{"missing", "title: X\n", "", "", "x.md:1:1: error: missing front matter"},
		{"dashes in body", "---\na: 1\n---\n---\nB", "a: 1\n", "\n\n\n---\nB", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, _, d := Split("x.md", []byte(tt.src))
			if tt.err != "" {
				if d == nil || !strings.HasPrefix(d.String(), tt.err) {
					t.Fatalf("Split(%q) error = %v; want %q", tt.src, d, tt.err)
				}
				return
			}
			if d != nil {
				t.Fatalf("Split(%q) error = %v", tt.src, d)
			}
			if string(front) != tt.front || string(body) != tt.body {
				t.Errorf("Split(%q) = %q, %q; want %q, %q", tt.src, front, body, tt.front, tt.body)
			}
		})
	}
}

// TestSplitKeepsLines checks that every body line keeps its file line number.
func TestSplitKeepsLines(t *testing.T) {
	src := "---\ntitle: X\nsummary: Y\n---\nfirst\n\nthird\n"
	_, body, _, _ := Split("x.md", []byte(src))
	fileLines := strings.Split(src, "\n")
	for i, l := range strings.Split(string(body), "\n") {
		if l != "" && l != fileLines[i] {
			t.Errorf("body line %d = %q; want %q", i+1, l, fileLines[i])
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"2017-08-16", "2017-08-16", ""},
		{"2017-08", "2017-08", ""},
		{"2017", "2017", ""},
		{"2016-02-29", "2016-02-29", ""},
		{"2017-02-30", "", `impossible date "2017-02-30": February 2017 has no day 30`},
		{"2017-13", "", `impossible date "2017-13": there is no month 13`},
		{"17-08-16", "", `malformed date "17-08-16"`},
		{"2017-8-16", "", `malformed date "2017-8-16"`},
		{"2017/08/16", "", `malformed date "2017/08/16"`},
		{"yesterday", "", `malformed date "yesterday"`},
		{"2017-+8-+1", "", `malformed date "2017-+8-+1"`},
		{"+017-08-01", "", `malformed date "+017-08-01"`},
		{"2017-08--1", "", `malformed date "2017-08--1"`},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseDate(%q) error = %v; want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, d, err, tt.want)
		}
	}
}

func TestDateOrder(t *testing.T) {
	dates := []string{"2017", "2017-08", "2017-08-01", "2017-08-16", "2017-09", "2018"}
	for i := 1; i < len(dates); i++ {
		a, _ := ParseDate(dates[i-1])
		b, _ := ParseDate(dates[i])
		if a.Compare(b) >= 0 || b.Compare(a) <= 0 {
			t.Errorf("%s should sort before %s", a, b)
		}
	}
	if d, _ := ParseDate("2017-08"); d.Human() != "August 2017" {
		t.Errorf("Human() = %q; want August 2017", d.Human())
	}
}

func TestNormalize(t *testing.T) {
	got := string(Normalize([]byte("\uFEFF---\r\na: 1\r\n---\r\nB\r\n")))
	if want := "---\na: 1\n---\nB\n"; got != want {
		t.Errorf("Normalize = %q; want %q", got, want)
	}
}

func TestLoadFileNames(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":            {Data: []byte("title: T\nbase_url: https://example.org/\npublisher: P\n")},
		"content/entities/Bad Name.md": {Data: []byte("---\nname: X\nkind: company\n---\n")},
		"content/entities/ok.md":       {Data: []byte("---\nname: X\nkind: company\n---\n")},
		"content/entities/notes.txt":   {Data: []byte("x")},
		"content/entities/latin1.md":   {Data: []byte("---\nname: \xe9\nkind: company\n---\n")},
		"content/entities/..hidden.md": {Data: []byte("---\nname: X\nkind: company\n---\n")},
	}
	files, _, diags := Load(fsys)
	// latin1.md is kept, broken and empty, so that its slug stays known.
	if len(files) != 2 || files[0].Slug != "latin1" || !files[0].Broken || !files[0].NoBody || files[1].Slug != "ok" || files[1].Broken {
		t.Errorf("Load returned %d files; want latin1.md (broken) and ok.md", len(files))
	}
	diags.Sort()
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		"content/entities/..hidden.md: error: bad file name \"..hidden.md\": a slug is lowercase a-z, 0-9 and '-'\n    hint: rename the file to \"hidden.md\"",
		"content/entities/Bad Name.md: error: bad file name \"Bad Name.md\": a slug is lowercase a-z, 0-9 and '-'\n    hint: rename the file to \"bad-name.md\"",
		"content/entities/latin1.md:2:7: error: file is not valid UTF-8\n    hint: save the file as UTF-8",
		"content/entities/notes.txt: warning: ignoring \"notes.txt\": not a Markdown file\n    hint: content files end in .md",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{Date{}, ""},
		{Date{Year: 2017}, "2017"},
		{Date{Year: 2017, Month: 8}, "2017-08"},
		{Date{Year: 2017, Month: 8, Day: 16}, "2017-08-16"},
		{Date{Year: 999, Month: 12, Day: 1}, "0999-12-01"},
		{Date{Year: 12345, Month: 1}, "12345-01"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.d, got, tt.want)
		}
	}
}

// TestControlCharacters checks that text fields refuse control characters
// other than tab and line feed, at the value's position, whatever YAML
// escape wrote them.
func TestControlCharacters(t *testing.T) {
	for _, tc := range []struct{ value, char string }{
		{`"A\rB"`, "U+000D"}, {`"A\eB"`, "U+001B"}, {`"A\aB"`, "U+0007"}, {`"A\0B"`, "U+0000"},
		{`"A\x7fB"`, "U+007F"}, {`"A\x85B"`, "U+0085"},
	} {
		src := "---\nname: " + tc.value + "\nkind: company\n---\n"
		got := loadOne(t, "content/entities/x.md", src)
		if want := "content/entities/x.md:2:7: error: name contains the control character " + tc.char; !strings.Contains(got, want) {
			t.Errorf("name: %s: diagnostics %q; want %q", tc.value, got, want)
		}
	}
	for _, ok := range []string{`"A\tB"`, "A B", `"Café — ok"`} {
		if got := loadOne(t, "content/entities/x.md", "---\nname: "+ok+"\nkind: company\n---\n"); strings.Contains(got, "control character") {
			t.Errorf("name: %s refused: %q", ok, got)
		}
	}
}

// TestLongSlugs checks that a slug too long to name a folder of the output
// is an error at its position, so that check catches what build would fail
// on.
func TestLongSlugs(t *testing.T) {
	long := strings.Repeat("a", MaxSlugLen+1)
	src := "---\ntitle: T\nsummary: S\ndate: 2017\ntargets: [x]\ntags: [" + long + "]\nactions: []\nsources: []\n---\nBody\n"
	if got := loadOne(t, "content/cases/x.md", src); !strings.Contains(got, "content/cases/x.md:6:8: error: tags item is 81 characters, over the limit of 80") {
		t.Errorf("a long tag: %q", got)
	}
	if got := loadOne(t, "content/cases/"+long+".md", "---\n---\n"); !strings.Contains(got, "error: file name is 81 characters before .md, over the limit of 80") {
		t.Errorf("a long file name: %q", got)
	}
	ok := strings.Repeat("a", MaxSlugLen)
	if got := loadOne(t, "content/cases/x.md", strings.Replace(src, long, ok, 1)); strings.Contains(got, "over the limit") {
		t.Errorf("a tag of %d characters refused: %q", MaxSlugLen, got)
	}
}

// TestListLimits checks that a list over its limit is an error at its
// first item too many (one case with 100,000 tags once wrote 100,000
// pages), and that a list at the limit passes.
func TestListLimits(t *testing.T) {
	for _, tt := range []struct {
		key, item string
		max       int
	}{
		{"tags", "t%d", 50},
		{"aliases", "old-%d", 50},
		{"related", "c%d", 100},
		{"events", "{date: 2017, text: x, sources: [s]}", 500},
	} {
		list := func(n int) string {
			var b strings.Builder
			for i := range n {
				b.WriteString("  - " + strings.ReplaceAll(tt.item, "%d", fmt.Sprint(i)) + "\n")
			}
			return b.String()
		}
		src := "---\ntitle: T\nsummary: S\ndate: 2017\ntargets: [x]\nactions: []\nsources: []\n" + tt.key + ":\n" + list(tt.max+1) + "---\nBody\n"
		want := fmt.Sprintf("content/cases/x.md:%d:5: error: %s has %d items, over the limit of %d", 9+tt.max, tt.key, tt.max+1, tt.max)
		if got := loadOne(t, "content/cases/x.md", src); !strings.Contains(got, want) {
			t.Errorf("%d %s: %q; want %q", tt.max+1, tt.key, got, want)
		}
		src = strings.Replace(src, list(tt.max+1), list(tt.max), 1)
		if got := loadOne(t, "content/cases/x.md", src); strings.Contains(got, "over the limit") {
			t.Errorf("%d %s refused: %q", tt.max, tt.key, got)
		}
	}
}

func TestLicenseURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"},
		{"cc by 4.0", "https://creativecommons.org/licenses/by/4.0/"},
		{"CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"},
		{"  CC  BY\t4.0 ", "https://creativecommons.org/licenses/by/4.0/"},
		{"CC BY 4.0 International", "https://creativecommons.org/licenses/by/4.0/"},
		{"CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"},
		{"CC BY SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"},
		{"CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"},
		{"CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"},
		{"cc_by_nc_sa_4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"},
		{"CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/"},
		{"CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"},
		{"CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"},
		{"CC0", "https://creativecommons.org/publicdomain/zero/1.0/"},
		{"CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"},
		{"CC BY 3.0", ""},       // another version: give its license_url
		{"CC BY", ""},           // which version?
		{"CC BY-SA-NC 4.0", ""}, // no such order
		{"CC BY 4.0 or later", ""},
		{"All rights reserved", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := LicenseURL(tt.in); got != tt.want {
			t.Errorf("LicenseURL(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
