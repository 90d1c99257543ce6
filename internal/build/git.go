package build

// This file reads, with one `git log` call, the last commit that changed
// each case file, so a case page can say "Last changed in commit abc1234 on
// 5 March 2024". The output depends only on the checked-out history, so it
// is the same for every build of a given commit.

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

// gitCommits returns the last commit that changed each file below sub
// (slash paths relative to dir), by running git in dir. ok is false when git
// is not installed or dir is not in a git work tree; err reports any other
// failure.
func gitCommits(ctx context.Context, dir, sub string) (commits map[string]site.Commit, ok bool, err error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, false, nil
	}
	var stdout, stderr bytes.Buffer
	// %x00 prints commitMark.
	cmd := exec.CommandContext(ctx, git, "-C", dir, "-c", "core.quotePath=off",
		"log", "--format=%x00%H%x00%cd", "--date=short", "--name-only", "--relative", "--no-renames", "--", sub)
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
	commits, err = parseGitLog(stdout.Bytes())
	return commits, err == nil, err
}

// parseGitLog reads the output of gitCommits' git log, newest commit first:
// for each commit a line "\x00HASH\x00YYYY-MM-DD", then the paths it
// changed, one a line. The first commit listing a path is its last change.
func parseGitLog(out []byte) (map[string]site.Commit, error) {
	commits := map[string]site.Commit{}
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
		if _, seen := commits[line]; !seen {
			commits[line] = cur
		}
	}
	return commits, sc.Err()
}

// addCommits sets the Commit of every case of s from git, when the build
// reads a folder and renders (a check does not need it): always with
// Options.Git (failing when git cannot tell), otherwise when git is
// installed and the folder is in a git checkout.
func (b *Build) addCommits(ctx context.Context, s *site.Site, rendering bool) error {
	if !rendering && !b.opt.Git {
		return nil
	}
	if b.opt.SiteDir == "" {
		if b.opt.Git {
			return errors.New("-git needs a site folder on disk")
		}
		return nil
	}
	commits, ok, err := gitCommits(ctx, b.opt.SiteDir, "content/"+content.KindCase.Dir())
	switch {
	case err != nil && b.opt.Git:
		return err
	case err != nil || !ok:
		if b.opt.Git {
			return fmt.Errorf("-git: %s is not in a git checkout, or git is not installed", b.opt.SiteDir)
		}
		return nil
	}
	for _, c := range s.Cases {
		c.Commit = commits[c.File]
	}
	return nil
}
