package render

import (
	"bytes"
	"fmt"
)

// CSP is the Content Security Policy of every page: everything from the
// site itself, no inline script or style, no plugins. Pages carry it in a
// meta tag; the dev server and the _headers file send it as a header.
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"

// SecurityHeaders are the response headers a host should send with every
// file of the site (the dev server sends them too).
var SecurityHeaders = [][2]string{
	{"Content-Security-Policy", CSP + "; frame-ancestors 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
}

// immutable is the Cache-Control of a file whose name carries a hash of
// its content: a new content is a new name, so it may be kept for a year.
const immutable = "public, max-age=31536000, immutable"

// headersJob writes _headers, read by static hosts such as Netlify and
// Cloudflare Pages: the security headers for every file, and a year's
// caching for each content-hashed asset. HSTS is left to the host's TLS
// settings (docs/security.md).
func (r *Renderer) headersJob(basePath string) job {
	return job{name: "_headers", fn: func(b *bytes.Buffer, _ *pass) error {
		fmt.Fprintf(b, "%s*\n", basePath)
		for _, h := range SecurityHeaders {
			fmt.Fprintf(b, "  %s: %s\n", h[0], h[1])
		}
		for _, a := range r.assets {
			if a.hashed {
				fmt.Fprintf(b, "%s%s\n  Cache-Control: %s\n", basePath, a.out, immutable)
			}
		}
		return nil
	}}
}
