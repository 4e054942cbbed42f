package reports

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/signintech/gopdf"
	"gonum.org/v1/plot/vg"

	"spilno/i18n"
)

// Section is one numbered part of a report: its paragraphs, then its
// tables numbered under it (2.1, 2.2 …), each with its chart, then the
// paragraphs that close it.
type Section struct {
	Part       string // when set, the part of the document this section opens ("B. Návrhová část")
	Title      string
	Paragraphs []string
	Tables     []StatTable
	Closing    []string
}

// StatisticsPDF writes the report on the functioning of the protocol for
// the executive committee: the summary in sentences, then every table.
func StatisticsPDF(ctx context.Context, w io.Writer, period string, summary []string, tables []StatTable, o Options) error {
	return ReportPDF(ctx, w, o.t("stats.report_title"), period, []Section{
		{Title: o.t("stats.report_summary"), Paragraphs: summary}, {Title: o.t("stats.report_tables"), Tables: tables}}, o)
}

// ReportPDF writes a report for the executive committee laid out as the
// protocol is (A4, margins of 30, 10, 20 and 20 mm, the bare page number
// at the top from page 2), the community's letterhead when the settings
// put it on the protocol, a title block for the period, the numbered
// sections, and the line for the one who prepared it.
func ReportPDF(ctx context.Context, w io.Writer, title, period string, sections []Section, o Options) error {
	d, err := newPDF(margins{top: mm(20), right: mm(10), bottom: mm(20), left: mm(30)}, o)
	if err != nil {
		return fmt.Errorf("report pdf: %w", err)
	}
	d.pdf.SetInfo(pdfInfo(title+" — "+period, o))
	d.setFont(serif, 12)
	d.newPage()
	if o.Letterhead.ProtocolLetterhead && o.Letterhead.Any() {
		d.communityLetterhead(o.Letterhead)
		d.y += 12
	}
	if o.Approved.Number != "" {
		approvalBlock(d, o.Approved, o)
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
	for n, s := range sections {
		if s.Part != "" {
			partHeading(d, s.Part)
		}
		keepWithFirstTable(d, s)
		protocolSection(d, strconv.Itoa(n+1), s.Title)
		for _, line := range s.Paragraphs {
			d.paragraph(line, mm(12.5))
		}
		for i, t := range s.Tables {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err := statPDFTable(d, fmt.Sprintf("%d.%d.", n+1, i+1), t, o); err != nil {
				return fmt.Errorf("report pdf: %w", err)
			}
		}
		d.setFont(serif, 12)
		for _, line := range s.Closing {
			d.paragraph(line, mm(12.5))
		}
		d.y += 6
	}
	d.y += 12
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
	if need := tableNeed(d, t); need < d.bottom()-d.m.top {
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
		d.cellAt(d.m.left, d.y, firstNonEmpty(t.Empty, o.t("stats.no_data")))
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

// tableNeed is the height a table and its chart take together (rows of
// one or two lines reckoned): a table goes with its chart to a new page
// when both fit on one.
func tableNeed(d *pdfDoc, t StatTable) float64 {
	d.setFont(serif, 10)
	return float64(len(t.Rows)+4)*(1.5*d.lineHeight()+2*cellPad) + float64(statChartHeight(d, t))
}

// keepWithFirstTable moves a section's heading and its short opening to
// the next page with its first table when the table would go there anyway,
// so that no heading is left alone at a page's foot.
// partHeading opens a part of a document, kept with what follows it.
func partHeading(d *pdfDoc, title string) {
	d.setFont(serifBold, 13)
	d.ensure(8 * d.lineHeight())
	d.y += 10
	for _, line := range d.wrap(strings.ToUpper(title), d.width()) {
		d.centered(line)
	}
	d.pdf.AddOutline(title)
	d.y += 2
	d.setFont(serif, 12)
}

func keepWithFirstTable(d *pdfDoc, s Section) {
	if len(s.Tables) == 0 || len(s.Paragraphs) > 2 {
		return
	}
	need := tableNeed(d, s.Tables[0])
	d.setFont(serif, 12)
	lead := float64(4+3*len(s.Paragraphs)) * d.lineHeight()
	if need < d.bottom()-d.m.top-lead && !d.fits(need) {
		d.ensure(lead + need)
	}
}

// statPDFColumns gives the numbers 80 points each and the labels the
// rest; a table of texts (Widths) shares the width as its weights say,
// numbers right-aligned.
func statPDFColumns(d *pdfDoc, t StatTable) []pdfColumn {
	if len(t.Widths) == len(t.Columns) {
		var total float64
		for _, w := range t.Widths {
			total += w
		}
		cols := make([]pdfColumn, len(t.Columns))
		for c, title := range t.Columns {
			cols[c] = pdfColumn{title: title, width: d.width() * t.Widths[c] / total, right: t.numeric(c)}
		}
		return cols
	}
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

// numeric tells whether column c holds numbers.
func (t StatTable) numeric(c int) bool {
	for _, row := range t.Rows {
		switch row[c].(type) {
		case int, float64:
			return true
		case string:
			if row[c] != "" {
				return false
			}
		}
	}
	return false
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
