package markdown

import (
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// checkHTML fails t when out is not safe, well-formed HTML (see
// htmlProblem and tokenProblem).
func checkHTML(t testing.TB, out string) {
	t.Helper()
	if err := htmlProblem(out); err != nil {
		t.Errorf("unsafe or malformed HTML: %v\n%s", err, out)
	}
	if err := tokenProblem(out); err != nil {
		t.Errorf("unsafe HTML for an HTML5 tokenizer: %v\n%s", err, out)
	}
}

// tokenProblem reads s with a real HTML5 tokenizer, which decodes
// attributes as a browser does, and reports active content: elements that
// run code or embed documents, event handlers, style attributes, and href or
// src URLs with a scheme other than http, https or mailto.
func tokenProblem(s string) error {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			if z.Err() == io.EOF {
				return nil
			}
			return z.Err()
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			switch tok.DataAtom {
			case atom.Script, atom.Style, atom.Iframe, atom.Object, atom.Embed, atom.Form, atom.Base, atom.Meta, atom.Link:
				return fmt.Errorf("<%s>", tok.Data)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "srcdoc" || a.Key == "formaction" {
					return fmt.Errorf("<%s %s>", tok.Data, a.Key)
				}
				if (a.Key == "href" || a.Key == "src") && !safeScheme(a.Val) {
					return fmt.Errorf("<%s %s=%q>", tok.Data, a.Key, a.Val)
				}
			}
		}
	}
}

var (
	tagName   = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	attribute = regexp.MustCompile(`^ ([a-z][a-z-]*)(="[^"<>]*")?`)
	// validScheme is the syntax of a URL scheme (WHATWG URL standard).
	validScheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*$`)
)

// voidElements have no end tag.
var voidElements = map[string]bool{"br": true, "hr": true, "img": true, "input": true}

// htmlProblem scans the HTML our renderer writes for structure: every '<' opens a
// well-formed tag, tags nest and close, links do not nest, there is no <script>, no event
// handler attribute, and no href or src with a scheme other than http,
// https or mailto once white space, control characters and character
// references are removed as a browser would.
func htmlProblem(s string) error {
	var open []string
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			return fmt.Errorf("unterminated tag at %d: %.40q", i, s[i:])
		}
		tag := s[i+1 : i+end]
		i += end + 1
		if name, ok := strings.CutPrefix(tag, "/"); ok {
			if len(open) == 0 || open[len(open)-1] != name {
				return fmt.Errorf("</%s> closes %q at %d", name, open, i)
			}
			open = open[:len(open)-1]
			continue
		}
		name, attrs, _ := strings.Cut(tag, " ")
		if !tagName.MatchString(name) {
			return fmt.Errorf("bad tag %.40q at %d", tag, i)
		}
		if name == "script" || name == "style" || name == "iframe" {
			return fmt.Errorf("<%s> at %d", name, i)
		}
		if attrs != "" {
			if err := checkAttrs(" " + attrs); err != nil {
				return fmt.Errorf("<%s> at %d: %w", name, i, err)
			}
		}
		if name == "a" && slices.Contains(open, "a") {
			return fmt.Errorf("<a> in <a> at %d", i)
		}
		if !voidElements[name] {
			open = append(open, name)
		}
	}
	if len(open) > 0 {
		return fmt.Errorf("unclosed %q", open)
	}
	return nil
}

func checkAttrs(attrs string) error {
	for attrs != "" {
		m := attribute.FindStringSubmatch(attrs)
		if m == nil {
			return fmt.Errorf("bad attributes %.40q", attrs)
		}
		attrs = attrs[len(m[0]):]
		name, value := m[1], strings.TrimSuffix(strings.TrimPrefix(m[2], `="`), `"`)
		if strings.HasPrefix(name, "on") || name == "style" || name == "srcdoc" {
			return fmt.Errorf("attribute %s", name)
		}
		if (name == "href" || name == "src") && !safeScheme(html.UnescapeString(value)) {
			return fmt.Errorf("%s=%q", name, value)
		}
	}
	return nil
}

// safeScheme reports whether a (decoded) attribute value is a URL with no
// scheme or an http, https or mailto one, as a browser reads it.
func safeScheme(value string) bool {
	u := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, value)
	i := strings.IndexAny(u, ":/?#")
	if i < 0 || u[i] != ':' || !validScheme.MatchString(u[:i]) {
		return true // a browser sees a relative URL
	}
	switch strings.ToLower(u[:i]) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

func TestHTMLProblem(t *testing.T) {
	for _, tc := range []struct {
		html string
		ok   bool
	}{
		{`<p>a <a href="https://x.org" rel="nofollow noreferrer">b</a><br></p>`, true},
		{`<p>&lt;script&gt;</p>`, true},
		{`<p>a</p></p>`, false},
		{`<p><em>a</p></em>`, false},
		{`<script>x</script>`, false},
		{`<a href="javascript:x">a</a>`, false},
		{`<a href="java&#x09;script:x">a</a>`, false},
		{`<img src=" data:image/png,x">`, false},
		{`<a onclick="x">a</a>`, false},
		{`<p>a < b</p>`, false},
		{`<p>`, false},
		{`<a href="#x"><sup><a href="#y">1</a></sup></a>`, false},
	} {
		if err := htmlProblem(tc.html); (err == nil) != tc.ok {
			t.Errorf("htmlProblem(%q) = %v; want ok=%v", tc.html, err, tc.ok)
		}
	}
	for _, tc := range []struct {
		html string
		ok   bool
	}{
		{`<p><a href="https://x.org/?a=1&amp;b=2">b</a> <img src="x.png" alt="&lt;script&gt;"></p>`, true},
		{`<a href="&amp;#106;avascript:x">a</a>`, true}, // the browser reads "&#106;avascript:x", a relative URL
		{`<a href="&#106;avascript:x">a</a>`, false},
		{`<a href="java&#x09;script:x">a</a>`, false},
		{`<img src="data:image/png,x">`, false},
		{`<p onmouseover="x">a</p>`, false},
		{`<svg><script>x</script></svg>`, false},
		{`<iframe src="https://x.org"></iframe>`, false},
	} {
		if err := tokenProblem(tc.html); (err == nil) != tc.ok {
			t.Errorf("tokenProblem(%q) = %v; want ok=%v", tc.html, err, tc.ok)
		}
	}
}
