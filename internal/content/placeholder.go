package content

// This file is about placeholders, the values casebook new writes for the
// author to replace ("<Headline>"), and drafts, which may hold them.

import (
	"strings"

	"github.com/casebook/casebook/internal/diag"
	"gopkg.in/yaml.v3"
)

// PlaceholderDiag reports a placeholder left in a file, text in angle
// brackets that casebook new wrote for the author to replace, at pos, in
// field (a front matter field, or "" for the body). In a draft it is a
// warning: a build leaves the draft out, and check lists what is left to
// fill in. In a file to publish it is an error: the site would show it as
// it is.
func PlaceholderDiag(pos diag.Pos, field, text string, draft bool) diag.Diagnostic {
	if r := []rune(text); len(r) > 60 {
		text = string(r[:59]) + "…"
	}
	where := field
	if field == "" {
		where = "the body"
	}
	if !draft {
		return diag.Errorf(pos, "%s still holds the placeholder %q", where, text).
			WithHint("replace it with the real value, or mark the file draft: true until it is filled in")
	}
	d := diag.Warnf(pos, "%s still holds the placeholder %q", where, text)
	if field == "" {
		return d.WithHint("replace it before you remove draft: true")
	}
	return d.WithHint("replace it before you remove draft: true; until then even -drafts leaves the draft out")
}

// placeholders counts the values of the front matter root that are
// placeholders: a file's metadata lacks them (File.Placeholders).
func placeholders(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	if n.Kind == yaml.ScalarNode {
		if placeholder.MatchString(strings.TrimSpace(n.Value)) {
			return 1
		}
		return 0
	}
	count := 0
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			continue // a key
		}
		count += placeholders(c)
	}
	return count
}

// draftOf reports whether the front matter root says draft: true. The
// decoder reads it before the other fields, which may come first.
func draftOf(root *yaml.Node) bool {
	if root == nil || root.Kind != yaml.MappingNode {
		return false
	}
	v := valueOf(root, "draft")
	return v != nil && v.Kind == yaml.ScalarNode && v.Tag == "!!bool" && v.Value == "true"
}
