package reports

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/signintech/gopdf"
	"gonum.org/v1/plot/vg"

	"spilno/i18n"
)

// StatisticsPDF writes the report on the functioning of the protocol for
// the executive committee: laid out as the protocol is (A4, margins of
// 30, 10, 20 and 20 mm, the bare page number at the top from page 2), the
// community's letterhead when the settings put it on the protocol, a
// title block for the period, the summary in sentences, then every table
// numbered, its chart under it, and the line for the one who prepared it.
func StatisticsPDF(ctx context.Context, w io.Writer, period string, summary []string, tables []StatTable, o Options) error {
	d, err := newPDF(margins{top: mm(20), right: mm(10), bottom: mm(20), left: mm(30)}, o)
	if err != nil {
		return fmt.Errorf("statistics pdf: %w", err)
	}
	title := o.t("stats.report_title")
	d.pdf.SetInfo(pdfInfo(title+" — "+period, o))
	d.setFont(serif, 12)
	d.newPage()
	if o.Letterhead.ProtocolLetterhead && o.Letterhead.Any() {
		d.communityLetterhead(o.Letterhead)
		d.y += 12
	}
	d.setFont(serifBold, 14)
	for _, line := range d.wrap(title, d.width()) {
		d.centered(line)
	}
	d.setFont(serif, 12)
	if o.Community != "" {
		d.centered(o.Community)
	}
	d.centered(o.t("stats.report_period", "period", period))
	d.y += 12
	protocolSection(d, "1", o.t("stats.report_summary"))
	for _, line := range summary {
		d.paragraph(line, mm(12.5))
	}
	d.y += 6
	protocolSection(d, "2", o.t("stats.report_tables"))
	for i, t := range tables {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := statPDFTable(d, fmt.Sprintf("2.%d.", i+1), t, o); err != nil {
			return fmt.Errorf("statistics pdf: %w", err)
		}
	}
	d.y += 18
	d.setFont(serif, 12)
	d.ensure(3 * d.lineHeight())
	d.cellAt(d.m.left, d.y, o.t("stats.report_prepared", "name", firstNonEmpty(o.Operator, "____________________")))
	d.cellAt(d.m.left+d.width()-mm(60), d.y, "______________")
	d.y += d.lineHeight()
	d.cellAt(d.m.left, d.y, i18n.FormatDateIn(o.Lang, o.Now))
	d.numberPagesAtTop()
	return d.finish(w)
}

// statPDFTable writes one table under its numbered title (kept with the
// header and two rows), the note under it, then its chart.
func statPDFTable(d *pdfDoc, n string, t StatTable, o Options) error {
	d.setFont(serif, 10)
	// A table goes with its chart to a new page when both fit on one
	// (rows of one or two lines reckoned).
	need := float64(len(t.Rows)+4)*(1.5*d.lineHeight()+2*cellPad) + float64(statChartHeight(d, t))
	if need < d.bottom()-d.m.top {
		d.ensure(need)
	}
	d.ensure(6 * d.lineHeight())
	d.setFont(serifBold, 11)
	for _, line := range d.wrap(n+" "+t.Title, d.width()) {
		d.cellAt(d.m.left, d.y, line)
		d.y += d.lineHeight()
	}
	if t.Basis != "" {
		d.setFont(sans, 8)
		for _, line := range d.wrap(t.Basis, d.width()) {
			d.cellAt(d.m.left, d.y, line)
			d.y += d.lineHeight()
		}
	}
	d.y += 2
	if len(t.Rows) == 0 {
		d.setFont(serif, 10)
		d.cellAt(d.m.left, d.y, o.t("stats.no_data"))
		d.y += 2 * d.lineHeight()
		return nil
	}
	cols := statPDFColumns(d, t)
	rows := make([][]pdfCell, len(t.Rows))
	for r, row := range t.Rows {
		rows[r] = make([]pdfCell, len(row))
		for c := range row {
			rows[r][c] = pdfCell{text: t.CellText(r, c, o.Lang)}
		}
	}
	d.table(cols, rows, 10)
	if t.Note != "" {
		d.setFont(sans, 8)
		d.y += 2
		for _, line := range d.wrap(t.Note, d.width()) {
			d.cellAt(d.m.left, d.y, line)
			d.y += d.lineHeight()
		}
	}
	d.y += 6
	if len(t.Series) > 0 {
		if err := statPDFChart(d, t, o.Lang); err != nil {
			return err
		}
	}
	d.y += 6
	return nil
}

// statPDFColumns gives the numbers 80 points each and the labels the rest.
func statPDFColumns(d *pdfDoc, t StatTable) []pdfColumn {
	number := 80.0
	if len(t.Columns) > 4 {
		number = 68
	}
	cols := []pdfColumn{{title: t.Columns[0], width: d.width() - number*float64(len(t.Columns)-1)}}
	for _, c := range t.Columns[1:] {
		cols = append(cols, pdfColumn{title: c, width: number, right: true})
	}
	return cols
}

// statChartHeight is the height of the table's chart on the page, none
// for a table without one.
func statChartHeight(d *pdfDoc, t StatTable) vg.Length {
	if len(t.Series) == 0 || len(t.Rows) == 0 {
		return 0
	}
	_, h := ChartSize(t, vg.Length(d.width()))
	if t.Line {
		h = vg.Length(d.width() * 0.4)
	}
	return min(h, vg.Length(d.bottom()-d.m.top))
}

// CellText writes a cell as the language writes numbers: shares as
// percentages, fractions with one decimal, a missing share as a dash.
func (t StatTable) CellText(r, c int, lang string) string {
	switch x := t.Rows[r][c].(type) {
	case nil:
		return ""
	case int:
		return i18n.FormatIntIn(lang, x)
	case float64:
		switch {
		case math.IsNaN(x):
			return "—"
		case percentColumn(t, c):
			return i18n.FormatPercentIn(lang, x)
		}
		return i18n.FormatDecimalIn(lang, x)
	case string:
		return x
	}
	return fmt.Sprint(t.Rows[r][c])
}

// statPDFChart draws the table's chart the width of the text, at 200 dpi,
// on the page it fits whole on.
func statPDFChart(d *pdfDoc, t StatTable, lang string) error {
	w, h := vg.Length(d.width()), statChartHeight(d, t)
	img, err := ChartPNG(t, lang, w, h, 200)
	if err != nil {
		return err
	}
	holder, err := gopdf.ImageHolderByBytes(img)
	if err != nil {
		return fmt.Errorf("chart %s: %w", t.Title, err)
	}
	d.ensure(float64(h))
	d.check(d.pdf.ImageByHolder(holder, d.m.left, d.y, &gopdf.Rect{W: float64(w), H: float64(h)}))
	d.y += float64(h)
	return nil
}
