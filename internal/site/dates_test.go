package site_test

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
	"github.com/casebook/casebook/internal/sitetest"
)

// commit is a commit of the given date, its hash made from it.
func commit(date string) site.Commit {
	d, err := content.ParseDate(date)
	if err != nil {
		panic(err)
	}
	return site.Commit{Hash: strings.Repeat(strings.ReplaceAll(date, "-", ""), 5), Date: d}
}

// TestPageDates resolves the case content/cases/x.md with the front matter
// and the git history of each row, and checks its page's dates: each row
// states the rule it exercises (site/dates.go).
func TestPageDates(t *testing.T) {
	const file = "content/cases/x.md"
	tests := []struct {
		rule        string
		front       string // lines added after date:
		history     map[string]site.History
		pub, mod    string
		updated     bool
		lastCommit  string // the commit the page shows, by date
		entityAdded string
	}{{
		rule: "nothing known: no date is made up (not the build's, not the events')",
	}, {
		rule:    "git: published is the commit that added the file; never changed since, modified is the same",
		history: map[string]site.History{file: {Added: commit("2024-01-02"), Last: commit("2024-01-02")}},
		pub:     "2024-01-02", mod: "2024-01-02", lastCommit: "2024-01-02",
	}, {
		rule:    "git: modified is the last commit that changed the file",
		history: map[string]site.History{file: {Added: commit("2024-01-02"), Last: commit("2024-03-05")}},
		pub:     "2024-01-02", mod: "2024-03-05", updated: true, lastCommit: "2024-03-05",
	}, {
		rule:    "published: in the front matter wins over git (a page older than its history here)",
		front:   "published: 2023-06-01\n",
		history: map[string]site.History{file: {Added: commit("2024-01-02"), Last: commit("2024-03-05")}},
		pub:     "2023-06-01", mod: "2024-03-05", updated: true, lastCommit: "2024-03-05",
	}, {
		rule:    "updated: in the front matter wins over git's last commit (a later typo fix is no update)",
		front:   "updated: 2024-02-01\n",
		history: map[string]site.History{file: {Added: commit("2024-01-02"), Last: commit("2024-03-05")}},
		pub:     "2024-01-02", mod: "2024-02-01", updated: true, lastCommit: "2024-03-05",
	}, {
		rule:    "updated: before git's first commit: the page was there before its file was in git, so git cannot date it",
		front:   "updated: 2023-05\n",
		history: map[string]site.History{file: {Added: commit("2024-01-02"), Last: commit("2024-01-02")}},
		mod:     "2023-05", updated: true, lastCommit: "2024-01-02",
	}, {
		rule:  "without git, updated: alone dates the update, and the first appearance is left out",
		front: "updated: 2024-03\n",
		mod:   "2024-03", updated: true,
	}, {
		rule:  "without git, published: alone dates both",
		front: "published: 2024-03-05\n",
		pub:   "2024-03-05", mod: "2024-03-05",
	}, {
		rule:    "a last commit not certainly after published: is no update (2024-03-20 is within 2024-03)",
		front:   "published: 2024-03\n",
		history: map[string]site.History{file: {Added: commit("2024-03-20"), Last: commit("2024-03-20")}},
		pub:     "2024-03", mod: "2024-03", lastCommit: "2024-03-20",
	}, {
		rule:  "a renamed case first appeared under its former slug (aliases): the earliest commit that added either file",
		front: "aliases: [x-old]\n",
		history: map[string]site.History{
			file:                     {Added: commit("2024-05-01"), Last: commit("2024-05-01")},
			"content/cases/x-old.md": {Added: commit("2023-02-03"), Last: commit("2024-05-01")},
		},
		pub: "2023-02-03", mod: "2024-05-01", updated: true, lastCommit: "2024-05-01",
	}, {
		rule:    "an entity's page: its file's first commit, modified by the latest of its own and its cases'",
		front:   "updated: 2024-06-07\n",
		history: map[string]site.History{"content/entities/daily-stormer.md": {Added: commit("2022-01-01"), Last: commit("2022-02-02")}},
		mod:     "2024-06-07", updated: true, entityAdded: "2022-01-01",
	}}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			fsys := sitetest.Overlay(t, sitetest.FS(t, sitetest.Base), caseX(t, "date: 2019-08-04\n", "date: 2019-08-04\n"+tt.front))
			in := load(t, fsys)
			s, diags := site.Resolve(in.cfg, in.files, in.docs, site.Options{History: tt.history})
			if diags.HasErrors() {
				t.Fatalf("diagnostics: %v", diags)
			}
			x, ok := s.Lookup("x")
			if !ok {
				t.Fatal("no case x")
			}
			c := x.(*site.Case)
			if got := c.Dates; got.Published.String() != tt.pub || got.Modified.String() != tt.mod || got.Updated() != tt.updated {
				t.Errorf("dates = %s, %s, updated %v; want %q, %q, updated %v", got.Published, got.Modified, got.Updated(), tt.pub, tt.mod, tt.updated)
			}
			if got := c.Commit.Date.String(); got != tt.lastCommit {
				t.Errorf("the commit shown is of %q; want %q", got, tt.lastCommit)
			}
			if tt.entityAdded == "" {
				return
			}
			// daily-stormer is the target of x and of the base's cases:
			// its page lists them, so it changes when they do.
			e, _ := s.Lookup("daily-stormer")
			ed := e.(*site.Entity).Dates
			if ed.Published.String() != tt.entityAdded || ed.Modified.String() != tt.mod {
				t.Errorf("entity dates = %s, %s; want %s, %s", ed.Published, ed.Modified, tt.entityAdded, tt.mod)
			}
		})
	}
}
