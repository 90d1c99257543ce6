package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// hvResult is html-validate's JSON report for one file.
type hvResult struct {
	FilePath string `json:"filePath"`
	Messages []struct {
		RuleID   string `json:"ruleId"`
		Severity int    `json:"severity"` // 1 warning, 2 error
		Message  string `json:"message"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Selector string `json:"selector"`
	} `json:"messages"`
}

// htmlValidate runs the pinned html-validate with the repository's
// .htmlvalidate.json on args and returns its JSON report.
func htmlValidate(t *testing.T, stdin string, args ...string) []hvResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	config, err := filepath.Abs(filepath.Join(repoRoot, ".htmlvalidate.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The report goes to a file: node may cut a large report short on a pipe
	// when html-validate exits.
	report := filepath.Join(t.TempDir(), "report.json")
	bin := filepath.Join(the.modules, ".bin", "html-validate")
	cmd := exec.CommandContext(ctx, bin, append([]string{"--config", config, "--formatter", "json=" + report}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("html-validate: %v\n%s", err, stderr.String())
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("html-validate wrote no report: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	var results []hvResult
	if err := json.Unmarshal(data, &results); err != nil {
		t.Fatalf("html-validate printed no JSON report (%v):\n%s\n%s", err, stdout.String(), stderr.String())
	}
	return results
}

// TestHTMLConformance validates every generated HTML page of the real site
// with html-validate: any error fails, warnings are printed.
func TestHTMLConformance(t *testing.T) {
	needModules(t)
	var files []string
	err := filepath.WalkDir(the.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < len(the.site.Cases)+len(the.site.Entities) {
		t.Fatalf("found %d HTML files; want at least one per case and entity", len(files))
	}
	errs, perRule := 0, map[string]int{}
	for _, r := range htmlValidate(t, "", files...) {
		name, _ := filepath.Rel(the.dir, r.FilePath)
		for _, m := range r.Messages {
			line := fmt.Sprintf("%s:%d:%d: %s [%s] at %s", name, m.Line, m.Column, m.Message, m.RuleID, m.Selector)
			if m.Severity < 2 {
				t.Log("warning: " + line)
				continue
			}
			errs++
			if perRule[m.RuleID]++; perRule[m.RuleID] <= 10 {
				t.Error(line)
			}
		}
	}
	for _, rule := range slices.Sorted(maps.Keys(perRule)) {
		if n := perRule[rule]; n > 10 {
			t.Errorf("... %d errors of rule %s in all", n, rule)
		}
	}
	t.Logf("html-validate checked %d pages: %d errors", len(files), errs)
}

// TestHTMLValidateCatches guards the check above: the same command and
// configuration report a real error, so a silent validator cannot pass.
func TestHTMLValidateCatches(t *testing.T) {
	needModules(t)
	page := `<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><p><div>block in p</div></p><a href="x" id="a"></a><b id="a">b</b></main></body></html>`
	results := htmlValidate(t, page, "--stdin", "--stdin-filename", "bad.html")
	var rules []string
	for _, r := range results {
		for _, m := range r.Messages {
			if m.Severity >= 2 {
				rules = append(rules, m.RuleID)
			}
		}
	}
	if len(rules) == 0 {
		t.Fatalf("html-validate found no error in a broken page")
	}
	t.Logf("rules reported on the broken page: %v", rules)
}
