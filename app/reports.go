package app

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
)

// reportsStore is what the Reports screen writes its documents from.
type reportsStore interface {
	office.CatalogueSource
	office.ProtocolSource
	office.RegisterSource
	office.StatisticsSource
	ProtocolVersions(ctx context.Context) ([]data.ProtocolSummary, error)
}

// reportsScreen gathers every document Spilno writes in one place; each
// uses the same export as its own screen.
type reportsScreen struct {
	ui     *UI
	store  reportsStore
	status *widget.Label
	list   *fyne.Container
}

func newReportsScreen(ui *UI, st reportsStore) *reportsScreen {
	return &reportsScreen{ui: ui, store: st}
}

func (s *reportsScreen) titleKey() string    { return "nav.reports" }
func (s *reportsScreen) icon() fyne.Resource { return theme.DocumentPrintIcon() }
func (s *reportsScreen) unsaved() bool       { return false }

// report is one line of the screen: what it is, and how it is written.
type report struct {
	title, hint, file string
	write             func(ctx context.Context, doc office.Document) error
	personal          bool // a document of personal data, offered a password
}

// reports are the documents there is something to write for.
func (s *reportsScreen) reports(versions []data.ProtocolSummary) []report {
	st := s.store
	list := []report{
		{T("reports.catalogue_xlsx"), T("reports.catalogue_hint"), T("report.catalogue.file") + ".xlsx", func(ctx context.Context, doc office.Document) error {
			return office.ExportCatalogue(ctx, st, data.ServiceFilter{}, "xlsx", doc)
		}, false},
		{T("reports.catalogue_pdf"), T("reports.catalogue_pdf_hint"), T("report.catalogue.file") + ".pdf", func(ctx context.Context, doc office.Document) error {
			return office.ExportCatalogue(ctx, st, data.ServiceFilter{}, "pdf", doc)
		}, false},
	}
	if len(versions) > 0 {
		newest := versions[0].Version
		n := strconv.Itoa(newest)
		for _, format := range []string{"pdf", "xlsx"} {
			list = append(list, report{T("reports.protocol_"+format, "n", n), T("reports.protocol_hint"), fmt.Sprintf("%s-%d.%s", T("protocol.file"), newest, format),
				func(ctx context.Context, doc office.Document) error {
					return office.ExportProtocol(ctx, st, newest, format, doc)
				}, false})
		}
		if len(versions) > 1 {
			from := versions[1].Version
			list = append(list, report{T("reports.protocol_diff", "from", strconv.Itoa(from), "to", n), T("reports.diff_hint"),
				fmt.Sprintf("%s-%d-%d.pdf", T("protocol.diff_file"), from, newest),
				func(ctx context.Context, doc office.Document) error {
					return office.ExportProtocolDiff(ctx, st, from, newest, false, doc)
				}, false})
		}
	}
	now := time.Now()
	for _, p := range []data.Period{data.QuarterOf(now).Previous(), data.YearOf(now).Previous()} { // the last whole quarter and year
		for _, format := range []string{"pdf", "xlsx"} {
			list = append(list, report{T("reports.statistics_"+format, "period", office.PeriodText(p, Language())), T("reports.statistics_" + format + "_hint"),
				T("reports.statistics_file", "from", p.From, "to", p.To) + "." + format, func(ctx context.Context, doc office.Document) error {
					return office.ExportStatistics(ctx, st, p, format, doc)
				}, false})
		}
	}
	return append(list,
		report{T("reports.register"), T("reports.register_hint"), T("referrals.register_file") + ".xlsx", func(ctx context.Context, doc office.Document) error {
			return office.ExportRegister(ctx, st, data.ReferralFilter{Now: time.Now()}, doc)
		}, true},
		report{T("reports.overdue"), T("reports.overdue_hint"), T("referrals.overdue_file") + ".pdf", func(ctx context.Context, doc office.Document) error {
			return office.ExportOverdue(ctx, st, data.ReferralFilter{Now: time.Now()}, doc)
		}, true})
}

func (s *reportsScreen) build(place) fyne.CanvasObject {
	s.status = widget.NewLabel("")
	s.list = container.NewVBox()
	load(s.ui.runner, nil, s.status, s.store.ProtocolVersions, func(versions []data.ProtocolSummary) {
		for _, r := range s.reports(versions) {
			hint := widget.NewLabel(r.hint)
			hint.Wrapping = fyne.TextWrapWord
			export := s.ui.exportTo
			if r.personal {
				export = s.ui.exportProtected
			}
			button := widget.NewButtonWithIcon(r.title, theme.DocumentSaveIcon(), func() { export(r.file, r.write) })
			button.Alignment = widget.ButtonAlignLeading
			s.list.Add(button)
			s.list.Add(hint)
		}
	})
	return container.NewVScroll(container.NewVBox(heading(T("nav.reports")), s.status, s.list))
}
