package markdown

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
)

// checkHTML fails t when out is not safe, well-formed HTML (see
// htmlProblem).
func checkHTML(t testing.TB, out string) {
	t.Helper()
	if err := htmlProblem(out); err != nil {
		t.Errorf("unsafe or malformed HTML: %v\n%s", err, out)
	}
}

var (
	tagName   = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	attribute = regexp.MustCompile(`^ ([a-z][a-z-]*)(="[^"<>]*")?`)
)

// voidElements have no end tag.
var voidElements = map[string]bool{"br": true, "hr": true, "img": true, "input": true}

// htmlProblem scans the HTML our renderer writes, without a full HTML
// parser (golang.org/x/net/html is not a dependency): every '<' opens a
// well-formed tag, tags nest and close, there is no <script>, no event
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
		if (name == "href" || name == "src") && !safeScheme(value) {
			return fmt.Errorf("%s=%q", name, value)
		}
	}
	return nil
}

// safeScheme reports whether an attribute value is a URL with no scheme
// or an http, https or mailto one.
func safeScheme(value string) bool {
	u := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, html.UnescapeString(value))
	i := strings.IndexAny(u, ":/?#\\")
	if i < 0 || u[i] != ':' {
		return true
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
	} {
		if err := htmlProblem(tc.html); (err == nil) != tc.ok {
			t.Errorf("htmlProblem(%q) = %v; want ok=%v", tc.html, err, tc.ok)
		}
	}
}
