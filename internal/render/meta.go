package render

// This file feeds templates/partials/meta.html, the metadata in the <head>
// of a page that citation managers, search engines and link previews read:
// Highwire Press citation_* tags (what Zotero and Google Scholar read),
// Open Graph, a Twitter card, and schema.org JSON-LD. Each gives the page's
// dates (site.PageDates), never the events'.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// citation computes the citation of the page's case or entity, once per
// page (an entity's is dated by the latest of its cases: thousands for a big
// provider); nil on other pages.
func (p *pageSpec) citation(s *site.Site) *Citation {
	switch {
	case p.Redirect != nil:
		return nil
	case p.Case != nil:
		return citationOf(s, p.Case)
	case p.Entity != nil:
		return citationOf(s, p.Entity)
	}
	return nil
}

// HighwireDate formats the citation's date (the page's last update) as
// Highwire Press tags want it: 2017/08/16, 2017/08 or 2017; "" when
// unknown.
func (c *Citation) HighwireDate() string { return strings.ReplaceAll(c.Date.String(), "-", "/") }

// HighwireOnlineDate formats the date the page first appeared as Highwire
// Press tags want it; "" when unknown.
func (c *Citation) HighwireOnlineDate() string {
	return strings.ReplaceAll(c.Published.String(), "-", "/")
}

// ld is a schema.org node of the page's JSON-LD; one type for every node
// keeps the data typed without a map.
type ld struct {
	Context       string   `json:"@context,omitempty"`
	Type          string   `json:"@type,omitempty"`
	ID            string   `json:"@id,omitempty"`
	Name          string   `json:"name,omitempty"`
	Headline      string   `json:"headline,omitempty"`
	URL           string   `json:"url,omitempty"`
	SameAs        []string `json:"sameAs,omitempty"`
	DatePublished string   `json:"datePublished,omitempty"`
	DateModified  string   `json:"dateModified,omitempty"`
	InLanguage    string   `json:"inLanguage,omitempty"`
	License       string   `json:"license,omitempty"`
	Author        []ld     `json:"author,omitempty"`
	Publisher     *ld      `json:"publisher,omitempty"`
	IsPartOf      *ld      `json:"isPartOf,omitempty"`
	About         []ld     `json:"about,omitempty"`
	Citation      []ld     `json:"citation,omitempty"`
}

// jsonLD returns the schema.org description of a case page (an Article) or
// an entity page (a WebPage about the entity), or "" on other pages. The
// JSON escapes <, > and & (encoding/json's default), so it cannot close
// the script element that holds it.
func (v *Page) jsonLD() (template.JS, error) {
	c := v.cite
	if c == nil {
		return "", nil
	}
	s := v.Site
	// Each thing once: the page by its url (no @id, no mainEntityOfPage
	// repeating it), no description (the meta description and Open Graph
	// give it), the publisher once with an @id that an author of the same
	// name refers to. Every value schema.org reads as an address is an
	// absolute URL: the licence is its address, or left out when the site
	// has none (a name would be read as a relative address).
	publisherID := s.BaseURL + "#publisher"
	node := ld{
		Context: "https://schema.org", URL: c.URL,
		InLanguage: c.Language, License: s.LicenseURL,
		Publisher: &ld{Type: "Organization", ID: publisherID, Name: c.Publisher, URL: s.BaseURL},
		IsPartOf:  &ld{Type: "WebSite", Name: c.Site, URL: s.BaseURL},
	}
	for _, n := range c.Authors {
		switch {
		case n.Literal != "" && n.Literal == c.Publisher:
			node.Author = append(node.Author, ld{ID: publisherID})
		case n.Literal != "":
			node.Author = append(node.Author, ld{Type: "Organization", Name: n.Literal})
		default:
			node.Author = append(node.Author, ld{Type: "Person", Name: n.Natural()})
		}
	}
	// The page's dates, as in every other format (site.PageDates); the
	// events' dates are in the body.
	node.DatePublished, node.DateModified = c.Published.String(), c.Date.String()
	if cs := v.spec.Case; cs != nil {
		node.Type, node.Headline = "Article", cs.Title
		for _, e := range caseEntities(cs) {
			node.About = append(node.About, ldEntity(s, e))
		}
		for _, src := range cs.Sources {
			node.Citation = append(node.Citation, ldSource(src))
		}
	} else {
		node.Type, node.Name = "WebPage", c.Title
		node.About = []ld{ldEntity(s, v.spec.Entity)}
	}
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(node); err != nil { // escapes <, > and &
		return "", fmt.Errorf("json-ld: %w", err)
	}
	out := strings.TrimSuffix(b.String(), "\n")
	if strings.Contains(out, "</") { // cannot happen; guards the script element
		return "", fmt.Errorf("json-ld: unescaped </")
	}
	return template.JS(out), nil
}

// caseEntities returns the targets, providers and people of a case, each
// once, in that order.
func caseEntities(c *site.Case) []*site.Entity {
	var out []*site.Entity
	seen := map[*site.Entity]bool{}
	for _, list := range [][]*site.Entity{c.Targets, c.Providers(), c.People} {
		for _, e := range list {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return out
}

// ldTypes maps entity kinds to schema.org types.
var ldTypes = map[string]string{
	"company": "Organization", "platform": "Organization", "organisation": "Organization",
	"government": "GovernmentOrganization", "person": "Person", "website": "WebSite",
}

// ldEntity describes an entity: its page, and as sameAs its Wikidata item
// and its website.
func ldEntity(s *site.Site, e *site.Entity) ld {
	n := ld{Type: cmp.Or(ldTypes[e.Kind], "Thing"), Name: e.Name, URL: absURL(s, e.URL())}
	if e.Wikidata != "" {
		n.SameAs = append(n.SameAs, "https://www.wikidata.org/wiki/"+e.Wikidata)
	}
	if e.Website != "" {
		n.SameAs = append(n.SameAs, e.Website)
	}
	return n
}

// ldSource describes a source of a case.
func ldSource(src *site.Source) ld {
	// Its title, address and date: the page's source list, and the
	// exports, give the rest (authors, publisher, language, archive).
	return ld{Type: "CreativeWork", Name: src.Title, URL: src.URL, DatePublished: src.Date.String()}
}

// commitURL returns the link to the last commit of a case, when site.yaml
// has a repo_url (GitHub, GitLab and Gitea all use /commit/HASH).
func commitURL(s *site.Site, c *site.Case) string {
	repo := s.Config.RepoURL
	if repo == "" || c.Commit.IsZero() {
		return ""
	}
	return strings.TrimSuffix(repo, "/") + "/commit/" + c.Commit.Hash
}

// editURL returns the link to edit a case's source file, when site.yaml has
// a repo_url.
func editURL(s *site.Site, c *site.Case) string {
	repo := s.Config.RepoURL
	if repo == "" {
		return ""
	}
	return strings.TrimSuffix(repo, "/") + "/blob/main/" + c.File
}

// archiveStamps find the capture date in the URL of an archived copy: the
// Wayback Machine's /web/20170816123456/ (4 to 14 digits, maybe followed by
// a flag such as "id_"), archive.today's /2017.08.16-123456/ and
// megalodon.jp's /ref/2017-0816-1234-56/. Each gives year, month and day
// (month and day may be empty).
var archiveStamps = []*regexp.Regexp{
	regexp.MustCompile(`/web/(\d{4})(\d{2})?(\d{2})?\d{0,6}[a-z_]*/`),
	regexp.MustCompile(`/(\d{4})\.(\d{2})\.(\d{2})-\d{6}/`),
	regexp.MustCompile(`/ref/(\d{4})-(\d{2})(\d{2})-\d{4}-\d{2}/`),
}

// versionDate returns the date of a source's archived copy for the Robust
// Links data-versiondate attribute: the capture date written in its URL,
// else the date the source was accessed, else "".
func versionDate(src *site.Source) string {
	for _, re := range archiveStamps {
		m := re.FindStringSubmatch(src.Archive)
		if m == nil {
			continue
		}
		d := m[1]
		if m[2] != "" {
			d += "-" + m[2]
			if m[3] != "" {
				d += "-" + m[3]
			}
		}
		if _, err := content.ParseDate(d); err == nil {
			return d
		}
	}
	return src.Accessed.String()
}
