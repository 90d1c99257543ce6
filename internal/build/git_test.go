package build_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/sitetest"
)

// git runs git in dir with a fixed identity and commit date, isolated from
// the user's configuration, and returns its trimmed output.
func git(t *testing.T, dir, date string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.org")
	if date != "" {
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestGitCommits builds a site kept in a sub-folder of a git repository with
// three commits: each case shows the last commit that changed its file, with
// one git call; a page whose front matter gives no dates first appeared with
// the commit that added its file and was last updated by the last one that
// changed it, in every format; and the output is the same on every build.
func TestGitCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(repo))
	siteDir := filepath.Join(repo, "site")
	fsys := sitetest.FS(t, sitetest.Base)
	yaml := fsys["content/site.yaml"]
	yaml.Data = slices.Concat(yaml.Data, []byte("repo_url: https://git.example.org/casebook/\n")) // a copy: the files share one array
	for name, f := range fsys {
		p := filepath.Join(siteDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, repo, "", "init", "-q")
	git(t, repo, "2024-01-02T10:00:00+00:00", "add", ".")
	git(t, repo, "2024-01-02T10:00:00+00:00", "commit", "-q", "-m", "first")
	first := git(t, repo, "", "rev-parse", "HEAD")
	ds := filepath.Join(siteDir, "content", "cases", "ds-2017.md")
	data, _ := os.ReadFile(ds)
	if err := os.WriteFile(ds, append(data, "\nA later paragraph.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	// Late in the evening east of UTC: the committer's own date is the 5th.
	git(t, repo, "2024-03-05T23:30:00+01:00", "commit", "-q", "-am", "second")
	second := git(t, repo, "", "rev-parse", "HEAD")
	other := filepath.Join(siteDir, "content", "cases", "other-2019.md")
	data, _ = os.ReadFile(other)
	if err := os.WriteFile(other, append(data, "\nA later paragraph.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, repo, "2024-04-10T12:00:00+00:00", "commit", "-q", "-am", "third")
	third := git(t, repo, "", "rev-parse", "HEAD")

	run := func() *sitetest.MemSink {
		sink := &sitetest.MemSink{}
		res, err := build.New(build.Options{SiteDir: siteDir, Git: true}).Run(context.Background(), sink)
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		if !res.OK() {
			t.Fatalf("build: %v", res.Diags)
		}
		for _, c := range res.Site.Cases {
			want, date := first, "2024-01-02"
			switch c.Slug {
			case "ds-2017":
				want, date = second, "2024-03-05"
			case "other-2019":
				want, date = third, "2024-04-10"
			}
			if c.Commit.Hash != want || c.Commit.Date.String() != date {
				t.Errorf("%s: commit %s %s; want %s %s", c.Slug, c.Commit.Hash, c.Commit.Date, want, date)
			}
		}
		return sink
	}
	a, b := run(), run()
	page := string(a.Files["cases/ds-2017/index.html"])
	want := `Last changed in commit <a href="https://git.example.org/casebook/commit/` + second + `" rel="nofollow noreferrer"><code>` +
		second[:7] + `</code></a> on <time datetime="2024-03-05">5 March 2024</time>.`
	if !strings.Contains(page, want) {
		t.Errorf("case page lacks %q", want)
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between two builds of the same commit", name)
		}
	}
	// other-2019's front matter has no published or updated: its page is
	// dated by git in every format. (ds-2017's front matter dates it.)
	otherPage := string(a.Files["cases/other-2019/index.html"])
	for _, want := range []string{
		`<meta property="article:published_time" content="2024-01-02">`,
		`<meta property="article:modified_time" content="2024-04-10">`,
		`<meta name="citation_publication_date" content="2024/04/10">`,
		`<meta name="citation_online_date" content="2024/01/02">`,
		`"datePublished":"2024-01-02","dateModified":"2024-04-10"`,
		`Test Editors. (2024, April 10). <i>Cloudflare keeps another site</i>.`,
		`<dt>First published</dt><dd><time datetime="2024-01-02">2 January 2024</time></dd>`,
		`<dt>Last updated</dt><dd><time datetime="2024-04-10">10 April 2024</time></dd>`,
	} {
		if !strings.Contains(otherPage, want) {
			t.Errorf("cases/other-2019/index.html lacks %s", want)
		}
	}
	ent := string(a.Files["entities/cloudflare/index.html"]) // added in the first commit, listing both cases
	if !strings.Contains(ent, `"datePublished":"2024-01-02","dateModified":"2024-04-10"`) {
		t.Errorf("entities/cloudflare/index.html: the page is not dated by its file's first commit and its cases' last update")
	}
	var exported struct {
		Cases []struct {
			Slug   string
			Commit struct{ Hash, Date string } `json:"commit"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(sitetest.DataItems(t, a.Files, "data/cases.json", "cases"), &exported.Cases); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(exported.Cases, func(c struct {
		Slug   string
		Commit struct{ Hash, Date string } `json:"commit"`
	}) bool {
		return c.Slug == "ds-2017"
	})
	if i < 0 || exported.Cases[i].Commit.Hash != second || exported.Cases[i].Commit.Date != "2024-03-05" {
		t.Errorf("data/cases.json: ds-2017's commit is not %s 2024-03-05", second)
	}
}

// TestGitOutsideCheckout: without a checkout the build goes on without
// commits, unless Git was asked for.
func TestGitOutsideCheckout(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := sitetest.WriteDir(t, sitetest.FS(t, sitetest.Base))
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	res, err := build.New(build.Options{SiteDir: dir}).Run(context.Background(), &sitetest.MemSink{})
	if err != nil {
		t.Fatalf("build without git: %v", err)
	}
	if !res.OK() {
		t.Fatalf("build without git: %v", res.Diags)
	}
	for _, c := range res.Site.Cases {
		if !c.Commit.IsZero() {
			t.Errorf("%s has commit %+v outside a checkout", c.Slug, c.Commit)
		}
	}
	_, err = build.New(build.Options{SiteDir: dir, Git: true}).Run(context.Background(), &sitetest.MemSink{})
	if err == nil || !strings.Contains(err.Error(), "not in a git checkout") {
		t.Errorf("Git outside a checkout: err = %v; want one saying it is not in a git checkout", err)
	}
}

// TestGitShallow: in a shallow clone the oldest commit seems to add every
// file, which would date every page by it; the build uses no history there,
// and with Git it fails, saying why.
func TestGitShallow(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(repo))
	origin := filepath.Join(repo, "origin")
	if err := os.CopyFS(origin, sitetest.FS(t, sitetest.Base)); err != nil {
		t.Fatal(err)
	}
	git(t, origin, "", "init", "-q")
	git(t, origin, "2024-01-02T10:00:00+00:00", "add", ".")
	git(t, origin, "2024-01-02T10:00:00+00:00", "commit", "-q", "-m", "first")
	f := filepath.Join(origin, "content", "cases", "other-2019.md")
	data, _ := os.ReadFile(f)
	if err := os.WriteFile(f, append(data, "\nMore.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, origin, "2024-04-10T12:00:00+00:00", "commit", "-q", "-am", "second")
	clone := filepath.Join(repo, "clone")
	git(t, repo, "", "clone", "-q", "--depth", "1", "file://"+origin, clone)

	res, err := build.New(build.Options{SiteDir: clone}).Run(context.Background(), &sitetest.MemSink{})
	if err != nil || !res.OK() {
		t.Fatalf("build of a shallow clone: %v %v", err, res.Diags)
	}
	for _, c := range res.Site.Cases {
		if !c.Commit.IsZero() {
			t.Errorf("%s has commit %+v from a cut history", c.Slug, c.Commit)
		}
		if c.Slug == "other-2019" && (!c.Dates.Published.IsZero() || !c.Dates.Modified.IsZero()) {
			t.Errorf("other-2019 is dated %+v by a cut history", c.Dates)
		}
	}
	_, err = build.New(build.Options{SiteDir: clone, Git: true}).Run(context.Background(), &sitetest.MemSink{})
	if err == nil || !strings.Contains(err.Error(), "shallow clone") || !strings.Contains(err.Error(), "git fetch --unshallow") {
		t.Errorf("Git in a shallow clone: err = %v; want one saying it is shallow and how to fetch the history", err)
	}
}
