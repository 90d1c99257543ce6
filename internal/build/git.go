package build

// This file reads, with one `git log` call, the commit that added each case
// and entity file and the last that changed it: a case page says "Last
// changed in commit abc1234 on 5 March 2024", and the two dates are those
// of the pages when their front matter does not give them (site/dates.go).
// The output depends only on the checked-out history, so it is the same for
// every build of a given commit. A shallow clone's history is cut (its
// oldest commit seems to add every file), so its dates are not used.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// commitMark starts the header line of each commit in the log output; a NUL
// byte cannot occur in a path that git prints.
const commitMark = "\x00"

// errShallow is gitHistory's error for a shallow clone.
var errShallow = errors.New("the checkout is a shallow clone")

// gitHistory returns the commits that added and last changed each file
// below the folders subs (slash paths relative to dir), by running git in
// dir. ok is false when git is not installed or dir is not in a git work
// tree; err is errShallow in a shallow clone, and reports any other
// failure.
func gitHistory(ctx context.Context, dir string, subs ...string) (history map[string]site.History, ok bool, err error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, false, nil
	}
	var stdout, stderr bytes.Buffer
	shallow := exec.CommandContext(ctx, git, "-C", dir, "rev-parse", "--is-shallow-repository")
	shallow.Stdout, shallow.Stderr = &stdout, &stderr
	if err := shallow.Run(); err == nil && strings.TrimSpace(stdout.String()) == "true" {
		return nil, false, errShallow
	}
	stdout.Reset()
	stderr.Reset()
	// %x00 prints commitMark.
	args := []string{"-C", dir, "-c", "core.quotePath=off",
		"log", "--format=%x00%H%x00%cd", "--date=short", "--name-only", "--relative", "--no-renames", "--"}
	cmd := exec.CommandContext(ctx, git, append(args, subs...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		if strings.Contains(stderr.String(), "not a git repository") {
			return nil, false, nil
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, false, fmt.Errorf("git log in %s: %s", dir, msg)
	}
	history, err = parseGitLog(stdout.Bytes())
	return history, err == nil, err
}

// parseGitLog reads the output of gitHistory's git log, newest commit
// first: for each commit a line "\x00HASH\x00YYYY-MM-DD", then the paths it
// changed, one a line. The first commit listing a path is its last change,
// the last one the commit that added it.
func parseGitLog(out []byte) (map[string]site.History, error) {
	history := map[string]site.History{}
	var cur site.Commit
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, commitMark); ok {
			hash, date, _ := strings.Cut(rest, commitMark)
			d, err := content.ParseDate(date)
			if err != nil || hash == "" {
				return nil, fmt.Errorf("git log: unexpected commit line %q", strings.ReplaceAll(line, commitMark, " "))
			}
			cur = site.Commit{Hash: hash, Date: d}
			continue
		}
		if line == "" {
			continue
		}
		if cur.IsZero() {
			return nil, errors.New("git log: a path before the first commit")
		}
		h, seen := history[line]
		if !seen {
			h.Last = cur
		}
		h.Added = cur
		history[line] = h
	}
	return history, sc.Err()
}

// commitCache is the history read from git at one HEAD ("" when git has
// none: not a checkout, or no commit yet).
type commitCache struct {
	read    bool
	head    string
	commits map[string]site.History
}

// commitsFor returns the commits that added and last changed each case and
// entity file (by path from the site root), from git, when the build reads
// a folder and renders (a check does not need them): always with
// Options.Git (failing when git cannot tell, or the checkout is shallow),
// otherwise when git is installed and the folder is in a full git checkout.
// With update set (the dev server), the history of the last run is kept
// while git's HEAD is the same, or while there is none (saving a file does
// not commit it), and *kept says so.
func (b *Build) commitsFor(ctx context.Context, rendering, update bool, kept *bool) (map[string]site.History, error) {
	if !rendering && !b.opt.Git {
		return nil, nil
	}
	if b.opt.SiteDir == "" {
		if b.opt.Git {
			return nil, errors.New("-git needs a site folder on disk")
		}
		return nil, nil
	}
	head := ""
	if update {
		head = gitHead(ctx, b.opt.SiteDir)
		b.cache.mu.Lock()
		last := b.commits
		b.cache.mu.Unlock()
		if last.read && last.head == head {
			*kept = true
			return last.commits, nil
		}
	}
	commits, ok, err := gitHistory(ctx, b.opt.SiteDir, "content/"+content.KindCase.Dir(), "content/"+content.KindEntity.Dir())
	switch {
	case errors.Is(err, errShallow) && b.opt.Git:
		return nil, fmt.Errorf("-git: %s is in a shallow clone, whose cut history would date the pages wrongly: fetch the whole history (git fetch --unshallow)", b.opt.SiteDir)
	case errors.Is(err, errShallow):
		commits = nil // the same every run: no dates from a cut history
	case err != nil && b.opt.Git:
		return nil, err
	case err != nil:
		return nil, nil // tried again next run
	case !ok:
		if b.opt.Git {
			return nil, fmt.Errorf("-git: %s is not in a git checkout, or git is not installed", b.opt.SiteDir)
		}
		commits = nil
	}
	if update {
		b.cache.mu.Lock()
		b.commits = commitCache{read: true, head: head, commits: commits}
		b.cache.mu.Unlock()
	}
	return commits, nil
}

// gitHead returns the hash of the commit checked out in dir, or "" when git
// cannot tell (not installed, not a checkout, no commit yet).
func gitHead(ctx context.Context, dir string) string {
	git, err := exec.LookPath("git")
	if err != nil {
		return ""
	}
	out, err := exec.CommandContext(ctx, git, "-C", dir, "rev-parse", "--verify", "-q", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
