package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
)

// periodKind is how the Statistics screen steps through time.
type periodKind string

const (
	periodMonth   periodKind = "month"
	periodQuarter periodKind = "quarter"
	periodYear    periodKind = "year"
	periodRange   periodKind = "range" // from one day to another, as typed
)

var periodKinds = []periodKind{periodMonth, periodQuarter, periodYear, periodRange}

// chartWidth is the width the window's charts are drawn at, in points.
const chartWidth = 480

// statisticsScreen shows what the protocol's work adds up to in a period,
// beside the period before and the same period a year before: a summary,
// then every table with its chart. A number of referrals opens them in the
// register. It keeps the period chosen while the window is open.
type statisticsScreen struct {
	ui    *UI
	store office.StatisticsSource
	now   func() time.Time

	kind    periodKind
	period  data.Period
	choose  *choice[periodKind]
	shown   *widget.Label
	from    *entry
	to      *entry
	steps   *fyne.Container // ◀ period ▶, or the two days of a range
	status  *widget.Label
	body    *fyne.Container
	scroll  *container.Scroll
	exports []*widget.Button // disabled while what is shown is not the period typed
	loading slot
	view    office.StatisticsView // the one on show (for tests)
}

func newStatisticsScreen(ui *UI, st office.StatisticsSource) *statisticsScreen {
	return &statisticsScreen{ui: ui, store: st, now: time.Now}
}

func (s *statisticsScreen) titleKey() string    { return "nav.statistics" }
func (s *statisticsScreen) icon() fyne.Resource { return theme.GridIcon() }
func (s *statisticsScreen) unsaved() bool       { return false }

func (s *statisticsScreen) build(place) fyne.CanvasObject {
	if s.kind == "" { // the last whole quarter: what goes to the executive committee
		s.kind, s.period = periodQuarter, data.QuarterOf(s.now()).Previous()
	}
	s.shown = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	s.from, s.to = newEntry(), newEntry()
	s.from.SetPlaceHolder(T("field.period_from"))
	s.to.SetPlaceHolder(T("field.period_to"))
	s.steps = container.NewStack()
	s.choose = newChoice(periodKinds, func(k periodKind) string { return T("stats.kind." + string(k)) }, nil)
	s.choose.setKey(s.kind)
	s.choose.OnChanged = func(string) { s.changeKind(s.choose.key()) }
	pdf := widget.NewButtonWithIcon(T("stats.export_pdf"), theme.DocumentPrintIcon(), func() { s.export("pdf") })
	xlsx := widget.NewButtonWithIcon(T("stats.export_xlsx"), theme.DownloadIcon(), func() { s.export("xlsx") })
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.body = container.NewVBox()
	s.scroll = container.NewVScroll(s.body)
	s.exports = []*widget.Button{pdf, xlsx}
	s.showSteps()
	bar := container.NewBorder(nil, nil, s.choose.selectBox, nil, s.steps)
	top := container.NewVBox(heading(T("nav.statistics")), bar, actionRow(pdf, xlsx), s.status)
	s.reload()
	return container.NewBorder(top, nil, nil, nil, s.scroll)
}

// showSteps puts the way to move through time under the kind: arrows for
// calendar periods, two days and Show for a range.
func (s *statisticsScreen) showSteps() {
	if s.kind == periodRange {
		s.from.SetText(FormatDay(s.period.From))
		s.to.SetText(FormatDay(s.period.To))
		show := widget.NewButtonWithIcon(T("stats.show"), theme.SearchIcon(), s.showRange)
		s.from.OnSubmitted = func(string) { s.showRange() }
		s.to.OnSubmitted = func(string) { s.showRange() }
		s.steps.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil, show, container.NewGridWithColumns(2, s.from, s.to))}
	} else {
		back := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.step(s.period.Previous()) })
		next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.step(s.period.Next()) })
		if s.period.Next().From > s.now().Format(time.DateOnly) { // nothing has happened there yet
			next.Disable()
		}
		s.steps.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, back, next, s.shown)}
	}
	s.shown.SetText(office.PeriodText(s.period, Language()))
	s.steps.Refresh()
}

// changeKind turns the period into the month, quarter or year that holds
// its first day, or into a range of its days.
func (s *statisticsScreen) changeKind(k periodKind) {
	if k == "" || k == s.kind {
		return
	}
	first, _ := time.ParseInLocation(time.DateOnly, s.period.From, time.Local)
	s.kind = k
	switch k {
	case periodMonth:
		s.period = data.MonthOf(first)
	case periodQuarter:
		s.period = data.QuarterOf(first)
	case periodYear:
		s.period = data.YearOf(first)
	}
	s.showSteps()
	if k != periodRange {
		s.reload()
	}
}

// step shows another period of the same kind.
func (s *statisticsScreen) step(p data.Period) {
	s.period = p
	s.showSteps()
	s.reload()
}

// showRange shows the days typed, or says what is wrong with them.
func (s *statisticsScreen) showRange() {
	p := data.Period{From: typedDay(s.from), To: typedDay(s.to)}
	if err := p.Validate(); err != nil {
		// The tables of another period must not pass for these days.
		s.body.RemoveAll()
		for _, b := range s.exports {
			b.Disable()
		}
		setStatus(s.status, office.ErrorMessage(err), widget.DangerImportance)
		return
	}
	s.period = p
	s.reload()
}

// reload reads and draws the period's statistics off the UI goroutine.
func (s *statisticsScreen) reload() {
	p, now, lang := s.period, s.now(), Language()
	dpi := int(72 * max(1, s.ui.win.Canvas().Scale()) * 2) // sharp on a scaled screen too
	load(s.ui.runner, &s.loading, s.status, func(ctx context.Context) (office.StatisticsView, error) {
		return office.ReadStatistics(ctx, s.store, p, now, lang, chartWidth, dpi)
	}, s.show)
}

// show lays out the summary, then each table and its chart.
func (s *statisticsScreen) show(v office.StatisticsView) {
	s.view = v
	summary := widget.NewLabel(strings.Join(v.Summary, " "))
	summary.Wrapping = fyne.TextWrapWord
	objects := []fyne.CanvasObject{summary}
	for i, section := range v.Sections {
		basis := widget.NewLabel(section.Basis)
		basis.Importance, basis.Wrapping = widget.LowImportance, fyne.TextWrapWord
		objects = append(objects, widget.NewSeparator(), heading(section.Title), basis)
		if len(section.Rows) == 0 {
			objects = append(objects, widget.NewLabel(T("stats.no_data")))
			continue
		}
		objects = append(objects, s.table(section))
		if chart := v.Charts[i]; chart.PNG != nil {
			objects = append(objects, chartImage(fmt.Sprintf("chart-%d.png", i), chart))
		}
	}
	s.body.Objects = objects
	s.body.Refresh()
	s.scroll.ScrollToTop()
	for _, b := range s.exports {
		b.Enable()
	}
}

// chartImage shows a chart drawn off the UI goroutine at its size.
func chartImage(name string, chart office.Chart) fyne.CanvasObject {
	img := canvas.NewImageFromResource(fyne.NewStaticResource(name, chart.PNG))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(chart.Width, chart.Height))
	return container.NewHBox(img)
}

// table is a section's table: the header, then a row per label, numbers
// flush right; a number of referrals is a link to them.
func (s *statisticsScreen) table(section office.StatSection) fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, title := range section.Columns {
		// "Period before (01.07.2026 – 30.09.2026)" on two lines.
		cells = append(cells, widget.NewLabelWithStyle(strings.Replace(title, " (", "\n(", 1), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	lang := Language()
	for r, row := range section.Rows {
		label := widget.NewLabel(section.CellText(r, 0, lang))
		label.Truncation = fyne.TextTruncateEllipsis
		cells = append(cells, label)
		for c := 1; c < len(row); c++ {
			cells = append(cells, s.number(section, r, c, lang))
		}
	}
	return container.New(statGrid{columns: len(section.Columns)}, cells...)
}

// number is one number of a table: a link to the referrals it counts, or
// plain text.
func (s *statisticsScreen) number(section office.StatSection, r, c int, lang string) fyne.CanvasObject {
	text := section.CellText(r, c, lang)
	f, ok := section.Behind(r, c)
	if n, isCount := section.Rows[r][c].(int); !ok || !isCount || n == 0 {
		return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{})
	}
	link := widget.NewHyperlink(text, nil)
	link.Alignment = fyne.TextAlignTrailing
	link.OnTapped = func() { s.ui.goTo(place{screen: "nav.referrals", filter: &f}) }
	return link
}

// export writes the period's report or workbook.
func (s *statisticsScreen) export(format string) {
	p := s.period
	name := T("reports.statistics_file", "from", p.From, "to", p.To) + "." + format
	s.ui.exportTo(name, func(ctx context.Context, doc office.Document) error {
		return office.ExportStatistics(ctx, s.store, p, format, doc)
	})
}

// statGrid lays a table out: the first column takes the width the
// numbers leave, each number column is as wide as its widest cell, and
// each row as tall as its tallest.
type statGrid struct{ columns int }

func (g statGrid) widths(objects []fyne.CanvasObject, total float32) []float32 {
	w := make([]float32, g.columns)
	for i, o := range objects {
		w[i%g.columns] = max(w[i%g.columns], o.MinSize().Width)
	}
	numbers := float32(0)
	for _, x := range w[1:] {
		numbers += x + theme.Padding()
	}
	w[0] = max(total-numbers, min(w[0], 160))
	return w
}

func (g statGrid) heights(objects []fyne.CanvasObject) []float32 {
	h := make([]float32, (len(objects)+g.columns-1)/g.columns)
	for i, o := range objects {
		h[i/g.columns] = max(h[i/g.columns], o.MinSize().Height)
	}
	return h
}

func (g statGrid) MinSize(objects []fyne.CanvasObject) fyne.Size {
	width := float32(0)
	for _, x := range g.widths(objects, 0) {
		width += x
	}
	height := float32(0)
	for _, y := range g.heights(objects) {
		height += y
	}
	return fyne.NewSize(width+theme.Padding()*float32(g.columns-1), height)
}

func (g statGrid) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	widths, heights := g.widths(objects, size.Width), g.heights(objects)
	y := float32(0)
	for r, h := range heights {
		x := float32(0)
		for c, w := range widths {
			if i := r*g.columns + c; i < len(objects) {
				objects[i].Move(fyne.NewPos(x, y))
				objects[i].Resize(fyne.NewSize(w, h))
			}
			x += w + theme.Padding()
		}
		y += h
	}
}
