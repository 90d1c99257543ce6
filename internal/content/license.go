package content

import "strings"

// License is a licence the site knows the address of: the one table of
// licences. site.yaml's license text names one of them when it is written
// as its Name, in any case and with any spacing (see LicenseURL).
type License struct {
	Name string // as the Creative Commons deeds write it: "CC BY-SA 4.0"
	URL  string // the licence's deed: https://creativecommons.org/licenses/by-sa/4.0/
}

// Licenses are the Creative Commons licences: the public-domain dedication
// and the six 4.0 licences.
var Licenses = []License{
	{"CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"},
	{"CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"},
	{"CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"},
	{"CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"},
	{"CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"},
	{"CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/"},
	{"CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"},
}

// LicenseURL returns the address of the licence named by text, or "" when
// it names none of Licenses. The match ignores case, and treats spaces,
// hyphens and underscores alike: "CC BY 4.0", "cc-by-4.0" and "CC  BY 4.0"
// are one licence, "CC-BY-NC-SA 4.0" another. A trailing "International" or
// "Universal" (the licences' full titles end with them: "CC BY 4.0
// International", "CC0 1.0 Universal") is allowed, and so is CC0 without
// its version, since it has one only.
func LicenseURL(text string) string {
	key := licenseKey(text)
	for _, l := range Licenses {
		if licenseKey(l.Name) == key {
			return l.URL
		}
	}
	return ""
}

// licenseKey is text lowercased, its words (split at spaces, hyphens and
// underscores) joined by one space, without a final "international" or
// "universal", and "cc0 1.0" for "cc0".
func licenseKey(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return r == '-' || r == '_' || r == ' ' || r == '\t'
	})
	if n := len(words); n > 0 && (words[n-1] == "international" || words[n-1] == "universal") {
		words = words[:n-1]
	}
	key := strings.Join(words, " ")
	if key == "cc0" {
		key = "cc0 1.0"
	}
	return key
}
