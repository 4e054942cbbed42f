package reports

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// StatTable is one table of the statistics as a document shows it: its
// title, its columns, and its rows — a label, then numbers (int, or
// float64 with NaN for "none"). Shares are fractions in the columns
// Percent names. Series are the columns charted beside the table: bars
// per row, or a line over the rows when Line.
type StatTable struct {
	Title   string
	Basis   string // which date puts a referral or a case in the period
	Columns []string
	Rows    [][]any
	Percent []int
	Series  []int
	Line    bool
	// OfServices are columns that count the catalogue's services, not
	// families: they are never suppressed.
	OfServices []int
	// ShareOf names, for a column of shares, the column of the counts
	// they are shares of (a small part makes the share small too).
	ShareOf map[int]int
	// Groups are sets of rows whose sum is known from elsewhere (the
	// senders of one sector add up to the sector's row; the months of a
	// quarter, to the quarter): each is protected as a whole column is.
	Groups [][]int
	Note   string // under the table: what was suppressed, and why
	// Widths, when given, are the columns' shares of the width, for a
	// table of texts (a plan of measures) rather than of counts.
	Widths []float64
	Empty  string // said instead of a table without rows; default "no data for the period"
}

// StatisticsXLSX writes the statistics as a workbook: a sheet a table, the
// table's title and the period over it, typed numbers (shares as
// percentages) and, where the table asks, a native bar chart that Excel
// and LibreOffice draw themselves.
func StatisticsXLSX(ctx context.Context, w io.Writer, period string, tables []StatTable, o Options) error {
	return ReportXLSX(ctx, w, o.t("stats.title"), period, tables, o)
}

// ReportXLSX writes a report's tables as a workbook, a sheet a table, as
// StatisticsXLSX does.
func ReportXLSX(ctx context.Context, w io.Writer, title, period string, tables []StatTable, o Options) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := describe(f, title+" — "+period, o.Community, o); err != nil {
		return fmt.Errorf("report xlsx: %w", err)
	}
	styles, err := statStyles(f)
	if err != nil {
		return fmt.Errorf("report xlsx: %w", err)
	}
	used := map[string]bool{}
	for i, t := range tables {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		sheet := sheetName(t.Title, used)
		if i == 0 {
			err = f.SetSheetName("Sheet1", sheet)
		} else {
			_, err = f.NewSheet(sheet)
		}
		if err == nil {
			err = statSheet(f, sheet, period, t, styles, o)
		}
		if err != nil {
			return fmt.Errorf("report xlsx: %s: %w", t.Title, err)
		}
	}
	if err := writeBook(f, w, ""); err != nil {
		return fmt.Errorf("report xlsx: %w", err)
	}
	return nil
}

type statStyle struct{ title, header, percent, decimal int }

func statStyles(f *excelize.File) (s statStyle, err error) {
	if s.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}); err != nil {
		return s, err
	}
	if s.header, err = headerStyle(f); err != nil {
		return s, err
	}
	if s.percent, err = f.NewStyle(&excelize.Style{NumFmt: 9}); err != nil { // 0%
		return s, err
	}
	s.decimal, err = f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	return s, err
}

// statSheet writes one table: title and period in rows 1–2, the header in
// row 4, the rows under it, the chart to the right.
func statSheet(f *excelize.File, sheet, period string, t StatTable, s statStyle, o Options) error {
	if err := setRow(f, sheet, 1, []any{t.Title}, s.title); err != nil {
		return err
	}
	if err := setRow(f, sheet, 2, []any{period + " · " + o.Community}, 0); err != nil {
		return err
	}
	if err := setRow(f, sheet, 3, []any{t.Basis}, 0); err != nil {
		return err
	}
	if err := setRow(f, sheet, 4, anySlice(t.Columns), s.header); err != nil {
		return err
	}
	for r, row := range t.Rows {
		for c, v := range row {
			if err := statCell(f, sheet, c+1, r+5, v, percentColumn(t, c), s); err != nil {
				return err
			}
		}
	}
	if t.Note != "" {
		if err := setRow(f, sheet, len(t.Rows)+6, []any{t.Note}, 0); err != nil {
			return err
		}
	}
	if err := statWidths(f, sheet, t); err != nil {
		return err
	}
	if err := printSetup(f, sheet, t.Title); err != nil {
		return err
	}
	if len(t.Series) > 0 && len(t.Rows) > 0 {
		return statChart(f, sheet, t)
	}
	return nil
}

// statWidths makes the label column wide and the numbers' narrow, or
// follows the table's Widths.
func statWidths(f *excelize.File, sheet string, t StatTable) error {
	if len(t.Widths) == len(t.Columns) {
		for c, w := range t.Widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(sheet, col, col, 100*w); err != nil {
				return err
			}
		}
		return nil
	}
	if err := f.SetColWidth(sheet, "A", "A", 48); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(max(len(t.Columns), 2))
	return f.SetColWidth(sheet, "B", last, 14)
}

func percentColumn(t StatTable, c int) bool {
	for _, p := range t.Percent {
		if p == c {
			return true
		}
	}
	return false
}

// statCell writes a label or a typed number; NaN (no share to give) is an
// empty cell.
func statCell(f *excelize.File, sheet string, col, row int, v any, percent bool, s statStyle) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	style := 0
	if x, ok := v.(float64); ok {
		if math.IsNaN(x) {
			return nil
		}
		style = s.decimal
		if percent {
			style = s.percent
		}
	}
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		return err
	}
	if style != 0 {
		return f.SetCellStyle(sheet, cell, cell, style)
	}
	return nil
}

// statChart is the table's chart beside it, drawn by the spreadsheet
// itself: bars per row (the first row on top) or a line over the rows, a
// series per charted column.
func statChart(f *excelize.File, sheet string, t StatTable) error {
	end := len(t.Rows) + 4
	quoted := "'" + sheet + "'"
	anchor, _ := excelize.CoordinatesToCellName(len(t.Columns)+2, 4)
	chart := &excelize.Chart{
		Type:      excelize.Bar,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t.Title}}},
		Legend:    excelize.ChartLegend{Position: "top"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
		Dimension: excelize.ChartDimension{Width: 640, Height: uint(max(240, 14*len(t.Series)*len(t.Rows)+80))},
	}
	if t.Line {
		chart.Type, chart.XAxis.ReverseOrder, chart.Dimension.Height = excelize.Line, false, 300
	}
	if len(t.Series) == 1 {
		chart.Legend.Position = "none"
	}
	for _, c := range t.Series {
		col, _ := excelize.ColumnNumberToName(c + 1)
		chart.Series = append(chart.Series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$4", quoted, col),
			Categories: fmt.Sprintf("%s!$A$5:$A$%d", quoted, end),
			Values:     fmt.Sprintf("%s!$%s$5:$%s$%d", quoted, col, col, end),
		})
	}
	return f.AddChart(sheet, anchor, chart)
}

// Hidden marks a count hidden only so that a small one beside it cannot be
// worked out from a total: it is not small itself.
const Hidden = "×"

// SuppressSmall protects small numbers in a table that leaves the
// department: a count from 1 to threshold is shown as "<threshold+1", so
// that no family can be told from a count. A share whose part (ShareOf:
// share column → its whole's column) is small is hidden too: 10 % of 40
// is 4. A column's total (the referrals sent, the cases opened) and the
// sums of its Groups are known elsewhere and would give back a lone hidden
// cell, so the smallest other number of such a set is hidden with it
// (marked Hidden). It tells whether anything was suppressed, for the note
// under the table. Counts of services (OfServices) are left.
func SuppressSmall(t *StatTable, threshold int) bool {
	if threshold <= 0 {
		return false
	}
	small := func(n int) bool { return n >= 1 && n <= threshold }
	mark := "<" + strconv.Itoa(threshold+1)
	any := false
	for share, whole := range t.ShareOf { // before the wholes are marked
		for _, row := range t.Rows {
			x, okShare := row[share].(float64)
			n, okWhole := row[whole].(int)
			if part := int(math.Round(x * float64(n))); okShare && okWhole && !math.IsNaN(x) && (small(part) || small(n-part)) {
				row[share], any = Hidden, true
			}
		}
	}
	all := make([]int, len(t.Rows))
	for r := range all {
		all[r] = r
	}
	sets := append([][]int{all}, t.Groups...)
	for c := 1; c < len(t.Columns); c++ {
		if slices.Contains(t.OfServices, c) {
			continue
		}
		for _, row := range t.Rows {
			if n, ok := row[c].(int); ok && small(n) {
				row[c], any = mark, true
			}
		}
		// Hiding one cell of a set can leave another set with a lone one.
		for again := true; again; {
			again = false
			for _, set := range sets {
				again = t.hideBeside(c, set) || again
			}
		}
	}
	return any
}

// hideBeside hides, in column c, the smallest number of the rows set when
// exactly one of them is hidden, so that it cannot be worked out from
// their sum; it tells whether it hid one. Shares count by their parts;
// zero counts are left, and other numbers (a median) are not in sums.
func (t *StatTable) hideBeside(c int, set []int) bool {
	hidden, smallest, least := 0, -1, math.Inf(1)
	for _, r := range set {
		size := math.NaN()
		switch v := t.Rows[r][c].(type) {
		case string:
			hidden++
		case int:
			if v > 0 {
				size = float64(v)
			}
		case float64:
			if whole, ok := t.ShareOf[c]; ok {
				n, _ := t.Rows[r][whole].(int)
				size = v * float64(n)
			}
		}
		if size < least { // false for NaN
			smallest, least = r, size
		}
	}
	if hidden != 1 || smallest < 0 {
		return false
	}
	t.Rows[smallest][c] = Hidden
	return true
}
