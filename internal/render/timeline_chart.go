package render

// This file draws the chart at the top of a timeline: provider actions per
// year, stacked by action type, as inline SVG: this file computes its
// geometry (a Chart), the partial "chart" (templates/partials/chart.html) draws
// it. It is
// accessible by construction: role="group" (not "img": the bars are links,
// and an image's children may not be interactive) named by a title and a
// description, a visually hidden data table beside it (in
// templates/timeline.html) as its text alternative, a pattern as well as a
// colour for each action type, and a legend. Colours come from CSS classes (static/style.css), so the chart
// follows the light and dark themes; nothing is styled inline.

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/content"
	"github.com/casebook/casebook/internal/site"
)

// Chart is the chart of a timeline and its data, for the template: the
// counts (Types, Rows, Total, which the data table shows) and the drawing's
// geometry, computed here in SVG user units.
type Chart struct {
	Types  []string
	Labels []string // the label of each of Types
	Rows   []ChartRow
	Total  int

	Width, Height         int
	Title, Desc           string
	Patterns              []ChartPattern // one per type, in the order of Types
	Legend                []ChartLegend
	Ticks                 []ChartTick
	AxisX1, AxisX2, TickX int // the grid lines' extent and the tick labels' x
	Bars                  []ChartBar
}

// ChartRow is one year of the chart: its count of each of Chart.Types.
type ChartRow struct {
	Year   int
	Counts []int
	Total  int
	URL    string // the year's section or page, "" when it has no entries
}

// ChartPattern is the fill of an action type: its colour and its pattern
// (content.ActionType.Pattern), which the template draws.
type ChartPattern struct {
	Type, Pattern string
}

// ChartLegend is a swatch and a label of the legend.
type ChartLegend struct {
	Type, Label string
	X, TextX    string
	Y, TextY    int
}

// ChartTick is a line of the y axis and its label.
type ChartTick struct {
	Y     string
	Value int
}

// ChartBar is one year's stacked bar, its total above it and its label
// below it.
type ChartBar struct {
	Year     int
	URL      string // "" when the year has no entries
	Segments []ChartSegment
	Total    int
	CX       int // the centre of the bar
	TotalY   string
	YearY    int
}

// ChartSegment is the part of a bar for one action type.
type ChartSegment struct {
	Type, Label string
	Count       int
	X, W        int
	Y, H        string
}

// chartOf counts the actions of chronological entries per year and type,
// from the first to the last year of the entries, and lays out their chart.
// nav gives the link of each year that has entries. It returns nil when
// there is no action.
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
	for _, t := range content.ActionTypes {
		if used[t.Slug] {
			col[t.Slug] = len(c.Types)
			c.Types = append(c.Types, t.Slug)
			c.Labels = append(c.Labels, t.Label)
			c.Patterns = append(c.Patterns, ChartPattern{Type: t.Slug, Pattern: t.Pattern})
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
	c.layout()
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

// layout computes the chart's geometry: stacked bars with a legend and a y
// axis.
func (c *Chart) layout() {
	n := len(c.Rows)
	c.Width = max(chartLeft+n*chartColW+chartRight, chartMinW)
	legendRows := c.layoutLegend()
	top := legendRows*chartLegendH + 14
	c.Height = top + chartPlotH + chartBottom
	maxTotal := 0
	for _, r := range c.Rows {
		maxTotal = max(maxTotal, r.Total)
	}
	step := niceStep(maxTotal)
	scaleTop := (maxTotal + step - 1) / step * step
	unit := float64(chartPlotH) / float64(scaleTop)
	base := top + chartPlotH // the y of the x axis
	c.Title, c.Desc = chartTitle, chartDesc(c)
	c.AxisX1, c.AxisX2, c.TickX = chartLeft, c.Width-chartRight, chartLeft-6
	for v := 0; v <= scaleTop; v += step {
		c.Ticks = append(c.Ticks, ChartTick{Y: fnum(float64(base) - float64(v)*unit), Value: v})
	}
	for i, r := range c.Rows {
		x := chartLeft + i*chartColW + (chartColW-chartBarW)/2
		bar := ChartBar{Year: r.Year, URL: r.URL, Total: r.Total, CX: x + chartBarW/2, YearY: base + 16}
		y := float64(base)
		for j, t := range c.Types {
			n := r.Counts[j]
			if n == 0 {
				continue
			}
			h := float64(n) * unit
			y -= h
			bar.Segments = append(bar.Segments, ChartSegment{Type: t, Label: c.Labels[j], Count: n, X: x, W: chartBarW, Y: fnum(y), H: fnum(h)})
		}
		bar.TotalY = fnum(y - 4)
		c.Bars = append(c.Bars, bar)
	}
}

// layoutLegend places a swatch and a label per type, in rows that fit the
// width, and returns the number of rows.
func (c *Chart) layoutLegend() int {
	x, row := float64(chartLeft), 0
	for j, t := range c.Types {
		label := c.Labels[j]
		w := 14 + 6 + float64(len([]rune(label)))*chartCharW + 16
		if x+w > float64(c.Width-chartRight) && x > chartLeft {
			x, row = chartLeft, row+1
		}
		y := 4 + row*chartLegendH
		c.Legend = append(c.Legend, ChartLegend{Type: t, Label: label, X: fnum(x), TextX: fnum(x + 20), Y: y, TextY: y + 11})
		x += w
	}
	return row + 1
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
	for j := range c.Types {
		n := 0
		for _, r := range c.Rows {
			n += r.Counts[j]
		}
		parts = append(parts, fmt.Sprintf("%s %d", c.Labels[j], n))
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
