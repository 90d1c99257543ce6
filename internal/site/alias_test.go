package site_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/sitetest"
)

// TestAliasRedirects: each alias becomes a redirect from the old case path
// to the live case, sorted by old path.
func TestAliasRedirects(t *testing.T) {
	fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), caseX(t, "date: 2019-08-04\n", "date: 2019-08-04\naliases: [x-old, a-older]\n"))
	res, _ := sitetest.Build(t, fsys)
	if !res.OK() {
		t.Fatalf("diagnostics: %v", res.Diags)
	}
	var got []string
	for _, rd := range res.Site.Redirects {
		got = append(got, rd.From+" -> "+rd.To.URL())
	}
	want := "/sub/cases/a-older/ -> /sub/cases/x/, /sub/cases/x-old/ -> /sub/cases/x/"
	if strings.Join(got, ", ") != want {
		t.Errorf("redirects = %s; want %s", strings.Join(got, ", "), want)
	}
}

// TestAliasCollisions: an alias may not take a live case's slug, nor be
// the alias of two cases (reported at both).
func TestAliasCollisions(t *testing.T) {
	tests := []struct {
		name, archive, want string
	}{{
		name:    "alias is a live slug",
		archive: caseX(t, "date: 2019-08-04\n", "date: 2019-08-04\naliases: [ds-2017]\n"),
		want: `content/cases/x.md:5:11: error: alias "ds-2017" is the slug of a live case (content/cases/ds-2017.md)
    hint: an alias is a former slug of this case; remove it or rename the other case
`,
	}, {
		name: "alias of two cases",
		archive: caseX(t, "date: 2019-08-04\n", "date: 2019-08-04\naliases: [old]\n") +
			"-- content/cases/y.md --\n" + strings.ReplaceAll(strings.Replace(sitetest.CaseX, "date: 2019-08-04\n", "date: 2019-08-04\naliases: [old]\n", 1), "x-1", "y-1"),
		// At both, each naming the other: neither file is blamed for its name.
		want: `content/cases/x.md:5:11: error: alias "old" is also given at content/cases/y.md:5:11
    hint: each former slug can redirect to one case only: keep it in the case that had it
content/cases/y.md:5:11: error: alias "old" is also given at content/cases/x.md:5:11
    hint: each former slug can redirect to one case only: keep it in the case that had it
`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sitetest.Diags(t, sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), tt.archive))
			if got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
