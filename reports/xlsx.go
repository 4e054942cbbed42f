package reports

import (
	"archive/zip"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// headerStyle is the style of every header row: bold on a pale blue, wrapped.
func headerStyle(f *excelize.File) (int, error) {
	return f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}})
}

// newBook is a workbook whose one sheet is named sheet, with the style of
// its date-time cells.
func newBook(sheet string) (f *excelize.File, st cellStyles, err error) {
	f = excelize.NewFile()
	if err = f.SetSheetName("Sheet1", sheet); err == nil {
		st.dateTime, err = f.NewStyle(&excelize.Style{NumFmt: 22})
	}
	if err == nil {
		st.date, err = f.NewStyle(&excelize.Style{NumFmt: 14})
	}
	if err != nil {
		f.Close()
		return nil, st, err
	}
	return f, st, nil
}

// cellStyles are the styles of a book's date cells: the reader's own
// date (and time) format, which Excel and LibreOffice take from the locale.
type cellStyles struct{ dateTime, date int }

// streamSheet starts a streamed sheet of about rows data rows: column
// widths, the header row frozen above the data, the used range declared
// (readers that trust it, openpyxl's read-only mode among them, would see
// one row), and printing set up. Rows follow from row 2; finishStream
// closes it.
func streamSheet(f *excelize.File, sheet, title string, widths []float64, titles []string, rows int) (*excelize.StreamWriter, error) {
	header, err := headerStyle(f)
	if err != nil {
		return nil, err
	}
	// What the stream writer writes before the rows must be set first.
	last, err := excelize.CoordinatesToCellName(len(titles), rows+1)
	if err == nil {
		err = f.SetSheetDimension(sheet, "A1:"+last)
	}
	if err == nil {
		err = printSetup(f, sheet, title)
	}
	if err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	// Last column first: excelize's StreamWriter puts each width before
	// the ones set earlier, and Excel wants them in ascending order.
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	row := make([]any, len(titles))
	for i, t := range titles {
		row[i] = excelize.Cell{StyleID: header, Value: t}
	}
	return sw, sw.SetRow("A1", row)
}

// startSheet is streamSheet for a workbook's main sheet: the document's
// properties say what it is, and each printed page says it with the
// community's name.
func startSheet(f *excelize.File, sheet, title string, widths []float64, titles []string, rows int, o Options) (*excelize.StreamWriter, error) {
	if err := describe(f, title, o.Community, o); err != nil {
		return nil, err
	}
	if o.Community != "" {
		title += " — " + o.Community
	}
	return streamSheet(f, sheet, title, widths, titles, rows)
}

// printSetup prints a sheet as its readers expect: landscape, one page
// wide, the header row on every page, the title at the top of each page
// and the page number at the foot.
func printSetup(f *excelize.File, sheet, title string) error {
	landscape, wide, tall := "landscape", 1, 0
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	// "&&" is a literal ampersand in a header; "&P" and "&N" the page and pages.
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&C&B" + strings.ReplaceAll(title, "&", "&&"), OddFooter: "&C&P / &N"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1", Scope: sheet})
}

// streamRow writes data row n (0 for the first under the header). Empty
// texts become empty cells, not cells holding "".
func streamRow(sw *excelize.StreamWriter, n int, row []any) error {
	cell, err := excelize.CoordinatesToCellName(1, n+2)
	if err != nil {
		return err
	}
	for i, v := range row {
		if s, ok := v.(string); ok && s == "" {
			row[i] = nil
		}
	}
	return sw.SetRow(cell, row)
}

// finishStream ends a streamed sheet of rows data rows with the header's
// filter buttons: a sheet autofilter, which LibreOffice shows and Excel
// too (a table's own filter LibreOffice does not show). It is set on the
// sheet before the stream is flushed, so nothing is read back.
func finishStream(f *excelize.File, sw *excelize.StreamWriter, cols, rows int) error {
	last, err := excelize.CoordinatesToCellName(cols, rows+1)
	if err != nil {
		return err
	}
	if err := f.AutoFilter(sw.Sheet, "A1:"+last, nil); err != nil {
		return err
	}
	return sw.Flush()
}

// describe fills in the document properties readers show: the title, the
// subject, who made it (the community) and when, and its language.
func describe(f *excelize.File, title, subject string, o Options) error {
	creator := o.Community
	if creator == "" {
		creator = "Spilno"
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	stamp := now.UTC().Format(time.RFC3339)
	return f.SetDocProps(&excelize.DocProperties{Title: title, Subject: subject, Creator: creator, LastModifiedBy: creator,
		Created: stamp, Modified: stamp, Language: o.Lang, Category: "Spilno"})
}

// setRow writes one row of a sheet written cell by cell, in one style.
func setRow(f *excelize.File, sheet string, row int, values []any, style int) error {
	for c, v := range values {
		cell, err := excelize.CoordinatesToCellName(c+1, row)
		if err != nil {
			return err
		}
		if v != "" { // an empty field is an empty cell, not an empty text
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
			return err
		}
	}
	return nil
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// writeBook writes the workbook to w as it zips it: File.Write zips the
// whole workbook into memory first, 90 MB more for a million referrals
// (and its copies as the buffer grows). What that buffer would be kept
// for, patching the headers of a sheet over 4 GB, is beyond what Excel
// opens anyway.
//
// A workbook with a password is encrypted whole, as excelize does it: in
// memory, once.
func writeBook(f *excelize.File, w io.Writer, password string) error {
	if password != "" {
		return f.Write(w, excelize.Options{Password: password})
	}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	return f.Write(io.Discard)
}
