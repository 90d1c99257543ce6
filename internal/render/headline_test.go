package render

import "testing"

// TestHeadline checks headline style against strings citeproc-js 2.4.63
// wrote for the same titles in the official MLA 9 style (testdata/csl),
// each exercising a rule of the styles or of that processor.
func TestHeadline(t *testing.T) {
	for _, tt := range []struct{ in, want, rule string }{
		{"Cloudflare terminates The Daily Stormer", "Cloudflare Terminates The Daily Stormer", "principal words get a capital; a capital already there stays"},
		{"Gab, GoDaddy and others drop Gab after the Pittsburgh synagogue shooting", "Gab, GoDaddy and Others Drop Gab after the Pittsburgh Synagogue Shooting", "prepositions (after), articles and conjunctions stay lower case"},
		{"what to do about it", "What to Do about It", "the first word always; 'to' and 'about' lower case"},
		{"over and out", "Over and Out", "the first and the last word, even a small one"},
		{"the site's owners: a new-found plan for the end", "The Site's Owners: A New-Found Plan for the End", "after a colon a capital; each part of a compound"},
		{"a state-of-the-art ban on e-mail", "A State-of-the-Art Ban on e-Mail", "small words inside a compound stay lower case; a one-letter word too"},
		{"far-right sites and pro-ISIS accounts", "Far-Right Sites and pro-ISIS Accounts", "a small word before a hyphen after the first piece stays lower case (citeproc-js)"},
		{"press Cloudflare over pro-ISIS websites", "Press Cloudflare over Pro-ISIS Websites", "in the piece before the first mark, the word before a hyphen gets a capital (citeproc-js)"},
		{"AltRight.com and example.org go down", "AltRight.Com and Example.Org Go Down", "a period cuts a word (citeproc-js)"},
		{"x.com vs. y.com", "X.Com vs. y.Com", "one letter keeps its case but first; 'vs.' stays lower case"},
		{"8chan's end as of today", "8chan's End as of Today", "a word starting with a digit keeps its case"},
		{"iPhone apps and DDoS-Guard's view on it", "iPhone Apps and DDoS-Guard's View on It", "a word with a capital stays as written, the first one too"},
	} {
		if got := headline(tt.in); got != tt.want {
			t.Errorf("headline(%q) = %q; want %q (%s)", tt.in, got, tt.want, tt.rule)
		}
	}
}
