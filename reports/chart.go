package reports

import (
	"bytes"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"spilno/i18n"
)

// The charts are drawn by gonum/plot in Liberation Sans, the family of
// the documents (gonum/plot embeds Liberation; it has Cyrillic and the
// Czech and Polish letters).
var chartFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// seriesColors are the period's colour, then the earlier periods'.
var seriesColors = []color.Color{
	color.RGBA{R: 0x1f, G: 0x4e, B: 0x79, A: 0xff},
	color.RGBA{R: 0x9d, G: 0xc3, B: 0xe6, A: 0xff},
	color.RGBA{R: 0xbf, G: 0xbf, B: 0xbf, A: 0xff},
}

// ChartSize is the size a table's chart is drawn at, in points, for the
// given width: bars get the height their labels need.
func ChartSize(t StatTable, width vg.Length) (vg.Length, vg.Length) {
	if t.Line {
		return width, width * 0.45
	}
	perRow := vg.Length(10 + 7*len(t.Series))
	return width, vg.Length(60) + perRow*vg.Length(len(t.Rows))
}

// ChartPNG draws the table's chart as a PNG at the given size in points
// and resolution.
func ChartPNG(t StatTable, lang string, w, h vg.Length, dpi int) ([]byte, error) {
	p, err := statPlot(t, lang)
	if err != nil {
		return nil, err
	}
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart %s: %w", t.Title, err)
	}
	return buf.Bytes(), nil
}

// ChartSVG draws the table's chart as SVG, its text kept as text.
func ChartSVG(t StatTable, lang string, w, h vg.Length) ([]byte, error) {
	p, err := statPlot(t, lang)
	if err != nil {
		return nil, err
	}
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart %s: %w", t.Title, err)
	}
	return buf.Bytes(), nil
}

// statPlot is the table's chart: a line over its rows, or horizontal bars
// per row, one bar per charted column, the largest row at the top. A
// suppressed count draws no bar and its label says "<5".
func statPlot(t StatTable, lang string) (*plot.Plot, error) {
	if len(t.Series) == 0 || len(t.Rows) == 0 {
		return nil, fmt.Errorf("chart %s: nothing to draw", t.Title)
	}
	p := plot.New()
	labels := chartLabels(t)
	var err error
	if t.Line {
		err = lineChart(p, t, labels)
	} else {
		err = barChart(p, t, labels)
	}
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", t.Title, err)
	}
	values := &p.X
	if t.Line {
		values = &p.Y
	}
	values.Tick.Marker = wholeTicks{lang: lang}
	if percentColumn(t, t.Series[0]) {
		values.Min, values.Max = 0, 100
		values.Label.Text = "%"
	}
	sansText(p)
	return p, nil
}

func barChart(p *plot.Plot, t StatTable, labels []string) error {
	n := len(t.Rows)
	barWidth := vg.Length(7)
	for i, col := range t.Series {
		values := make(plotter.Values, n)
		for r := range t.Rows { // the first row on top
			values[n-1-r] = chartValue(t, r, col)
		}
		bars, err := plotter.NewBarChart(values, barWidth)
		if err != nil {
			return err
		}
		bars.Horizontal = true
		bars.Color = seriesColors[i%len(seriesColors)]
		bars.LineStyle.Width = 0
		bars.Offset = barWidth * vg.Length(len(t.Series)-1-2*i) / 2
		p.Add(bars)
		if len(t.Series) > 1 {
			p.Legend.Add(t.Columns[col], bars)
		}
	}
	reversed := make([]string, n)
	for r, l := range labels {
		reversed[n-1-r] = l
	}
	p.NominalY(reversed...)
	p.X.Min, p.X.Max = 0, math.Max(1, p.X.Max*1.08) // the longest bar short of the edge
	p.Add(plotter.NewGrid())
	if len(t.Series) > 1 { // room for the legend above the first row
		p.Legend.Top = true
		p.Y.Max = float64(n-1) + 1.2 + 0.5*float64(len(t.Series))
	}
	return nil
}

// lineChart draws a line per charted column; a hidden count breaks the
// line rather than drawing it as none.
func lineChart(p *plot.Plot, t StatTable, labels []string) error {
	for i, col := range t.Series {
		color := seriesColors[i%len(seriesColors)]
		for _, run := range lineRuns(t, col) {
			line, points, err := plotter.NewLinePoints(run)
			if err != nil {
				return err
			}
			line.Color, points.Color, line.Width = color, color, vg.Points(2)
			p.Add(line, points)
		}
	}
	p.NominalX(labels...)
	p.X.Tick.Label.Rotation = math.Pi / 4 // a year of month names side by side would overlap
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Y.Min = 0
	p.Add(plotter.NewGrid())
	return nil
}

// lineRuns are the stretches of a column's line between hidden counts.
func lineRuns(t StatTable, col int) []plotter.XYs {
	var runs []plotter.XYs
	var run plotter.XYs
	for r := range t.Rows {
		if _, hidden := t.Rows[r][col].(string); hidden {
			if len(run) > 0 {
				runs, run = append(runs, run), nil
			}
			continue
		}
		run = append(run, plotter.XY{X: float64(r), Y: chartValue(t, r, col)})
	}
	if len(run) > 0 {
		runs = append(runs, run)
	}
	return runs
}

// chartValue is a cell as a bar's length: shares as percentages, nothing
// for a suppressed count or a missing share.
func chartValue(t StatTable, r, c int) float64 {
	var v float64
	switch x := t.Rows[r][c].(type) {
	case int:
		v = float64(x)
	case float64:
		v = x
	}
	if math.IsNaN(v) {
		return 0
	}
	if percentColumn(t, c) {
		return 100 * v
	}
	return v
}

// chartLabels are the rows' labels, shortened to fit beside the bars, a
// suppressed count said in its label.
func chartLabels(t StatTable) []string {
	labels := make([]string, len(t.Rows))
	for r, row := range t.Rows {
		label := fmt.Sprint(row[0])
		if runes := []rune(label); len(runes) > 38 {
			label = string(runes[:37]) + "…"
		}
		for _, c := range t.Series {
			if s, ok := row[c].(string); ok {
				label += " (" + s + ")"
				break
			}
		}
		labels[r] = label
	}
	return labels
}

// sansText sets every text of the plot in the chart font.
func sansText(p *plot.Plot) {
	for _, f := range []*font.Font{&p.Title.TextStyle.Font, &p.X.Label.TextStyle.Font, &p.Y.Label.TextStyle.Font,
		&p.X.Tick.Label.Font, &p.Y.Tick.Label.Font, &p.Legend.TextStyle.Font} {
		f.Typeface, f.Variant = chartFont.Typeface, chartFont.Variant
	}
}

// wholeTicks marks whole numbers only (there is no half a referral),
// written as the language writes them.
type wholeTicks struct{ lang string }

func (w wholeTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(min, max) {
		if t.Value != math.Trunc(t.Value) {
			continue
		}
		if t.Label != "" {
			t.Label = i18n.FormatIntIn(w.lang, int(t.Value))
		}
		out = append(out, t)
	}
	return out
}
