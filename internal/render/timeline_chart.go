package render

// This file draws the chart at the top of a timeline: provider actions per
// year, stacked by action type, as inline SVG generated at build time. It is
// accessible by construction: role="group" (not "img": the bars are links,
// and an image's children may not be interactive) named by a title and a
// description, a visually hidden data table beside it (in
// templates/timeline.html) as its text alternative, a pattern as well as a
// colour for each action type, and a legend. Colours come from CSS classes (static/style.css), so the chart
// follows the light and dark themes; nothing is styled inline.

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// Chart is the chart of a timeline and its data, for the template.
type Chart struct {
	SVG   template.HTML // the <svg> element, built here with every text escaped
	Types []string
	Rows  []ChartRow
	Total int
}

// ChartRow is one year of the chart: its count of each of Chart.Types.
type ChartRow struct {
	Year   int
	Counts []int
	Total  int
	URL    string // the year's section or page, "" when it has no entries
}

// chartOf counts the actions of chronological entries per year and type,
// from the first to the last year of the entries, and draws them. nav gives the link of
// each year that has entries. It returns nil when there is no action.
func chartOf(entries []*site.Entry, nav []TimelineLink) *Chart {
	used := map[string]bool{}
	for _, e := range entries {
		if e.Action != nil {
			used[e.Type()] = true
		}
	}
	if len(used) == 0 {
		return nil
	}
	first, last := entries[0].Date.Year, entries[len(entries)-1].Date.Year
	c := &Chart{}
	col := map[string]int{}
	for _, t := range content.Actions {
		if used[t] {
			col[t] = len(c.Types)
			c.Types = append(c.Types, t)
		}
	}
	links := map[int]string{}
	for _, l := range nav {
		y, _ := strconv.Atoi(l.Label)
		links[y] = l.URL
	}
	for y := first; y <= last; y++ {
		c.Rows = append(c.Rows, ChartRow{Year: y, Counts: make([]int, len(c.Types)), URL: links[y]})
	}
	for _, e := range entries {
		if e.Action != nil {
			row := &c.Rows[e.Date.Year-first]
			row.Counts[col[e.Type()]]++
			row.Total++
			c.Total++
		}
	}
	c.SVG = template.HTML(chartSVG(c)) // #nosec: every text and attribute in it is escaped by chartSVG
	return c
}

// Chart geometry, in SVG user units (CSS pixels at full size).
const (
	chartColW    = 36  // width of one year's column
	chartBarW    = 24  // width of a bar
	chartLeft    = 44  // room for the tick labels
	chartRight   = 12  //
	chartPlotH   = 160 // height of the bars' area
	chartBottom  = 24  // room for the year labels
	chartMinW    = 560 // wide enough for a one-row legend
	chartLegendH = 22  // height of a row of the legend
	chartCharW   = 6.6 // estimated width of a character of the legend
)

// chartPatterns draws each action type's pattern over its colour, so that
// colour is never the only cue: solid, diagonal lines, vertical lines, dots,
// cross-hatching and horizontal lines.
var chartPatterns = map[string]string{
	"terminated": ``,
	"suspended":  `<path class="tlc-ink" d="M-1 1L1 -1M0 8L8 0M7 9L9 7"/>`,
	"restored":   `<path class="tlc-ink" d="M4 0V8"/>`,
	"warned":     `<circle class="tlc-dot" cx="4" cy="4" r="1.6"/>`,
	"refused":    `<path class="tlc-ink" d="M0 0L8 8M8 0L0 8"/>`,
	"pressured":  `<path class="tlc-ink" d="M0 4H8"/>`,
}

// chartSVG draws c's rows as stacked bars with a legend and a y axis.
func chartSVG(c *Chart) string {
	n := len(c.Rows)
	width := max(chartLeft+n*chartColW+chartRight, chartMinW)
	legend, legendRows := chartLegend(c.Types, width)
	top := legendRows*chartLegendH + 14
	height := top + chartPlotH + chartBottom
	maxTotal := 0
	for _, r := range c.Rows {
		maxTotal = max(maxTotal, r.Total)
	}
	step := niceStep(maxTotal)
	scaleTop := (maxTotal + step - 1) / step * step
	unit := float64(chartPlotH) / float64(scaleTop)
	base := top + chartPlotH // the y of the x axis

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="tlc" viewBox="0 0 %d %d" width="%d" height="%d" role="group" aria-labelledby="tlc-title tlc-desc">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, "<title id=\"tlc-title\">%s</title>\n<desc id=\"tlc-desc\">%s</desc>\n", esc(chartTitle), esc(chartDesc(c)))
	b.WriteString("<defs>\n")
	for _, t := range c.Types {
		fmt.Fprintf(&b, `<pattern id="tlc-p-%s" width="8" height="8" patternUnits="userSpaceOnUse"><rect class="tlc-fill-%s" width="8" height="8"/>%s</pattern>`+"\n", t, t, chartPatterns[t])
	}
	b.WriteString("</defs>\n")
	b.WriteString(legend)
	b.WriteString(`<g class="tlc-axis">` + "\n")
	for v := 0; v <= scaleTop; v += step {
		y := fnum(float64(base) - float64(v)*unit)
		fmt.Fprintf(&b, `<line class="tlc-grid" x1="%d" x2="%d" y1="%s" y2="%s"/><text class="tlc-text tlc-tick" x="%d" y="%s" text-anchor="end" dy="0.32em">%d</text>`+"\n",
			chartLeft, width-chartRight, y, y, chartLeft-6, y, v)
	}
	b.WriteString("</g>\n")
	for i, r := range c.Rows {
		chartBar(&b, c.Types, r, chartLeft+i*chartColW+(chartColW-chartBarW)/2, base, unit)
	}
	b.WriteString("</svg>")
	return b.String()
}

// chartBar draws one year: its stacked segments, its total above them and
// its label below, all in a link to the year when it has entries.
func chartBar(b *strings.Builder, types []string, r ChartRow, x, base int, unit float64) {
	cx := x + chartBarW/2
	if r.URL != "" {
		fmt.Fprintf(b, `<a class="tlc-bar" href="%s" tabindex="-1">`+"\n", esc(r.URL))
	} else {
		b.WriteString(`<g class="tlc-bar">` + "\n")
	}
	y := float64(base)
	for j, t := range types {
		n := r.Counts[j]
		if n == 0 {
			continue
		}
		h := float64(n) * unit
		y -= h
		fmt.Fprintf(b, `<rect class="tlc-seg" data-year="%d" data-action="%s" data-count="%d" x="%d" y="%s" width="%d" height="%s" fill="url(#tlc-p-%s)"><title>%d, %s: %d</title></rect>`+"\n",
			r.Year, t, n, x, fnum(y), chartBarW, fnum(h), t, r.Year, esc(ActionLabel(t)), n)
	}
	if r.Total > 0 {
		fmt.Fprintf(b, `<text class="tlc-text tlc-total" x="%d" y="%s" text-anchor="middle">%d</text>`+"\n", cx, fnum(y-4), r.Total)
	}
	fmt.Fprintf(b, `<text class="tlc-text tlc-year" x="%d" y="%d" text-anchor="middle">%d</text>`+"\n", cx, base+16, r.Year)
	if r.URL != "" {
		b.WriteString("</a>\n")
	} else {
		b.WriteString("</g>\n")
	}
}

// chartLegend draws a swatch and a label per type, in rows that fit width.
func chartLegend(types []string, width int) (string, int) {
	var b strings.Builder
	b.WriteString(`<g class="tlc-legend">` + "\n")
	x, row := float64(chartLeft), 0
	for _, t := range types {
		label := ActionLabel(t)
		w := 14 + 6 + float64(len([]rune(label)))*chartCharW + 16
		if x+w > float64(width-chartRight) && x > chartLeft {
			x, row = chartLeft, row+1
		}
		y := 4 + row*chartLegendH
		fmt.Fprintf(&b, `<rect class="tlc-swatch" x="%s" y="%d" width="14" height="14" fill="url(#tlc-p-%s)"/><text class="tlc-text" x="%s" y="%d">%s</text>`+"\n",
			fnum(x), y, t, fnum(x+20), y+11, esc(label))
		x += w
	}
	b.WriteString("</g>\n")
	return b.String(), row + 1
}

const chartTitle = "Provider actions per year, by type"

// chartDesc sums the chart up in a sentence; the data table gives the rest.
func chartDesc(c *Chart) string {
	first, last := c.Rows[0].Year, c.Rows[len(c.Rows)-1].Year
	busiest := c.Rows[0]
	for _, r := range c.Rows {
		if r.Total > busiest.Total {
			busiest = r
		}
	}
	var parts []string
	for j, t := range c.Types {
		n := 0
		for _, r := range c.Rows {
			n += r.Counts[j]
		}
		parts = append(parts, fmt.Sprintf("%s %d", ActionLabel(t), n))
	}
	span := strconv.Itoa(first)
	if last != first {
		span += " to " + strconv.Itoa(last)
	}
	return fmt.Sprintf("Stacked bars, one per year from %s, of %s: %s. The most were in %d (%d). The table that follows gives every number.",
		span, plural(c.Total, "provider action"), strings.Join(parts, ", "), busiest.Year, busiest.Total)
}

// niceStep is the step of the y axis: 1, 2 or 5 times a power of ten, so
// that the axis has at most five steps.
func niceStep(maxV int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if maxV <= 5*m*p {
				return m * p
			}
		}
		if p > math.MaxInt/100 {
			return p
		}
	}
}

// fnum formats a coordinate with at most two decimals.
func fnum(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// esc escapes text for XML and HTML alike.
func esc(s string) string { return html.EscapeString(s) }
