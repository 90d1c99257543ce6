package markdown

import (
	"fmt"
	"testing"
)

// TestQuotes checks which quotations are found, where, and whether each is
// cited in its sentence.
func TestQuotes(t *testing.T) {
	for _, tt := range []struct {
		body string
		want string // each quotation as line:col text cited
	}{
		{`He said "we will not drop them" [@a].`, `1:9 we will not drop them true`},
		{`He said "we will not drop them". Later [@a].`, `1:9 we will not drop them false`},
		{`He said "we will not drop them". Later, "a short one" [@a].`, `1:9 we will not drop them false`},
		{"A title, \"Why We Terminated Daily\nStormer\", was published [@a].", `1:10 Why We Terminated Daily Stormer true`},
		{`At 6:44 p.m. PDT she wrote "it is time to act now", as reported [@a].`, `1:28 it is time to act now true`},
		{`It was “a notorious hate site” per BuzzFeed.`, `1:8 a notorious hate site false`},
		{`Le site était « un forum de harcèlement connu » [@a].`, `1:16 un forum de harcèlement connu true`},
		{`Prince's post 'Cloudflare's abuse policies & approach' came first.`, `1:15 Cloudflare's abuse policies & approach false`},
		{"Code: `\"not a quote at all here\"` is code.", ``},
		{`Only "three words here" quoted.`, ``},
		{"## A \"quoted heading of many words\"\n\nText.", ``},
		{"| a |\n|---|\n| \"a quote in a table cell\" |", ``},
		{`It's the sites' owners' choice to "drop them all at once and for good" [see @a, p. 3].`, `1:35 drop them all at once and … true`},
	} {
		d := New().Parse("f.md", []byte(tt.body), "en")
		got := ""
		for _, q := range d.Quotes {
			got += fmt.Sprintf("%d:%d %s %v", q.Pos.Line, q.Pos.Col, q.Text, q.Cited)
		}
		if got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.body, got, tt.want)
		}
	}
}
