package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// tableSpec says what a dataTable shows and does.
type tableSpec struct {
	rows   func() int
	widths []float32
	// cell is the text of a cell and how it stands out (overdue in red).
	cell func(row, col int) (string, widget.Importance)
	// header is a column's title and whether the table is sorted by it.
	header func(col int) (title string, sorted, desc bool)
	sort   func(col int)
	open   func(row int)
	chosen func(row int) // told when a row is selected; may be nil
}

// dataTable is a table of records: a tap on a header sorts by it, a tap on
// a row selects it, a double click or Enter opens it.
type dataTable struct {
	widget.Table
	spec     tableSpec
	selected int
}

func newDataTable(spec tableSpec) *dataTable {
	t := &dataTable{spec: spec, selected: -1}
	t.Length = func() (int, int) { return spec.rows(), len(spec.widths) }
	t.CreateCell = func() fyne.CanvasObject {
		l := &tableCell{open: t.open, selectRow: func(row int) { t.Select(widget.TableCellID{Row: row, Col: 0}) }}
		l.Truncation = fyne.TextTruncateEllipsis
		l.ExtendBaseWidget(l)
		return l
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*tableCell)
		l.row = id.Row
		text, imp := spec.cell(id.Row, id.Col)
		l.SetText(text)
		if l.Importance != imp {
			l.Importance = imp
			l.Refresh()
		}
	}
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		title, sorted, desc := spec.header(id.Col)
		if sorted {
			if desc {
				title += " ▼"
			} else {
				title += " ▲"
			}
		}
		b.SetText(title)
		col := id.Col
		b.OnTapped = func() { spec.sort(col) }
	}
	t.OnSelected = func(id widget.TableCellID) {
		t.selected = id.Row
		if spec.chosen != nil {
			spec.chosen(id.Row)
		}
	}
	t.ExtendBaseWidget(t)
	for i, w := range spec.widths {
		t.SetColumnWidth(i, w)
	}
	return t
}

func (t *dataTable) open(row int) {
	t.selected = row
	t.spec.open(row)
}

// forget drops the selection and goes back to the first row after the
// rows changed: a new search shows its results from the top.
func (t *dataTable) forget() {
	t.selected = -1
	t.UnselectAll()
	t.ScrollToTop()
}

// TypedKey opens the selected row on Enter; other keys move as usual.
func (t *dataTable) TypedKey(e *fyne.KeyEvent) {
	if (e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter) && t.selected >= 0 {
		t.spec.open(t.selected)
		return
	}
	t.Table.TypedKey(e)
}

// tableCell is a label in a table that selects its row on a tap and opens
// it on a double click.
type tableCell struct {
	widget.Label
	row       int
	open      func(row int)
	selectRow func(row int)
}

func (l *tableCell) Tapped(*fyne.PointEvent)       { l.selectRow(l.row) }
func (l *tableCell) DoubleTapped(*fyne.PointEvent) { l.selectRow(l.row); l.open(l.row) }
