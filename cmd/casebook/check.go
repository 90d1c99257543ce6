package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/build"
	"github.com/casebook/casebook/internal/diag"
	"github.com/casebook/casebook/internal/linkcheck"
	"github.com/casebook/casebook/internal/site"
)

// formats are the values of check -format.
var formats = []string{"text", "json", "github"}

// checkLinks fetches every source and archive URL of the site. The error
// is a *linkcheck.UnreachableError when the network seemed unreachable.
func checkLinks(ctx context.Context, s *site.Site) (diag.List, error) {
	var targets []linkcheck.Target
	for _, c := range s.Cases {
		for _, src := range c.Sources {
			if src.URL != "" {
				targets = append(targets, linkcheck.Target{URL: src.URL, Pos: src.Pos(), What: "url"})
			}
			if src.Archive != "" {
				targets = append(targets, linkcheck.Target{URL: src.Archive, Pos: src.Pos(), What: "archive"})
			}
		}
	}
	return linkcheck.Checker{}.Check(ctx, targets)
}

// jsonDiag is one problem in check -format json. Line and col are left
// out when zero: a problem with the whole file (too large, not UTF-8 at
// all, a bad name) has neither, one with a whole line no col.
type jsonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// reportAs prints the problems as JSON (an array, on stdout) or as GitHub
// Actions annotations (on stdout), and picks the exit code like report.
func reportAs(format string, res *build.Result, err error, stdout, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintf(stderr, "casebook: %v\n", err)
		return exitUsage
	}
	switch format {
	case "json":
		out := []jsonDiag{}
		for _, d := range res.Diags {
			out = append(out, jsonDiag{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Msg, d.Hint})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	case "github":
		for _, d := range res.Diags {
			msg := d.Msg
			if d.Hint != "" {
				msg += " (hint: " + d.Hint + ")"
			}
			fmt.Fprintf(stdout, "::%s %s::%s\n", d.Severity, ghPlace(d.Pos), ghData(msg))
		}
	}
	if !res.OK() {
		fmt.Fprintln(stderr, res.Summary("checked"))
		return exitContent
	}
	return exitOK
}

// ghPlace is the place of an annotation: file, line and col, leaving out
// those that are zero (GitHub annotates the whole file without a line).
func ghPlace(p diag.Pos) string {
	s := "file=" + ghProperty(p.File)
	if p.Line > 0 {
		s += ",line=" + strconv.Itoa(p.Line)
		if p.Col > 0 {
			s += ",col=" + strconv.Itoa(p.Col)
		}
	}
	return s
}

// ghData escapes a GitHub Actions workflow-command message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow-command property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
