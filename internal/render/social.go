package render

// This file makes the site's social card: the image that link previews in
// chat and social apps show for every page (og:image). A site that has its
// own static/social.png uses it; otherwise the build draws one, 1200×630
// pixels, with the site's title in the Go font on the theme's colours. The
// drawing depends only on the title, so the file is the same on every
// build.

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/casebook/casebook/internal/site"
)

// socialName is the social card's name below static/; a site overrides it
// with its own file of that name.
const socialName = "social.png"

// The drawn card's size: the 1.91:1 that Open Graph readers expect.
const (
	socialWidth  = 1200
	socialHeight = 630
)

// SocialImage is the social card as the head describes it.
type SocialImage struct {
	URL           string // absolute
	Alt           string
	Width, Height int
}

// socialImage returns the card of s: the site's own static/social.png,
// with its size, or the drawn one; and whether it must be drawn.
func (r *Renderer) socialImage(s *site.Site) (*SocialImage, bool) {
	img := &SocialImage{URL: absURL(s, s.BasePath+"static/"+socialName), Alt: s.Config.Title, Width: socialWidth, Height: socialHeight}
	for _, a := range r.assets {
		if a.src == socialName {
			if cfg, err := png.DecodeConfig(bytes.NewReader(a.data)); err == nil {
				img.Width, img.Height = cfg.Width, cfg.Height
			}
			return img, false
		}
	}
	return img, true
}

// Colours of the default theme (static/style.css, light).
var (
	socialBackground = color.RGBA{0xfd, 0xfd, 0xfb, 0xff} // --bg
	socialText       = color.RGBA{0x1f, 0x3a, 0x5f, 0xff} // --accent
	socialRule       = color.RGBA{0x1a, 0x4f, 0x8b, 0xff} // --link
)

// drawSocial draws the card of a site titled title: the title in bold,
// broken into lines that fit, above a rule.
func drawSocial(title string) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, socialWidth, socialHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(socialBackground), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(80, 470, 380, 482), image.NewUniform(socialRule), image.Point{}, draw.Src)
	f, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	const margin, maxWidth = 80, socialWidth - 2*80
	size := 72.0
	var lines []string
	var face font.Face
	for ; size >= 36; size -= 6 { // the largest size at which the title fits in three lines
		face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil, err
		}
		lines = wrapText(face, strings.Fields(title), maxWidth)
		if len(lines) <= 3 {
			break
		}
	}
	d := &font.Drawer{Dst: img, Src: image.NewUniform(socialText), Face: face}
	lineHeight := face.Metrics().Height.Ceil() * 6 / 5
	y := 430 - lineHeight*(len(lines)-1)
	for _, l := range lines {
		d.Dot = fixed.P(margin, y)
		d.DrawString(l)
		y += lineHeight
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// wrapText breaks words into lines no wider than max pixels in face (a
// word wider than that has a line of its own).
func wrapText(face font.Face, words []string, max int) []string {
	var lines []string
	for _, w := range words {
		if n := len(lines); n > 0 && font.MeasureString(face, lines[n-1]+" "+w).Ceil() <= max {
			lines[n-1] += " " + w
			continue
		}
		lines = append(lines, w)
	}
	return lines
}
