package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/i18n"
	"spilno/office"
	"spilno/reports"
)

// auditStore is what the audit log dialog reads.
type auditStore interface {
	AuditEntries(ctx context.Context, f data.AuditFilter) ([]data.AuditEntry, error)
	AuditChoices(ctx context.Context) (operators, entities, actions []string, err error)
}

// auditShown is how many of the newest rows the dialog lists; the file
// gets every row the filters choose.
const auditShown = 2000

// auditLog is the dialog that reads the audit log: what was done, when
// and by whom, chosen by period, operator, kind of record and action.
type auditLog struct {
	ui                       *UI
	store                    auditStore
	from, to                 *entry
	operator, entity, action *choice[string]
	entries                  []data.AuditEntry
	table                    *dataTable
	count, detail            *widget.Label // detail: the chosen row whole
	body                     *fyne.Container
	search                   slot
}

// showAuditLog reads the choices the log offers, then opens the dialog.
func (s *settingsScreen) showAuditLog() {
	type choices struct{ operators, entities, actions []string }
	load(s.ui.runner, nil, nil, func(ctx context.Context) (choices, error) {
		o, e, a, err := s.store.AuditChoices(ctx)
		return choices{o, e, a}, err
	}, func(c choices) {
		s.audit = &auditLog{ui: s.ui, store: s.store}
		s.audit.open(c.operators, c.entities, c.actions)
	})
}

func (a *auditLog) open(operators, entities, actions []string) {
	lang := Language()
	changed := func() { a.reload() }
	a.operator = newChoice(operators, func(s string) string { return s }, changed)
	a.entity = newChoice(entities, func(s string) string { return reports.AuditLabel(lang, "entity", s) }, changed)
	a.action = newChoice(actions, func(s string) string { return reports.AuditLabel(lang, "action", s) }, changed)
	for _, c := range []struct {
		choice *choice[string]
		all    string
	}{{a.operator, "audit.any_operator"}, {a.entity, "audit.any_entity"}, {a.action, "audit.any_action"}} {
		c.choice.withAll()
		c.choice.Options[0] = T(c.all)
		c.choice.SetSelectedIndex(0)
	}
	a.from, a.to = newEntry(), newEntry()
	a.from.SetPlaceHolder(T("audit.from"))
	a.to.SetPlaceHolder(T("audit.to"))
	a.from.OnChanged, a.to.OnChanged = func(string) { a.reload() }, func(string) { a.reload() }
	a.count = widget.NewLabel("")
	a.detail = widget.NewLabel("")
	a.detail.Wrapping = fyne.TextWrapWord
	a.table = newDataTable(a.spec())
	export := widget.NewButtonWithIcon(T("audit.export"), theme.DownloadIcon(), func() {
		f := a.filter()
		a.ui.exportTo(T("audit.file")+".xlsx", func(ctx context.Context, doc office.Document) error {
			return office.ExportAudit(ctx, a.store, f, doc)
		})
	})
	var d dialog.Dialog
	closeButton := widget.NewButton(T("button.close"), func() { d.Hide() })
	filters := container.NewGridWithColumns(5, a.from, a.to, a.operator.selectBox, a.entity.selectBox, a.action.selectBox)
	kept := widget.NewLabel(T("audit.kept"))
	kept.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(filters, container.NewHBox(a.count, layout.NewSpacer(), export))
	bottom := container.NewVBox(a.detail, kept, container.NewHBox(layout.NewSpacer(), closeButton))
	a.body = container.NewBorder(top, bottom, nil, nil, a.table)
	d = dialog.NewCustomWithoutButtons(T("audit.title"), a.body, a.ui.win)
	d.Resize(fyne.NewSize(1100, 640))
	showWithKeys(a.ui.win, d, dialogKeys{cancel: d.Hide})
	a.reload()
}

func (a *auditLog) spec() tableSpec {
	lang := Language()
	columns := []string{"at", "operator", "entity", "entity_id", "action", "summary"}
	return tableSpec{
		rows:   func() int { return len(a.entries) },
		widths: []float32{150, 170, 190, 110, 150, 420},
		cell: func(row, col int) (string, widget.Importance) {
			e := a.entries[row]
			return [...]string{i18n.FormatStampIn(lang, e.At), e.Operator, reports.AuditLabel(lang, "entity", e.Entity),
				reports.AuditRecord(lang, e), reports.AuditLabel(lang, "action", e.Action), reports.AuditSummary(lang, e.Summary)}[col], widget.MediumImportance
		},
		header: func(col int) (string, bool, bool) { return T("audit.col_" + columns[col]), col == 0, true },
		sort:   func(int) {}, // newest first, as a log reads
		open:   a.showDetail,
		chosen: a.showDetail,
	}
}

// showDetail shows a row whole under the table: its summary does not fit
// its column (a file's path, the personal data an export held).
func (a *auditLog) showDetail(row int) {
	text := T("audit.choose_row")
	if row >= 0 && row < len(a.entries) {
		lang, e := Language(), a.entries[row]
		text = joinNonEmpty(" · ", i18n.FormatStampIn(lang, e.At), e.Operator, reports.AuditLabel(lang, "entity", e.Entity),
			reports.AuditRecord(lang, e), reports.AuditLabel(lang, "action", e.Action)) + "\n" + reports.AuditSummary(lang, e.Summary)
	}
	a.detail.SetText(text)
	a.body.Refresh() // the line may need more room than before
}

// filter reads the dialog's filters; a date that cannot be read yet (still
// being typed) chooses nothing.
func (a *auditLog) filter() data.AuditFilter {
	return data.AuditFilter{Operator: a.operator.key(), Entity: a.entity.key(), Action: a.action.key(), Limit: auditShown,
		From: dayIn(a.from), To: dayIn(a.to)}
}

// reload reads the rows the filters choose, the newest run winning.
func (a *auditLog) reload() {
	if a.table == nil {
		return // still building
	}
	for _, e := range []*entry{a.from, a.to} {
		if strings.TrimSpace(e.Text) != "" && dayIn(e) == "" {
			a.count.SetText(e.PlaceHolder + ": " + office.RuleMessage(data.FieldError{Rule: "date"}))
			return // the list stays as it was until the date can be read
		}
	}
	f := a.filter()
	load(a.ui.runner, &a.search, a.count, func(ctx context.Context) ([]data.AuditEntry, error) {
		return a.store.AuditEntries(ctx, f)
	}, func(list []data.AuditEntry) {
		a.entries = list
		text := Plural("audit.count", len(list))
		if len(list) == auditShown {
			text += " — " + T("audit.newest", "n", i18n.FormatInt(auditShown))
		}
		a.count.SetText(text)
		a.table.forget()
		a.showDetail(-1)
		a.table.Refresh()
	})
}
