// Command casebook builds a research website of documented cases from a tree
// of Markdown files with YAML front matter.
//
// Usage:
//
//	casebook build [-site DIR] [-out DIR] [-config FILE] [-base-url URL] [-drafts] [-git] [-stats]
//	casebook check [-site DIR] [-config FILE] [-drafts] [-format text|json|github] [-links] [-archives]
//	casebook serve [-site DIR] [-config FILE] [-addr 127.0.0.1:1313] [-drafts] [-open]
//	casebook new case|entity|page SLUG [-site DIR]
//	casebook version
//	casebook help [command]
//
// build reads DIR/content (default: the current folder) and writes the site
// to DIR/public, through a temp folder that replaces the output only when the
// whole build succeeded; the output's .git (a gh-pages worktree) and the
// paths of site.yaml's keep: are kept, and the files of DIR/root are
// published at the site's root (CNAME, .nojekyll). An -out inside a folder
// the build reads (content, templates, static, root) is a usage error. check
// runs the same pipeline without writing.
// Problems are printed as file:line:col: error: message, with a hint line;
// the errors of a site's templates too (exit 1).
//
// When the site folder is a full git checkout and git is installed, build
// shows on each case page the last commit that changed its file ("Last
// changed in commit abc1234 on 5 March 2024"), and dates each case and
// entity page, where its front matter does not, by the commit that added its
// file (first published) and the last that changed it (last updated):
// docs/citing.md. -git requires the history and fails without git or in a
// shallow clone, whose cut history would date every page wrongly.
//
// build -stats prints to stderr the time and heap allocation of each stage
// (load, parse, commits, resolve, render, swap) and counts of files read,
// parsed and written; -cpuprofile FILE and -memprofile FILE write pprof
// profiles (docs/performance.md).
//
// -config FILE lays a YAML file of site.yaml's fields over it, each field
// it sets replacing site.yaml's (params are merged key by key): a
// production base_url, say. build -base-url wins over both.
//
// check -archives also prints a worklist of the sources that have a URL but
// no archived copy, as file:line:col: title <url>; it does not change the
// exit code.
//
// check -links fetches every source and archive URL and warns about the
// broken ones; when several hosts in a row fail at the network level (names
// that do not resolve, no route, a proxy down), it says once that the
// network seems unreachable and stops. The summary's time includes it.
//
// new writes content/cases/SLUG.md (or entities/, pages/) from the site's
// archetypes/KIND.md, or the built-in archetype: a draft whose values to
// fill in are <placeholders>, which check reports one by one (warnings in a
// draft, errors once draft: true is removed). An archetype may use
// {{ slug }}, {{ kind }} and {{ today }}. new refuses a slug the site uses
// anywhere (a case, an entity, a page, a case's alias).
//
// serve says "serving on ..." once it listens; an address another program
// holds is a usage error. version prints the release (kept in version.go)
// and the commit the binary was built from, when it carries one.
//
// A -site folder that does not exist or holds no content/ is a usage error.
// Exit codes: 0 success (warnings allowed), 1 content errors, 2 usage errors
// or a failure of the tool itself.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/content"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is one sub-command.
type command struct {
	name, args, help string
	run              func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "[-site DIR] [-out DIR] [-config FILE] [-base-url URL] [-drafts] [-git] [-stats]", "build the site into DIR/public", runBuild},
		{"check", "[-site DIR] [-config FILE] [-drafts] [-format text|json|github] [-links] [-archives]", "check the content without writing anything", runCheck},
		{"serve", "[-site DIR] [-config FILE] [-addr 127.0.0.1:1313] [-drafts] [-open]", "preview the site, rebuilding as you edit", runServe},
		{"new", newArgs, "write a new case, entity or page: a draft to fill in", runNew},
		{"version", "", "print the release and the commit it was built from", runVersion},
		{"help", "[command]", "show help", nil},
	}
}

// run is the whole CLI: it parses args and returns the exit code. It never
// panics at the user: a panic becomes an error message and exit code 2.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	stdout, stderr = termWriter{stdout}, termWriter{stderr}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "casebook: internal error: %v\nplease report this with the command you ran\n", r)
			code = exitUsage
		}
	}()
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && name == "help" {
			return run(ctx, []string{rest[0], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, rest, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "casebook: unknown command %q\n", name)
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "casebook builds a research website of documented cases from Markdown files.")
	fmt.Fprintln(w, "\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  casebook %-8s %-48s %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintln(w, "\nRun 'casebook help <command>' for a command's flags.")
}

// newFlags returns a flag set for a sub-command whose -h prints usage to
// stdout and whose errors go to stderr.
func newFlags(name, args, help string, stdout, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: casebook %s %s\n\n%s.\n\nFlags:\n", name, args, help)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; it returns ok=false with the exit code to use.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) (code int, ok bool) {
	usage := fs.Usage
	fs.Usage = func() {} // the flag package would print it to stderr on -h too
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK, false
	case err != nil:
		fs.Usage()
		return exitUsage, false
	case fs.NArg() > 0:
		fmt.Fprintf(fs.Output(), "casebook %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage, false
	}
	return 0, true
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "[-site DIR] [-out DIR] [-config FILE] [-base-url URL] [-drafts] [-git] [-stats]", "Build the site", stdout, stderr)
	siteDir := fs.String("site", ".", "the site `folder` (holding content/)")
	out := fs.String("out", "", "the output `folder` (default: SITE/public)")
	config := configFlag(fs)
	baseURL := fs.String("base-url", "", "the absolute `URL` the site is published at (overrides site.yaml and -config)")
	drafts := fs.Bool("drafts", false, "include drafts (cases, entities and pages marked draft: true)")
	git := fs.Bool("git", false, "date the pages and show each case's last commit from git, failing if git cannot tell (default: when the site is a full git checkout)")
	stats := fs.Bool("stats", false, "print the time and allocations of each stage, and counts, to stderr")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to `file` (go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile to `file` at the end of the build")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if !siteFolder("build", *siteDir, stderr) {
		return exitUsage
	}
	if *out == "" {
		*out = filepath.Join(*siteDir, "public")
	}
	if !checkConfig("build", *config, stderr) {
		return exitUsage
	}
	stop, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "casebook build: %v\n", err)
		return exitUsage
	}
	if *baseURL != "" {
		if why := content.CheckURL(*baseURL); why != "" {
			fmt.Fprintf(stderr, "casebook build: -base-url %q %s: give the absolute http or https address the site is published at\n", *baseURL, why)
			return exitUsage
		}
	}
	waiting := func() {
		fmt.Fprintf(stderr, "casebook build: another build is writing beside %s; waiting for it to finish (Ctrl-C to stop)\n", *out)
	}
	b := build.New(build.Options{SiteDir: *siteDir, Drafts: *drafts, Config: *config, BaseURL: *baseURL, Git: *git, Once: true, Waiting: waiting})
	res, err := b.WriteDir(ctx, *out)
	if perr := stop(); perr != nil && err == nil {
		err = perr
	}
	if *stats && res != nil {
		res.Stats.Format(stderr)
	}
	return report(res, err, "built", stdout, stderr)
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "[-site DIR] [-config FILE] [-drafts] [-format text|json|github] [-links] [-archives]", "Check the content without writing anything", stdout, stderr)
	siteDir := fs.String("site", ".", "the site `folder` (holding content/)")
	config := configFlag(fs)
	drafts := fs.Bool("drafts", false, "include drafts (cases, entities and pages marked draft: true)")
	format := fs.String("format", "text", "how to print problems: `text`, json (for editors) or github (pull-request annotations)")
	links := fs.Bool("links", false, "also fetch every source URL and archive URL and warn about broken ones")
	archives := fs.Bool("archives", false, "also list every source with a URL but no archived copy, as a worklist (not an error)")
	if code, ok := parseFlags(fs, args, stdout); !ok {
		return code
	}
	if !slices.Contains(formats, *format) {
		fmt.Fprintf(stderr, "casebook check: unknown -format %q: want text, json or github\n", *format)
		return exitUsage
	}
	if *archives && *format != "text" {
		fmt.Fprintln(stderr, "casebook check: -archives prints a text worklist: use it without -format")
		return exitUsage
	}
	if !siteFolder("check", *siteDir, stderr) {
		return exitUsage
	}
	if !checkConfig("check", *config, stderr) {
		return exitUsage
	}
	b := build.New(build.Options{SiteDir: *siteDir, Drafts: *drafts, Config: *config})
	res, err := b.Run(ctx, nil)
	if err == nil && *links && res.Site != nil {
		addLinks(ctx, res, stderr)
	}
	if *format != "text" {
		return reportAs(*format, res, err, stdout, stderr)
	}
	if err == nil && *archives && res.Site != nil {
		writeArchiveWorklist(stdout, res.Site)
	}
	return report(res, err, "checked", stdout, stderr)
}

// configFlag defines -config on a command's flags.
func configFlag(fs *flag.FlagSet) *string {
	return fs.String("config", "", "a YAML `file` of settings laid over content/site.yaml, such as production's base_url (a path from the current folder)")
}

// checkConfig reports a -config file that cannot be opened, a usage error;
// it returns whether the command may go on.
func checkConfig(cmd, config string, stderr io.Writer) bool {
	if config == "" {
		return true
	}
	st, err := os.Stat(config)
	switch {
	case errors.Is(err, os.ErrNotExist):
		fmt.Fprintf(stderr, "casebook %s: -config %q: no such file; give the path of a YAML file with the site.yaml fields to change, from the current folder\n", cmd, config)
		return false
	case err != nil:
		fmt.Fprintf(stderr, "casebook %s: -config %q: %v\n", cmd, config, errors.Unwrap(err))
		return false
	case st.IsDir():
		fmt.Fprintf(stderr, "casebook %s: -config %q is a folder; give the path of a YAML file\n", cmd, config)
		return false
	}
	return true
}

// report prints the diagnostics and the summary line and picks the exit code.
func report(res *build.Result, err error, verb string, stdout, stderr io.Writer) int {
	if res != nil {
		res.Diags.Format(stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "casebook: %v\n", err)
		return exitUsage
	}
	if !res.OK() {
		fmt.Fprintln(stderr, res.Summary(verb))
		return exitContent
	}
	for _, w := range res.Stats.HostWarnings() {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	fmt.Fprintln(stdout, res.Summary(verb))
	return exitOK
}
