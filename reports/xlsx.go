package reports

import (
	"archive/zip"
	"io"

	"github.com/xuri/excelize/v2"
)

// headerStyle is the style of every header row: bold on a pale blue, wrapped.
func headerStyle(f *excelize.File) (int, error) {
	return f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}})
}

// newBook is a workbook whose one sheet is named sheet, with the style of
// its date-time cells.
func newBook(sheet string) (f *excelize.File, dateTime int, err error) {
	f = excelize.NewFile()
	if err = f.SetSheetName("Sheet1", sheet); err == nil {
		dateTime, err = f.NewStyle(&excelize.Style{NumFmt: 22})
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, dateTime, nil
}

// streamSheet starts a streamed sheet: column widths, the header row frozen
// above the data. Rows follow from row 2; finishStream closes it.
func streamSheet(f *excelize.File, sheet string, widths []float64, titles []string) (*excelize.StreamWriter, error) {
	header, err := headerStyle(f)
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

// streamRow writes data row n (0 for the first under the header).
func streamRow(sw *excelize.StreamWriter, n int, row []any) error {
	cell, err := excelize.CoordinatesToCellName(1, n+2)
	if err != nil {
		return err
	}
	return sw.SetRow(cell, row)
}

// finishStream ends a streamed sheet of rows data rows as a table named
// name, which gives the header its filter buttons. (File.AutoFilter would
// read the whole streamed sheet back into memory to add them: 2 s and
// 150 MB for 5 000 services.) The header titles must differ.
func finishStream(sw *excelize.StreamWriter, name string, cols, rows int) error {
	last, err := excelize.CoordinatesToCellName(cols, rows+1)
	if err != nil {
		return err
	}
	plain := false
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: name, ShowRowStripes: &plain}); err != nil {
		return err
	}
	return sw.Flush()
}

// setRow writes one row of a sheet written cell by cell, in one style.
func setRow(f *excelize.File, sheet string, row int, values []any, style int) error {
	for c, v := range values {
		cell, err := excelize.CoordinatesToCellName(c+1, row)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			return err
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
