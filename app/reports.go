package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
)

// reportsScreen gathers every document Spilno writes in one place; each
// uses the same export as its own screen.
type reportsScreen struct {
	ui *UI
}

func newReportsScreen(ui *UI) *reportsScreen { return &reportsScreen{ui: ui} }

func (s *reportsScreen) titleKey() string    { return "nav.reports" }
func (s *reportsScreen) icon() fyne.Resource { return theme.DocumentPrintIcon() }
func (s *reportsScreen) unsaved() bool       { return false }

// report is one line of the screen: what it is, and how it is written.
type report struct {
	title, hint, file string
	write             func(ctx context.Context, path string) error
}

func (s *reportsScreen) reports() []report {
	st := s.ui.store
	lang := Language()
	list := []report{
		{T("reports.catalogue_xlsx"), T("reports.catalogue_hint"), T("report.catalogue.file") + ".xlsx", func(ctx context.Context, p string) error {
			return ExportCatalogue(ctx, st, data.ServiceFilter{}, "xlsx", p, lang, nil)
		}},
		{T("reports.catalogue_pdf"), T("reports.catalogue_hint"), T("report.catalogue.file") + ".pdf", func(ctx context.Context, p string) error {
			return ExportCatalogue(ctx, st, data.ServiceFilter{Status: data.StatusActive}, "pdf", p, lang, nil)
		}},
	}
	if versions, err := st.ProtocolVersions(context.Background()); err == nil && len(versions) > 0 {
		newest := versions[0].Version
		list = append(list,
			report{T("reports.protocol_pdf", "n", fmt.Sprint(newest)), T("reports.protocol_hint"), fmt.Sprintf("%s-%d.pdf", T("protocol.file"), newest),
				func(ctx context.Context, p string) error { return ExportProtocol(ctx, st, newest, "pdf", p, lang) }},
			report{T("reports.protocol_xlsx", "n", fmt.Sprint(newest)), T("reports.protocol_hint"), fmt.Sprintf("%s-%d.xlsx", T("protocol.file"), newest),
				func(ctx context.Context, p string) error { return ExportProtocol(ctx, st, newest, "xlsx", p, lang) }})
		if len(versions) > 1 {
			from := versions[1].Version
			list = append(list, report{T("reports.protocol_diff", "from", fmt.Sprint(from), "to", fmt.Sprint(newest)), T("reports.diff_hint"),
				fmt.Sprintf("%s-%d-%d.pdf", T("protocol.diff_file"), from, newest),
				func(ctx context.Context, p string) error { return ExportProtocolDiff(ctx, st, from, newest, p, lang) }})
		}
	}
	list = append(list,
		report{T("reports.register"), T("reports.register_hint"), T("referrals.register_file") + ".xlsx", func(ctx context.Context, p string) error {
			return ExportReferrals(ctx, st, data.ReferralFilter{Now: time.Now()}, "register", p, lang)
		}},
		report{T("reports.overdue"), T("reports.overdue_hint"), T("referrals.overdue_file") + ".pdf", func(ctx context.Context, p string) error {
			return ExportReferrals(ctx, st, data.ReferralFilter{Overdue: true, Now: time.Now(), SortBy: "due"}, "overdue", p, lang)
		}})
	return list
}

func (s *reportsScreen) build() fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, r := range s.reports() {
		r := r
		hint := widget.NewLabel(r.hint)
		hint.Wrapping = fyne.TextWrapWord
		hint.Importance = widget.LowImportance
		button := widget.NewButtonWithIcon(r.title, theme.DocumentSaveIcon(), func() { s.write(r) })
		button.Alignment = widget.ButtonAlignLeading
		rows = append(rows, button, hint)
	}
	title := widget.NewLabelWithStyle(T("nav.reports"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVScroll(container.NewVBox(append([]fyne.CanvasObject{title}, rows...)...))
}

// write asks where to save a report, then writes it with a progress bar
// that can be cancelled.
func (s *reportsScreen) write(r report) {
	s.ui.saveAs(r.file, func(path string) {
		s.ui.export(path, func(ctx context.Context) error { return r.write(ctx, path) })
	})
}
