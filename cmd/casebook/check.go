package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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

// jsonDiag is one problem in check -format json.
type jsonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
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
			fmt.Fprintf(stdout, "::%s file=%s,line=%d,col=%d::%s\n", d.Severity, ghProperty(d.Pos.File), d.Pos.Line, d.Pos.Col, ghData(msg))
		}
	}
	if !res.OK() {
		fmt.Fprintln(stderr, res.Summary("checked"))
		return exitContent
	}
	return exitOK
}

// ghData escapes a GitHub Actions workflow-command message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow-command property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
