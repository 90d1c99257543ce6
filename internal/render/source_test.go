package render_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestNoMarkupInGo guards "templates are the only source of page HTML" at
// the source: no non-test Go file of this package writes a tag in a string
// literal, imports package html (a hand-made escaper), or turns a string
// into a trusted html/template type, but for the few places listed here,
// each of which holds what html/template, goldmark or encoding/json wrote,
// or a constant of ours.
func TestNoMarkupInGo(t *testing.T) {
	tag := regexp.MustCompile(`<[A-Za-z/!]`)
	allowedLiterals := map[string]bool{
		`"</feed>\n"`:             true, // data.go: the end of encoding/xml's feed, cut off to stream its entries
		`"</"`:                    true, // meta.go: the JSON-LD guard looks for it
		`"json-ld: unescaped </"`: true,
	}
	trusted := map[string]bool{"HTML": true, "HTMLAttr": true, "JS": true, "JSStr": true, "CSS": true, "URL": true, "Srcset": true}
	allowedConversions := map[string]bool{
		"render":    true, // fragments.render: a template's output
		"Body":      true, // Page.Body: goldmark's output
		"jsonLD":    true, // encoding/json's output, checked for "</"
		"newLayout": true, // the CSP attribute, a constant
		"dataURL":   true, // a data: URL percent-encoded by net/url (cite.go)
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "html" {
				t.Errorf("%s imports package html: escaping is html/template's", fset.Position(imp.Pos()))
			}
		}
		for _, d := range f.Decls {
			fn, _ := d.(*ast.FuncDecl)
			ast.Inspect(d, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.BasicLit:
					if n.Kind == token.STRING && tag.MatchString(n.Value) && !allowedLiterals[n.Value] {
						t.Errorf("%s: markup in Go: %s", fset.Position(n.Pos()), n.Value)
					}
				case *ast.CallExpr:
					sel, ok := n.Fun.(*ast.SelectorExpr)
					if !ok || !trusted[sel.Sel.Name] {
						return true
					}
					if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "template" {
						return true
					}
					if fn == nil || !allowedConversions[fn.Name.Name] {
						t.Errorf("%s: a value made trusted (template.%s) outside the allowed places", fset.Position(n.Pos()), sel.Sel.Name)
					}
				}
				return true
			})
		}
	}
}
