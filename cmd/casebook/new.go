package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/casebook/casebook/internal/archetype"
	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

const newArgs = "case|entity|page SLUG [-site DIR]"

// runNew writes a new content file from its archetype (the site's
// archetypes/KIND.md, or the built-in one): a draft whose placeholders
// check lists until they are filled in. It refuses a site folder that does
// not exist, a bad slug, and a slug the site already uses anywhere (a
// case, an entity, a page, or a case's former slug).
func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", newArgs, "Write a new case, entity or page: a draft with a <placeholder> for each value to fill in, from the site's archetypes/KIND.md or the built-in one", stdout, stderr)
	siteDir := fs.String("site", ".", "the site `folder` (holding content/)")
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK
	}
	if len(args) < 2 {
		fmt.Fprintln(stderr, "casebook new: want a kind (case, entity or page) and a slug")
		fs.Usage()
		return exitUsage
	}
	name, slug := args[0], args[1]
	if code, ok := parseFlags(fs, args[2:], stdout); !ok {
		return code
	}
	kind, ok := map[string]content.Kind{"case": content.KindCase, "entity": content.KindEntity, "page": content.KindPage}[name]
	if !ok {
		fmt.Fprintf(stderr, "casebook new: unknown kind %q: want case, entity or page\n", name)
		return exitUsage
	}
	if !newSlugOK(kind, slug, stderr) || !siteFolder("new", *siteDir, stderr) || !slugFree(*siteDir, slug, stderr) {
		return exitUsage
	}
	text, diags := archetype.Make(os.DirFS(*siteDir), kind, slug, time.Now())
	if diags.HasErrors() {
		diags.Format(stderr)
		fmt.Fprintf(stderr, "casebook new: %s makes no valid %s: nothing written\n", archetype.Path(kind), kind)
		return exitContent
	}
	p := filepath.Join(*siteDir, filepath.FromSlash(content.Dir(kind)), slug+".md")
	if err := write(p, text); err != nil {
		if errors.Is(err, os.ErrExist) {
			fmt.Fprintf(stderr, "casebook new: %s already exists\n", p)
		} else {
			fmt.Fprintf(stderr, "casebook new: %v\n", err)
		}
		return exitUsage
	}
	fmt.Fprintln(stdout, p)
	fmt.Fprintf(stderr, "a draft: fill in its <placeholders> (casebook check lists them), then remove draft: true to publish it\n")
	return exitOK
}

// newSlugOK checks the slug of a new file of kind k.
func newSlugOK(k content.Kind, slug string, stderr io.Writer) bool {
	switch {
	case len(slug) > content.MaxSlugLen:
		fmt.Fprintf(stderr, "casebook new: slug is %d characters, over the limit of %d\n", len(slug), content.MaxSlugLen)
	case !content.SlugPattern.MatchString(slug):
		fmt.Fprintf(stderr, "casebook new: bad slug %q: use lowercase a-z, 0-9 and '-' (e.g. %q)\n", slug, content.SlugFor(slug))
	case k == content.KindPage && slices.Contains(site.ReservedSlugs, slug):
		fmt.Fprintf(stderr, "casebook new: page slug %q is reserved\n    hint: the site uses /%s/ itself; choose another slug\n", slug, slug)
	default:
		return true
	}
	return false
}

// slugFree checks that the site uses slug nowhere: cases, entities and
// pages share one namespace of slugs (a [[slug]] link names any of them),
// and a case's former slugs (aliases) redirect to it.
func slugFree(siteDir, slug string, stderr io.Writer) bool {
	const hint = "    hint: cases, entities and pages share one namespace of slugs, and a case's aliases are slugs too: choose another\n"
	for _, k := range []content.Kind{content.KindCase, content.KindEntity, content.KindPage} {
		p := filepath.Join(siteDir, filepath.FromSlash(content.Dir(k)), slug+".md")
		if _, err := os.Lstat(p); err == nil {
			fmt.Fprintf(stderr, "casebook new: the slug %q is taken by the %s %s\n%s", slug, k, p, hint)
			return false
		}
	}
	files, _, _ := content.Load(os.DirFS(siteDir)) // the site's own problems are check's to report
	for _, f := range files {
		if f.Case == nil {
			continue
		}
		for _, a := range f.Case.Aliases {
			if a.Value == slug {
				fmt.Fprintf(stderr, "casebook new: the slug %q is a former slug of the case %s, at %s\n%s", slug, f.Path, a.Pos, hint)
				return false
			}
		}
	}
	return true
}

// write creates the file at p with text, and its folder if needed (the
// site folder exists); it never replaces a file.
func write(p string, text []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(text)
	return errors.Join(err, f.Close())
}
