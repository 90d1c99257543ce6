package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// axeViolation is one failed axe-core rule on a page.
type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"` // minor, moderate, serious or critical
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

// axeNode is one element that fails a rule.
type axeNode struct {
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

// axeRunJS runs axe-core on the document and keeps what a report needs.
const axeRunJS = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ""})),
})))`

// TestAccessibility runs axe-core on each page type in light and dark mode.
// A violation of impact serious or critical fails the test; the others are
// printed with t.Log.
func TestAccessibility(t *testing.T) {
	needModules(t)
	tb := newTab(t)
	src, err := os.ReadFile(filepath.Join(the.modules, "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	inject := string(src) + "\n;0"
	for _, p := range pageTypes(t) {
		if p.status != 200 {
			tb.expect(p.path, p.status)
		}
		for _, scheme := range []string{"light", "dark"} {
			tb.scheme(scheme)
			tb.open(p.path)
			eval[int](tb, inject)
			vs := eval[[]axeViolation](tb, axeRunJS)
			for _, v := range vs {
				msg := fmt.Sprintf("%s (/%s, %s): %s [%s] %s: %s\n%s", p.name, p.path, scheme, v.Impact, v.ID, v.Help, v.HelpURL, axeNodes(v.Nodes))
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
		}
	}
}

// axeNodes lists the failing elements of a violation, at most five.
func axeNodes(nodes []axeNode) string {
	var b strings.Builder
	for i, n := range nodes {
		if i == 5 {
			fmt.Fprintf(&b, "    ... and %d more\n", len(nodes)-i)
			break
		}
		html := n.HTML
		if len(html) > 160 {
			html = html[:160] + "…"
		}
		fmt.Fprintf(&b, "    %s: %s\n      %s\n", strings.Join(n.Target, " "), html,
			strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", "\n      "))
	}
	return b.String()
}
