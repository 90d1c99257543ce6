package render_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/internal/sitetest"
)

// TestSocialImage checks the social card: a 1200×630 PNG drawn at build
// time with the site's title (not a blank), the same bytes on every build,
// and described on every page by og:image with its absolute URL, type,
// size and alternative text.
func TestSocialImage(t *testing.T) {
	_, files := buildSite(t, "")
	_, again := buildSite(t, "")
	data := file(t, files, "static/social.png")
	if !bytes.Equal(data, again["static/social.png"]) {
		t.Error("two builds draw different cards")
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 630 {
		t.Errorf("the card is %v; want 1200×630", b)
	}
	bg := img.At(5, 5)
	inked := 0
	for y := 300; y < 450; y++ {
		for x := 80; x < 1120; x++ {
			if img.At(x, y) != bg {
				inked++
			}
		}
	}
	if inked < 2000 {
		t.Errorf("only %d pixels of the title line differ from the background: no title drawn?", inked)
	}
	for _, name := range []string{"index.html", "cases/ds-2017/index.html", "entities/cloudflare/index.html", "timeline/index.html"} {
		page := string(file(t, files, name))
		for _, want := range []string{
			`<meta property="og:image" content="https://example.org/sub/static/social.png">`,
			`<meta property="og:image:type" content="image/png">`,
			`<meta property="og:image:width" content="1200">`,
			`<meta property="og:image:height" content="630">`,
			`<meta property="og:image:alt" content="Test Casebook">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	}
}

// TestSocialImageOverride checks that a site's own static/social.png is
// used, with its own size, and no card is drawn over it.
func TestSocialImageOverride(t *testing.T) {
	own := image.NewRGBA(image.Rect(0, 0, 600, 315))
	own.Set(1, 1, color.RGBA{255, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, own); err != nil {
		t.Fatal(err)
	}
	fsys := sitetest.FS(t, sitetest.Base)
	fsys["static/social.png"] = &fstest.MapFile{Data: b.Bytes()}
	res, files := sitetest.Build(t, fsys)
	if !res.OK() {
		t.Fatal(res.Diags)
	}
	if !bytes.Equal(files["static/social.png"], b.Bytes()) {
		t.Error("the site's own card was replaced")
	}
	page := string(file(t, files, "cases/ds-2017/index.html"))
	if !strings.Contains(page, `<meta property="og:image:width" content="600">`) || !strings.Contains(page, `<meta property="og:image:height" content="315">`) {
		t.Error("the head does not give the size of the site's own card")
	}
}
